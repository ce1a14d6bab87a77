// A SCORM 1.2 package in a test LMS (tests/browser/scorm-lms.html, a mock window.API that
// records every call) in Chromium: launch, move between lessons inside the frame, tick items,
// the calls the package makes, a relaunch that restores the ticks from suspend_data alone,
// completion, and the package opened without an LMS. Built and served by tests/browser.rs
// (the browser-checklist fixture, packaged and unzipped under course/).
import assert from 'node:assert/strict';
import { axeViolations, check, env, finish, launch } from './lib.mjs';
import { collectErrors, lessonIn, tickTheRest, ticked } from './scorm_frames.mjs';

const BASE = env('BASE_URL');
const KEY = 'lectern:v2:browser-checks';
const browser = await launch();
const context = await browser.newContext();
const page = await context.newPage();
const errors = collectErrors(page);

const lms = () => page.evaluate(() => JSON.parse(localStorage.getItem('mock-lms')));
const calls = async (launch) => (await lms()).calls.filter((c) => c.launch === launch);
const names = (cs) => cs.map((c) => c.name);
const sets = (cs, key) => cs.filter((c) => c.name === 'LMSSetValue' && c.args[0] === key).map((c) => c.args[1]);
const lesson = (path) => lessonIn(page, path);
/** Waits until the LMS has a call matching `test` in `launch`. */
async function until(launch, test, what) {
  for (let i = 0; i < 50; i++) {
    if ((await calls(launch)).some(test)) return;
    await page.waitForTimeout(100);
  }
  assert.fail(`no ${what} in launch ${launch}: ${JSON.stringify(names(await calls(launch)))}`);
}
async function close() { // the learner leaves the LMS page: the SCO's pagehide finishes the session
  await page.goto(`${BASE}/blank.html`);
}

await check('first launch: Initialize, the entry read, incomplete set and committed, the home page shown', async () => {
  await page.goto(`${BASE}/lms.html`);
  await lesson('/index.html');
  await until(1, (c) => c.name === 'LMSCommit', 'commit');
  const cs = await calls(1);
  assert.equal(cs[0].name, 'LMSInitialize');
  const read = cs.filter((c) => c.name === 'LMSGetValue').map((c) => c.args[0]);
  for (const k of ['cmi.core.entry', 'cmi.core.lesson_status', 'cmi.core.lesson_location', 'cmi.core.student_name']) assert.ok(read.includes(k), k);
  assert.ok(!read.includes('cmi.suspend_data'), 'suspend_data read on ab-initio');
  assert.deepEqual(sets(cs, 'cmi.core.lesson_status'), ['incomplete']);
  const at = names(cs);
  assert.ok(at.indexOf('LMSCommit') > at.findIndex((n, i) => n === 'LMSSetValue' && cs[i].args[0] === 'cmi.core.lesson_status'));
});

await check('moving between lessons in the frame: lesson_location follows, ticks go to suspend_data as an L2 code', async () => {
  let frame = await lesson('/index.html');
  await frame.locator('a[href$="basics/ticks.html"]').first().click();
  frame = await lesson('/basics/ticks.html');
  await frame.check('#check-write-the-plan');
  await frame.check('#check-ship');
  await until(1, (c) => c.name === 'LMSSetValue' && c.args[0] === 'cmi.suspend_data' && c.args[1].length > 3, 'suspend_data');
  await frame.locator('a[href$="basics/more.html"]').first().click();
  frame = await lesson('/basics/more.html');
  await until(1, (c) => c.name === 'LMSSetValue' && c.args[1] === 'basics/more', 'lesson_location');
  const cs = await calls(1);
  assert.deepEqual(sets(cs, 'cmi.core.lesson_location').slice(-2), ['basics/ticks', 'basics/more']);
  const codes = sets(cs, 'cmi.suspend_data');
  assert.ok(codes.every((c) => /^L2\.[A-Za-z0-9_-]+$/.test(c)), codes.join(' '));
  assert.equal(names(cs).filter((n) => n === 'LMSInitialize').length, 1, 'the session was initialized again');
  assert.ok(!names(cs).includes('LMSFinish'), 'the session ended on a lesson change');
});

await check('leaving: session_time as HHHH:MM:SS.SS, exit suspend, Commit then Finish', async () => {
  await close();
  const cs = await calls(1);
  const time = sets(cs, 'cmi.core.session_time');
  assert.equal(time.length, 1);
  assert.match(time[0], /^\d{4}:[0-5]\d:[0-5]\d\.\d\d$/);
  assert.deepEqual(sets(cs, 'cmi.core.exit'), ['suspend']);
  assert.deepEqual(names(cs).slice(-2), ['LMSCommit', 'LMSFinish']);
  assert.deepEqual(sets(cs, 'cmi.core.lesson_status'), ['incomplete']);
});

await check('relaunch in a browser that kept nothing: the ticks come back from suspend_data, at the last lesson', async () => {
  await page.evaluate((k) => localStorage.removeItem(k), KEY);
  await page.goto(`${BASE}/lms.html`);
  let frame = await lesson('/basics/more.html');
  const cs = await calls(2);
  const read = cs.filter((c) => c.name === 'LMSGetValue').map((c) => c.args[0]);
  assert.ok(read.includes('cmi.suspend_data'));
  assert.ok(!sets(cs, 'cmi.suspend_data').length, 'the code restored was written back unchanged');
  assert.ok(!sets(cs, 'cmi.core.lesson_status').length, 'the status was set again on resume');
  await frame.locator('a[href$="basics/ticks.html"]').first().click();
  frame = await lesson('/basics/ticks.html');
  assert.deepEqual(await ticked(frame), ['write-the-plan', 'ship']);
  // the LMS's "Last, First" is the learner's name (for the certificate), never in the code
  const record = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), KEY);
  assert.equal(record.learner, 'Jane Doe');
});

await check('every lesson complete: completed, committed; exit is empty', async () => {
  await tickTheRest(page, async () => {
    await page.waitForTimeout(1300);
    assert.deepEqual(sets(await calls(2), 'cmi.core.lesson_status'), [], 'completed too early');
  });
  await until(2, (c) => c.name === 'LMSSetValue' && c.args[1] === 'completed', 'completed');
  let cs = await calls(2);
  const i = cs.findIndex((c) => c.args[1] === 'completed');
  assert.ok(cs.slice(i).some((c) => c.name === 'LMSCommit'), 'no commit after completion');
  await close();
  cs = await calls(2);
  assert.deepEqual(sets(cs, 'cmi.core.exit'), ['']);
  assert.deepEqual(names(cs).slice(-1), ['LMSFinish']);
});

await check('no console errors in the LMS, the launch page or the lessons', async () => {
  assert.deepEqual(errors, []);
});

await check('without an LMS: a notice, the course works on localStorage', async () => {
  const alone = await context.newPage();
  await alone.goto(`${BASE}/course/scorm.html`);
  const notice = alone.locator('.scorm-notice');
  await notice.waitFor();
  assert.equal(await notice.textContent(), 'No learning platform was found: your progress is kept in this browser only.');
  await alone.waitForFunction(() => {
    const f = document.querySelector('iframe.scorm-frame');
    return f && f.contentDocument && f.contentDocument.documentElement.classList.contains('js');
  });
  assert.deepEqual(await axeViolations(alone), []);
  const inner = alone.frames().find((f) => f !== alone.mainFrame());
  assert.match(inner.url(), /\/extra\/last\.html$/, 'not opened where this browser last was');
  await alone.evaluate((k) => localStorage.removeItem(k), KEY);
  await inner.goto(`${BASE}/course/basics/ticks.html`);
  await inner.check('#check-brief');
  const kept = await alone.evaluate((k) => JSON.parse(localStorage.getItem(k)).pages, KEY);
  assert.deepEqual(Object.keys(kept['basics/ticks']), ['brief']);
  const spans = await alone.evaluate(() => [0, 61234, 36e5 * 27 + 5, 1e12].map(window.LecternScorm.span));
  assert.deepEqual(spans, ['0000:00:00.00', '0000:01:01.23', '0027:00:00.01', '9999:59:59.99']);
  await alone.close();
});

await browser.close();
finish();
