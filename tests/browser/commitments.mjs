// Commitments and optional items in the browser (fixture tests/fixtures/browser-practice,
// built by tests/browser.rs): ticked by keyboard, saved with their day and shown with it, kept
// across a reload, never needed for the lesson's completion, listed apart on the progress page,
// and axe in every state.
import assert from 'node:assert/strict';
import { axeViolations, check, env, finish, launch, openFresh, tabTo, textOf } from './lib.mjs';

const BASE = env('BASE_URL');
const KEY = 'lectern:v2:scenario-checks';
const URL = `${BASE}/practice/commitments.html`;
const foreign = [];
const browser = await launch();

const progress = (page) => textOf(page, '[data-lesson-progress] .progress-text');
const entries = (page) => page.evaluate((k) => { const s = JSON.parse(localStorage.getItem(k) || 'null'); return (s && s.pages['practice/commitments']) || {}; }, KEY);
const axe = async (page, state) => assert.deepEqual(await axeViolations(page), [], `axe: ${state}`);
async function tick(page, id) {
  await tabTo(page, `#check-${id}`);
  await page.keyboard.press('Space');
}

await check('optional items and commitments are shown as such, dated, and never needed for completion', async () => {
  const { context, page, errors } = await openFresh(browser, URL, BASE, foreign);
  assert.equal(await progress(page), '0 of 1 done', 'only the required item counts');
  assert.equal(await textOf(page, 'label[for="check-case-study"]'), 'I have read the optional case study (optional)');
  assert.equal(await textOf(page, '.checklist-note'), 'Not needed to complete the lesson: tick each one once you have done it, and the day is kept.');
  assert.deepEqual(await page.$$eval('.checklist-title', (l) => l.map((x) => x.textContent)), ['Check yourself', 'This month I will…']);
  await axe(page, 'nothing ticked');
  await tick(page, 'sit-in');
  assert.equal(await progress(page), '0 of 1 done', 'a commitment does not complete the lesson');
  assert.match(await textOf(page, '#check-sit-in ~ .item-date'), /^\(done on .+\)$/);
  assert.ok((await entries(page))['sit-in'].d > 0, 'saved with its day');
  await tick(page, 'name-steps');
  assert.equal(await progress(page), '1 of 1 done');
  assert.equal(await textOf(page, '[data-announce]'), 'Lesson complete.', 'complete with the optional item and a commitment open');
  await axe(page, 'ticked');
  await page.reload();
  assert.ok(await page.isChecked('#check-sit-in'), 'kept across a reload');
  assert.ok(!(await page.isChecked('#check-hand-over')));
  assert.match(await textOf(page, '#check-sit-in ~ .item-date'), /^\(done on .+\)$/);
  assert.equal(await textOf(page, '#check-hand-over ~ .item-date'), '');
  assert.equal(await progress(page), '1 of 1 done');

  await page.goto(`${BASE}/progress.html`);
  const lesson = await page.$$eval('.progress-lesson', (l) => l.map((x) => x.textContent).find((t) => t.includes('On the job')));
  assert.match(lesson, /Complete: 1 of 1 done/);
  assert.doesNotMatch(lesson, /Sit in/, 'commitments are not among the lesson\'s items');
  const list = await page.$$eval('.progress-commitments li', (l) => l.map((x) => x.textContent).filter((t) => t.endsWith('(On the job)')));
  assert.equal(list.length, 3);
  assert.match(list[0], /^☐ I have read the optional case study — not yet \(On the job\)$/);
  assert.match(list[1], /^☑ Sit in on one call of each seller — done on .+ \(On the job\)$/);
  assert.match(list[2], /^☐ Hand over the weekly forecast — not yet \(On the job\)$/);
  await axe(page, 'progress page with commitments');
  assert.deepEqual(errors, []);
  await context.close();
});

assert.deepEqual(foreign, [], 'no request leaves the site');
await browser.close();
finish();
