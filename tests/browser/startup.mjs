// What a learner does before the scripts have loaded (the sample course, built by
// tests/browser.rs): the scripts are held back until a box is ticked and a query typed, then let
// through. The tick is kept and saved (a reload still has it) and the typed query is searched.
import assert from 'node:assert/strict';
import { check, env, finish, launch, watchRequests } from './lib.mjs';

// Stored v2 state as the done-set it records ({v:1-like} shape: entry done -> true).
const asTicks = (s) => s && { v: 1, pages: Object.fromEntries(Object.entries(s.pages).map(([p, es]) => [p,
  Object.fromEntries(Object.entries(es).filter(([, e]) => e.d > 0).map(([k]) => [k, true]))])
  .filter(([, es]) => Object.keys(es).length)), learner: s.learner };
const BASE = env('BASE_URL');
const PAGE = `${BASE}/who-does-what/the-twelve-activities.html`;
const BOX = '#check-read-my-column';
const SAVED = 'i-can-name-all-twelve-sales-activities-without-looking-at-th';
const foreign = [];
const browser = await launch();

/** A context whose requests for lectern.js and search.js wait until `release()` is called. */
async function heldScripts() {
  const context = await browser.newContext();
  watchRequests(context, BASE, foreign);
  const held = new Set();
  let release;
  const gate = new Promise((r) => { release = r; });
  await context.route(/\/assets\/(lectern|search)\.js(\?v=[0-9a-f]{8})?$/, async (route) => {
    held.add(route.request().url().replace(/.*\//, '').replace(/\?.*/, ''));
    await gate;
    await route.continue().catch(() => {}); // a page left meanwhile cancels its request
  });
  return { context, held, release: () => release() };
}

await check('a box ticked and a query typed before the scripts run are kept, saved and searched', async () => {
  const { context, held, release } = await heldScripts();
  const page = await context.newPage();
  await page.goto(PAGE, { waitUntil: 'commit' });
  await page.waitForSelector(BOX);
  await page.waitForFunction(() => document.readyState === 'interactive');
  await page.check(BOX);
  await page.fill('[data-search-input]', 'delegate');
  // the scripts really had not run
  assert.ok(!(await page.evaluate(() => document.documentElement.classList.contains('js'))), 'lectern.js ran too early');
  assert.equal(await page.locator('[data-search-results] > *').count(), 0, 'search.js ran too early');
  const key = 'lectern:v2:' + await page.getAttribute('body', 'data-course');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), null);
  release();
  await page.waitForFunction(() => document.documentElement.classList.contains('js'));
  await page.locator('[data-search-results] .search-result a').first().waitFor();
  assert.deepEqual([...held].sort(), ['lectern.js', 'search.js']);

  assert.ok(await page.isChecked(BOX), 'the early tick was undone');
  assert.equal(await page.inputValue('[data-search-input]'), 'delegate');
  assert.match(await page.textContent('[data-search-results] [role=status]'), /\d+ results?/);
  const stored = asTicks(JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key)));
  assert.deepEqual(stored.pages['who-does-what/the-twelve-activities'], { 'read-my-column': true });
  assert.match(await page.textContent('[data-lesson-progress] .progress-text'), /^1 of \d+ done$/);

  await page.reload();
  await page.waitForFunction(() => document.documentElement.classList.contains('js'));
  assert.ok(await page.isChecked(BOX), 'the early tick is gone after a reload');
  await context.close();
});

await check('a box ticked before the scripts run joins what was saved before', async () => {
  const { context, release } = await heldScripts();
  const page = await context.newPage();
  // saved earlier: another item on this page and one on another page
  await page.goto(`${BASE}/index.html`, { waitUntil: 'commit' });
  await page.waitForSelector('body[data-course]');
  const key = 'lectern:v2:' + await page.getAttribute('body', 'data-course');
  // saved in the version 1 format, under the version 1 key: migrated with nothing lost
  await page.evaluate(([k, saved]) => localStorage.setItem(k.replace(':v2:', ':v1:'), JSON.stringify({ v: 1, learner: '', pages: {
    'who-does-what/the-twelve-activities': { [saved]: true },
    'from-seller-to-manager/promoted': { x: true },
  } })), [key, SAVED]);
  await page.goto(PAGE, { waitUntil: 'commit' });
  await page.waitForSelector(BOX);
  await page.check(BOX);
  release();
  await page.waitForFunction(() => document.documentElement.classList.contains('js'));
  assert.ok(await page.isChecked(BOX));
  assert.ok(await page.isChecked(`#check-${SAVED}`), 'the saved tick is shown');
  const stored = asTicks(JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key)));
  assert.deepEqual(stored.pages, {
    'who-does-what/the-twelve-activities': { [SAVED]: true, 'read-my-column': true },
    'from-seller-to-manager/promoted': { x: true },
  });
  assert.equal(await page.evaluate((k) => localStorage.getItem(k.replace(':v2:', ':v1:')), key), null, 'the v1 key is removed');
  await context.close();
});

await check('no request leaves the site', () => { assert.deepEqual(foreign, []); });

await browser.close();
finish();
