// A SCORM package (VERSION 12 or 2004) in an LMS made of the npm package scorm-again's runtime
// (tests/browser/scorm-again-lms.html), in Chromium: tick items and move between lessons in
// one session, the browser's back button inside the course, leaving (session time, exit
// suspend), a relaunch fed the stored CMI data restoring the ticks from suspend_data, then the
// whole course done: completed. Built and served by tests/browser.rs (the browser-checklist
// fixture, packaged and unzipped under course/, beside lms.html and scorm-again.js).
import assert from 'node:assert/strict';
import { check, env, finish, launch } from './lib.mjs';
import { collectErrors, lessonIn, tickTheRest, ticked } from './scorm_frames.mjs';

const BASE = env('BASE_URL');
const V = env('VERSION');
const KEY = 'lectern:v2:browser-checks';
const K = V === '2004'
  ? { status: 'cmi.completion_status', location: 'cmi.location', exit: 'cmi.exit', time: 'cmi.session_time' }
  : { status: 'cmi.core.lesson_status', location: 'cmi.core.lesson_location', exit: 'cmi.core.exit', time: 'cmi.core.session_time' };
const browser = await launch();
const context = await browser.newContext();
const page = await context.newPage();
const errors = collectErrors(page);

const lms = () => page.evaluate((k) => JSON.parse(localStorage.getItem(k)), `lms-${V}`);
const lesson = (path) => lessonIn(page, path);
/** The last commit of `launch` once `test` holds for its data. */
async function committed(launch, test, what) {
  for (let i = 0; i < 60; i++) {
    const db = await lms();
    const c = db.commits.filter((x) => x.launch === launch).pop();
    if (c && test(c.data)) return c.data;
    await page.waitForTimeout(100);
  }
  assert.fail(`no commit with ${what} in launch ${launch}: ${JSON.stringify((await lms()).commits.slice(-1))}`);
}
async function close() { // the learner leaves the LMS page: the SCO's pagehide ends the session
  await page.goto(`${BASE}/blank.html`);
}
/** The scorm-again API object's value of `key` in the current launch. */
const value = (key) => page.evaluate(([k, v]) => (v === '2004' ? window.API_1484_11 : window.API).getCMIValue(k), [key, V]);

await check(`SCORM ${V} first launch: one Initialize, incomplete committed, the home page shown`, async () => {
  await page.goto(`${BASE}/lms.html?v=${V}`);
  await lesson('/index.html');
  await committed(1, (d) => d[K.status] === 'incomplete', 'incomplete');
  assert.deepEqual((await lms()).inits, [1]);
});

await check(`SCORM ${V}: ticks and lesson changes in one session, location follows, suspend_data holds the code`, async () => {
  let frame = await lesson('/index.html');
  const none = await value('cmi.suspend_data');
  await frame.locator('a[href$="basics/ticks.html"]').first().click();
  frame = await lesson('/basics/ticks.html');
  await frame.check('#check-write-the-plan');
  await frame.check('#check-ship');
  await frame.locator('a[href$="basics/more.html"]').first().click();
  frame = await lesson('/basics/more.html');
  await page.waitForFunction(([k, v]) => (v === '2004' ? window.API_1484_11 : window.API).getCMIValue(k) === 'basics/more', [K.location, V]);
  // progress is set debounced, a second after the last tick (and committed on leaving)
  await page.waitForFunction(([v, n]) => (v === '2004' ? window.API_1484_11 : window.API).getCMIValue('cmi.suspend_data') !== n, [V, none]);
  assert.match(await value('cmi.suspend_data'), /^L2\.[A-Za-z0-9_-]{4,}$/);
  if (V === '2004') assert.equal(Number(await value('cmi.progress_measure')), 0.2857, 'progress_measure: 2 items of 7');
  assert.deepEqual((await lms()).inits, [1], 'the session was initialized again');
  assert.deepEqual((await lms()).ends, [], 'the session ended on a lesson change');
});

await check(`SCORM ${V}: the back button goes to the previous lesson, inside the same session`, async () => {
  // history.back() is the back button: the frames' navigations are in the tab's history
  await page.evaluate(() => history.back());
  const frame = await lesson('/basics/ticks.html');
  assert.deepEqual(await ticked(frame), ['write-the-plan', 'ship']);
  assert.equal(new URL(page.url()).pathname, '/lms.html', 'the back button left the LMS page');
  await page.waitForFunction(([k, v]) => (v === '2004' ? window.API_1484_11 : window.API).getCMIValue(k) === 'basics/ticks', [K.location, V]);
  await page.evaluate(() => history.forward());
  await lesson('/basics/more.html');
  assert.deepEqual((await lms()).inits, [1]);
  assert.deepEqual((await lms()).ends, []);
});

await check(`SCORM ${V} leaving: session time recorded, exit suspend, still incomplete`, async () => {
  await page.waitForTimeout(1100);
  await close();
  const db = await lms();
  assert.equal(db.ends.length, 1);
  const data = db.ends[0].data;
  if (V === '2004') assert.match(data[K.time], /^PT(\d+H)?(\d+M)?\d+(\.\d+)?S$/);
  else assert.match(data[K.time], /^\d{2,4}:[0-5]\d:[0-5]\d(\.\d\d?)?$/);
  assert.notEqual(data[K.time], V === '2004' ? 'PT0S' : '00:00:00', 'no time recorded');
  assert.equal(data[K.exit], 'suspend');
  assert.equal(data[K.status], 'incomplete');
  assert.equal(db.stored.entry, 'resume');
});

await check(`SCORM ${V} relaunch with the stored CMI data, in a browser that kept nothing: ticks restored, at the last lesson`, async () => {
  await page.evaluate((k) => localStorage.removeItem(k), KEY);
  await page.goto(`${BASE}/lms.html?v=${V}`);
  let frame = await lesson('/basics/more.html');
  await frame.locator('a[href$="basics/ticks.html"]').first().click();
  frame = await lesson('/basics/ticks.html');
  assert.deepEqual(await ticked(frame), ['write-the-plan', 'ship']);
  assert.deepEqual((await lms()).inits, [1, 2]);
});

await check(`SCORM ${V} every lesson complete: completed committed; leaving ends the attempt`, async () => {
  await tickTheRest(page);
  await committed(2, (d) => d[K.status] === 'completed', 'completed');
  if (V === '2004') assert.equal(await value('cmi.progress_measure'), '1');
  await close();
  const db = await lms();
  const data = db.ends.find((e) => e.launch === 2).data;
  assert.equal(data[K.status], 'completed');
  assert.equal(data[K.exit], V === '2004' ? 'normal' : '');
  assert.equal(db.stored.entry, '');
});

await check('no console errors in the LMS, the launch page or the lessons', async () => {
  assert.deepEqual(errors, []);
});

await browser.close();
finish();
