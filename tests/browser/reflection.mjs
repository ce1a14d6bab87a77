// Reflections in the browser (fixture tests/fixtures/browser-practice, built by
// tests/browser.rs): typed by keyboard, saved in this browser as typed and kept across a
// reload, a word count against the guide, shown on the progress page and on my-handout.html,
// cleared with the course's reset, never counted for completion, fields without JavaScript,
// and axe in every state.
import assert from 'node:assert/strict';
import { axeViolations, check, env, finish, launch, tabTo, textOf, watchRequests } from './lib.mjs';

const BASE = env('BASE_URL');
const KEY = 'lectern:v2:scenario-checks';
const URL = `${BASE}/practice/reflection.html`;
const foreign = [];
const browser = await launch();

async function open(context, url = URL) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, errors };
}
async function fresh(js = true) {
  const context = await browser.newContext();
  watchRequests(context, BASE, foreign);
  // `js` false: the theme's scripts do not load (axe needs script of its own)
  if (!js) await context.route(/\/assets\/.*\.js/, (r) => r.abort());
  return context;
}
const notes = (page) => page.evaluate((k) => { const s = JSON.parse(localStorage.getItem(k) || 'null'); return s && s.notes || null; }, KEY);
const axe = async (page, state) => assert.deepEqual(await axeViolations(page), [], `axe: ${state}`);

await check('without JavaScript the fields are there, with a note that nothing is kept', async () => {
  const context = await fresh(false), { page } = await open(context);
  assert.deepEqual(await page.$$eval('section.reflection label', (l) => l.map((x) => x.textContent)),
    ['What will you hand over first, and to whom?', 'Task', 'Goal', 'Deadline']);
  assert.equal(await textOf(page, '[data-reflection="brief"] .reflection-status'), 'Without JavaScript nothing you write here is kept: copy it somewhere before you leave the page.');
  await page.fill('#brief-task', 'Weekly forecast');
  assert.equal(await page.inputValue('#brief-task'), 'Weekly forecast', 'the fields take text');
  await axe(page, 'no JavaScript');
  await context.close();
});

await check('keyboard only: answers are saved as typed, counted, and back after a reload', async () => {
  const context = await fresh(), { page, errors } = await open(context);
  assert.equal(await textOf(page, '[data-reflection="brief"] .reflection-status'), 'What you write is saved in this browser only, and never sent anywhere.');
  assert.equal(await textOf(page, '#my-first-delegation-answer-words'), 'Aim for 5 to 50 words. 0 words so far.');
  await axe(page, 'empty');
  await tabTo(page, '#my-first-delegation-answer');
  await page.keyboard.type('The weekly forecast, to Sam.');
  assert.equal(await textOf(page, '#my-first-delegation-answer-words'), 'Aim for 5 to 50 words. 5 words so far.');
  await tabTo(page, '#brief-task');
  await page.keyboard.type('Weekly forecast');
  await tabTo(page, '#brief-deadline');
  await page.keyboard.type('Friday\nnoon');
  const n = await notes(page);
  assert.deepEqual(n['practice/reflection']['my-first-delegation'].f, [['What will you hand over first, and to whom?', 'The weekly forecast, to Sam.']]);
  assert.deepEqual(n['practice/reflection'].brief.f, [['Task', 'Weekly forecast'], ['Deadline', 'Friday\nnoon']]);
  assert.equal(n['practice/reflection'].brief.t, 'Delegation brief');
  assert.ok(n['practice/reflection'].brief.d > 0, 'dated');
  assert.match(await textOf(page, '[data-reflection="brief"] .reflection-status'), /^What you write is saved in this browser only, and never sent anywhere\. Last changed on .+\.$/);
  await axe(page, 'filled in');
  await page.reload();
  assert.equal(await page.inputValue('#brief-deadline'), 'Friday\nnoon');
  assert.equal(await page.inputValue('#my-first-delegation-answer'), 'The weekly forecast, to Sam.');
  assert.equal(await page.inputValue('#brief-goal'), '');
  assert.equal(await textOf(page, '#my-first-delegation-answer-words'), 'Aim for 5 to 50 words. 5 words so far.');
  // emptying a field removes it; emptying every field removes the reflection
  await page.fill('#brief-task', '');
  await page.fill('#brief-deadline', '');
  assert.equal((await notes(page))['practice/reflection'].brief, undefined);
  assert.deepEqual(errors, []);
  await context.close();
});

await check('the answers show on the progress page and my handout, count for nothing, and go with a reset of the course', async () => {
  const context = await fresh(), { page } = await open(context);
  await page.fill('#brief-goal', 'The forecast is in by Friday, right first time.');
  const progress = await open(context, `${BASE}/progress.html`);
  const report = await textOf(progress.page, '[data-progress-report]');
  assert.match(report, /Delegation brief\s*Goal\s*The forecast is in by Friday, right first time\./);
  assert.match(report, /0 of 2 lessons complete/, 'reflections are not counted: only the scenario and checklist lessons are');
  await axe(progress.page, 'progress page with answers');
  const mine = await open(context, `${BASE}/my-handout.html`);
  assert.deepEqual(await mine.page.$$eval('[data-my-handout] h2, [data-my-handout] h3, [data-my-handout] h4, [data-my-handout] dt, [data-my-handout] dd', (l) => l.map((x) => x.textContent)),
    ['Practice', 'Your plan', 'Delegation brief', 'Goal', 'The forecast is in by Friday, right first time.', 'Commitments and optional items']);
  await axe(mine.page, 'my handout');
  // a lesson with nothing to tick has no reset of its own: the course's clears the answers
  page.on('dialog', (d) => d.accept());
  await page.goto(`${BASE}/index.html`);
  await tabTo(page, '[data-reset-course]');
  await page.keyboard.press('Enter');
  assert.equal(await notes(page), null, 'the course reset clears the answers');
  await page.goto(URL);
  assert.equal(await page.inputValue('#brief-goal'), '');
  await mine.page.reload();
  assert.equal(await textOf(mine.page, '.my-handout-empty'), 'Nothing written yet: your answers to the reflections in the lessons will appear here.');
  assert.match(await textOf(mine.page, '.progress-commitments'), /^Commitments and optional items.*Hand over the weekly forecast — not yet \(On the job\)/s, 'commitments follow, with their days');
  await context.close();
});

assert.deepEqual(foreign, [], 'no request leaves the site');
await browser.close();
finish();
