// Learner-facing honesty of the exercises (fixture tests/fixtures/browser-exercises, built by
// tests/browser.rs): a sort cannot be checked until every card has an answer.
import assert from 'node:assert/strict';
import { check, env, finish, launch, textOf, watchRequests } from './lib.mjs';

const BASE = env('BASE_URL');
const SORT = `${BASE}/practice/sort.html`;
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
  const feedback = await page.$$eval('li.sort-item .sort-feedback', (l) => l.map((p) => p.textContent).filter(Boolean));
  assert.deepEqual(feedback, [], 'no card shows feedback before all are answered');
  const marked = await page.$$eval('li.sort-item', (l) => l.filter((li) => li.classList.contains('is-correct') || li.classList.contains('is-wrong')).length);
  assert.equal(marked, 0);
  for (let i = 6; i < 9; i++) await selects[i].selectOption(answers[i]);
  await page.click('[data-sort-check]');
  assert.equal(await textOf(page, '.sort-result'), '9 of 9 right');
  assert.deepEqual(errors, []);
  await context.close();
});

await check('no request leaves the site', () => { assert.deepEqual(foreign, []); });

await browser.close();
finish();
