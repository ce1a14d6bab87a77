// The completion certificate (certificate.html) of a small course (fixture
// tests/fixtures/browser-exercises, built by tests/browser.rs): before the end it says how many
// items are done; at the end it shows the learner's name (typed once, then kept), the course, the
// day the last item was done (not the day it is viewed, whatever the clock says), the module's
// day and each quiz question's and sort's best score and day passed. It prints on one A4 or
// Letter sheet without navigation, and axe finds nothing in light or dark.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { check, env, finish, launch, textOf, watchRequests } from './lib.mjs';

const BASE = env('BASE_URL');
const CERT = `${BASE}/certificate.html`;
const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const foreign = [];
const browser = await launch();
const context = await browser.newContext();
watchRequests(context, BASE, foreign);
const page = await context.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));

async function axe() {
  await page.addScriptTag({ path: AXE });
  const r = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS);
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
const rowsOf = (sel) => page.$$eval(`${sel} tbody tr`, (trs) => trs.map((tr) => Array.from(tr.cells, (c) => c.textContent)));
const longDate = (y, m, d) => new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(y, m, d));
async function sortAll(url) {
  await page.goto(url);
  const answers = await page.$$eval('li.sort-item', (l) => l.map((li) => li.dataset.answer));
  const selects = await page.$$('li.sort-item select');
  for (let i = 0; i < answers.length; i++) await selects[i].selectOption(answers[i]);
  await page.click('[data-sort-check]');
  for (const box of await page.$$('[data-checklist] input[data-item]')) await box.check();
}

await check('before the end: an honest count of the items done, and no certificate', async () => {
  await page.clock.setFixedTime(new Date(2026, 2, 10, 10, 0));
  await page.goto(CERT);
  const total = await page.evaluate(() => Object.values(window.LECTERN_COURSE.pages).reduce((n, p) => n + p.items.length, 0));
  assert.ok(total > 5, `${total} items`);
  assert.equal(await textOf(page, '[data-certificate]'), `Not complete yet: 0 of ${total} items done.`);
  await page.goto(`${BASE}/practice/quiz.html`);
  for (const id of await page.$$eval('fieldset.quiz-question input', (l) => l.filter((i) => i.dataset.correct === 'true').map((i) => i.id))) {
    await page.check(`[id="${id}"]`);
  }
  await page.click('[data-quiz-check]');
  await page.check('[data-checklist] input[data-item]');
  await page.goto(CERT);
  assert.equal(await textOf(page, '[data-certificate]'), `Not complete yet: 3 of ${total} items done.`);
  assert.equal(await page.$('[data-certificate] table'), null);
  assert.equal(await page.isVisible('[data-certificate-name-field]'), false, 'no name to type before the end');
  assert.deepEqual(await axe(), []);
});

await check('at the end: name, course, completion day (not today), module and scores', async () => {
  await page.clock.setFixedTime(new Date(2026, 2, 12, 9, 0));
  await sortAll(`${BASE}/practice/sort.html`);
  await page.clock.setFixedTime(new Date(2026, 2, 17, 10, 0));
  await page.goto(CERT);
  assert.equal(await page.evaluate(() => new Date().getDate()), 17, 'viewed five days later');
  const finished = longDate(2026, 2, 12);
  assert.equal(finished, 'March 12, 2026');
  assert.equal(await textOf(page, '.certificate-course'), 'Exercise checks');
  assert.equal(await textOf(page, '.certificate-date'), `on ${finished}.`);
  assert.equal(await page.$eval('.certificate-date time', (t) => t.dateTime), '2026-03-12');
  assert.deepEqual(await rowsOf('.certificate-table:first-of-type'), [['Practice', finished]]);
  const scores = await rowsOf('.certificate-table:last-of-type');
  assert.deepEqual(scores, [
    ['Question: Which of these is coaching?', '1 of 1', longDate(2026, 2, 10)],
    ['Question: Which are a manager\u2019s tasks?', '1 of 1', longDate(2026, 2, 10)],
    ['Exercise: Who does this?', '9 of 9', finished],
  ]);
  assert.equal(await page.$eval('.certificate-table:last-of-type caption', (c) => c.textContent), 'Scores');
  // no name stored: a field to type it, saved by the learner script and shown as typed
  assert.equal(await page.isVisible('[data-certificate-name-field]'), true);
  assert.equal(await textOf(page, '.certificate-name'), '');
  await page.fill('#learner-name', 'Ada Lovelace');
  assert.equal(await textOf(page, '.certificate-name'), 'Ada Lovelace');
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('lectern:v2:exercise-checks')).learner);
  assert.equal(stored, 'Ada Lovelace');
  await page.clock.setFixedTime(new Date(2027, 0, 2, 10, 0));
  await page.reload();
  assert.equal(await textOf(page, '.certificate-name'), 'Ada Lovelace');
  assert.equal(await page.isVisible('[data-certificate-name-field]'), false, 'the name is kept, no field any more');
  assert.equal(await textOf(page, '.certificate-date'), `on ${finished}.`, 'a year on, still the day it was finished');
});

await check('dates are written in the page\'s language', async () => {
  await page.goto(CERT);
  await page.evaluate(() => { document.documentElement.lang = 'fr'; window.dispatchEvent(new StorageEvent('storage')); });
  assert.equal(await textOf(page, '.certificate-date time'), new Intl.DateTimeFormat('fr', { dateStyle: 'long' }).format(new Date(2026, 2, 12)));
  assert.equal(await textOf(page, '.certificate-date time'), '12 mars 2026');
});

await check('at 360 px the certificate fits the width: nothing to scroll sideways', async () => {
  await page.setViewportSize({ width: 360, height: 640 });
  await page.goto(CERT);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360);
  await page.setViewportSize({ width: 1280, height: 720 });
});

await check('the certificate is linked from the home and progress pages', async () => {
  for (const url of [`${BASE}/index.html`, `${BASE}/progress.html`]) {
    await page.goto(url);
    assert.ok(await page.$('a[href="certificate.html"]'), url);
  }
});

await check('printed: one A4 or Letter sheet, no navigation, no name field', async () => {
  await page.goto(CERT);
  await page.emulateMedia({ media: 'print' });
  for (const sel of ['.site-header', '.sidebar', '.site-footer', '.breadcrumbs', '.print-button', '.certificate-links']) {
    assert.equal(await page.isVisible(sel), false, `${sel} is printed`);
  }
  assert.equal(await page.isVisible('.certificate'), true);
  for (const format of ['A4', 'Letter']) {
    const pdf = (await page.pdf({ format })).toString('latin1');
    assert.equal((pdf.match(/\/Type\s*\/Page\b/g) || []).length, 1, `${format}: one page`);
  }
  await page.emulateMedia({ media: null });
});

await check('axe: no violations on the certificate in light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    await page.goto(CERT);
    assert.deepEqual(await axe(), [], colorScheme);
  }
});

await check('no script errors and no request leaves the site', () => {
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
});

await context.close();
await browser.close();
finish();
