// Progress codes between two browsers (fixtures tests/fixtures/browser-checklist and, at
// EXERCISES_URL, browser-exercises, built by tests/browser.rs): importing shows what it will
// change before changing anything, Cancel changes nothing, Import merges (union, earliest days,
// best scores), "Copy code" copies the code; a code brings back ticks, days and quiz and sort
// results, never the lesson to continue from; a damaged code or another course's is refused.
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
// A code carries what the course has (by its lectern.lock indexes): not A's quiz:q1.
const UNION = { v: 2, course: 'browser-checks', learner: 'Bo', pages: {
  'basics/ticks': { brief: { d: 100 }, ship: { d: 200 }, 'write-the-plan': { d: 300 }, 'tell-the-team': { d: 10 } },
  'extra/last': { celebrate: { d: 400 }, 'quiz:q1': { t: 1, l: 0, b: 0, n: 1, d: 0, r: 90 } },
  'basics/more': { review: { d: 50 }, 'plan-the-review': { d: 60 } },
} };

async function browserWith(state, permissions = [], base = BASE, key = KEY) {
  const context = await browser.newContext();
  watchRequests(context, base, foreign);
  if (permissions.length) await context.grantPermissions(permissions, { origin: base });
  const page = await context.newPage();
  await page.goto(`${base}/index.html`);
  await page.evaluate(([k, s]) => localStorage.setItem(k, JSON.stringify(s)), [key, state]);
  await page.reload();
  return { context, page };
}
// The stored record without `seen` (which the home page's notice.js keeps: what the learner
// has been told of new items, docs/progress-format.md): not part of the record imported.
const stored = (page, key = KEY) => page.evaluate((k) => {
  const s = JSON.parse(localStorage.getItem(k) || 'null');
  if (s) delete s.seen;
  return s;
}, key);
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
  assert.match(code, /^L2\.[A-Za-z0-9_-]+$/);

  await load(b.page, code);
  assert.ok(await previewShown(b.page));
  assert.equal(await textOf(b.page, '[data-import-summary]'), 'This adds 5 ticks in 2 lessons.');
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

const EX = env('EXERCISES_URL'), EX_KEY = 'lectern:v2:exercise-checks';
const DONE = { v: 2, course: 'exercise-checks', learner: 'Zoë', pages: {
  'practice/quiz': { 'quiz:what-coaching-is': { t: 2, l: 1, b: 1, n: 1, d: 20100, r: 0 }, 'quiz:manager-tasks': { t: 1, l: 0, b: 0, n: 1, d: 0, r: 20101 }, 'read-feedback': { d: 20102 } },
  'practice/sort': { 'sort:sort-who-does-this': { t: 3, l: 5, b: 6, n: 6, d: 20090, r: 0 }, prospecting: { d: 19000 }, closing: { d: 20090 } },
} };

await check('a code brings back ticks, their days and quiz and sort results, not the lesson to continue from', async () => {
  const a = await browserWith({ ...DONE, last: 'practice/sort' }, [], EX, EX_KEY);
  await a.page.click('[data-export]');
  const code = await a.page.inputValue('[data-progress-code]');
  assert.match(code, /^L2\.[A-Za-z0-9_-]+$/);
  console.log(`       the code: ${code.length} characters`);
  const file = await a.page.evaluate(() => fetch(document.querySelector('a.progress-download').href).then((r) => r.json()));
  assert.deepEqual(file, DONE, 'the downloaded file has no "last"');
  await a.page.evaluate(() => localStorage.clear());
  await a.page.reload();
  assert.equal(await stored(a.page, EX_KEY), null);
  await load(a.page, code);
  assert.equal(await textOf(a.page, '[data-import-summary]'), 'This adds 3 ticks in 2 lessons, 2 quiz results, 1 sort result, and your name.');
  await a.page.click('[data-import-confirm]');
  assert.deepEqual(await stored(a.page, EX_KEY), DONE);
  await a.page.goto(`${EX}/practice/quiz.html`);
  assert.equal(await a.page.isChecked('[data-item="read-feedback"]'), true);
  assert.equal(await textOf(a.page, 'fieldset[data-question="what-coaching-is"] .quiz-result'), 'Correct.');
  await a.context.close();
});

await check('importing a code merges: earliest days, most attempts, best scores; the name fills an empty one; `last` stays', async () => {
  const a = await browserWith(DONE, [], EX, EX_KEY);
  await a.page.click('[data-export]');
  const code = await a.page.inputValue('[data-progress-code]');
  const mine = { v: 2, course: 'exercise-checks', learner: '', last: 'practice/quiz', pages: {
    'practice/quiz': { 'quiz:what-coaching-is': { t: 5, l: 0, b: 1, n: 1, d: 20105, r: 20104 }, 'read-feedback': { d: 20050 } },
    'practice/sort': { 'sort:sort-who-does-this': { t: 1, l: 6, b: 6, n: 6, d: 20080, r: 0 } },
  } };
  const b = await browserWith(mine, [], EX, EX_KEY);
  await load(b.page, code);
  assert.equal(await textOf(b.page, '[data-import-summary]'), 'This adds 2 ticks in 1 lesson, 2 quiz results, 1 sort result, and your name.');
  await b.page.click('[data-import-confirm]');
  assert.deepEqual(await stored(b.page, EX_KEY), { v: 2, course: 'exercise-checks', learner: 'Zoë', last: 'practice/quiz', pages: {
    'practice/quiz': {
      'quiz:what-coaching-is': { t: 5, l: 0, b: 1, n: 1, d: 20100, r: 20104 },
      'read-feedback': { d: 20050 },
      'quiz:manager-tasks': { t: 1, l: 0, b: 0, n: 1, d: 0, r: 20101 },
    },
    'practice/sort': { 'sort:sort-who-does-this': { t: 3, l: 5, b: 6, n: 6, d: 20080, r: 0 }, prospecting: { d: 19000 }, closing: { d: 20090 } },
  } });
  await a.context.close();
  await b.context.close();
});

await check('a damaged or cut code, and another course\'s, are refused and change nothing', async () => {
  const a = await browserWith(DONE, [], EX, EX_KEY);
  await a.page.click('[data-export]');
  const code = await a.page.inputValue('[data-progress-code]');
  await a.page.evaluate(() => localStorage.clear());
  await a.page.reload();
  const middle = Math.floor(code.length / 2), other = code[middle] === 'A' ? 'B' : 'A';
  for (const bad of [code.slice(0, middle) + other + code.slice(middle + 1), code.slice(0, -3)]) {
    await load(a.page, bad);
    assert.equal(await message(a.page), 'That code is damaged or incomplete: check you copied all of it.');
  }
  const foreignCode = await a.page.evaluate(() => window.LecternCode.encode({ learner: '', pages: {} }, 'another-course', {}));
  await load(a.page, foreignCode);
  assert.equal(await message(a.page), 'That progress is from a different course, so it was not imported.');
  assert.equal(await previewShown(a.page), false);
  assert.equal(await stored(a.page, EX_KEY), null);
  await a.context.close();
});

await check('no request leaves the site', () => { assert.deepEqual(foreign, []); });

await browser.close();
finish();
