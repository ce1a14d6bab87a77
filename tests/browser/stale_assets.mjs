// Cached data never pairs with new pages (fixture tests/fixtures/browser-checklist, built by
// tests/browser.rs into SITE_DIR and served with `assets/` cached for a year, pages not cached).
// In a persistent profile the learner visits build 1, so its course-data.js and its module's
// data (assets/modules/basics.js, which course-data.js adds to a lesson page) are in the HTTP
// cache; the author adds items and builds into the same folder; on the next visit the pages load
// the new course data (counts match the boxes shown) while the old file, still cached, is unused.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, env, finish, launchPersistent, textOf } from './lib.mjs';

const SITE = env('SITE_DIR'), COURSE = env('COURSE_DIR'), BASE = env('BASE_URL'), BIN = env('LECTERN_BIN');
const PROFILE = mkdtempSync(join(tmpdir(), 'lectern-stale-'));

// Each script the page loaded from assets/: its URL and whether it came from the HTTP cache.
const scripts = (page) => page.evaluate(() => performance.getEntriesByType('resource')
  .filter((r) => r.name.includes('/assets/') && r.name.includes('.js'))
  .map((r) => ({ file: new URL(r.name).pathname.split('/').pop(), url: r.name, cached: r.transferSize === 0 })));
const script = async (page, file) => (await scripts(page)).find((s) => s.file === file);
const boxes = (page) => page.$$eval('[data-checklist] input[data-item]', (l) => l.length);
const lessonBar = (page) => page.$eval('[data-lesson-progress] progress', (p) => [p.value, p.max]);

let context = await launchPersistent(PROFILE);
let page = await context.newPage();
let oldData = '';
// the lesson's module's data, added by course-data.js after the page loads
const moduleData = (page) => page.waitForFunction(() => window.LECTERN_COURSE.pages['basics/ticks'])
  .then(() => script(page, 'basics.js'));

await check('build 1 is visited and its course data cached', async () => {
  await page.goto(`${BASE}/basics/ticks.html`);
  await page.check('#check-brief');
  assert.equal(await textOf(page, '[data-lesson-progress] .progress-text'), '1 of 4 done');
  await page.goto(`${BASE}/basics/more.html`);
  const data = await script(page, 'course-data.js');
  assert.ok(data.cached, `course-data.js was fetched again: ${data.url}`);
  const mod = await moduleData(page);
  assert.ok(mod.cached, `basics.js was fetched again: ${mod.url}`);
  oldData = mod.url;
});
await context.close();

appendFileSync(join(COURSE, 'content/01-basics/01-ticks.md'), '- [ ] Review the launch\n- [ ] Thank the team\n');
execFileSync(BIN, ['build', COURSE, '--out', SITE], { stdio: 'ignore' });

context = await launchPersistent(PROFILE);
page = await context.newPage();

await check('build 2: the lesson uses the new course data, whose counts match its boxes', async () => {
  await page.goto(`${BASE}/basics/ticks.html`);
  assert.equal(await boxes(page), 6);
  assert.deepEqual(await lessonBar(page), [1, 6]);
  assert.equal(await textOf(page, '[data-lesson-progress] .progress-text'), '1 of 6 done');
  const mod = await moduleData(page);
  const items = await page.evaluate(() => window.LECTERN_COURSE.pages['basics/ticks'].items.length);
  assert.equal(items, 6);
  const data = await script(page, 'course-data.js');
  assert.equal(data.cached, false);
  assert.notEqual(mod.url, oldData);
  assert.equal(mod.cached, false);
  // the caching is real: the unchanged script came from the cache
  assert.equal((await script(page, 'lectern.js')).cached, true);
});

await check('build 2: the old course data is still cached, and unused', async () => {
  const old = await page.evaluate(async (url) => {
    const r = await fetch(url, { cache: 'only-if-cached', mode: 'same-origin' });
    return r.text();
  }, oldData);
  assert.match(old, /"basics\/ticks":\{"items":\["brief","write-the-plan","ship","tell-the-team"\]/);
  await page.goto(`${BASE}/index.html`);
  const count = await page.$eval('li[data-lesson="basics/ticks"] .part-count', (s) => s.textContent.trim());
  assert.equal(count, '1 of 6');
});

await context.close();
rmSync(PROFILE, { recursive: true, force: true });
finish();
