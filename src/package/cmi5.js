/* Lectern cmi5 runtime (cmi5.html of a cmi5 package only). It reads the launch URL the LMS
 * gave (endpoint, fetch, actor, registration, activityId), gets the session's token from the
 * fetch URL (once), reads LMS.LaunchData and the saved progress from the State API, then
 * offers the SCORM 2004 runtime (assets/scorm.js, loaded after) an API_1484_11 backed by the
 * LMS's xAPI endpoint: Initialize sends "initialized"; completion_status "completed" sends
 * "completed"; success_status "passed"/"failed" sends them with the score; Commit keeps the
 * progress code, location and statuses in the State API; Terminate sends "terminated".
 * Statements carry the LMS's context template, the registration and the cmi5 category.
 * Without a launch URL from an LMS the course runs on localStorage alone.
 * Plain ES2017. */
(() => {
'use strict';
const XAPI = '1.0.3', STATE = 'lectern-progress';
const VERB = 'http://adlnet.gov/expapi/verbs/';
const CMI5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const MOVEON = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
const q = new URLSearchParams(location.search);
const L = { endpoint: q.get('endpoint'), fetch: q.get('fetch'), registration: q.get('registration'), activityId: q.get('activityId') };
let actor = null, token = '', launch = {}, saved = {}, values = {}, start = 0, sent = {};
let queue = Promise.resolve(); // statements leave in order

function runtime() { // scorm.js, once the API is there (or not)
  const s = document.createElement('script');
  s.src = 'assets/scorm.js';
  document.body.appendChild(s);
}
function headers(json) {
  const h = { Authorization: 'Basic ' + token, 'X-Experience-API-Version': XAPI };
  if (json) h['Content-Type'] = 'application/json';
  return h;
}
function base() { return L.endpoint.replace(/\/?$/, '/'); }
function stateUrl(id) {
  const p = new URLSearchParams({ stateId: id, activityId: L.activityId, agent: JSON.stringify(actor), registration: L.registration });
  return base() + 'activities/state?' + p;
}
async function readState(id) {
  const r = await fetch(stateUrl(id), { headers: headers(false) });
  return r.ok ? r.json() : {};
}
function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
  const h = Array.from(b, x => (x + 256).toString(16).slice(1)).join('');
  return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
}
function duration() { // ISO 8601, since initialized
  const cs = Math.round((Date.now() - start) / 10);
  return 'PT' + Math.floor(cs / 100) + '.' + ('0' + cs % 100).slice(-2) + 'S';
}
/* One statement; keepalive so the last ones leave with the page. */
function send(verb, result, moveOn) {
  const context = JSON.parse(JSON.stringify(launch.contextTemplate || {}));
  context.registration = L.registration;
  const ca = context.contextActivities = context.contextActivities || {};
  ca.category = (ca.category || []).concat([{ id: CMI5 }], moveOn ? [{ id: MOVEON }] : []);
  const statement = {
    id: uuid(), timestamp: new Date().toISOString(), actor: actor,
    verb: { id: VERB + verb, display: { 'en-US': verb } },
    object: { id: L.activityId, objectType: 'Activity' }, context: context,
  };
  if (result) statement.result = result;
  const post = () => fetch(base() + 'statements', { method: 'POST', headers: headers(true), body: JSON.stringify(statement), keepalive: true });
  // the last one leaves at once, as the page is going
  queue = verb === 'terminated' ? post() : queue.then(post, post);
}
function keep() { // the progress, where the learner is and the statuses, in the State API
  const doc = { suspend_data: values['cmi.suspend_data'] || '', location: values['cmi.location'] || '',
    completion: values['cmi.completion_status'] || '', success: values['cmi.success_status'] || '' };
  fetch(stateUrl(STATE), { method: 'PUT', headers: headers(true), body: JSON.stringify(doc), keepalive: true });
}
function score() {
  const s = Number(values['cmi.score.scaled']);
  return isFinite(s) && values['cmi.score.scaled'] !== undefined ? { scaled: s } : undefined;
}
/* What SetValue means for the LMS: each moveOn statement once per registration. */
function report(k, v) {
  if (k === 'cmi.completion_status' && v === 'completed' && !sent.completed) {
    sent.completed = true;
    send('completed', { completion: true, duration: duration() }, true);
  }
  if (k === 'cmi.success_status' && (v === 'passed' || v === 'failed') && !sent.passed && (v === 'passed' || !sent.failed)) {
    sent[v] = true;
    send(v, { success: v === 'passed', score: score(), duration: duration() }, true);
  }
}
const api = {
  Initialize() { start = Date.now(); send('initialized'); return 'true'; },
  GetValue(k) { return k in values ? String(values[k]) : ''; },
  SetValue(k, v) { values[k] = String(v); report(k, String(v)); return 'true'; },
  Commit() { keep(); return 'true'; },
  Terminate() { keep(); send('terminated', { duration: duration() }); return 'true'; },
  GetLastError() { return '0'; },
  GetErrorString() { return ''; },
  GetDiagnostic() { return ''; },
};
async function connect() {
  actor = JSON.parse(q.get('actor'));
  const r = await fetch(L.fetch, { method: 'POST' });
  token = (await r.json())['auth-token'];
  launch = await readState('LMS.LaunchData');
  saved = await readState(STATE);
  const resumed = !!saved.suspend_data;
  values = {
    'cmi.entry': resumed ? 'resume' : 'ab-initio', 'cmi.learner_name': actor.name || '',
    'cmi.suspend_data': saved.suspend_data || '', 'cmi.location': saved.location || '',
    'cmi.completion_status': saved.completion || 'not attempted', 'cmi.success_status': saved.success || 'unknown',
  };
  sent = { completed: saved.completion === 'completed', passed: saved.success === 'passed', failed: saved.success === 'failed' };
  window.API_1484_11 = api;
}
if (L.endpoint && L.fetch && L.registration && L.activityId && q.get('actor')) {
  connect().catch(() => { delete window.API_1484_11; }).then(runtime);
} else runtime();
})();
