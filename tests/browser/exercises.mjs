// Quizzes and sorts in the browser (fixture tests/fixtures/browser-exercises, built by
// tests/browser.rs): feedback, retry, show answer, progress, and keyboard-only use.
import assert from 'node:assert/strict';
import { check, env, finish, launch, tabTo, textOf, watchRequests } from './lib.mjs';

const BASE = env('BASE_URL');
const KEY = 'lectern:v2:exercise-checks';
const QUIZ = `${BASE}/practice/quiz.html`, SORT = `${BASE}/practice/sort.html`;
const foreign = [];
const browser = await launch();

async function open(url) {
  const context = await browser.newContext();
  watchRequests(context, BASE, foreign);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { context, page, errors };
}
// Stored v2 state as the done-set it records ({v:1-like} shape: entry done -> true).
const asTicks = (s) => s && { v: 1, pages: Object.fromEntries(Object.entries(s.pages).map(([p, es]) => [p,
  Object.fromEntries(Object.entries(es).filter(([, e]) => e.d > 0).map(([k]) => [k, true]))])
  .filter(([, es]) => Object.keys(es).length)), learner: s.learner };
const stored = async (page) => asTicks(await page.evaluate((k) => JSON.parse(localStorage.getItem(k) || 'null'), KEY));
const progress = (page) => textOf(page, '[data-lesson-progress] .progress-text');
const q = (id) => `fieldset[data-question="${id}"]`;
const result = (page, id) => textOf(page, `${q(id)} .quiz-result`);
const visibleFeedback = (page, id) => page.$$eval(`${q(id)} .quiz-feedback`, (l) => l.filter((p) => !p.hidden).map((p) => p.textContent));
const checkedOptions = (page, id) => page.$$eval(`${q(id)} input`, (l) => l.filter((i) => i.checked).map((i) => i.value));
const hasClass = (page, sel, cls) => page.$eval(sel, (e, c) => e.classList.contains(c), cls);

await check('quiz: a wrong answer shows its feedback and does not count', async () => {
  const { context, page, errors } = await open(QUIZ);
  await page.check('#what-coaching-is-0');
  await page.check('#manager-tasks-0');
  await page.click('[data-quiz-check]');
  assert.equal(await result(page, 'what-coaching-is'), 'Not quite — try again or show the answer. That is demonstrating, not coaching.', 'the chosen option\'s feedback is read out with the verdict');
  assert.ok(await hasClass(page, q('what-coaching-is'), 'is-wrong'));
  assert.deepEqual(await visibleFeedback(page, 'what-coaching-is'), ['That is demonstrating, not coaching.']);
  assert.equal(await result(page, 'manager-tasks'), 'Not quite — try again or show the answer. Coaching is the core of the job.', 'half of a multiple choice is wrong');
  assert.deepEqual(await visibleFeedback(page, 'manager-tasks'), ['Coaching is the core of the job.']);
  assert.equal(await progress(page), '0 of 3 done');
  assert.deepEqual(((await stored(page)) || { pages: {} }).pages, {}, 'attempts and reveals record nothing done');
  assert.deepEqual(errors, []);
  await context.close();
});

await check('quiz: retry clears, show answer reveals without counting, a right answer counts', async () => {
  const { context, page } = await open(QUIZ);
  await page.check('#what-coaching-is-2');
  await page.click('[data-quiz-check]');
  assert.equal(await result(page, 'manager-tasks'), 'Choose an answer first.');
  await page.click('[data-quiz-retry]');
  assert.deepEqual(await checkedOptions(page, 'what-coaching-is'), []);
  assert.equal(await result(page, 'what-coaching-is'), '');
  assert.deepEqual(await visibleFeedback(page, 'what-coaching-is'), []);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'what-coaching-is-0', 'retry moves focus to the first option');

  await page.click('[data-quiz-reveal]');
  assert.deepEqual(await checkedOptions(page, 'what-coaching-is'), ['1']);
  assert.deepEqual(await checkedOptions(page, 'manager-tasks'), ['0', '2']);
  assert.equal(await result(page, 'manager-tasks'), 'Answer shown.');
  assert.ok(await hasClass(page, q('manager-tasks'), 'is-revealed'));
  assert.deepEqual(await visibleFeedback(page, 'manager-tasks'), ['Coaching is the core of the job.', 'You can only coach what you have seen.']);
  assert.equal(await progress(page), '0 of 3 done', 'a shown answer is not a right answer');

  await page.click('[data-quiz-retry]');
  await page.check('#what-coaching-is-1');
  await page.check('#manager-tasks-0');
  await page.check('#manager-tasks-2');
  await page.click('[data-quiz-check]');
  assert.equal(await result(page, 'what-coaching-is'), 'Correct. Yes. Coaching draws the answer out of the seller.');
  assert.equal(await result(page, 'manager-tasks'), 'Correct. Coaching is the core of the job. You can only coach what you have seen.');
  assert.deepEqual(await visibleFeedback(page, 'what-coaching-is'), ['Yes. Coaching draws the answer out of the seller.']);
  assert.equal(await progress(page), '2 of 3 done');
  assert.equal(await page.$eval('[data-lesson-progress] progress', (p) => p.value), 2);
  assert.deepEqual((await stored(page)).pages, { 'practice/quiz': { 'quiz:what-coaching-is': true, 'quiz:manager-tasks': true } });

  await page.reload();
  assert.equal(await result(page, 'what-coaching-is'), 'Correct.', 'a right answer is shown again after a reload');
  assert.deepEqual(await checkedOptions(page, 'manager-tasks'), ['0', '2']);
  await page.check('#check-read-feedback');
  assert.equal(await progress(page), '3 of 3 done');
  assert.ok(await hasClass(page, 'li[data-lesson="practice/quiz"]', 'is-complete'), 'the sidebar marks the lesson complete');
  assert.equal(await textOf(page, '[data-module-progress="practice"]'), '1 of 2 lessons');
  await page.goto(`${BASE}/index.html`);
  assert.equal(await textOf(page, '[data-course-progress] .progress-text'), '1 of 2 lessons complete');
  await page.goto(QUIZ);
  page.once('dialog', (d) => d.accept());
  await page.click('[data-reset-lesson]');
  assert.equal(await result(page, 'what-coaching-is'), '', 'reset clears the answers');
  assert.deepEqual(await checkedOptions(page, 'manager-tasks'), []);
  assert.equal(await progress(page), '0 of 3 done');
  await context.close();
});

await check('quiz with the keyboard alone: Tab, Space, arrows, Enter', async () => {
  const { context, page } = await open(QUIZ);
  await tabTo(page, '#what-coaching-is-0');
  await page.keyboard.press('Space');
  assert.deepEqual(await checkedOptions(page, 'what-coaching-is'), ['0']);
  await page.keyboard.press('ArrowDown');
  assert.deepEqual(await checkedOptions(page, 'what-coaching-is'), ['1'], 'an arrow key moves the choice');
  await tabTo(page, '#manager-tasks-0', 2);
  await page.keyboard.press('Space');
  await tabTo(page, '#manager-tasks-2', 2);
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  assert.equal(await result(page, 'what-coaching-is'), 'Correct. Yes. Coaching draws the answer out of the seller.');
  assert.equal(await result(page, 'manager-tasks'), 'Correct. Coaching is the core of the job. You can only coach what you have seen.');
  assert.equal(await progress(page), '2 of 3 done');
  await tabTo(page, '[data-quiz-retry]');
  await page.keyboard.press('Enter');
  assert.equal(await result(page, 'what-coaching-is'), '');
  await tabTo(page, '[data-quiz-reveal]');
  await page.keyboard.press('Enter');
  assert.equal(await result(page, 'what-coaching-is'), 'Answer shown.');
  await context.close();
});

/** Choose `value` in the focused select with arrow keys only. */
async function arrowTo(page, value) {
  const [now, values] = await page.evaluate(() => [document.activeElement.selectedIndex,
    Array.from(document.activeElement.options, (o) => o.value)]);
  const target = values.indexOf(value);
  assert.ok(target >= 0, `no option ${value}`);
  for (let i = now; i < target; i++) await page.keyboard.press('ArrowDown');
  for (let i = now; i > target; i--) await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.value), value);
}

await check('sort with the keyboard alone: per-item feedback, result count, progress', async () => {
  const { context, page, errors } = await open(SORT);
  const items = await page.$$eval('li.sort-item', (l) => l.map((li) => ({ answer: li.dataset.answer, select: li.querySelector('select').id })));
  assert.equal(items.length, 9);
  const labels = { sellers: 'Sellers', managers: 'Managers', others: 'Others' };
  const wrong = (a) => (a === 'sellers' ? 'others' : 'sellers');
  // First pass: the first two items wrong, the rest right.
  await tabTo(page, `#${items[0].select}`);
  for (const [i, it] of items.entries()) {
    if (i > 0) await tabTo(page, `#${it.select}`, 1);
    await arrowTo(page, i < 2 ? wrong(it.answer) : it.answer);
  }
  await tabTo(page, '[data-sort-check]', 1);
  await page.keyboard.press('Enter');
  assert.equal(await textOf(page, '.sort-result'), '7 of 9 right');
  const feedback = await page.$$eval('li.sort-item', (l) => l.map((li) => [li.className, li.querySelector('.sort-verdict').textContent]));
  items.forEach((it, i) => {
    const right = i >= 2;
    assert.equal(feedback[i][1], (right ? 'Right — ' : 'Not quite — this is for: ') + labels[it.answer] + '.');
    assert.ok(feedback[i][0].includes(right ? 'is-correct' : 'is-wrong'), `item ${i} marked ${right}`);
  });
  assert.ok(!(await hasClass(page, 'section.sort', 'is-complete')));
  assert.equal(await progress(page), '0 of 4 done');

  // Fix the two wrong ones (Shift+Tab back from the button to the start), check again.
  await tabTo(page, `#${items[0].select}`, items.length, 'Shift+Tab');
  await arrowTo(page, items[0].answer);
  await tabTo(page, `#${items[1].select}`, 1);
  await arrowTo(page, items[1].answer);
  await tabTo(page, '[data-sort-check]', items.length - 1);
  await page.keyboard.press('Enter');
  assert.equal(await textOf(page, '.sort-result'), '9 of 9 right');
  assert.ok(await hasClass(page, 'section.sort', 'is-complete'));
  assert.equal(await progress(page), '1 of 4 done', 'a fully right sort counts as one item');
  assert.deepEqual((await stored(page)).pages, { 'practice/sort': { 'sort:sort-who-does-this': true } });
  await page.reload();
  assert.equal(await textOf(page, '.sort-result'), '9 of 9 right', 'a finished sort is shown finished after a reload');
  await tabTo(page, '[data-sort-reset]');
  await page.keyboard.press('Enter');
  assert.equal(await textOf(page, '.sort-result'), '');
  assert.deepEqual(await page.$$eval('li.sort-item select', (l) => l.map((s) => s.value).filter(Boolean)), []);
  assert.deepEqual(errors, []);
  await context.close();
});

await check('sort explanations: hidden until checked, then shown in each card\'s feedback, right or wrong', async () => {
  const { context, page, errors } = await open(SORT);
  const why = {
    prospecting: 'Sellers find buyers, managers coach on the pipeline, marketing brings leads in.',
    closing: 'Closing is the seller\u2019s; the manager coaches before the meeting, legal checks the contract.', // the sort's, not the table row's
    complaints: 'The seller listens, the manager calls back, support fixes the cause.',
  };
  const cards = () => page.$$eval('li.sort-item', (l) => l.map((li) => {
    const x = li.querySelector('.sort-explain'), live = x && x.closest('[aria-live="polite"]');
    return { item: li.dataset.item, answer: li.dataset.answer, text: x && x.textContent, shown: !!x && x.checkVisibility(),
      inLive: !!live && live.classList.contains('sort-feedback') && live.closest('li') === li, live: live && live.textContent.replace(/\s+/g, ' ').trim() };
  }));
  const before = await cards();
  assert.equal(before.length, 9);
  assert.deepEqual(before.filter((c) => c.shown), [], 'no explanation before checking');
  for (const c of before) {
    const row = c.item.replace('sort-who-does-this-', '').replace(/-(sellers|managers|others)$/, '');
    assert.equal(c.text, why[row], `${c.item}: its own row's explanation`);
    assert.ok(c.inLive, `${c.item}: inside its card's feedback live region`);
  }
  assert.equal(await page.$eval('.sort-explain em', (e) => e.textContent), 'calls back', 'inline Markdown');
  assert.ok(!(await textOf(page, 'table')).includes(why.closing), 'the table itself does not show the explanations');
  // checking with cards unanswered shows nothing
  await page.click('[data-sort-check]');
  assert.deepEqual((await cards()).filter((c) => c.shown), []);
  const selects = await page.$$('li.sort-item select');
  for (const [i, c] of before.entries()) await selects[i].selectOption(i === 0 ? (c.answer === 'sellers' ? 'others' : 'sellers') : c.answer);
  await page.click('[data-sort-check]');
  const after = await cards();
  assert.deepEqual(after.filter((c) => !c.shown).map((c) => c.item), [], 'every explanation shown, right or wrong');
  assert.ok(await hasClass(page, 'li.sort-item:first-child', 'is-wrong'));
  for (const c of after) assert.match(c.live, new RegExp(`^(Right|Not quite) — .+\\. ${c.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), 'read with the verdict');
  await page.click('[data-sort-reset]');
  assert.deepEqual((await cards()).filter((c) => c.shown), [], 'hidden again after Start again');
  assert.deepEqual(errors, []);
  await context.close();
});

await check('no request leaves the site', () => { assert.deepEqual(foreign, []); });

await browser.close();
finish();
