// Progress codes between two browsers (fixture tests/fixtures/browser-checklist, built by
// tests/browser.rs): importing shows what it will change before changing anything, Cancel changes
// nothing, Import merges (union, earliest days, best scores), and "Copy code" copies the code.
import assert from 'node:assert/strict';
import { check, env, finish, launch, textOf, watchRequests } from './lib.mjs';

const BASE = env('BASE_URL');
const KEY = 'lectern:v2:browser-checks';
const HOME = `${BASE}/index.html`;
const foreign = [];
const browser = await launch();

const A = { v: 2, course: 'browser-checks', learner: 'Ada', pages: {
  'basics/ticks': { brief: { d: 100 }, ship: { d: 200 }, 'write-the-plan': { d: 300 }, 'tell-the-team': { d: 10 } },
  'basics/more': { review: { d: 50 }, 'plan-the-review': { d: 60 } },
  'extra/last': { 'quiz:q1': { t: 3, l: 1, b: 1, n: 1, d: 120, r: 0 } },
} };
const B = { v: 2, course: 'browser-checks', learner: 'Bo', pages: {
  'basics/ticks': { brief: { d: 100 } },
  'extra/last': { celebrate: { d: 400 }, 'quiz:q1': { t: 1, l: 0, b: 0, n: 1, d: 0, r: 90 } },
} };
const UNION = { v: 2, course: 'browser-checks', learner: 'Bo', pages: {
  'basics/ticks': { brief: { d: 100 }, ship: { d: 200 }, 'write-the-plan': { d: 300 }, 'tell-the-team': { d: 10 } },
  'extra/last': { celebrate: { d: 400 }, 'quiz:q1': { t: 3, l: 1, b: 1, n: 1, d: 120, r: 90 } },
  'basics/more': { review: { d: 50 }, 'plan-the-review': { d: 60 } },
} };

async function browserWith(state, permissions = []) {
  const context = await browser.newContext();
  watchRequests(context, BASE, foreign);
  if (permissions.length) await context.grantPermissions(permissions, { origin: BASE });
  const page = await context.newPage();
  await page.goto(HOME);
  await page.evaluate(([k, s]) => localStorage.setItem(k, JSON.stringify(s)), [KEY, state]);
  await page.reload();
  return { context, page };
}
// The stored record without `seen` (which the home page's notice.js keeps: what the learner
// has been told of new items, docs/progress-format.md): not part of the record imported.
const stored = (page) => page.evaluate((k) => {
  const s = JSON.parse(localStorage.getItem(k) || 'null');
  if (s) delete s.seen;
  return s;
}, KEY);
const message = (page) => textOf(page, '[data-import-message]');
const previewShown = (page) => page.locator('[data-import-preview]').isVisible();
async function load(page, code) {
  await page.fill('[data-progress-code]', code);
  await page.click('[data-import]');
}

await check('import previews, Cancel changes nothing, Import merges the two records', async () => {
  const a = await browserWith(A), b = await browserWith(B);
  assert.equal(await previewShown(b.page), false);
  await a.page.click('[data-export]');
  const code = await a.page.inputValue('[data-progress-code]');
  assert.match(code, /^LECTERN1:/);

  await load(b.page, code);
  assert.ok(await previewShown(b.page));
  assert.equal(await textOf(b.page, '[data-import-summary]'), 'This adds 5 ticks in 2 lessons and 1 quiz result.');
  assert.deepEqual(await stored(b.page), B, 'nothing changes before Import');
  await b.page.click('[data-import-cancel]');
  assert.equal(await previewShown(b.page), false);
  assert.equal(await message(b.page), 'Nothing was imported.');
  assert.deepEqual(await stored(b.page), B);
  assert.equal(await textOf(b.page, '[data-course-progress] .progress-text'), '1 of 3 lessons complete');

  await load(b.page, code);
  await b.page.click('[data-import-confirm]');
  assert.equal(await previewShown(b.page), false);
  assert.equal(await message(b.page), 'Progress imported.');
  assert.deepEqual(await stored(b.page), UNION);
  assert.equal(await textOf(b.page, '[data-course-progress] .progress-text'), '3 of 3 lessons complete');

  await load(b.page, code);
  assert.equal(await previewShown(b.page), false);
  assert.equal(await message(b.page), 'Nothing new in that code: your progress already has all of it.');
  assert.deepEqual(await stored(b.page), UNION);
  await a.context.close();
  await b.context.close();
});

await check('a tick done earlier elsewhere keeps the earlier day; an empty name is filled', async () => {
  const b = await browserWith({ ...B, learner: '' });
  const earlier = { v: 2, course: 'browser-checks', learner: 'Ada', pages: { 'extra/last': { celebrate: { d: 350 } } } };
  const later = { v: 2, course: 'browser-checks', learner: '', pages: { 'basics/ticks': { brief: { d: 150 } } } };
  const code = (s) => 'LECTERN1:' + Buffer.from(JSON.stringify(s)).toString('base64');
  await load(b.page, code(later));
  assert.equal(await message(b.page), 'Nothing new in that code: your progress already has all of it.');
  await load(b.page, code(earlier));
  assert.equal(await textOf(b.page, '[data-import-summary]'), 'This adds earlier days for 1 tick and your name.');
  await b.page.click('[data-import-confirm]');
  const s = await stored(b.page);
  assert.deepEqual(s.pages['extra/last'].celebrate, { d: 350 });
  assert.deepEqual(s.pages['basics/ticks'].brief, { d: 100 });
  assert.equal(s.learner, 'Ada');
  await b.context.close();
});

await check('"Copy code" puts the code on the clipboard and says "Copied."', async () => {
  const a = await browserWith(A, ['clipboard-read', 'clipboard-write']);
  await a.page.click('[data-export]');
  const code = await a.page.inputValue('[data-progress-code]');
  await a.page.click('[data-copy-code]');
  await a.page.waitForFunction(() => document.querySelector('[data-import-message]').textContent === 'Copied.');
  assert.equal(await a.page.evaluate(() => navigator.clipboard.readText()), code);
  await a.context.close();
});

await check('no request leaves the site', () => { assert.deepEqual(foreign, []); });

await browser.close();
finish();
