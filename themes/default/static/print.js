/* Lectern default theme: print views (handouts and "my progress"). Plain ES2017, no network.
 * - Opens every closed <details> before printing and closes them again afterwards.
 * - [data-print] buttons print the page.
 * - [data-progress-report] (progress.html): lists, from localStorage["lectern:v2:<course id>"]
 *   (the format lectern.js writes; a v1 key not yet migrated is read too), each lesson with its items, ticked or not,
 *   and whether it is complete. Course structure from assets/course-data.js
 *   (window.LECTERN_COURSE); a module's lessons and item labels from its files under
 *   assets/modules/, loaded when the learner opens the module (a big course) or at once.
 *   Each lesson's reflections follow its items: the learner's own answers (state `notes`).
 * - [data-my-handout] (my-handout.html): every reflection the learner wrote, by module and
 *   lesson, then the commitments and optional items with their days, to print and keep.
 * - [data-certificate] (certificate.html): once every item of every lesson is done, a
 *   certificate with the learner's name, the course, the day it was completed (the latest
 *   day stored for its items, never today), each module's day and each quiz question's and
 *   sort's best score and day passed; before that, how many items are done. Dates in the
 *   page's language (Intl.DateTimeFormat). Lectern.js saves the name typed in
 *   [data-learner-name]; it has already migrated a v1 record when this runs. */
(() => {
'use strict';
let opened = [];
window.addEventListener('beforeprint', () => {
  opened = Array.from(document.querySelectorAll('details:not([open])'));
  opened.forEach(d => { d.open = true; });
});
window.addEventListener('afterprint', () => { opened.forEach(d => { d.open = false; }); opened = []; });

function make(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function stored(course) {
  try {
    const o = JSON.parse(localStorage.getItem('lectern:v2:' + course) || localStorage.getItem('lectern:v1:' + course) || 'null');
    return o && (o.v === 1 || o.v === 2) && o.pages && typeof o.pages === 'object' ? o : { v: 2, pages: {} };
  } catch (e) { return null; }
}

// v1: `true`; v2: an entry object, done when its day `d` is set.
function isDone(e) { return e === true || (!!e && typeof e === 'object' && e.d > 0); }

// Page `info`'s items needed for completion, or (`optional`) those that are not.
function needed(info, optional) {
  const opt = Array.isArray(info.optional) ? info.optional : [];
  return (Array.isArray(info.items) ? info.items : []).filter(i => opt.includes(i) === !!optional);
}
// A quiz scored as a whole (`quiz:@<id>`, see quiz.js): its last attempt's score, and passed
// (its day `d` set) or not yet; '' before any attempt.
function quizScore(id, e) {
  if (id.indexOf('quiz:@') !== 0 || !e || !(e.t > 0) || !self.LT) return '';
  const n = Math.max(e.n || 1, 1), k = e.l || 0;
  return self.LT('quiz_score', { k: k, n: n, p: Math.round(k * 100 / n) }) + ' ' + self.LT(e.d > 0 ? 'quiz_passed' : 'quiz_not_yet');
}
function lesson(C, labels, state, id) {
  const info = C.pages[id] || {}, items = needed(info);
  const ticks = (state.pages[id] && typeof state.pages[id] === 'object') ? state.pages[id] : {};
  const done = items.filter(i => isDone(ticks[i]));
  const complete = items.length > 0 && done.length === items.length;
  const sec = make('section', 'progress-lesson' + (complete ? ' is-complete' : ''));
  sec.appendChild(make('h3', '', info.title || id));
  sec.appendChild(make('p', 'progress-status', items.length === 0 ? LT('nothing_to_tick')
    : LT(complete ? 'lesson_status_complete' : 'lesson_status_open', { done: done.length, n: items.length })));
  if (items.length) {
    const ul = make('ul', 'progress-items');
    items.forEach(i => {
      const yes = isDone(ticks[i]), li = make('li', yes ? 'is-done' : 'is-open');
      li.appendChild(make('span', 'progress-mark', yes ? '\u2611 ' : '\u2610 '));
      li.appendChild(make('span', 'visually-hidden', LT(yes ? 'item_done' : 'item_not_done') + ' '));
      li.appendChild(document.createTextNode((labels[id] && labels[id][i]) || i));
      const said = quizScore(i, ticks[i]);
      if (said) li.appendChild(make('span', 'progress-score', ' \u2014 ' + said));
      ul.appendChild(li);
    });
    sec.appendChild(ul);
  }
  answers(state, id).forEach(x => sec.appendChild(x));
  return { sec, complete, counted: items.length > 0 };
}

/* The progress report: a line per module, its lessons once its data is here. A module's data
 * (m.data, which names its labels' file) is loaded when the learner opens it, or at once for
 * every module of a small course, so the page does not grow with the course. */
const SMALL = 300; // lessons with something to tick: up to this many, every module is shown at once
const added = {}, ready = {};
window.lecternLabels = o => Object.assign(window.LECTERN_LABELS || (window.LECTERN_LABELS = {}), o);
function add(src, done) { // a script of the course's data, once; `done` when it ran or failed
  if (ready[src]) { done(); return; }
  if (added[src]) { added[src].push(done); return; }
  const s = make('script'), q = added[src] = [done];
  s.onload = s.onerror = () => { ready[src] = true; q.forEach(f => f()); };
  s.src = (document.body.dataset.root || '') + src;
  s.dataset.added = ''; // not the page's own (lectern serve's updates leave it out)
  document.head.appendChild(s);
}
function loaded(m) { return !!m.lessons && (!m.labels || !!ready[m.labels]); }
function loadModule(m, done) {
  if (loaded(m)) { done(); return; }
  add(m.data, () => (m.labels && m.lessons ? add(m.labels, done) : done()));
}
function finished(C) { // modules' complete lessons as lectern.js last recorded them
  try { return JSON.parse(localStorage.getItem('lectern:v2:' + C.id + ':done') || '{}') || {}; } catch (e) { return {}; }
}
function moduleSection(C, labels, state, fin, m) {
  const sec = make('section', 'progress-module'), r = { sec, total: 0, complete: 0 };
  sec.appendChild(make('h2', '', m.title));
  if (loaded(m)) {
    m.lessons.forEach(id => {
      const l = lesson(C, labels, state, id);
      if (l.counted) { r.total += 1; if (l.complete) r.complete += 1; }
      sec.appendChild(l.sec);
    });
    return r;
  }
  r.total = m.count || 0;
  r.complete = Object.keys(fin[m.id] || {}).filter(p => state.pages[p]).length;
  sec.appendChild(make('p', 'progress-status', LT('module_summary', { done: r.complete, n: r.total })));
  const b = sec.appendChild(make('button', 'progress-open', LT('show_lessons')));
  b.type = 'button';
  b.dataset.moduleOpen = m.id;
  return r;
}
function report(el) {
  const C = window.LECTERN_COURSE, labels = window.LECTERN_LABELS || {};
  if (!C || !Array.isArray(C.modules)) return;
  const state = stored(C.id), fin = finished(C);
  el.textContent = '';
  if (!state) { el.appendChild(make('p', '', LT('no_storage'))); return; }
  const summary = make('p', 'progress-summary');
  el.appendChild(summary);
  let total = 0, complete = 0;
  C.modules.forEach(m => {
    const r = moduleSection(C, labels, state, fin, m);
    total += r.total;
    complete += r.complete;
    el.appendChild(r.sec);
  });
  const c = commitments(C, labels, state);
  if (c) el.appendChild(c);
  const said = LT('progress_summary', { done: complete, n: total, date: LT.date(new Date(), { dateStyle: 'long' }) });
  summary.textContent = state.learner ? LT('learner_summary', { name: state.learner, summary: said }) : said;
}
function startReport(el) {
  const C = window.LECTERN_COURSE;
  if (!C || !Array.isArray(C.modules)) return;
  const draw = () => report(el);
  el.addEventListener('click', e => {
    const b = e.target.closest('[data-module-open]'), m = b && C.modules.find(x => x.id === b.dataset.moduleOpen);
    if (!m) return;
    b.disabled = true;
    loadModule(m, () => {
      draw();
      const h = Array.from(el.querySelectorAll('.progress-module > h2')).find(x => x.textContent === m.title);
      if (h) { h.tabIndex = -1; h.focus(); }
    });
  });
  window.addEventListener('storage', draw);
  const small = C.modules.reduce((n, m) => n + (m.count || 0), 0) <= SMALL;
  let left = small ? C.modules.length : 0;
  if (!left) { draw(); return; }
  C.modules.forEach(m => loadModule(m, () => { left -= 1; if (!left) draw(); }));
}

/* Every commitment and optional item of the course, apart: done on which day, or not yet. */
function commitments(C, labels, state) {
  const ul = make('ul', 'progress-items');
  C.modules.forEach(m => (m.lessons || []).forEach(id => {
    const es = (state.pages[id] && typeof state.pages[id] === 'object') ? state.pages[id] : {};
    needed(C.pages[id] || {}, true).forEach(i => {
      const e = es[i], yes = isDone(e), li = ul.appendChild(make('li', yes ? 'is-done' : 'is-open'));
      li.appendChild(make('span', 'progress-mark', yes ? '\u2611 ' : '\u2610 '));
      li.appendChild(document.createTextNode(((labels[id] && labels[id][i]) || i) + ' — '));
      if (yes && e.d > 0) li.append(...fill(LT('done_on_date'), dateOf(e.d))); else li.append(LT('not_yet'));
      li.append(' (' + ((C.pages[id] || {}).title || id) + ')');
    });
  }));
  if (!ul.childNodes.length) return null;
  const sec = make('section', 'progress-commitments');
  sec.appendChild(make('h2', '', LT('commitments_title')));
  sec.appendChild(make('p', '', LT('commitments_note')));
  sec.appendChild(ul);
  return sec;
}

/* ---- reflections: the learner's own answers ---- */
// Lesson `id`'s reflections as stored: a heading and the answers, each under its label.
function answers(state, id) {
  const notes = state.notes && typeof state.notes === 'object' && state.notes[id];
  if (!notes || typeof notes !== 'object') return [];
  return Object.keys(notes).filter(k => notes[k] && Array.isArray(notes[k].f)).map(k => {
    const r = notes[k], box = make('div', 'my-answers');
    box.appendChild(make('h4', '', r.t || LT('reflection')));
    const dl = box.appendChild(make('dl'));
    r.f.forEach(x => {
      if (!Array.isArray(x)) return;
      dl.appendChild(make('dt', '', String(x[0])));
      dl.appendChild(make('dd', 'my-answer', String(x[1])));
    });
    return box;
  });
}
function handout(el) {
  const C = window.LECTERN_COURSE;
  if (!C || !Array.isArray(C.modules)) return;
  const state = stored(C.id);
  el.textContent = '';
  if (!state) { el.appendChild(make('p', '', LT('no_storage'))); return; }
  if (state.learner) el.appendChild(make('p', 'my-handout-name', state.learner));
  let n = 0;
  C.modules.forEach(m => {
    const sec = make('section', 'my-handout-module');
    sec.appendChild(make('h2', '', m.title));
    (m.lessons || []).forEach(id => {
      const got = answers(state, id);
      if (!got.length) return;
      n += got.length;
      sec.appendChild(make('h3', '', (C.pages[id] || {}).title || id));
      got.forEach(x => sec.appendChild(x));
    });
    if (sec.childNodes.length > 1) el.appendChild(sec);
  });
  const c = commitments(C, window.LECTERN_LABELS || {}, state);
  if (c) el.appendChild(c);
  if (!n) el.insertBefore(make('p', 'my-handout-empty', LT('handout_empty')), c);
}

/* ---- certificate ---- */
// `text` with its `{date}` replaced by the node `date`, as parts for append()
function fill(text, date) { const [a, b] = text.split('{date}'); return b === undefined ? [text, ' ', date] : [a, date, b]; }
const DAY = 864e5;
function dateOf(day) { // a stored day -> <time> in the page's language
  const d = new Date(day * DAY), t = make('time');
  t.dateTime = d.toISOString().slice(0, 10);
  try {
    t.textContent = LT.date(d, { dateStyle: 'long', timeZone: 'UTC' });
  } catch (e) { t.textContent = t.dateTime; }
  return t;
}
// Each counted lesson of each module: its items and their stored entries.
function record(C, state) {
  return C.modules.map(m => ({ title: m.title, lessons: (m.lessons || []).map(id => {
    const info = C.pages[id] || {}, es = (state.pages[id] && typeof state.pages[id] === 'object') ? state.pages[id] : {};
    return { id, items: needed(info).map(i => ({ id: i, e: es[i] })) };
  }).filter(l => l.items.length) })).filter(m => m.lessons.length);
}
function entryDay(e) { return isDone(e) && e.d > 0 ? e.d : 0; }
function latest(items) { return items.reduce((m, i) => Math.max(m, entryDay(i.e)), 0); }
function cell(tr, tag, content) {
  const c = make(tag);
  c.append(content);
  if (tag === 'th') c.scope = 'row';
  tr.appendChild(c);
}
function table(caption, heads, rows) {
  const t = make('table', 'certificate-table'), head = make('tr');
  t.appendChild(make('caption', '', caption));
  heads.forEach(h => { const c = make('th', '', h); c.scope = 'col'; head.appendChild(c); });
  t.appendChild(make('thead')).appendChild(head);
  const body = t.appendChild(make('tbody'));
  rows.forEach(r => { const tr = make('tr'); r.forEach((x, i) => cell(tr, i ? 'td' : 'th', x)); body.appendChild(tr); });
  return t;
}
function scores(mods, labels) {
  const rows = [];
  mods.forEach(m => m.lessons.forEach(l => l.items.forEach(i => {
    if (!/^(quiz|sort|scenario):/.test(i.id) || !i.e || typeof i.e !== 'object') return;
    const label = (labels[l.id] && labels[l.id][i.id]) || i.id;
    rows.push([label, LT('of_n', { k: i.e.b || 0, n: i.e.n || 1 }), dateOf(entryDay(i.e))]);
  })));
  return rows.length ? table(LT('scores_title'), [LT('col_assessment'), LT('col_best_score'), LT('col_passed_on')], rows) : null;
}
function certificate(el) {
  const C = window.LECTERN_COURSE, labels = window.LECTERN_LABELS || {};
  if (!C || !Array.isArray(C.modules)) return;
  const state = stored(C.id), field = document.querySelector('[data-certificate-name-field]');
  el.textContent = '';
  if (!state) { el.appendChild(make('p', '', LT('no_storage'))); return; }
  const mods = record(C, state), all = [].concat(...mods.map(m => [].concat(...m.lessons.map(l => l.items))));
  const done = all.filter(i => entryDay(i.e)).length;
  el.classList.toggle('is-complete', all.length > 0 && done === all.length);
  if (!all.length || done < all.length) {
    el.appendChild(make('p', 'certificate-status', all.length ? LT('certificate_not_yet', { done: done, n: all.length })
      : LT('certificate_none')));
    if (field) field.hidden = true;
    return;
  }
  const input = document.querySelector('input[data-learner-name]');
  if (field) field.hidden = !!state.learner && !(input && input === document.activeElement);
  const name = state.learner || (input && input.value) || '';
  el.appendChild(make('p', 'certificate-lead', LT('certifies')));
  el.appendChild(make('p', 'certificate-name', name)).setAttribute('data-certificate-name', '');
  el.appendChild(make('p', 'certificate-lead', LT('completed_course')));
  el.appendChild(make('p', 'certificate-course', C.title || ''));
  const on = make('p', 'certificate-date');
  on.append(...fill(LT('certificate_on'), dateOf(latest(all))));
  el.appendChild(on);
  el.appendChild(table(LT('modules_table'), [LT('col_module'), LT('col_completed_on')], mods.map(m => [m.title, dateOf(latest([].concat(...m.lessons.map(l => l.items))))])));
  const s = scores(mods, labels);
  if (s) el.appendChild(s);
}

function init() {
  document.querySelectorAll('[data-print]').forEach(b => b.addEventListener('click', () => window.print()));
  const el = document.querySelector('[data-progress-report]');
  if (el) startReport(el);
  const mine = document.querySelector('[data-my-handout]');
  if (mine) {
    handout(mine);
    window.addEventListener('storage', () => handout(mine));
  }
  const cert = document.querySelector('[data-certificate]');
  if (cert) {
    certificate(cert);
    window.addEventListener('storage', () => certificate(cert));
    document.addEventListener('input', e => { // lectern.js saves it; the certificate shows it as typed
      const n = cert.querySelector('[data-certificate-name]');
      if (n && e.target.matches('input[data-learner-name]')) n.textContent = e.target.value.slice(0, 200);
    });
  }
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
})();
