/* Lectern SCORM runtime, for SCORM 1.2 and SCORM 2004 4th edition (scorm.html of a package
 * only; its body's data-scorm says which). The launch page keeps the LMS session and shows the
 * course in a frame; lectern.js, here and in the frame, keeps the record in localStorage; this
 * script mirrors it into the LMS: the record's progress code (L2., docs/progress-format.md,
 * without the learner's name) in cmi.suspend_data, the lesson shown in the location,
 * incomplete -> completed once every lesson with items to do is complete (2004 also: the
 * share of items done in cmi.progress_measure). With no LMS the course runs on localStorage
 * alone, with a notice.
 * Plain ES2017. */
(() => {
'use strict';
const DEPTH = 10, DEBOUNCE = 1000, EVERY = 30000;
/* What differs between the versions: the API's name, its calls and the data model's keys. */
const V12 = {
  api: 'API', init: 'LMSInitialize', get: 'LMSGetValue', set: 'LMSSetValue', commit: 'LMSCommit',
  finish: 'LMSFinish', error: 'LMSGetLastError', entry: 'cmi.core.entry', status: 'cmi.core.lesson_status',
  location: 'cmi.core.lesson_location', name: 'cmi.core.student_name', time: 'cmi.core.session_time',
  exit: 'cmi.core.exit', done: '', progress: '', span: hours, score: 'cmi.core.score.', scaled: '', success: '',
};
const V2004 = {
  api: 'API_1484_11', init: 'Initialize', get: 'GetValue', set: 'SetValue', commit: 'Commit',
  finish: 'Terminate', error: 'GetLastError', entry: 'cmi.entry', status: 'cmi.completion_status',
  location: 'cmi.location', name: 'cmi.learner_name', time: 'cmi.session_time',
  exit: 'cmi.exit', done: 'normal', progress: 'cmi.progress_measure', span: iso,
  score: 'cmi.score.', scaled: 'cmi.score.scaled', success: 'cmi.success_status',
};
const V = document.body && document.body.dataset.scorm === '2004' ? V2004 : V12;
/* The assessment lessons (their quizzes and sorts make the score) and the pass mark, if any. */
const SCORED = (() => { try { return JSON.parse(document.body.dataset.assessments || '[]'); } catch (e) { return []; } })();
const PASS = Number(document.body.dataset.pass) || 0;
let api = null, frame = null, status = '', success = '', saved = '', where = '', measure = '', sent = -1;
let timer = 0, dirty = false, done = false;
const start = Date.now();

/* ---- the LMS ---- */
function apiIn(w) { // w's API, or one of its parents' (at most DEPTH up); other origins skipped
  for (let n = 0; w && n < DEPTH; n++) {
    try { if (w[V.api] && typeof w[V.api][V.init] === 'function') return w[V.api]; } catch (e) { /* another origin */ }
    if (!w.parent || w.parent === w) break;
    w = w.parent;
  }
  return null;
}
function findAPI() { return apiIn(window) || (window.opener ? apiIn(window.opener) : null); }
function call(name, a, b) { // "false" is checked against the last error: LMSs differ in what they return
  try {
    const r = String(api[name](a === undefined ? '' : a, b));
    if (r === 'false' && String(api[V.error]()) !== '0') return null;
    return r;
  } catch (e) { return null; }
}
function get(k) { const v = call(V.get, k); return v === null ? '' : v; }
function set(k, v) { return call(V.set, k, String(v)) !== null; }
function commit() { dirty = false; call(V.commit); }

/* ---- the record ---- */
const R = () => window.LecternRecord, Code = () => window.LecternCode;
function empty() { return { v: 2, course: R().course, learner: '', pages: {} }; }
function learnerName() { // "Last, First" as SCORM 1.2 keeps it -> "First Last"
  const n = get(V.name);
  return n.indexOf(',') > 0 ? n.split(',').map(x => x.trim()).reverse().join(' ').trim() : n.trim();
}
/* The LMS's record replaces this browser's: another learner may have used it. */
function restore(data) {
  let s = empty();
  if (data.indexOf(Code().PREFIX) === 0) {
    try { s = Code().merge(s, Code().decode(data, R().course, Code().maps().entries)); } catch (e) { /* damaged: start afresh */ }
  }
  s.learner = s.learner || learnerName().slice(0, 200);
  R().update(() => s);
  saved = data;
}
function lessons() { // the lessons that have items to do
  const C = window.LECTERN_COURSE || {}, pages = C.pages || {};
  return (C.modules || []).reduce((a, m) => a.concat(m.lessons || []), [])
    .filter(p => pages[p] && (pages[p].items || []).length);
}
function counts(s) { // [items done, items] over the lessons with items to do
  const pages = (window.LECTERN_COURSE || {}).pages || {};
  let n = 0, all = 0;
  lessons().forEach(p => needed(pages[p]).forEach(i => { all++; if (did(s, p, i)) n++; }));
  return [n, all];
}
// a page's items needed for completion: not the optional ones (commitments, and the questions
// of a quiz scored as a whole by its `quiz:@<id>` item, see the theme's quiz.js)
function needed(info) { const opt = info.optional || []; return (info.items || []).filter(i => !opt.includes(i)); }
function exercise(i) { return i.indexOf('quiz:') === 0 || i.indexOf('sort:') === 0; }
function did(s, p, i) { // done; on an assessment, a quiz or sort tried counts, right or wrong
  const e = (s.pages[p] || {})[i];
  return !!e && (e.d > 0 || (SCORED.indexOf(p) >= 0 && exercise(i) && e.t > 0));
}
function score(s) { // the assessments' score in percent (each quiz question and sort by its last try), once all are tried
  const pages = (window.LECTERN_COURSE || {}).pages || {};
  let sum = 0, n = 0, all = true;
  SCORED.forEach(p => needed(pages[p] || {}).filter(exercise).forEach(i => {
    const e = (s.pages[p] || {})[i];
    n++;
    if (e && e.t > 0) sum += Math.min(e.l / Math.max(e.n, 1), 1); else all = false;
  }));
  return n && all ? Math.round(sum / n * 100) : -1;
}
function grade(s) { // score.raw/min/max (and scaled), then passed or failed against the pass mark
  const raw = score(s);
  if (raw < 0) return;
  if (raw !== sent && set(V.score + 'raw', raw)) {
    set(V.score + 'min', 0); set(V.score + 'max', 100);
    if (V.scaled) set(V.scaled, raw / 100);
    sent = raw; dirty = true;
  }
  if (!PASS) return;
  const verdict = raw >= PASS ? 'passed' : 'failed';
  if (V.success) { // SCORM 2004: success apart from completion; never back from passed
    if (success !== 'passed' && verdict !== success && set(V.success, verdict)) { success = verdict; commit(); }
  } else if (status !== 'passed' && verdict !== status && set(V.status, verdict)) { status = verdict; commit(); }
}
function complete(s) { const c = counts(s); return c[0] === c[1]; }
function progress(s) { // SCORM 2004's progress_measure: the share of items done, 0 to 1
  if (!V.progress) return;
  const c = counts(s), m = c[1] ? (Math.floor(c[0] / c[1] * 10000) / 10000).toString() : '1';
  if (m !== measure && set(V.progress, m)) { measure = m; dirty = true; }
}

/* ---- writing to the LMS ---- */
function save() {
  clearTimeout(timer);
  timer = 0;
  if (!api || done) return;
  const s = R().read(), code = Code().encode(s, R().course, Code().maps().index, true);
  if (code !== saved && set('cmi.suspend_data', code)) { saved = code; dirty = true; }
  progress(s);
  grade(s);
  // never back from completed (nor from passed), as LMSs keep the first completion; SCORM 1.2
  // with a pass mark says passed or failed instead
  if (!(PASS && !V.success) && status !== 'completed' && status !== 'passed' && complete(s)) {
    if (set(V.status, 'completed')) { status = 'completed'; commit(); }
  }
}
function later() { if (!timer) timer = setTimeout(save, DEBOUNCE); }
function place() { // the lesson shown in the frame
  let p = '';
  try { p = frame.contentDocument.body.dataset.page || ''; } catch (e) { return; }
  const pages = (window.LECTERN_COURSE || {}).pages || {};
  if (!pages[p] || p === where || p.length > 255) return;
  where = p;
  if (api && set(V.location, p)) dirty = true;
  later();
}
function two(n) { return (n < 10 ? '0' : '') + n; }
function hours(ms) { // SCORM 1.2's timespan: HHHH:MM:SS.SS
  const cs = Math.min(Math.round(ms / 10), 9999 * 360000 + 359999), s = Math.floor(cs / 100);
  const h = Math.floor(s / 3600);
  return ('000' + h).slice(-4) + ':' + two(Math.floor(s / 60) % 60) + ':' + two(s % 60) + '.' + two(cs % 100);
}
function iso(ms) { // SCORM 2004's timeinterval: an ISO 8601 duration, PT1H2M3.45S
  const cs = Math.round(ms / 10), s = Math.floor(cs / 100), h = Math.floor(s / 3600);
  return 'PT' + (h ? h + 'H' : '') + (h || s >= 60 ? Math.floor(s / 60) % 60 + 'M' : '') + s % 60 + '.' + two(cs % 100) + 'S';
}
function finish() {
  if (!api || done) return;
  save();
  set(V.time, V.span(Date.now() - start));
  set(V.exit, status === 'completed' || status === 'passed' ? V.done : 'suspend');
  commit();
  call(V.finish);
  done = true;
}

/* ---- start ---- */
function notice(t) {
  const p = document.querySelector('.scorm-notice');
  if (p) { p.textContent = t; p.hidden = false; }
}
function first() { // the page to open: where the learner was, else the home page
  const pages = (window.LECTERN_COURSE || {}).pages || {}, loc = api ? where : (R().read().last || '');
  return pages[loc] ? pages[loc].url : 'index.html';
}
function connect() {
  api = findAPI();
  if (!api || call(V.init) !== 'true') {
    api = null;
    notice('No learning platform was found: your progress is kept in this browser only.');
    return;
  }
  const entry = get(V.entry);
  status = get(V.status);
  where = get(V.location);
  if (V.success) success = get(V.success);
  restore(entry === 'ab-initio' ? '' : get('cmi.suspend_data'));
  if (status === '' || status === 'not attempted' || status === 'unknown') {
    if (set(V.status, 'incomplete')) { status = 'incomplete'; commit(); }
  }
  save();
}
function init() {
  frame = document.querySelector('iframe.scorm-frame');
  if (!frame || !R() || !Code()) return;
  connect();
  frame.addEventListener('load', place);
  frame.src = first();
  // lectern.js in the frame writes localStorage: each change arrives here as a storage event
  window.addEventListener('storage', e => { if (e.key === null || e.key === 'lectern:v2:' + R().course) later(); });
  setInterval(() => { save(); if (dirty) commit(); }, EVERY);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') { save(); if (dirty) commit(); } });
  // pagehide, not beforeunload: an unload the page cancels must not end the LMS session
  window.addEventListener('pagehide', finish);
  window.LecternScorm = { save: save, finish: finish, span: V.span, hours: hours, iso: iso };
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
})();
