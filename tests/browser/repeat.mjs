// Repeating checklists in the browser (fixture tests/fixtures/browser-practice, built by
// tests/browser.rs): the list starts empty each week, keeps a dated day per week, says how
// this week compares with the last, by keyboard, across a reload, outside the completion count,
// and axe in every state.
import assert from 'node:assert/strict';
import { axeViolations, check, env, finish, launch, openFresh, tabTo, textOf } from './lib.mjs';

const BASE = env('BASE_URL');
const KEY = 'lectern:v2:scenario-checks';
const URL = `${BASE}/practice/audit.html`;
const foreign = [];
const browser = await launch();

const entries = (page) => page.evaluate((k) => { const s = JSON.parse(localStorage.getItem(k) || 'null'); return (s && s.pages['practice/audit']) || {}; }, KEY);
const today = (page) => page.evaluate(() => { const d = new Date(); return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 864e5); });
const line = (page) => textOf(page, '.checklist-period');
const axe = async (page, state) => assert.deepEqual(await axeViolations(page), [], `axe: ${state}`);

await check('a weekly list starts empty each week, keeps each week\'s day and compares with last week', async () => {
  const { context, page, errors } = await openFresh(browser, URL, BASE, foreign);
  assert.equal(await line(page), '0 of 3 this week, 0 last week.');
  assert.equal(await textOf(page, '.checklist-note'), 'Starts empty each week: tick what you did this week. Not needed to complete the lesson.');
  assert.equal(await page.$('[data-lesson-progress]'), null, 'nothing on the page counts for completion');
  await axe(page, 'empty');
  // two items ticked a week ago, one of them also two weeks ago
  const t = await today(page);
  await page.evaluate(([k, t]) => localStorage.setItem(k, JSON.stringify({ v: 2, course: 'scenario-checks', learner: '',
    pages: { 'practice/audit': { forecasting: { d: t - 7, h: [t - 14, t - 7] }, coaching: { d: t - 7, h: [t - 7] } } } })), [KEY, t]);
  await page.reload();
  assert.equal(await line(page), '0 of 3 this week, 2 last week.');
  assert.ok(!(await page.isChecked('#check-forecasting')), 'last week\'s ticks are not this week\'s');
  const monday = await page.evaluate((t) => { const u = new Date((t - 14 - ((t - 14 + 3) % 7)) * 864e5);
    return 'Week of ' + new Date(u.getUTCFullYear(), u.getUTCMonth(), u.getUTCDate()).toLocaleDateString(undefined, { dateStyle: 'long' }) + ': 1 of 3'; }, t);
  assert.equal(await textOf(page, '.checklist-history summary'), 'Earlier weeks');
  assert.deepEqual(await page.$$eval('.checklist-history li', (l) => l.map((x) => x.textContent)), [monday], 'the dated history: the week before last');
  await axe(page, 'with a history');
  await tabTo(page, '#check-forecasting');
  await page.keyboard.press('Space');
  assert.equal(await line(page), '1 of 3 this week, 2 last week.');
  assert.match(await textOf(page, '#check-forecasting ~ .item-date'), /^\(done on .+\)$/);
  assert.deepEqual((await entries(page)).forecasting, { d: t, h: [t - 14, t - 7, t] }, 'a dated day per week');
  await axe(page, 'ticked this week');
  await page.reload();
  assert.ok(await page.isChecked('#check-forecasting'), 'kept across a reload');
  assert.equal(await line(page), '1 of 3 this week, 2 last week.');
  await tabTo(page, '#check-forecasting');
  await page.keyboard.press('Space');
  assert.deepEqual((await entries(page)).forecasting, { d: t - 7, h: [t - 14, t - 7] }, 'unticking takes back this week\'s day only');
  assert.equal(await line(page), '0 of 3 this week, 2 last week.');
  assert.deepEqual(errors, []);
  await context.close();
});

assert.deepEqual(foreign, [], 'no request leaves the site');
await browser.close();
finish();
