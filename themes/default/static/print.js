/* Lectern default theme: print views (handouts and "my progress"). Plain ES2017, no network.
 * - Opens every closed <details> before printing and closes them again afterwards.
 * - [data-print] buttons print the page.
 * - [data-progress-report] (progress.html): lists, from localStorage["lectern:v2:<course id>"]
 *   (the format lectern.js writes; a v1 key not yet migrated is read too), each lesson with its items, ticked or not,
 *   and whether it is complete. Course structure from assets/course-data.js
 *   (window.LECTERN_COURSE), item labels from assets/progress-data.js (window.LECTERN_LABELS). */
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

function lesson(C, labels, state, id) {
  const info = C.pages[id] || {}, items = Array.isArray(info.items) ? info.items : [];
  const ticks = (state.pages[id] && typeof state.pages[id] === 'object') ? state.pages[id] : {};
  const done = items.filter(i => isDone(ticks[i]));
  const complete = items.length > 0 && done.length === items.length;
  const sec = make('section', 'progress-lesson' + (complete ? ' is-complete' : ''));
  sec.appendChild(make('h3', '', info.title || id));
  sec.appendChild(make('p', 'progress-status', items.length === 0 ? 'Nothing to tick in this lesson.'
    : (complete ? 'Complete' : 'Not complete') + ': ' + done.length + ' of ' + items.length + ' done'));
  if (items.length) {
    const ul = make('ul', 'progress-items');
    items.forEach(i => {
      const yes = isDone(ticks[i]), li = make('li', yes ? 'is-done' : 'is-open');
      li.appendChild(make('span', 'progress-mark', yes ? '\u2611 ' : '\u2610 '));
      li.appendChild(make('span', 'visually-hidden', yes ? 'Done: ' : 'Not done: '));
      li.appendChild(document.createTextNode((labels[id] && labels[id][i]) || i));
      ul.appendChild(li);
    });
    sec.appendChild(ul);
  }
  return { sec, complete, counted: items.length > 0 };
}

function report(el) {
  const C = window.LECTERN_COURSE, labels = window.LECTERN_LABELS || {};
  if (!C || !Array.isArray(C.modules)) return;
  const state = stored(C.id);
  el.textContent = '';
  if (!state) { el.appendChild(make('p', '', "This browser does not let the course read saved progress, so there is nothing to show.")); return; }
  const summary = make('p', 'progress-summary');
  el.appendChild(summary);
  let total = 0, complete = 0;
  C.modules.forEach(m => {
    const sec = make('section', 'progress-module');
    sec.appendChild(make('h2', '', m.title));
    (m.lessons || []).forEach(id => {
      const r = lesson(C, labels, state, id);
      if (r.counted) { total += 1; if (r.complete) complete += 1; }
      sec.appendChild(r.sec);
    });
    el.appendChild(sec);
  });
  const who = state.learner ? state.learner + ': ' : '';
  summary.textContent = who + complete + ' of ' + total + ' lessons complete, as of '
    + new Date().toLocaleDateString(undefined, { dateStyle: 'long' }) + '.';
}

function init() {
  document.querySelectorAll('[data-print]').forEach(b => b.addEventListener('click', () => window.print()));
  const el = document.querySelector('[data-progress-report]');
  if (el) {
    report(el);
    window.addEventListener('storage', () => report(el));
  }
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
})();
