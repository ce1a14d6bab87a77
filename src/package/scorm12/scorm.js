/* Lectern SCORM 1.2 runtime (scorm.html of a package only). The launch page keeps the LMS
 * session and shows the course in a frame; lectern.js, here and in the frame, keeps the record
 * in localStorage; this script mirrors it into the LMS: the record's progress code (L2.,
 * docs/progress-format.md, without the learner's name) in cmi.suspend_data, the lesson shown
 * in cmi.core.lesson_location, incomplete -> completed once every lesson with items to do is
 * complete. With no LMS the course runs on localStorage alone, with a notice.
 * Plain ES2017. */
(() => {
'use strict';
const DEPTH = 10, DEBOUNCE = 1000, EVERY = 30000;
let api = null, frame = null, status = '', saved = '', where = '', timer = 0, dirty = false, done = false;
const start = Date.now();

/* ---- the LMS ---- */
function apiIn(w) { // w's API, or one of its parents' (at most DEPTH up); other origins skipped
  for (let n = 0; w && n < DEPTH; n++) {
    try { if (w.API && typeof w.API.LMSInitialize === 'function') return w.API; } catch (e) { /* another origin */ }
    if (!w.parent || w.parent === w) break;
    w = w.parent;
  }
  return null;
}
function findAPI() { return apiIn(window) || (window.opener ? apiIn(window.opener) : null); }
function call(name, a, b) { // "false" is checked against LMSGetLastError: LMSs differ in what they return
  try {
    const r = String(api[name](a === undefined ? '' : a, b));
    if (r === 'false' && String(api.LMSGetLastError()) !== '0') return null;
    return r;
  } catch (e) { return null; }
}
function get(k) { const v = call('LMSGetValue', k); return v === null ? '' : v; }
function set(k, v) { return call('LMSSetValue', k, String(v)) !== null; }
function commit() { dirty = false; call('LMSCommit'); }

/* ---- the record ---- */
const R = () => window.LecternRecord, Code = () => window.LecternCode;
function empty() { return { v: 2, course: R().course, learner: '', pages: {} }; }
function learnerName() { // "Last, First" as SCORM 1.2 keeps it -> "First Last"
  const n = get('cmi.core.student_name');
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
function complete(s) {
  const pages = (window.LECTERN_COURSE || {}).pages || {};
  return lessons().every(p => pages[p].items.every(i => { const e = (s.pages[p] || {})[i]; return !!e && e.d > 0; }));
}

/* ---- writing to the LMS ---- */
function save() {
  clearTimeout(timer);
  timer = 0;
  if (!api || done) return;
  const s = R().read(), code = Code().encode(s, R().course, Code().maps().index, true);
  if (code !== saved && set('cmi.suspend_data', code)) { saved = code; dirty = true; }
  // never back from completed (nor from passed), as LMSs keep the first completion
  if (status !== 'completed' && status !== 'passed' && complete(s)) {
    if (set('cmi.core.lesson_status', 'completed')) { status = 'completed'; commit(); }
  }
}
function later() { if (!timer) timer = setTimeout(save, DEBOUNCE); }
function place() { // the lesson shown in the frame
  let p = '';
  try { p = frame.contentDocument.body.dataset.page || ''; } catch (e) { return; }
  const pages = (window.LECTERN_COURSE || {}).pages || {};
  if (!pages[p] || p === where || p.length > 255) return;
  where = p;
  if (api && set('cmi.core.lesson_location', p)) dirty = true;
  later();
}
function two(n) { return (n < 10 ? '0' : '') + n; }
function span(ms) { // HHHH:MM:SS.SS
  const cs = Math.min(Math.round(ms / 10), 9999 * 360000 + 359999), s = Math.floor(cs / 100);
  const h = Math.floor(s / 3600);
  return ('000' + h).slice(-4) + ':' + two(Math.floor(s / 60) % 60) + ':' + two(s % 60) + '.' + two(cs % 100);
}
function finish() {
  if (!api || done) return;
  save();
  set('cmi.core.session_time', span(Date.now() - start));
  set('cmi.core.exit', status === 'completed' || status === 'passed' ? '' : 'suspend');
  commit();
  call('LMSFinish');
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
  if (!api || call('LMSInitialize') !== 'true') {
    api = null;
    notice('No learning platform was found: your progress is kept in this browser only.');
    return;
  }
  const entry = get('cmi.core.entry');
  status = get('cmi.core.lesson_status');
  where = get('cmi.core.lesson_location');
  restore(entry === 'ab-initio' ? '' : get('cmi.suspend_data'));
  if (status === '' || status === 'not attempted') {
    if (set('cmi.core.lesson_status', 'incomplete')) { status = 'incomplete'; commit(); }
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
  window.LecternScorm = { save: save, finish: finish, span: span };
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
})();
