// An assessment in a SCORM package (VERSION 12 or 2004) in the scorm-again test LMS
// (tests/browser/scorm-again-lms.html), in Chromium: the browser-exercises fixture whose quiz
// lesson says `assessment: true` and `pass: 80%`. A half-right try gives score 50 and failed;
// a retry with every answer right gives 100 and passed, committed; leaving keeps it.
import assert from 'node:assert/strict';
import { check, env, finish, launch } from './lib.mjs';
import { collectErrors, lessonIn } from './scorm_frames.mjs';

const BASE = env('BASE_URL');
const V = env('VERSION');
const K = V === '2004'
  ? { verdict: 'cmi.success_status', raw: 'cmi.score.raw', max: 'cmi.score.max', completion: 'cmi.completion_status', exit: 'cmi.exit' }
  : { verdict: 'cmi.core.lesson_status', raw: 'cmi.core.score.raw', max: 'cmi.core.score.max', exit: 'cmi.core.exit' };
const browser = await launch();
const page = await (await browser.newContext()).newPage();
const errors = collectErrors(page);
const lms = () => page.evaluate((k) => JSON.parse(localStorage.getItem(k)), `lms-${V}`);
/** The last commit once `test` holds for its data. */
async function committed(test, what) {
  for (let i = 0; i < 60; i++) {
    const c = (await lms()).commits.pop();
    if (c && test(c.data)) return c.data;
    await page.waitForTimeout(100);
  }
  assert.fail(`no commit with ${what}: ${JSON.stringify((await lms()).commits.slice(-1))}`);
}

await check(`SCORM ${V}: a half-right assessment scores 50 and fails against the 80% pass mark`, async () => {
  await page.goto(`${BASE}/lms.html?v=${V}`);
  const home = await lessonIn(page, '/index.html');
  await home.goto(`${BASE}/course/practice/quiz.html`);
  const quiz = await lessonIn(page, '/practice/quiz.html');
  await quiz.check('#what-coaching-is-1');
  await quiz.check('#manager-tasks-0');
  await quiz.click('[data-quiz-check]');
  const data = await committed((d) => d[K.verdict] === 'failed', 'failed');
  assert.equal(String(data[K.raw]), '50');
  assert.equal(String(data[K.max]), '100');
  if (V === '2004') {
    assert.equal(String(data['cmi.score.scaled']), '0.5');
    assert.equal(data[K.completion], 'incomplete');
  }
});

await check(`SCORM ${V}: every answer right on a retry scores 100 and passes`, async () => {
  const quiz = await lessonIn(page, '/practice/quiz.html');
  await quiz.click('[data-quiz-retry]');
  await quiz.check('#what-coaching-is-1');
  await quiz.check('#manager-tasks-0');
  await quiz.check('#manager-tasks-2');
  await quiz.click('[data-quiz-check]');
  const data = await committed((d) => d[K.verdict] === 'passed', 'passed');
  assert.equal(String(data[K.raw]), '100');
  if (V === '2004') assert.equal(String(data['cmi.score.scaled']), '1');
  await page.goto(`${BASE}/blank.html`);
  const end = (await lms()).ends[0].data;
  assert.equal(end[K.verdict], 'passed');
  assert.equal(end[K.exit], V === '2004' ? 'suspend' : '', 'SCORM 2004: passed, but the sort lesson is still to do');
});

await check('no console errors', async () => {
  assert.deepEqual(errors, []);
});

await browser.close();
finish();
