// A pooled assessment quiz in a SCORM package (VERSION 12 or 2004) in the scorm-again test LMS
// (tests/browser/scorm-again-lms.html), in Chromium: the browser-assessment fixture, whose quiz
// draws 2 of its 3 questions with a pass mark of 50%. One drawn question right and one wrong
// scores 50 (over the drawn questions, not all three) and passes.
import assert from 'node:assert/strict';
import { check, env, finish, launch } from './lib.mjs';
import { collectErrors, lessonIn } from './scorm_frames.mjs';

const BASE = env('BASE_URL');
const V = env('VERSION');
const K = V === '2004'
  ? { verdict: 'cmi.success_status', raw: 'cmi.score.raw' }
  : { verdict: 'cmi.core.lesson_status', raw: 'cmi.core.score.raw' };
const browser = await launch();
const page = await (await browser.newContext()).newPage();
const errors = collectErrors(page);
const lms = () => page.evaluate((k) => JSON.parse(localStorage.getItem(k)), `lms-${V}`);

await check(`SCORM ${V}: half of the drawn questions right scores 50 and passes`, async () => {
  await page.goto(`${BASE}/lms.html?v=${V}`);
  const home = await lessonIn(page, '/index.html');
  await home.goto(`${BASE}/course/final/check.html`);
  const quiz = await lessonIn(page, '/final/check.html');
  const drawn = await quiz.$$eval('fieldset.quiz-question', (l) => l.filter((f) => !f.hidden).map((f) => f.dataset.question));
  assert.equal(drawn.length, 2);
  // the first drawn question right, the second wrong
  await quiz.evaluate((ids) => ids.forEach((id, n) => {
    const fs = document.querySelector(`fieldset[data-question="${id}"]`);
    fs.querySelectorAll('li.sort-item').forEach((li) => {
      const sel = li.querySelector('select'), other = Array.from(sel.options).find((o) => o.value && o.value !== li.dataset.answer);
      sel.value = n === 0 ? li.dataset.answer : other.value;
    });
    fs.querySelectorAll('input').forEach((i) => { i.checked = (i.dataset.correct === 'true') === (n === 0); });
  }), drawn);
  await quiz.click('[data-quiz-check]');
  let data = null;
  for (let i = 0; i < 60 && !data; i++) {
    const c = (await lms()).commits.pop();
    if (c && c.data[K.raw] !== undefined && c.data[K.raw] !== '') data = c.data;
    else await page.waitForTimeout(100);
  }
  assert.ok(data, 'a commit with a score');
  assert.equal(String(data[K.raw]), '50');
  assert.equal(data[K.verdict], 'passed');
});

await check('no console errors', async () => {
  assert.deepEqual(errors, []);
});

await browser.close();
finish();
