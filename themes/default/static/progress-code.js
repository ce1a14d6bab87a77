/* Lectern default theme: progress codes, files and import (the home page only). Format:
 * docs/progress-format.md. `LecternCode.encode/decode` are plain functions (no DOM), also run
 * by the tests in Node; the rest wires the home page's buttons to lectern.js's record
 * (window.LecternRecord) and reads each item's lock index from LECTERN_INDEX
 * (assets/progress-index.js, aligned with LECTERN_COURSE's items).
 * Plain ES2017, no network, works from file://. */
(function (root) {
'use strict';
const PREFIX = 'L2.', OLD = 'LECTERN1:', WINDOW = 4096, NAME = 200, TRIES = 999, SCORE = 255;
// the page's interface text (assets/strings.js)
const T = (k, v) => LT(k, v), BAD = () => T('code_bad', { prefix: PREFIX }), DAMAGED = () => T('code_damaged'), OTHER = () => T('code_other');

/* ---- the code: bits, Exp-Golomb numbers, CRC-32, base64url ---- */
function exercise(id) { return /^(quiz|sort|scenario):/.test(id); }
function width(k) { let w = 0; while ((1 << w) < k) w++; return w; } // bits for 0..k-1
function writer() {
  const b = [];
  const put = (v, n) => { for (let i = n - 1; i >= 0; i--) b.push((v >>> i) & 1); }; // v < 2^31
  const num = x => { const n = width(x + 2); put(0, n - 1); put(x + 1, n); }; // Exp-Golomb
  const bytes = arr => { num(arr.length); arr.forEach(x => put(x, 8)); };
  return { put: put, num: num, bytes: bytes, out: () => { const u = new Uint8Array(Math.ceil(b.length / 8)); b.forEach((x, i) => { u[i >> 3] |= x << (7 - (i & 7)); }); return u; } };
}
function reader(u8) {
  let pos = 0;
  const bit = () => { if (pos >= u8.length * 8) throw Error(DAMAGED()); const v = (u8[pos >> 3] >> (7 - (pos & 7))) & 1; pos++; return v; };
  const get = n => { let v = 0; for (let i = 0; i < n; i++) v = v * 2 + bit(); return v; };
  const num = () => { let z = 0; while (!bit()) if (++z > 30) throw Error(DAMAGED()); return (Math.pow(2, z) + get(z)) - 1; };
  const bytes = max => { const n = num(); if (n > max) throw Error(DAMAGED()); return Uint8Array.from({ length: n }, () => get(8)); };
  return { get: get, num: num, bytes: bytes };
}
let table = null;
function crc32(u8) {
  if (!table) table = Array.from({ length: 256 }, (_, n) => { for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1; return n >>> 0; });
  let c = 0xffffffff;
  u8.forEach(x => { c = table[(c ^ x) & 0xff] ^ (c >>> 8); });
  return (c ^ 0xffffffff) >>> 0;
}
function b64url(u8) { return btoa(Array.from(u8, x => String.fromCharCode(x)).join('')).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''); }
function unb64url(s) { return Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0)); }
const utf8 = s => new TextEncoder().encode(s), unutf8 = u8 => new TextDecoder('utf-8', { fatal: true }).decode(u8);

/* The entries of `state` that have an index (page -> entry id -> index), by index: [items, exercises]. */
function indexed(state, index) {
  const lists = [[], []], seen = {};
  Object.keys(state.pages).forEach(p => Object.keys(state.pages[p]).forEach(id => {
    const n = (index[p] || {})[id], e = state.pages[p][id];
    if (typeof n === 'number' && e && !seen[n]) { seen[n] = true; lists[exercise(id) ? 1 : 0].push([n, e]); }
  }));
  lists.forEach(l => l.sort((a, b) => a[0] - b[0]));
  return lists;
}
/* The code of `state` for course `course`; the learner's name unless `noName`. */
function encode(state, course, index, noName) {
  const [items, exs] = indexed(state, index), w = writer();
  w.bytes(utf8(course));
  w.bytes(utf8(noName ? '' : (state.learner || '').slice(0, NAME)));
  const all = items.map(x => x[1].d).concat(...exs.map(x => [x[1].d, x[1].r].filter(d => d > 0)));
  const latest = all.reduce((m, d) => Math.max(m, d), 0), clamp = d => Math.max(d, latest - WINDOW + 1);
  const days = Array.from(new Set(all.map(clamp))).sort((a, b) => b - a), at = {};
  days.forEach((d, i) => { at[d] = i; });
  w.num(days.length);
  days.forEach((d, i) => w.num(i ? days[i - 1] - d - 1 : d));
  const list = (l, each) => { w.num(l.length); l.forEach(([n, e], i) => { w.num(i ? n - l[i - 1][0] - 1 : n); each(e); }); };
  // each item's day: its place in the list, or (mode 1, when shorter) 1 for "the day of the
  // item before" and 0 then its place
  const places = items.map(x => at[clamp(x[1].d)]), wk = width(days.length);
  const repeats = places.filter((i, j) => i === (j ? places[j - 1] : 0)).length;
  const flags = places.length - repeats * wk < 0 ? 1 : 0;
  let prev = 0;
  w.put(flags, 1);
  list(items, e => {
    const i = at[clamp(e.d)];
    if (flags) w.put(i === prev ? 1 : 0, 1);
    if (!flags || i !== prev) w.put(i, wk);
    prev = i;
  });
  const day = d => w.put(d > 0 ? at[clamp(d)] + 1 : 0, width(days.length + 1));
  list(exs, e => {
    const n = Math.min(e.n, SCORE), score = x => w.put(Math.min(x, n), width(n + 1));
    w.num(Math.min(e.t, TRIES)); w.num(n - 1); score(e.l); score(e.b); day(e.d); day(e.r);
  });
  const body = w.out(), sum = crc32(body), out = new Uint8Array(body.length + 4);
  out.set(body);
  out.set([sum >>> 24, (sum >>> 16) & 255, (sum >>> 8) & 255, sum & 255], body.length);
  return PREFIX + b64url(out);
}
/* A code -> { course, learner, pages } (entries whose index `entries` does not know are left
 * out), or throws an Error whose message is for the learner. */
function decode(code, course, entries) {
  const t = String(code).replace(/\s+/g, '').slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]*$/.test(t) || t.length % 4 === 1) throw Error(DAMAGED());
  let all;
  try { all = unb64url(t); } catch (e) { throw Error(DAMAGED()); }
  if (b64url(all) !== t) throw Error(DAMAGED()); // a changed last character may hide in unused bits
  const body = all.subarray(0, all.length - 4);
  const sum = all.length < 5 ? -1 : ((all[all.length - 4] << 24) | (all[all.length - 3] << 16) | (all[all.length - 2] << 8) | all[all.length - 1]) >>> 0;
  if (sum !== crc32(body)) throw Error(DAMAGED());
  const r = reader(body), text = u8 => { try { return unutf8(u8); } catch (e) { throw Error(DAMAGED()); } };
  const from = text(r.bytes(1000));
  if (from !== course) throw Error(OTHER());
  const s = { v: 2, course: course, learner: text(r.bytes(4 * NAME)).slice(0, NAME), pages: {} };
  const days = [], k = r.num();
  if (k > WINDOW) throw Error(DAMAGED()); // a code's days are distinct and within its window
  for (let i = 0; i < k; i++) days.push(i ? days[i - 1] - r.num() - 1 : r.num());
  if (days.some(d => d < 1)) throw Error(DAMAGED());
  const list = (kind, each) => {
    let n = -1;
    for (let c = r.num(); c > 0; c--) {
      n += r.num() + 1;
      const e = each(), where = entries[n];
      if (where && exercise(where[1]) === kind) (s.pages[where[0]] = s.pages[where[0]] || {})[where[1]] = e;
    }
  };
  let prev = 0;
  const pick = (i, n) => { if (i >= n) throw Error(DAMAGED()); return i; };
  const flags = r.get(1);
  list(false, () => {
    if (!k) throw Error(DAMAGED());
    if (!flags || !r.get(1)) prev = pick(r.get(width(k)), k);
    return { d: days[prev] };
  });
  const day = () => { const i = pick(r.get(width(k + 1)), k + 1); return i ? days[i - 1] : 0; };
  list(true, () => {
    const t = r.num(), n = r.num() + 1;
    if (t > TRIES || n > SCORE) throw Error(DAMAGED());
    const score = () => Math.min(r.get(width(n + 1)), n);
    return { t: t, l: score(), b: score(), n: n, d: day(), r: day() };
  });
  return s;
}
root.LecternCode = { encode: encode, decode: decode, PREFIX: PREFIX };
if (!root.document) return;

/* ---- the home page: save, load, merge, preview, copy ---- */
const $ = (sel, el) => (el || document).querySelector(sel);
let url = '', pending = null;
function R() { return root.LecternRecord; }
function maps() { // page -> entry id -> index, and index -> [page, entry id]
  const C = root.LECTERN_COURSE || {}, I = root.LECTERN_INDEX || {}, index = {}, entries = {};
  Object.keys(I).forEach(p => {
    const ids = ((C.pages || {})[p] || {}).items || [], m = index[p] = {};
    (I[p] || []).forEach((n, i) => { if (typeof n === 'number' && ids[i] !== undefined) { m[ids[i]] = n; entries[n] = [p, ids[i]]; } });
  });
  return { index: index, entries: entries };
}
function say(msg, bad) {
  const m = $('[data-import-message]');
  if (m) { m.textContent = msg; m.classList.toggle('is-error', !!bad); } else if (bad) root.alert(msg);
}
function text(el, t) { if (el) el.textContent = t; }
function fromB64(s) { return new TextDecoder().decode(Uint8Array.from(atob(s), c => c.charCodeAt(0))); }
function offerFile(json, after) { // a visible download link to a Blob URL (no network)
  try {
    if (url) URL.revokeObjectURL(url);
    url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    let a = $('a.progress-download');
    if (!a) { a = document.createElement('a'); a.className = 'progress-download'; a.textContent = T('download_progress'); after.after(a); }
    a.href = url;
    a.download = R().course + '-progress.json';
  } catch (e) { /* the code alone still works */ }
}
function doExport(btn) { // the name and pages, never `last` (which lesson this browser was on)
  const s = R().read(), ta = $('textarea[data-progress-code]');
  const json = JSON.stringify({ v: 2, course: R().course, learner: s.learner, pages: s.pages, notes: s.notes });
  if (ta) { ta.value = encode(s, R().course, maps().index); ta.focus(); ta.select(); }
  offerFile(json, ta || btn);
  say(T('copy_hint'));
}
function parse(t) { // a code or file's text -> a state, or an error message
  let o;
  t = String(t || '').trim();
  if (t.indexOf(PREFIX) === 0) { try { return decode(t, R().course, maps().entries); } catch (e) { return e.message; } }
  try { o = JSON.parse(t.indexOf(OLD) === 0 ? fromB64(t.slice(OLD.length).replace(/\s+/g, '')) : t); } catch (e) { return BAD(); }
  if (o && o.course && o.course !== R().course) return OTHER();
  const s = R().clean(o);
  if (s) delete s.last;
  return s || BAD();
}
function earliest(x, y) { return x && y ? Math.min(x, y) : x || y; }
function mergeEntry(id, a, b) { // the same entry from two records -> one (a kept on a tie)
  if (!a || !b) return Object.assign({}, a || b);
  if (!exercise(id)) { // the day it was first done; a repeating item's days, all of them
    const e = { d: earliest(a.d, b.d) }, h = Array.from(new Set([].concat(a.h || [], b.h || []))).sort((x, y) => x - y);
    if (a.h || b.h) { e.h = h; e.d = h[h.length - 1] || e.d; }
    return e;
  }
  const m = b.t > a.t ? b : a, p = a.p || b.p; // a scenario's path: the browser's own first
  const e = { t: Math.max(a.t, b.t), l: m.l, b: Math.max(a.b, b.b), n: Math.max(a.n, b.n), d: earliest(a.d, b.d), r: earliest(a.r, b.r) };
  if (p) e.p = p;
  return e;
}
function merge(a, b) { // the union of two states; a's name kept unless empty, a's `last` kept
  const s = { v: 2, course: a.course, learner: a.learner || b.learner, pages: {} };
  Object.keys(a.pages).concat(Object.keys(b.pages)).forEach(p => {
    const x = a.pages[p] || {}, y = b.pages[p] || {}, d = s.pages[p] = {};
    Object.keys(x).concat(Object.keys(y)).forEach(k => { d[k] = mergeEntry(k, x[k], y[k]); });
  });
  if (a.last) s.last = a.last;
  const notes = [b.notes || {}, a.notes || {}].reduce((n, x) => { // reflections: the browser's own win
    Object.keys(x).forEach(p => { n[p] = Object.assign(n[p] || {}, x[p]); });
    return n;
  }, {});
  if (Object.keys(notes).length) s.notes = notes;
  return s;
}
function count(n, key) { return LT('n_' + key, { n: n }); }
function listText(parts) { try { return new Intl.ListFormat(LT.loc()).format(parts); } catch (e) { return parts.join(', '); } }
function changes(a, b) { // what merging b into a changes, as a sentence; '' when nothing
  const n = { tick: 0, lesson: 0, quiz: 0, sort: 0, scenario: 0, date: 0 };
  Object.keys(b.pages).forEach(p => {
    let ticks = 0;
    Object.keys(b.pages[p]).forEach(k => {
      const was = (a.pages[p] || {})[k], now = mergeEntry(k, was, b.pages[p][k]);
      if (exercise(k)) { if (JSON.stringify(was) !== JSON.stringify(now)) n[k.slice(0, k.indexOf(':'))]++; }
      else if (!was) ticks++;
      else if (now.d !== was.d) n.date++;
    });
    n.tick += ticks; if (ticks) n.lesson++;
  });
  const parts = [];
  if (n.tick) parts.push(LT('ticks_in', { ticks: count(n.tick, 'ticks'), lessons: LT('lessons', { n: n.lesson }) }));
  if (n.quiz) parts.push(count(n.quiz, 'quiz_results'));
  if (n.sort) parts.push(count(n.sort, 'sort_results'));
  if (n.scenario) parts.push(count(n.scenario, 'scenario_results'));
  if (n.date) parts.push(LT('earlier_days_for', { ticks: count(n.date, 'ticks') }));
  const notes = Object.keys(b.notes || {}).reduce((k, p) => k + Object.keys(b.notes[p]).filter(r => !((a.notes || {})[p] || {})[r]).length, 0);
  if (notes) parts.push(count(notes, 'reflections'));
  if (!a.learner && b.learner) parts.push(LT('your_name_part'));
  return parts.length ? LT('this_adds', { list: listText(parts) }) : '';
}
function preview(t) { // the import's changes, shown before anything changes
  const box = $('[data-import-preview]');
  if (!box) return root.confirm(t) ? confirmImport() : cancelImport();
  text($('[data-import-summary]', box), t);
  box.hidden = false;
  say('');
  const ok = $('[data-import-confirm]', box);
  if (ok) ok.focus();
}
function hidePreview() { const box = $('[data-import-preview]'); if (box) box.hidden = true; }
function importText(t) {
  try {
    const s = parse(t);
    hidePreview();
    pending = null;
    if (typeof s === 'string') return say(s, true);
    const what = changes(R().read(), s);
    if (!what) return say(T('nothing_new'));
    pending = s;
    preview(what);
  } catch (e) { say(BAD(), true); }
}
function confirmImport() {
  const s = pending;
  hidePreview();
  pending = null;
  if (!s) return;
  R().update(cur => merge(cur, s));
  say(T('imported'));
}
function cancelImport() { hidePreview(); pending = null; say(T('not_imported')); }
function copied(ok) { say(T(ok ? 'copied' : 'not_copied'), !ok); }
function copyCode(btn) { // the clipboard API, else select() and the copy command
  let ta = $('textarea[data-progress-code]');
  if (ta && !ta.value.trim()) doExport(btn);
  ta = $('textarea[data-progress-code]');
  if (!ta) return;
  const fallback = () => { ta.focus(); ta.select(); try { copied(document.execCommand('copy')); } catch (e) { copied(false); } };
  try { navigator.clipboard.writeText(ta.value).then(() => copied(true), fallback); } catch (e) { fallback(); }
}
function importFile(input) {
  const f = input.files && input.files[0], r = new FileReader();
  if (!f) return;
  if (f.size > 1e6) return say(BAD(), true);
  r.onload = () => { importText(r.result); input.value = ''; };
  r.onerror = () => say(T('file_unreadable'), true);
  r.readAsText(f);
}
// A big course's home has only some modules' data: every module's and the items' indexes
// (course-pages.js and progress-index.js, named by [data-course-pages]) are loaded before a
// code is made or read.
let waiting = null;
function whole(then) {
  const el = $('[data-course-pages]');
  if (!el) return then();
  if (waiting) return waiting.push(then);
  waiting = [then];
  const urls = el.dataset.coursePages.split(' ');
  let left = urls.length;
  urls.forEach(u => {
    const s = document.createElement('script');
    s.src = u;
    s.dataset.added = '';
    s.onload = s.onerror = () => {
      if (--left) return;
      el.removeAttribute('data-course-pages');
      const w = waiting;
      waiting = null;
      w.forEach(f => f());
    };
    document.head.appendChild(s);
  });
}
document.addEventListener('click', e => {
  const b = e.target.closest && e.target.closest('button');
  if (!b || !R()) return;
  if (b.matches('[data-export]')) whole(() => doExport(b));
  else if (b.matches('[data-import]')) whole(() => importText(($('textarea[data-progress-code]') || {}).value));
  else if (b.matches('[data-import-confirm]')) confirmImport();
  else if (b.matches('[data-import-cancel]')) cancelImport();
  else if (b.matches('[data-copy-code]')) whole(() => copyCode(b));
});
document.addEventListener('change', e => { if (R() && e.target.matches('input[data-import-file]')) whole(() => importFile(e.target)); });
// for a SCORM package's runtime (scorm.js), which restores the LMS's code as an import does
Object.assign(root.LecternCode, { maps: maps, merge: merge });
})(this);
