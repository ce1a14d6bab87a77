// Checklists in the browser (fixture tests/fixtures/browser-checklist, built by tests/browser.rs):
// ticks survive reloads over http and file://, rebuilds after the source is reordered, progress
// bars, reset, export/import, no storage, other tabs and keyboard-only use.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { check, env, finish, launch, tabTo, textOf, watchRequests } from './lib.mjs';

const SITE = env('SITE_DIR'), COURSE = env('COURSE_DIR'), BASE = env('BASE_URL'), BIN = env('LECTERN_BIN');
const KEY = 'lectern:v2:browser-checks';
const FILE = pathToFileURL(SITE).href;
const foreign = [];
const browser = await launch();

async function fresh(origin = BASE) {
  const context = await browser.newContext();
  watchRequests(context, origin, foreign);
  return context;
}
async function open(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  return page;
}
// Stored v2 state as the done-set it records ({v:1-like} shape: entry done -> true).
const asTicks = (s) => s && { v: 1, pages: Object.fromEntries(Object.entries(s.pages).map(([p, es]) => [p,
  Object.fromEntries(Object.entries(es).filter(([, e]) => e.d > 0).map(([k]) => [k, true]))])
  .filter(([, es]) => Object.keys(es).length)), learner: s.learner };
const stored = async (page) => asTicks(await page.evaluate((k) => JSON.parse(localStorage.getItem(k) || 'null'), KEY));
const ticked = (page) => page.$$eval('[data-checklist] input[data-item]', (l) => l.filter((i) => i.checked).map((i) => i.dataset.item));
async function lessonBar(page) {
  const [value, max] = await page.$eval('[data-lesson-progress] progress', (p) => [p.value, p.max]);
  return { value, max, text: await textOf(page, '[data-lesson-progress] .progress-text') };
}
async function courseBar(page) {
  const [value, max] = await page.$eval('[data-course-progress] progress', (p) => [p.value, p.max]);
  return { value, max, text: await textOf(page, '[data-course-progress] .progress-text') };
}

async function tickAndReload(root, origin) {
  const context = await fresh(origin);
  const page = await open(context, `${root}/basics/ticks.html`);
  assert.deepEqual(await lessonBar(page), { value: 0, max: 4, text: '0 of 4 done' });
  await page.check('#check-write-the-plan');
  await page.click('label[for="check-ship"]');
  assert.deepEqual(await lessonBar(page), { value: 2, max: 4, text: '2 of 4 done' });
  await page.reload();
  assert.deepEqual(await ticked(page), ['write-the-plan', 'ship']);
  assert.deepEqual(await lessonBar(page), { value: 2, max: 4, text: '2 of 4 done' });
  assert.deepEqual(await stored(page), { v: 1, pages: { 'basics/ticks': { 'write-the-plan': true, ship: true } }, learner: '' });
  // Another page of the same site reads the same state.
  await page.goto(`${root}/index.html`);
  assert.equal((await courseBar(page)).text, '0 of 3 lessons complete');
  await page.goto(`${root}/basics/ticks.html`);
  assert.deepEqual(await ticked(page), ['write-the-plan', 'ship']);
  await context.close();
}

await check('tick, reload, still ticked over http', () => tickAndReload(BASE, BASE));
await check('tick, reload, still ticked over file://', () => tickAndReload(FILE, null));

await check('lesson, sidebar module and home course progress', async () => {
  const context = await fresh();
  const page = await open(context, `${BASE}/basics/ticks.html`);
  const module = '[data-module-progress="basics"]';
  assert.equal(await textOf(page, module), '0 of 2 lessons');
  for (const id of ['brief', 'write-the-plan', 'ship', 'tell-the-team']) await page.check(`#check-${id}`);
  assert.deepEqual(await lessonBar(page), { value: 4, max: 4, text: '4 of 4 done' });
  assert.equal(await textOf(page, module), '1 of 2 lessons');
  assert.equal(await textOf(page, '[data-module-progress="extra"]'), '0 of 1 lesson');
  assert.ok(await page.$eval('li[data-lesson="basics/ticks"]', (li) => li.classList.contains('is-complete')));
  assert.match(await textOf(page, 'li[data-lesson="basics/ticks"]'), /\(completed\)/);
  assert.ok(!(await page.$eval('li[data-lesson="basics/more"]', (li) => li.classList.contains('is-complete'))));
  await page.goto(`${BASE}/index.html`);
  assert.deepEqual(await courseBar(page), { value: 1, max: 3, text: '1 of 3 lessons complete' });
  assert.ok(await page.$eval('[data-completion]', (s) => s.hidden), 'completion summary hidden before the end');
  // another module's lesson loads only that module's data: basics is counted from the record
  // kept beside the state (docs/progress-format.md)
  await page.goto(`${BASE}/extra/last.html`);
  await page.waitForFunction(() => window.LECTERN_COURSE.pages['extra/last']);
  assert.equal(await page.evaluate(() => 'basics/ticks' in window.LECTERN_COURSE.pages), false);
  assert.equal(await textOf(page, module), '1 of 2 lessons');
  await page.check('#check-celebrate');
  assert.equal(await textOf(page, '[data-module-progress="extra"]'), '1 of 1 lesson');
  assert.equal(await textOf(page, module), '1 of 2 lessons');
  await page.uncheck('#check-celebrate');
  await page.goto(`${BASE}/basics/more.html`);
  await page.check('#check-plan-the-review');
  assert.deepEqual(await lessonBar(page), { value: 1, max: 2, text: '1 of 2 done' });
  await page.check('#check-review');
  assert.equal(await textOf(page, module), '2 of 2 lessons');
  await page.goto(`${BASE}/extra/last.html`);
  await page.check('#check-celebrate');
  await page.goto(`${BASE}/index.html`);
  assert.deepEqual(await courseBar(page), { value: 3, max: 3, text: '3 of 3 lessons complete' });
  assert.ok(await page.isVisible('[data-completion]'), 'completion summary shown at the end');
  assert.equal(await page.$eval('[data-completion] a', (a) => a.getAttribute('href')), 'certificate.html', 'the summary leads to the certificate');
  await context.close();
});

await check('reset lesson and reset course ask first, then clear', async () => {
  const context = await fresh();
  const page = await open(context, `${BASE}/basics/more.html`);
  await page.check('#check-review');
  await page.goto(`${BASE}/basics/ticks.html`);
  await page.check('#check-brief');
  await page.check('#check-ship');
  const dialogs = [];
  page.once('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.click('[data-reset-lesson]');
  assert.deepEqual(await ticked(page), ['brief', 'ship'], 'dismissing the dialog keeps the ticks');
  page.once('dialog', (d) => { dialogs.push(d.message()); d.accept(); });
  await page.click('[data-reset-lesson]');
  assert.equal(dialogs.length, 2);
  assert.match(dialogs[1], /this lesson/);
  assert.deepEqual(await ticked(page), []);
  assert.equal((await lessonBar(page)).text, '0 of 4 done');
  assert.deepEqual((await stored(page)).pages, { 'basics/more': { review: true } }, 'other lessons are kept');
  await page.reload();
  assert.deepEqual(await ticked(page), []);
  await page.goto(`${BASE}/index.html`);
  page.once('dialog', (d) => { dialogs.push(d.message()); d.accept(); });
  await page.click('[data-reset-course]');
  assert.match(dialogs[2], /whole course/);
  assert.equal(await stored(page), null);
  await page.goto(`${BASE}/basics/more.html`);
  assert.deepEqual(await ticked(page), []);
  await context.close();
});

await check('export code, reset, import code round-trip; import a file', async () => {
  const context = await fresh();
  const page = await open(context, `${BASE}/basics/ticks.html`);
  await page.check('#check-brief');
  await page.check('#check-tell-the-team');
  await page.goto(`${BASE}/extra/last.html`);
  await page.check('#check-celebrate');
  await page.goto(`${BASE}/index.html`);
  const before = await stored(page);
  await page.click('[data-export]');
  const code = await page.inputValue('[data-progress-code]');
  assert.match(code, /^L2\.[A-Za-z0-9_-]+$/);
  page.once('dialog', (d) => d.accept());
  await page.click('[data-reset-course]');
  assert.equal(await stored(page), null);
  assert.equal((await courseBar(page)).text, '0 of 3 lessons complete');
  await page.fill('[data-progress-code]', 'not a code');
  await page.click('[data-import]');
  assert.match(await textOf(page, '[data-import-message]'), /isn't a Lectern progress code/);
  assert.equal(await stored(page), null);
  await page.fill('[data-progress-code]', code);
  await page.click('[data-import]');
  await page.click('[data-import-confirm]');
  assert.equal(await textOf(page, '[data-import-message]'), 'Progress imported.');
  assert.deepEqual(await stored(page), before);
  assert.equal((await courseBar(page)).text, '1 of 3 lessons complete');
  await page.goto(`${BASE}/basics/ticks.html`);
  assert.deepEqual(await ticked(page), ['brief', 'tell-the-team']);

  await page.goto(`${BASE}/index.html`);
  const file = { v: 1, course: 'browser-checks', pages: { 'basics/more': { 'plan-the-review': true, review: true } }, learner: 'Ada' };
  await page.setInputFiles('[data-import-file]', { name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.click('[data-import-confirm]');
  await page.waitForFunction(() => document.querySelector('[data-import-message]').textContent === 'Progress imported.');
  const merged = { v: 1, pages: { ...before.pages, ...file.pages }, learner: 'Ada' }; // import merges
  assert.deepEqual(await stored(page), merged);
  assert.equal(await textOf(page, '[data-module-progress="basics"]'), '1 of 2 lessons');
  const other = { ...file, course: 'another-course' };
  await page.setInputFiles('[data-import-file]', { name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) });
  await page.waitForFunction(() => /different course/.test(document.querySelector('[data-import-message]').textContent));
  assert.deepEqual(await stored(page), merged);
  await context.close();
});

await check('no storage: the page says so and ticking still works', async () => {
  const context = await fresh();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  const errors = [];
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${BASE}/basics/ticks.html`);
  const notice = page.locator('.storage-warning');
  assert.equal(await notice.count(), 1);
  assert.ok(await notice.isVisible());
  assert.match(await notice.textContent(), /can't be saved/);
  await page.check('#check-ship');
  assert.deepEqual(await ticked(page), ['ship']);
  assert.deepEqual(await lessonBar(page), { value: 1, max: 4, text: '1 of 4 done' });
  await page.check('#check-brief');
  assert.equal((await lessonBar(page)).text, '2 of 4 done');
  assert.equal(await page.locator('.storage-warning').count(), 1, 'one notice only');
  assert.deepEqual(errors, []);
  await context.close();
});

await check('another tab updates through the storage event', async () => {
  const context = await fresh();
  const a = await open(context, `${BASE}/basics/ticks.html`);
  const b = await open(context, `${BASE}/basics/ticks.html`);
  const home = await open(context, `${BASE}/index.html`);
  for (const id of ['brief', 'write-the-plan', 'ship', 'tell-the-team']) await a.check(`#check-${id}`);
  await b.waitForFunction(() => document.querySelector('#check-tell-the-team').checked);
  assert.deepEqual(await ticked(b), ['brief', 'write-the-plan', 'ship', 'tell-the-team']);
  assert.equal((await lessonBar(b)).text, '4 of 4 done');
  await home.waitForFunction(() => document.querySelector('[data-course-progress] progress').value === 1);
  assert.equal((await courseBar(home)).text, '1 of 3 lessons complete');
  await b.uncheck('#check-brief');
  await a.waitForFunction(() => !document.querySelector('#check-brief').checked);
  assert.equal((await lessonBar(a)).text, '3 of 4 done');
  await home.waitForFunction(() => document.querySelector('[data-course-progress] progress').value === 0);
  await context.close();
});

await check('keyboard alone: Tab to a checkbox, Space ticks it, Space again clears it', async () => {
  const context = await fresh();
  const page = await open(context, `${BASE}/basics/ticks.html`);
  await tabTo(page, '#check-brief');
  await page.keyboard.press('Space');
  await tabTo(page, '#check-ship', 3);
  await page.keyboard.press('Space');
  assert.deepEqual(await ticked(page), ['brief', 'ship']);
  assert.equal((await lessonBar(page)).text, '2 of 4 done');
  await page.keyboard.press('Space');
  assert.deepEqual(await ticked(page), ['brief']);
  await tabTo(page, '[data-reset-lesson]');
  page.once('dialog', (d) => d.accept());
  await page.keyboard.press('Enter');
  assert.deepEqual(await ticked(page), []);
  await context.close();
});

await check('reorder and edit the source, add an item, rebuild: ticks stay on the same items', async () => {
  const context = await fresh();
  const page = await open(context, `${BASE}/basics/ticks.html`);
  await page.check('#check-brief');
  await page.check('#check-write-the-plan');
  const md = join(COURSE, 'content/01-basics/01-ticks.md');
  const src = readFileSync(md, 'utf8');
  const list = ['- [ ] Read the brief {#brief}', '- [ ] Write the plan', '- [ ] Ship it {#ship}', '- [ ] Tell the team'];
  assert.ok(src.includes(list.join('\n')), 'the fixture lesson has the expected checklist');
  const reordered = ['- [ ] Tell the team', '- [ ] Book the launch', '- [ ] Write the plan',
    '- [ ] Ship it {#ship}', '- [ ] Read the whole brief, twice {#brief}'];
  writeFileSync(md, src.replace(list.join('\n'), reordered.join('\n')));
  execFileSync(BIN, ['build', COURSE, '--out', SITE, '--quiet'], { stdio: 'inherit' });
  await page.reload();
  const order = await page.$$eval('[data-checklist] input[data-item]', (l) => l.map((i) => i.dataset.item));
  assert.deepEqual(order, ['tell-the-team', 'book-the-launch', 'write-the-plan', 'ship', 'brief']);
  assert.deepEqual(await ticked(page), ['write-the-plan', 'brief']);
  assert.deepEqual(await lessonBar(page), { value: 2, max: 5, text: '2 of 5 done' });
  await context.close();
});

await check('no request leaves the site', () => { assert.deepEqual(foreign, []); });

await browser.close();
finish();
