// Learner-facing honesty of the exercises (fixture tests/fixtures/browser-exercises, built by
// tests/browser.rs): a sort cannot be checked until every card has an answer; a revealed quiz
// never passes; the completion date is the day of completion; started lessons show "k of n".
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { check, env, finish, launch, textOf, watchRequests } from './lib.mjs';

const BASE = env('BASE_URL');
const SORT = `${BASE}/practice/sort.html`;
const QUIZ = `${BASE}/practice/quiz.html`;
const MODULE = `${BASE}/practice/index.html`;
const HOME = `${BASE}/index.html`;
const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const foreign = [];
const browser = await launch();

await check('sort: checking is blocked until every card has an answer, and no answer is shown', async () => {
  const context = await browser.newContext();
  watchRequests(context, BASE, foreign);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(SORT);
  const answers = await page.$$eval('li.sort-item', (l) => l.map((li) => li.dataset.answer));
  assert.equal(answers.length, 9);
  const selects = await page.$$('li.sort-item select');
  for (let i = 0; i < 6; i++) await selects[i].selectOption(answers[i]);
  await page.click('[data-sort-check]');
  assert.equal(await textOf(page, '.sort-result'), 'Choose an answer for every card first (3 left).');
  const feedback = await page.$$eval('li.sort-item .sort-feedback', (l) => l.filter((p) => p.checkVisibility()).map((p) => p.textContent));
  assert.deepEqual(feedback, [], 'no card shows feedback before all are answered');
  const marked = await page.$$eval('li.sort-item', (l) => l.filter((li) => li.classList.contains('is-correct') || li.classList.contains('is-wrong')).length);
  assert.equal(marked, 0);
  for (let i = 6; i < 9; i++) await selects[i].selectOption(answers[i]);
  await page.click('[data-sort-check]');
  assert.equal(await textOf(page, '.sort-result'), '9 of 9 right');
  assert.deepEqual(errors, []);
  await context.close();
});

async function fresh() {
  const context = await browser.newContext();
  watchRequests(context, BASE, foreign);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}
const results = (page) => page.$$eval('fieldset.quiz-question .quiz-result', (l) => l.map((p) => p.textContent));
const correctOnes = (page) => page.$$eval('fieldset.quiz-question input', (l) => l.filter((i) => i.dataset.correct === 'true').map((i) => i.id));
async function passQuiz(page) {
  for (const id of await correctOnes(page)) await page.check(`[id="${id}"]`);
  await page.click('[data-quiz-check]');
}

await check('quiz: a reveal never passes, and passing after it needs a fresh answer', async () => {
  const { context, page, errors } = await fresh();
  await page.goto(QUIZ);
  assert.equal(await textOf(page, '[data-lesson-progress] .progress-text'), '0 of 3 done');
  await page.click('[data-quiz-reveal]');
  assert.deepEqual(await results(page), ['Answer shown.', 'Answer shown.']);
  assert.equal(await textOf(page, '[data-lesson-progress] .progress-text'), '0 of 3 done');
  await page.click('[data-quiz-check]');
  const own = 'Choose your own answer: press Try again first.';
  assert.deepEqual(await results(page), [own, own]);
  assert.equal(await textOf(page, '[data-lesson-progress] .progress-text'), '0 of 3 done');
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('lectern:v2:' + document.body.dataset.course)));
  const e = stored.pages['practice/quiz'];
  assert.equal(e['quiz:what-coaching-is'].d, 0, 'revealing never sets the passed day');
  assert.ok(e['quiz:what-coaching-is'].r > 0, 'the reveal is recorded');
  assert.equal(e['quiz:what-coaching-is'].t, 0, 'checking the shown answers is no attempt');
  await page.click('[data-quiz-retry]');
  assert.equal(await page.$$eval('fieldset.quiz-question input:checked', (l) => l.length), 0, 'Try again clears the choices');
  assert.deepEqual(await results(page), ['', '']);
  await passQuiz(page);
  assert.deepEqual(await results(page), ['Correct. Yes. Coaching draws the answer out of the seller.', 'Correct. Coaching is the core of the job. You can only coach what you have seen.']);
  assert.equal(await textOf(page, '[data-lesson-progress] .progress-text'), '2 of 3 done');
  assert.deepEqual(errors, []);
  await context.close();
});

await check('partial counts: a started lesson shows "k of n" in the sidebar and on the module page', async () => {
  const { context, page, errors } = await fresh();
  await page.goto(QUIZ);
  const side = '#sidebar li[data-lesson="practice/quiz"] .part-count';
  assert.equal(await page.$(side), null, 'nothing while the lesson is not started');
  await page.check('[data-checklist] input[data-item]');
  assert.equal((await textOf(page, side)).trim(), '1 of 3');
  await passQuiz(page);
  assert.equal(await page.$(side), null, 'a complete lesson shows no partial count');
  await page.uncheck('[data-checklist] input[data-item]');
  assert.equal((await textOf(page, side)).trim(), '2 of 3');
  await page.goto(MODULE);
  const row = 'ol.lesson-list li[data-lesson="practice/quiz"]';
  assert.equal((await textOf(page, `${row} .part-count`)).trim(), '2 of 3');
  const name = await page.$eval(`${row} a`, (a) => a.textContent.replace(/\s+/g, ' ').trim());
  assert.equal(name, 'Quiz 2 of 3', 'the count is inside the link, read with it');
  assert.equal(await page.$('ol.lesson-list li[data-lesson="practice/sort"] .part-count'), null);
  assert.deepEqual(errors, []);
  await context.close();
});

await check('completion date: the day the course was completed, not the day it is viewed', async () => {
  const { context, page, errors } = await fresh();
  await page.clock.setFixedTime(new Date(2026, 2, 10, 10, 0));
  await page.goto(QUIZ);
  await passQuiz(page);
  await page.check('[data-checklist] input[data-item]');
  await page.goto(SORT);
  const answers = await page.$$eval('li.sort-item', (l) => l.map((li) => li.dataset.answer));
  const selects = await page.$$('li.sort-item select');
  for (let i = 0; i < answers.length; i++) await selects[i].selectOption(answers[i]);
  await page.click('[data-sort-check]');
  for (const box of await page.$$('[data-checklist] input[data-item]')) await box.check();
  await page.goto(HOME);
  const first = await page.evaluate(() => new Date(2026, 2, 10).toLocaleDateString(undefined, { dateStyle: 'long' }));
  assert.equal(await page.isVisible('[data-completion]'), true);
  assert.equal(await textOf(page, '[data-completion-date]'), first);
  await page.clock.setFixedTime(new Date(2026, 2, 17, 10, 0));
  await page.reload();
  assert.equal(await page.evaluate(() => new Date().getDate()), 17, 'the clock moved a week');
  assert.equal(await textOf(page, '[data-completion-date]'), first);
  assert.deepEqual(errors, []);
  await context.close();
});

await check('partial counts and shown answers pass axe (contrast too) in light and dark', async () => {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ colorScheme: scheme });
    watchRequests(context, BASE, foreign);
    const page = await context.newPage();
    await page.goto(QUIZ);
    await page.check('[data-checklist] input[data-item]');
    await page.click('[data-quiz-reveal]');
    await page.click('[data-quiz-check]');
    for (const url of [null, MODULE]) {
      if (url) await page.goto(url);
      await page.addScriptTag({ path: AXE });
      const v = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } }));
      assert.deepEqual(v.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `${scheme} ${page.url()}`);
    }
    await context.close();
  }
});

await check('continue link follows the last lesson worked on; completion is announced in a live region', async () => {
  const { context, page, errors } = await fresh();
  const link = '[data-continue] a', live = '[data-announce]';
  const home = async () => {
    await page.goto(HOME);
    if (!(await page.isVisible('[data-continue]'))) return null;
    return page.$eval(link, (a) => [a.textContent, a.href]);
  };
  assert.equal(await home(), null, 'hidden while nothing is done');
  await page.goto(QUIZ);
  await passQuiz(page);
  assert.equal(await textOf(page, live), '', 'nothing to announce while the lesson is not complete');
  assert.deepEqual(await home(), ['Continue where you left off: Quiz', QUIZ]);
  await page.goto(QUIZ);
  assert.equal(await page.$eval(live, (p) => p.getAttribute('role')), 'status');
  assert.equal(await textOf(page, live), '', 'empty on load');
  await page.check('[data-checklist] input[data-item]');
  assert.equal(await textOf(page, live), 'Lesson complete.');
  assert.deepEqual(await home(), ['Continue where you left off: Sort', SORT]);
  await page.goto(SORT);
  const answers = await page.$$eval('li.sort-item', (l) => l.map((li) => li.dataset.answer));
  const selects = await page.$$('li.sort-item select');
  for (let i = 0; i < answers.length; i++) await selects[i].selectOption(answers[i]);
  await page.click('[data-sort-check]');
  assert.equal(await textOf(page, live), '');
  for (const box of await page.$$('[data-checklist] input[data-item]')) await box.check();
  assert.equal(await textOf(page, live), 'Lesson complete. Module complete.');
  assert.equal(await home(), null, 'hidden when everything is done');
  assert.deepEqual(errors, []);
  await context.close();
});

await check('no request leaves the site', () => { assert.deepEqual(foreign, []); });

await browser.close();
finish();
