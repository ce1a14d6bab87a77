// A branching scenario in the browser (fixture tests/fixtures/browser-practice, built by
// tests/browser.rs): played by keyboard only, one step at a time, focus on each new situation,
// back and restart, the path and the ending kept across a reload, lesson progress counted at an
// ending, the branching table without JavaScript, and axe in every state.
import assert from 'node:assert/strict';
import { axeViolations, check, env, finish, launch, tabTo, textOf, watchRequests } from './lib.mjs';

const BASE = env('BASE_URL');
const KEY = 'lectern:v2:scenario-checks';
const URL = `${BASE}/practice/scenario.html`;
const foreign = [];
const browser = await launch();

// `js` false: the theme's scripts do not load (axe needs script of its own, so the page's
// JavaScript stays on)
async function open(js = true) {
  const context = await browser.newContext();
  watchRequests(context, BASE, foreign);
  if (!js) await context.route(/\/assets\/.*\.js/, (r) => r.abort());
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(URL);
  return { context, page, errors };
}
const entry = (page) => page.evaluate((k) => { const s = JSON.parse(localStorage.getItem(k) || 'null'); return s && s.pages['practice/scenario'] && s.pages['practice/scenario']['scenario:day-27'] || null; }, KEY);
const heading = (page) => textOf(page, '.scenario-now h3');
const focused = (page) => page.evaluate(() => document.activeElement && document.activeElement.matches('.scenario-now h3'));
const options = (page) => page.$$eval('.scenario-options button', (l) => l.map((b) => b.textContent));
const progress = (page) => textOf(page, '[data-lesson-progress] .progress-text');
const axe = async (page, state) => assert.deepEqual(await axeViolations(page), [], `axe: ${state}`);
/** Tab to the choice whose text is `text` and press Enter. */
async function choose(page, text) {
  const i = (await options(page)).indexOf(text);
  assert.ok(i >= 0, `no choice "${text}" in ${await options(page)}`);
  await tabTo(page, `.scenario-options li:nth-child(${i + 1}) button`);
  await page.keyboard.press('Enter');
}

await check('without JavaScript the scenario is a branching table with links between steps', async () => {
  const { context, page } = await open(false);
  assert.deepEqual(await page.$$eval('.scenario-steps tbody th', (l) => l.map((t) => t.textContent)), ['1', '2', '3']);
  assert.deepEqual(await page.$$eval('tr[data-step="start"] a.scenario-next', (l) => l.map((a) => [a.textContent, a.getAttribute('href')])),
    [['Go to step 3', '#day-27-step-3'], ['Go to step 2', '#day-27-step-2'], ['Ending: Closed at a discount', '#day-27-end-3']]);
  assert.equal(await page.$eval('tr[data-ending="coached"] .scenario-rating', (t) => t.textContent), 'Best outcome');
  assert.ok(await page.$eval('.scenario-map', (m) => m.offsetParent !== null), 'the table is visible');
  await axe(page, 'no JavaScript');
  await context.close();
});

await check('keyboard only: step by step, focus on the new situation, back and restart', async () => {
  const { context, page, errors } = await open();
  assert.ok(await page.$eval('.scenario-map', (m) => m.offsetParent === null), 'the table gives way to the player');
  assert.equal(await heading(page), 'Step 1');
  assert.equal(await textOf(page, '.scenario-now .scenario-text'), 'The team is 12 % short. A seller’s deal wobbles and the director calls.');
  assert.equal(await page.$eval('.scenario-now', (n) => n.getAttribute('aria-live')), 'polite');
  assert.ok(await page.$eval('[data-scenario-back]', (b) => b.disabled), 'no step to go back to at the start');
  await axe(page, 'first step');
  await choose(page, 'Take over the call yourself');
  assert.ok(await focused(page), 'focus moves to the new situation');
  assert.equal(await heading(page), 'Step 2');
  assert.equal(await textOf(page, '.scenario-you'), 'You chose: Take over the call yourself');
  assert.equal(await textOf(page, '.scenario-outcome'), 'You close it, but the seller learns nothing.');
  assert.deepEqual(await options(page), ['Take it again', 'Plan the call together first']);
  await axe(page, 'second step');
  await tabTo(page, '[data-scenario-back]');
  await page.keyboard.press('Enter');
  assert.equal(await heading(page), 'Step 1');
  assert.ok(await focused(page));
  await choose(page, 'Coach the seller before the call and sit in as observer');
  await choose(page, 'Step in and name a price');
  assert.equal(await heading(page), 'Step 3');
  assert.deepEqual((await entry(page)).p, [1, 1], 'the path is saved as the choices taken');
  assert.equal(await progress(page), '0 of 1 done', 'a path without an ending is not done');
  await tabTo(page, '[data-scenario-restart]');
  await page.keyboard.press('Enter');
  assert.equal(await heading(page), 'Step 1');
  assert.equal(await entry(page), null, 'nothing is kept of a path restarted before any ending');
  assert.deepEqual(errors, []);
  await context.close();
});

await check('an ending counts for the lesson, shows its rating and debrief, and survives a reload', async () => {
  const { context, page, errors } = await open();
  await choose(page, 'Approve a discount straight away');
  assert.equal(await heading(page), 'Ending: Closed at a discount');
  assert.ok(await focused(page));
  assert.equal(await textOf(page, '.scenario-rated'), 'Okay outcome.');
  assert.equal(await textOf(page, '.scenario-now .scenario-debrief'), 'The deal closed, but the discount sets a price the customer will expect again.');
  assert.ok(await page.$eval('.scenario-options', (o) => o.hidden), 'no choices at an ending');
  assert.equal(await progress(page), '1 of 1 done');
  assert.equal(await textOf(page, '[data-announce]'), 'Lesson complete.');
  const e = await entry(page);
  assert.deepEqual([e.t, e.l, e.b, e.n, e.r, e.p], [1, 1, 1, 2, 0, [2]]);
  assert.ok(e.d > 0, 'the day the ending was reached');
  assert.match(await textOf(page, '.scenario-record'), /^Done: you first reached an ending on .+\. Your best ending so far: Okay outcome\.$/);
  await axe(page, 'an ending');
  await page.reload();
  assert.equal(await heading(page), 'Ending: Closed at a discount', 'the reload restores where the learner was');
  assert.equal(await progress(page), '1 of 1 done');
  await tabTo(page, '[data-scenario-restart]');
  await page.keyboard.press('Enter');
  await choose(page, 'Coach the seller before the call and sit in as observer');
  await choose(page, 'Stay quiet and let the seller answer');
  assert.equal(await heading(page), 'Ending: The seller closes');
  const f = await entry(page);
  assert.deepEqual([f.t, f.l, f.b, f.d], [2, 2, 2, e.d], 'the best rating is kept; the first day stays');
  await page.reload();
  assert.deepEqual([await heading(page), await progress(page)], ['Ending: The seller closes', '1 of 1 done']);
  await tabTo(page, '[data-scenario-back]');
  await page.keyboard.press('Enter');
  assert.equal(await heading(page), 'Step 2');
  assert.equal(await progress(page), '1 of 1 done', 'going back after an ending keeps it done');
  await axe(page, 'back after an ending');
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.$eval('.scenario-map', (m) => m.offsetParent !== null), 'print shows the branching table');
  assert.ok(await page.$eval('.scenario-player', (m) => m.offsetParent === null), 'and not the player');
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(errors, []);
  await context.close();
});

await check('the progress page and the certificate count the scenario', async () => {
  const { context, page } = await open();
  await choose(page, 'Approve a discount straight away');
  await page.goto(`${BASE}/progress.html`);
  const report = await textOf(page, '[data-progress-report]');
  assert.match(report, /Scenario: Day 27 of the month/);
  await axe(page, 'progress page');
  await context.close();
});

assert.deepEqual(foreign, [], 'no request leaves the site');
await browser.close();
finish();
