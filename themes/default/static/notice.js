/* Lectern default theme: the news of items added to a module (catalog key `new_items`) on the home page
 * (every module) and a module page (its own), when items were added to a module the learner
 * has started and they have not done them, so that a completion the new items took away is
 * explained. Loaded after lectern.js (which has moved renamed lessons' progress by then).
 * Items carry their lectern.lock index (course-data.js `ix`: the first of a page's when they
 * follow each other, else one each; new items get higher ones); the stored state's `seen`
 * keeps, per module id, the highest index the learner has been told of
 * (docs/progress-format.md). A module with nothing to tell moves `seen` on; Dismiss moves it
 * for the modules told of. Plain ES2017, no network, works from file://. */
(() => {
'use strict';
const C = window.LECTERN_COURSE, body = document.body, box = document.querySelector('[data-course-news]');
if (!C || !Array.isArray(C.modules) || !C.pages || !box) return;
const key = 'lectern:v2:' + (body.dataset.course || C.id);

function load() {
  try {
    const o = JSON.parse(localStorage.getItem(key) || 'null');
    if (!o || o.v !== 2 || Object(o.pages) !== o.pages) return null;
    if (Object(o.seen) !== o.seen) o.seen = {};
    return o;
  } catch (e) { return null; }
}
function save(s) { try { localStorage.setItem(key, JSON.stringify(s)); } catch (e) { /* nothing to keep it in */ } }
function done(s, p, id) { const e = Object(s.pages[p])[id]; return !!e && e.d > 0; }
function items(m) { // [lock index, page id, entry id] of the module's lessons' items
  const out = [];
  (m.lessons || []).forEach(p => {
    const info = C.pages[p] || {}, ix = info.ix;
    (info.items || []).forEach((id, i) => out.push([typeof ix === 'number' ? ix + i : Object(ix)[i], p, id]));
  });
  return out;
}
function top(its) { return its.reduce((x, i) => (typeof i[0] === 'number' ? Math.max(x, i[0]) : x), -1); }
function started(s, m) { // anything done in the module's lessons, counted now or not
  return (m.lessons || []).some(p => Object.keys(Object(s.pages[p])).some(id => done(s, p, id)));
}
// This page's modules: [module, new items not done, highest index]; `seen` moved on for the rest.
function news(s) {
  const home = body.classList.contains('page-home');
  const told = [];
  C.modules.filter(m => m.lessons && (home || m.id === body.dataset.page)).forEach(m => {
    const its = items(m), max = top(its), was = s.seen[m.id];
    const fresh = typeof was === 'number' ? its.filter(i => i[0] > was && !done(s, i[1], i[2])) : [];
    if (fresh.length && started(s, m)) told.push([m, fresh.length, max]);
    else if (typeof was !== 'number' || max > was) s.seen[m.id] = max;
  });
  return told;
}
function dismiss(told) {
  const s = load();
  if (s) { told.forEach(t => { s.seen[t[0].id] = Math.max(t[2], Number(s.seen[t[0].id]) || -1); }); save(s); }
  box.classList.remove('is-shown');
  box.querySelector('[data-course-news-text]').textContent = '';
  const b = box.querySelector('button');
  if (b) b.remove();
  const main = document.getElementById('main');
  if (main) main.focus();
}
function show(told) {
  const said = told.map(t => LT('new_items', { n: t[1], module: t[0].title }));
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = LT('dismiss');
  b.addEventListener('click', () => dismiss(told));
  box.classList.add('is-shown');
  box.appendChild(b);
  // filled once the region is in place, so that screen readers announce it
  setTimeout(() => { box.querySelector('[data-course-news-text]').textContent = said.join(' '); }, 50);
}

function run() { // now, and again as modules' data arrive (a big course's home loads them)
  const s = load();
  if (!s || box.classList.contains('is-shown')) return;
  const before = JSON.stringify(s.seen), told = news(s);
  if (JSON.stringify(s.seen) !== before) save(s);
  if (told.length) show(told);
}
run();
document.addEventListener('lectern:data', run);
})();
