// An assessment quiz in the browser (fixture tests/fixtures/browser-assessment, built by
// tests/browser.rs): a pool of 2 of 3 questions, kept across reload and drawn anew on "try
// again"; order and match questions answered by keyboard only; the score against the pass
// mark; two attempts, then the quiz locks. axe finds nothing in any of these states.
import assert from 'node:assert/strict';
import { axeViolations, check, env, finish, launch, tabTo, textOf } from './lib.mjs';

const BASE = env('BASE_URL');
const KEY = 'lectern:v2:assessment-checks';
const URL = `${BASE}/final/check.html`;
const browser = await launch();
const context = await browser.newContext();
// the first draw takes questions 0 and 1 (see quiz.js's draw: Fisher–Yates from the end)
await context.addInitScript(() => { Math.random = () => 0.99; });
const page = await context.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));

const shown = () => page.$$eval('fieldset.quiz-question', (l) => l.filter((f) => !f.hidden).map((f) => f.dataset.question));
const status = () => textOf(page, '.quiz-status');
const quizEntry = () => page.evaluate((k) => JSON.parse(localStorage.getItem(k)).pages['final/check']['quiz:@final'], KEY);
const noViolations = async (what) => assert.deepEqual(await axeViolations(page), [], what);

/** Answers every card of the question `id` by keyboard: Tab to its select, arrow keys down to
 * the right option (or one past it when `wrong`). */
async function arrange(id, wrong = false) {
  const cards = await page.$$eval(`fieldset[data-question="${id}"] li.sort-item`, (l) => l.map((li) => {
    const sel = li.querySelector('select');
    return { id: sel.id, steps: Array.from(sel.options).findIndex((o) => o.value === li.dataset.answer) };
  }));
  for (const c of cards) {
    await tabTo(page, `#${c.id}`);
    const steps = wrong ? (c.steps % (cards.length)) + 1 : c.steps;
    for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await page.$eval(`#${c.id}`, (s) => s.selectedIndex), steps, `${c.id} chosen by keyboard`);
  }
}
async function checkByKeyboard() {
  await tabTo(page, '[data-quiz-check]');
  await page.keyboard.press('Enter');
}

await check('a pool shows 2 of the 3 questions, the same ones after a reload', async () => {
  await page.goto(URL);
  assert.deepEqual(await shown(), ['steps', 'roles']);
  assert.equal(await status(), 'Attempt 1 of 2');
  assert.deepEqual((await quizEntry()).p, [0, 1], 'the drawn set is in the record');
  assert.equal(await page.$eval('[data-quiz-reveal]', (b) => b.hidden), true, 'no "show answers" with attempts');
  await page.evaluate(() => { Math.random = () => 0; });
  await page.reload();
  assert.deepEqual(await shown(), ['steps', 'roles'], 'a reload keeps the attempt\'s questions');
  await noViolations('a fresh attempt');
});

await check('order and match by keyboard: right answers score 2 of 2 and pass', async () => {
  await arrange('steps');
  await arrange('roles');
  await checkByKeyboard();
  assert.equal(await textOf(page, 'fieldset[data-question="steps"] .quiz-result'), 'Correct.');
  assert.equal(await textOf(page, 'fieldset[data-question="roles"] .quiz-result'), 'Correct.');
  const finance = await page.$eval('fieldset[data-question="roles"] li.sort-item:has(.sort-explain)', (li) => [li.className, li.querySelector('.sort-feedback').textContent.trim()]);
  assert.deepEqual(finance, ['sort-item is-correct', 'Right — Informs price floors. Finance explains the return the business needs.']);
  assert.equal(await page.$eval('fieldset[data-question="steps"] [data-feedback-for=all]', (p) => p.hidden), false, 'the explanation shows once checked');
  assert.equal(await status(), '2 of 2 right (100%) Passed. Attempt 2 of 2');
  const e = await quizEntry();
  assert.deepEqual([e.t, e.l, e.n, e.d > 0, e.r > 0], [1, 2, 2, true, true]);
  await noViolations('checked, all right');
});

await check('the score survives a reload; the second attempt, half right, is the last', async () => {
  await page.reload();
  assert.equal(await status(), '2 of 2 right (100%) Passed. Attempt 2 of 2');
  assert.equal(await page.$$eval('form.quiz fieldset.is-correct', (l) => l.length), 0, 'a test shows no answer as given after a reload');
  await page.evaluate(() => { Math.random = () => 0; });
  await checkByKeyboard(); // nothing chosen: the check counts no attempt
  await tabTo(page, '[data-quiz-retry]');
  await page.keyboard.press('Enter');
  assert.deepEqual(await shown(), ['steps', 'roles'], 'no new draw before this draw was checked in this visit');
  await page.reload();
  await arrange('steps');
  await arrange('roles', true);
  await checkByKeyboard();
  assert.equal(await status(), '1 of 2 right (50%) Passed. No attempts left.');
  assert.equal(await textOf(page, 'fieldset[data-question="roles"] .quiz-result'), '0 of 3 right');
});

await check('attempts run out: the quiz locks, also after a reload', async () => {
  const locked = () => page.$eval('form.quiz', (f) => [f.classList.contains('is-locked'), f.querySelector('[data-quiz-check]').disabled, Array.from(f.querySelectorAll('select')).every((s) => s.disabled)]);
  assert.deepEqual(await locked(), [true, true, true]);
  await noViolations('locked');
  await page.reload();
  assert.deepEqual(await locked(), [true, true, true]);
  assert.equal(await status(), '1 of 2 right (50%) Passed. No attempts left.');
  assert.equal((await quizEntry()).t, 2);
});

await check('the progress page shows the quiz\'s score and passed or not yet', async () => {
  await page.goto(`${BASE}/progress.html`);
  const item = await page.$$eval('.progress-items li', (l) => l.map((li) => li.textContent).find((t) => t.includes('Knowledge check')));
  assert.equal(item, '\u2611 Done: Question: Knowledge check \u2014 1 of 2 right (50%) Passed.');
  await noViolations('the progress page');
});

await check('try again redraws the pool while attempts remain', async () => {
  await page.evaluate((k) => localStorage.removeItem(k), KEY);
  await page.goto(URL); // the init script draws questions 0 and 1 again
  assert.deepEqual(await shown(), ['steps', 'roles']);
  await arrange('steps');
  await arrange('roles');
  await checkByKeyboard();
  await page.evaluate(() => { Math.random = () => 0; });
  await tabTo(page, '[data-quiz-retry]');
  await page.keyboard.press('Enter');
  assert.deepEqual(await shown(), ['roles', 'coaching'], 'a new draw for the new attempt');
  assert.deepEqual((await quizEntry()).p, [1, 2]);
  assert.equal(await page.$eval('fieldset[data-question="roles"] select', (s) => s.value), '', 'the new attempt starts empty');
  await noViolations('a new attempt');
});

await check('no console errors', async () => {
  assert.deepEqual(errors, []);
});

await browser.close();
finish();
