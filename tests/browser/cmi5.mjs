// A cmi5 package (the browser-checklist fixture, unzipped under SITE_DIR/course/) launched by
// a test LMS played here: a launch URL, a fetch endpoint handing out the session's token, the
// State API (LMS.LaunchData and the AU's own state) and the statements passed on to a real
// Learning Record Store, Ralph (RALPH: its command, run from a temporary folder with its
// file-system backend). In Chromium: initialized, ticks across lessons, completed, terminated,
// in order with the registration, the context template and the cmi5 category; a relaunch in a
// browser that kept nothing restores the ticks from the State API.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { check, env, finish, launch } from './lib.mjs';
import { collectErrors, lessonIn, tickTheRest, ticked } from './scorm_frames.mjs';

const SITE = env('SITE_DIR');
const RALPH = env('RALPH');
const KEY = 'lectern:v2:browser-checks';
const AU = 'urn:lectern:browser-checks:au';
const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const ACTOR = { objectType: 'Agent', name: 'Jane Doe', account: { homePage: 'https://lms.example', name: 'jd' } };
const TOKEN = Buffer.from('lms:secret').toString('base64');

/* ---- the LRS ---- */
const lrsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-lrs-'));
const lrsEnv = { ...process.env, HOME: lrsDir, RALPH_APP_DIR: path.join(lrsDir, '.ralph'), RALPH_RUNSERVER_BACKEND: 'fs' };
// Ralph 5's file-system backend writes each target's file once (a second write to it fails
// with "already exists and overwrite is not allowed"): each statement goes to the LRS as its
// own user with its own target, and reading merges them back.
const USERS = 8;
for (let i = 0; i < USERS; i++) {
  const args = ['auth', '-u', `lms${i}`, '-p', 'secret', '-s', 'all', '-t', `t${i}`, '-M', `mailto:lms${i}@example.com`, '-w'];
  const auth = spawnSync(RALPH, args, { cwd: lrsDir, env: lrsEnv });
  assert.equal(auth.status, 0, String(auth.stderr));
  fs.mkdirSync(path.join(lrsDir, `t${i}`));
}
const free = () => new Promise((res) => { const s = http.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });
const lrsPort = await free();
const ralph = spawn(RALPH, ['runserver', '-b', 'fs', '-h', '127.0.0.1', '-p', String(lrsPort)], { cwd: lrsDir, env: lrsEnv, stdio: 'ignore' });
const LRS = `http://127.0.0.1:${lrsPort}/xAPI/`;
let written = 0;
const lrs = (p, init = {}, user = 0) => fetch(LRS + p, { ...init, headers: {
  Authorization: `Basic ${Buffer.from(`lms${user}:secret`).toString('base64')}`, 'X-Experience-API-Version': '1.0.3', ...(init.headers || {}) } });
for (let i = 0; ; i++) {
  try { if ((await lrs('statements')).ok) break; } catch (e) { /* not up yet */ }
  assert.ok(i < 150, 'Ralph did not start');
  await new Promise((r) => setTimeout(r, 200));
}

/* ---- the LMS ---- */
const states = new Map(), fetches = [], lrsErrors = [];
const launchData = (reg) => ({
  contextTemplate: { contextActivities: { grouping: [{ id: 'urn:lectern:browser-checks' }] }, extensions: { [SESSION]: `session-${reg}` } },
  launchMode: 'Normal', moveOn: 'Completed', returnURL: 'https://lms.example/done',
});
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
const body = (req) => new Promise((res) => { const c = []; req.on('data', (d) => c.push(d)); req.on('end', () => res(Buffer.concat(c))); });
const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const authorized = req.headers.authorization === `Basic ${TOKEN}`;
  if (url.pathname === '/fetch' && req.method === 'POST') {
    fetches.push(url.searchParams.get('reg'));
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify({ 'auth-token': TOKEN }));
  }
  if (url.pathname.startsWith('/xapi/') && !authorized) { res.writeHead(401); return res.end(); }
  if (url.pathname === '/xapi/activities/state') {
    const p = url.searchParams, k = `${p.get('stateId')}|${p.get('registration')}|${p.get('activityId')}|${p.get('agent')}`;
    if (req.method === 'PUT') { states.set(k, String(await body(req))); res.writeHead(204); return res.end(); }
    const doc = p.get('stateId') === 'LMS.LaunchData' ? JSON.stringify(launchData(p.get('registration'))) : states.get(k);
    if (!doc) { res.writeHead(404); return res.end(); }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(doc);
  }
  if (url.pathname === '/xapi/statements') { // passed on to the LRS
    assert.ok(written < USERS, 'more statements than LRS users');
    const r = await lrs('statements', { method: 'POST', body: await body(req), headers: { 'Content-Type': 'application/json' } }, written++);
    const answer = Buffer.from(await r.arrayBuffer());
    if (!r.ok) lrsErrors.push(`${r.status} ${answer}`);
    res.writeHead(r.status, { 'Content-Type': 'application/json' });
    return res.end(answer);
  }
  if (url.pathname === '/lms.html') { // the LMS's page, the AU in a frame
    const reg = url.searchParams.get('reg');
    const q = new URLSearchParams({ endpoint: `${BASE}/xapi/`, fetch: `${BASE}/fetch?reg=${reg}`, actor: JSON.stringify(ACTOR), registration: reg, activityId: AU });
    res.writeHead(200, { 'Content-Type': 'text/html' });
    return res.end(`<!doctype html><title>LMS</title><link rel="icon" href="data:,"><iframe id="sco" title="Course" src="/course/cmi5.html?${q}" style="width:100%;height:90vh"></iframe>`);
  }
  const file = path.join(SITE, decodeURIComponent(url.pathname));
  if (!file.startsWith(SITE) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); return res.end(); }
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
  res.end(fs.readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const BASE = `http://127.0.0.1:${server.address().port}`;
fs.writeFileSync(path.join(SITE, 'blank.html'), '<!doctype html><title>Left</title><link rel="icon" href="data:,">');

/* ---- the learner ---- */
const browser = await launch();
const page = await (await browser.newContext()).newPage();
const errors = collectErrors(page);
const lesson = (p) => lessonIn(page, p);
const REG = '7a1c6f3e-1111-4a2b-9c3d-000000000001';
/** The statements of registration `reg` in the LRS, oldest first. */
async function statements(reg) {
  const all = [];
  for (let u = 0; u < written; u++) all.push(...(await (await lrs('statements?limit=100', {}, u)).json()).statements);
  return all.filter((s) => s.context && s.context.registration === reg).sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}
const verbs = (ss) => ss.map((s) => s.verb.id.split('/').pop());
async function until(reg, verb, times = 1) {
  for (let i = 0; i < 80; i++) {
    if (verbs(await statements(reg)).filter((v) => v === verb).length >= times) return;
    await page.waitForTimeout(100);
  }
  assert.fail(`no ${verb} for ${reg}: ${verbs(await statements(reg))}`);
}

await check('cmi5 launch: one token fetch, LMS.LaunchData read, initialized sent to the LRS', async () => {
  await page.goto(`${BASE}/lms.html?reg=${REG}`);
  await lesson('/index.html');
  await until(REG, 'initialized');
  assert.deepEqual(fetches, [REG]);
});

await check('cmi5: ticks across lessons, then every item done: completed, then terminated on leaving', async () => {
  let frame = await lesson('/index.html');
  await frame.locator('a[href$="basics/ticks.html"]').first().click();
  frame = await lesson('/basics/ticks.html');
  await frame.check('#check-write-the-plan');
  await frame.check('#check-ship');
  await tickTheRest(page);
  await until(REG, 'completed');
  await page.goto(`${BASE}/blank.html`);
  await until(REG, 'terminated');
  const ss = await statements(REG);
  assert.deepEqual(verbs(ss), ['initialized', 'completed', 'terminated']);
  for (const s of ss) {
    assert.deepEqual(s.actor.account, ACTOR.account);
    assert.equal(s.object.id, AU);
    assert.equal(s.context.registration, REG);
    assert.equal(s.context.extensions[SESSION], `session-${REG}`, 'the context template');
    assert.deepEqual(s.context.contextActivities.grouping.map((g) => g.id), ['urn:lectern:browser-checks']);
    const categories = s.context.contextActivities.category.map((c) => c.id);
    assert.ok(categories.includes('https://w3id.org/xapi/cmi5/context/categories/cmi5'), JSON.stringify(categories));
    assert.equal(categories.includes('https://w3id.org/xapi/cmi5/context/categories/moveon'), s.verb.id.endsWith('/completed'));
  }
  assert.equal(ss[1].result.completion, true);
  for (const s of ss.slice(1)) assert.match(s.result.duration, /^PT\d+\.\d\dS$/);
});

await check('cmi5 relaunch (same registration) in a browser that kept nothing: the ticks come back from the State API', async () => {
  await page.evaluate((k) => localStorage.removeItem(k), KEY);
  await page.goto(`${BASE}/lms.html?reg=${REG}`);
  await until(REG, 'initialized', 2);
  let frame = await lesson('/extra/last.html');
  await frame.goto(`${BASE}/course/basics/ticks.html`);
  frame = await lesson('/basics/ticks.html');
  assert.deepEqual(await ticked(frame), ['brief', 'write-the-plan', 'ship', 'tell-the-team']);
  assert.deepEqual(fetches, [REG, REG], 'one token fetch per launch');
  await page.goto(`${BASE}/blank.html`);
  await until(REG, 'terminated', 2);
  assert.deepEqual(verbs(await statements(REG)), ['initialized', 'completed', 'terminated', 'initialized', 'terminated'], 'completed is sent once');
});

await check('no console errors in the LMS, the launch page or the lessons; the LRS took every statement', async () => {
  // the State API answers 404 for a state never saved (the first launch): Chromium logs it
  const first = (e) => /status of 404 .*\/xapi\/activities\/state\?stateId=lectern-progress&/.test(e);
  assert.deepEqual(lrsErrors, []);
  assert.deepEqual(errors.filter((e) => !first(e)), []);
});

await browser.close();
server.close();
ralph.kill();
fs.rmSync(lrsDir, { recursive: true, force: true });
finish();
