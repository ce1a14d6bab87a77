// A learner's record across a republish (fixture tests/fixtures/browser-republish, built once by
// tests/browser.rs into SITE_DIR and served at BASE_URL). In one persistent profile the learner
// ticks items and passes a quiz; the author then reorders items, inserts one, rewords one at the
// start and one at the end of its text, removes a ticked one, rewords the quiz question, renames
// a lesson file (adding an item to it) and changes the course title, and builds into the same
// folder. Back in the same profile: every tick is on its item, read from the page's checkboxes
// and counts; the quiz keeps its credit; the removed item's tick counts nowhere; the new items
// are not ticked; and the home and module pages say what changed, until dismissed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations, check, env, finish, launchPersistent, textOf } from './lib.mjs';

const SITE = env('SITE_DIR'), COURSE = env('COURSE_DIR'), BASE = env('BASE_URL'), BIN = env('LECTERN_BIN');
const PROFILE = mkdtempSync(join(tmpdir(), 'lectern-republish-'));

const PICK = 'Pick one task you do every week and could hand over';
const WRITE = 'Write down why the task matters to the team';
const AGREE = 'Agree a deadline with the seller who takes it';
const CHECK = 'Check in halfway without taking the task back';
const THANK = 'Thank the seller in front of the team when it is done';
const ASK = ['I asked three open questions in my last conversation', 'I let the seller choose the next step',
  'I kept advice out of my questions'];

// What the page shows: each box's label and whether it is ticked, and the lesson's count.
const boxes = (page) => page.$$eval('[data-checklist] input[data-item]', (l) => l.map((i) =>
  [document.querySelector(`label[for="${i.id}"]`).textContent.trim(), i.checked]));
const ticked = async (page) => (await boxes(page)).filter(([, on]) => on).map(([t]) => t);
const lessonCount = (page) => textOf(page, '[data-lesson-progress] .progress-text');
const news = (page) => textOf(page, '[data-course-news-text]');
async function tick(page, label) {
  await page.getByLabel(label, { exact: true }).check();
}

let context = await launchPersistent(PROFILE);
let page = await context.newPage();

await check('build 1: the learner ticks items, passes the quiz and sees no notice', async () => {
  await page.goto(`${BASE}/index.html`);
  assert.equal(await news(page), '');
  await page.goto(`${BASE}/delegating/choose.html`);
  for (const label of [PICK, WRITE, CHECK, THANK]) await tick(page, label);
  assert.equal(await lessonCount(page), '4 of 5 done');
  await page.goto(`${BASE}/delegating/quiz.html`);
  await page.getByLabel('A task you do every week').check();
  await page.click('[data-quiz-check]');
  assert.equal(await textOf(page, '.quiz-result'), 'Correct.');
  await page.goto(`${BASE}/coaching/ask.html`);
  for (const label of ASK) await tick(page, label);
  assert.equal(await lessonCount(page), '3 of 3 done');
  await page.goto(`${BASE}/index.html`);
  assert.equal(await textOf(page, '[data-course-progress] .progress-text'), '2 of 3 lessons complete');
  assert.equal(await news(page), '');
  await page.goto(`${BASE}/coaching/index.html`);
  assert.equal(await news(page), '');
});
await context.close();

// The author's edits, then a build into the folder being served.
const edit = (rel, fn) => writeFileSync(join(COURSE, rel), fn(readFileSync(join(COURSE, rel), 'utf8')));
const NEW = 'Tell the team who owns the task now';
const PICK2 = 'Choose one task you do every week and could hand over';
const THANK2 = 'Thank the seller in front of the team when it is finished';
edit('content/01-delegating/01-choose.md', (t) => t.replace(/- \[ \][^]*$/, [CHECK, NEW, THANK2, AGREE, PICK2]
  .map((i) => `- [ ] ${i}\n`).join('')));
edit('content/01-delegating/02-quiz.md', (t) => t.replace('Which of these should', 'Which of these tasks should'));
renameSync(join(COURSE, 'content/02-coaching/01-ask.md'), join(COURSE, 'content/02-coaching/01-ask-open-questions.md'));
edit('content/02-coaching/01-ask-open-questions.md', (t) => `${t}- [ ] I summed up what the seller decided\n`);
edit('course.yaml', (t) => t.replace('title: Republish checks', 'title: Republish checks, second edition'));
const built = execFileSync(BIN, ['build', COURSE, '--out', SITE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

await check('the rebuild says the lesson file was renamed', async () => {
  const lock = readFileSync(join(COURSE, 'lectern.lock'), 'utf8');
  assert.match(lock, /^moved coaching\/ask coaching\/ask-open-questions$/m);
  assert.match(built, /Updated lectern\.lock: 2 new, 3 reworded, 1 retired; 1 lesson renamed or moved\./);
});

context = await launchPersistent(PROFILE);
page = await context.newPage();

await check('build 2: the ticks land on their items, reordered, reworded or not', async () => {
  await page.goto(`${BASE}/delegating/choose.html`);
  assert.deepEqual(await boxes(page), [[CHECK, true], [NEW, false], [THANK2, true], [AGREE, false], [PICK2, true]]);
  assert.equal(await lessonCount(page), '3 of 5 done');
  assert.equal(await textOf(page, '.brand-title'), 'Republish checks, second edition');
});

await check('build 2: the reworded quiz question keeps its credit', async () => {
  await page.goto(`${BASE}/delegating/quiz.html`);
  assert.equal(await page.$eval('fieldset.quiz-question', (f) => f.classList.contains('is-correct')), true);
  assert.equal(await textOf(page, '.quiz-result'), 'Correct.');
  assert.equal(await lessonCount(page), '1 of 1 done');
});

await check('build 2: the renamed lesson keeps its ticks, its new item is not ticked', async () => {
  await page.goto(`${BASE}/coaching/ask-open-questions.html`);
  assert.deepEqual(await ticked(page), ASK);
  assert.equal((await boxes(page)).length, 4);
  assert.equal(await lessonCount(page), '3 of 4 done');
});

await check('build 2: the removed item counts nowhere; the counts match the boxes', async () => {
  await page.goto(`${BASE}/index.html`);
  assert.equal(await textOf(page, '[data-course-progress] .progress-text'), '1 of 3 lessons complete');
  const parts = await page.$$eval('li[data-lesson]', (l) => l.map((li) => [li.dataset.lesson,
    (li.querySelector('.part-count') || { textContent: '' }).textContent.trim(), li.classList.contains('is-complete')]));
  assert.deepEqual(parts, [['delegating/choose', '3 of 5', false], ['delegating/quiz', '', true],
    ['coaching/ask-open-questions', '3 of 4', false]]);
  await page.goto(`${BASE}/progress.html`);
  const report = await textOf(page, '[data-progress-report]');
  assert.ok(!report.includes(WRITE), report);
  assert.ok(!report.includes('coaching/ask '), report);
  assert.match(report, /Choose a task ?Not complete: 3 of 5 done/);
  assert.match(report, /Ask ?Not complete: 3 of 4 done/);
});

await check('build 2: the home and module pages say what changed, politely, until dismissed', async () => {
  await page.goto(`${BASE}/coaching/index.html`);
  await page.waitForFunction(() => document.querySelector('[data-course-news-text]').textContent !== '');
  assert.equal(await news(page), '1 new item in Coaching since your last visit.');
  await page.goto(`${BASE}/index.html`);
  await page.waitForFunction(() => document.querySelector('[data-course-news-text]').textContent !== '');
  assert.equal(await news(page), '1 new item in Delegating step by step since your last visit. '
    + '1 new item in Coaching since your last visit.');
  assert.equal(await page.$eval('[data-course-news-text]', (p) => p.getAttribute('role')), 'status');
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [1280, 360]) {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width, height: 800 });
      assert.deepEqual(await axeViolations(page), [], `axe, ${colorScheme}, ${width}px`);
    }
  }
  await page.getByRole('button', { name: 'Dismiss' }).click();
  assert.equal(await news(page), '');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  await page.reload();
  await page.waitForTimeout(200);
  assert.equal(await news(page), '');
  assert.equal(await page.getByRole('button', { name: 'Dismiss' }).count(), 0);
  await page.goto(`${BASE}/delegating/index.html`);
  await page.waitForTimeout(200);
  assert.equal(await news(page), '');
});

await context.close();
rmSync(PROFILE, { recursive: true, force: true });
finish();
