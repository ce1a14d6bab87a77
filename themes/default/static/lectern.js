/* Lectern default theme, learner side: checklists, progress, reset, quizzes, sorts,
 * certificate, learner name, nav toggle; other scripts use window.LecternRecord. Markup:
 * themes/default/MARKUP.md; state: docs/progress-format.md. Plain ES2017, works from file://. */
(() => {
'use strict';
let C = null, course = '', key = '', pid = '', warned = false, state = fresh(), fin = {};

function fresh() { return { v: 2, course: course, learner: '', pages: {} }; }
function $(sel, root) { return (root || document).querySelector(sel); }
function $$(sel, root) { return Array.from((root || document).querySelectorAll(sel)); }
function on(el, type, fn) { el.addEventListener(type, fn); }
function make(tag, cls, text) { const e = document.createElement(tag); e.className = cls; e.textContent = text; return e; }
function text(el, t) { if (el) el.textContent = t; }

/* ---- storage: every access guarded ---- */
function warn() { warned = true; const p = $('[data-storage-warning]'); if (p) p.hidden = false; } // base.html's
/* ---- state v2: days and entries ---- */
function today() { const d = new Date(); return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 864e5); }
function dayText(day) {
  const u = new Date(day * 864e5);
  return LT.date(new Date(u.getUTCFullYear(), u.getUTCMonth(), u.getUTCDate()), { dateStyle: 'long' });
}
function entry(p, id) { const e = page(p)[id]; return e && typeof e === 'object' ? e : undefined; }
function isDone(e) { return !!e && e.d > 0; }
function exercise(id) { return /^(quiz|sort|scenario):/.test(id); }
function day(v) { return typeof v === 'number' && v >= 0 && v < 1e7 ? Math.floor(v) : 0; }
function rows(p, id) { // a sort's row count when this page shows it, else 1
  const sec = p === pid && id.indexOf('sort:') === 0 && sorts().find(x => 'sort:' + x.dataset.sort === id);
  return sec ? Math.max($$('li.sort-item', sec).length, 1) : 1;
}
function v1entry(p, id, d) { // v1 `true` -> a v2 entry dated d
  if (!exercise(id)) return { d: d };
  const n = rows(p, id);
  return { t: 1, l: n, b: n, n: n, d: d, r: 0 };
}
function v2entry(id, e) { // stored entry -> a valid entry, or null
  if (!e || typeof e !== 'object') return null;
  const ex = exercise(id), x = ex ? { t: day(e.t), l: day(e.l), b: day(e.b), n: Math.max(day(e.n), 1), d: day(e.d), r: day(e.r) } : { d: day(e.d) };
  // h: a repeating item's days; p: a scenario's path, a quiz's drawn questions
  const h = ex ? [] : list(e.h, v => v > 0).sort((a, b) => a - b), p = ex ? list(e.p, c => c < 1e3) : [];
  if (h.length) x.h = h;
  if (p.length) x.p = p;
  return x.t || x.d || x.r || p.length ? x : null;
}
function list(v, ok) { return Array.isArray(v) ? v.map(day).filter(ok).slice(-400) : []; }
function notesOf(o) { // stored notes (reflection.js's), their pages re-keyed as moved
  const out = {};
  if (Object(o) === o) Object.keys(o).forEach(p => { if (p !== '__proto__' && Object(o[p]) === o[p]) out[moved(p)] = Object.assign(out[moved(p)] || {}, o[p]); });
  return out;
}
function moved(p) { const m = C && C.moved; return m && typeof m[p] == 'string' ? m[p] : p; }
function clean(o) { // parsed JSON (v1 or v2) -> a valid v2 state, or null
  if (!o || (o.v !== 1 && o.v !== 2) || Object(o.pages) !== o.pages) return null;
  const s = fresh(), t = today();
  Object.keys(o.pages).forEach(p => {
    const src = p !== '__proto__' && o.pages[p] || {}, n = moved(p), d = s.pages[n] || {};
    Object.keys(src).forEach(k => {
      const e = o.v === 1 ? (src[k] === true ? v1entry(n, k, t) : null) : v2entry(k, src[k]);
      if (e && k !== '__proto__') d[k] = e;
    });
    if (Object.keys(d).length) s.pages[n] = d;
  });
  if (typeof o.learner === 'string') s.learner = o.learner.slice(0, 200);
  if (typeof o.last === 'string') s.last = moved(o.last);
  if (Object(o.seen) === o.seen) s.seen = o.seen;
  const notes = notesOf(o.notes);
  if (Object.keys(notes).length) s.notes = notes;
  return s;
}
function migrate() { // v1 key -> v2 state (written, v1 removed); null when there is none
  const old = 'lectern:v1:' + course, raw = localStorage.getItem(old), s = raw && parse(raw);
  if (!raw) return null;
  if (s) localStorage.setItem(key, JSON.stringify(s));
  localStorage.removeItem(old);
  return s;
}
function parse(t) { try { return clean(JSON.parse(t)); } catch (e) { return null; } }
function sync() { // adopt what is stored (other tabs write too); memory only once warned
  if (warned) return;
  try { const raw = localStorage.getItem(key); state = (raw ? parse(raw) : migrate()) || fresh(); } catch (e) { warn(); }
}
function write() {
  try {
    if (Object.keys(state.pages).length || state.learner || Object.keys(state.notes || {}).length) localStorage.setItem(key, JSON.stringify(state));
    else localStorage.removeItem(key);
  } catch (e) { warn(); }
}
function change(fn) { sync(); fn(state); write(); refresh(); }
function mod(p) { const m = modules().find(x => (x.lessons || []).includes(p)); return counted(m && m.lessons); }
// the learner's change: state.last = pid, completion announced
function work(fn) {
  const was = complete(pid), mw = mod(pid).every(complete), live = $('[data-announce]');
  change(s => { fn(); s.last = pid; });
  if (live && was !== complete(pid)) text(live, complete(pid) ? LT('lesson_complete') + (!mw && mod(pid).every(complete) ? ' ' + LT('module_complete') : '') : '');
}
function page(p) { return state.pages[p] || {}; }
function mark(id, yes) { put(id, yes && { d: today() }); }
function put(id, e) { // this page's entry `id` set, or removed (no e)
  const d = state.pages[pid] || (state.pages[pid] = {});
  if (e) d[id] = e; else delete d[id];
  if (!Object.keys(d).length) delete state.pages[pid];
}

function slot(id) { // this page's quiz/sort entry, created empty
  const d = state.pages[pid] || (state.pages[pid] = {});
  return d[id] || (d[id] = { t: 0, l: 0, b: 0, n: 1, d: 0, r: 0 });
}
function attempt(id, score, max) {
  const e = slot(id);
  e.t += 1; e.l = score; e.b = Math.max(e.b, score); e.n = max;
  if (!e.d && score === max) e.d = today();
}
function reveal(id) { const e = slot(id); if (!e.r) e.r = today(); }
function doneDay(p) { // the latest day among page p's items when all are done, else 0
  const its = items(p);
  if (!its.length || !its.every(i => isDone(entry(p, i)))) return 0;
  return its.reduce((m, i) => Math.max(m, entry(p, i).d), 0);
}

/* ---- progress ---- */
function boxes() { return $$('[data-checklist]:not([data-repeat]) input[data-item]'); }
function questions(root) { return $$('fieldset.quiz-question', root); }
function sorts() { return $$('section.sort'); }
function items(p) { // those page p needs for completion
  const info = C && C.pages && C.pages[p], opt = info && Array.isArray(info.optional) ? info.optional : [];
  if (info && Array.isArray(info.items)) return info.items.filter(i => !opt.includes(i));
  if (p !== pid) return [];
  return boxes().filter(i => !('optional' in i.dataset)).map(i => i.dataset.item) // no course data: count what this page shows
    .concat(questions().map(f => 'quiz:' + f.dataset.question))
    .concat(sorts().map(s => 'sort:' + s.dataset.sort));
}
function done(p) { return items(p).filter(i => isDone(entry(p, i))).length; }
function complete(p) { const n = items(p).length; return n > 0 && done(p) === n; }
function counted(ids) { return (ids || []).filter(p => items(p).length > 0); }
function modules() { return C && Array.isArray(C.modules) ? C.modules : []; }
function lessons() { return modules().reduce((a, m) => a.concat(counted(m.lessons)), []); }
function bar(sec, d, n, t) {
  if (!sec) return;
  const pr = $('progress', sec);
  if (pr) { pr.max = Math.max(n, 1); pr.value = d; }
  text($('.progress-text', sec), t);
}
function markLesson(li) {
  const p = li.dataset.lesson, yes = complete(p), s = $('[data-done-label]', li);
  li.classList.toggle('is-complete', yes);
  if (yes && !s) {
    const span = make('span', 'visually-hidden', ' (completed)');
    span.setAttribute('data-done-label', '');
    ($('a', li) || li).appendChild(span);
  } else if (!yes && s) s.remove();
  partCount(li, done(p), items(p).length);
}
// "3 of 5" in a started lesson's link (read with it)
function partCount(li, k, n) {
  let s = $('.part-count', li);
  if (!(k > 0 && k < n)) { if (s) s.remove(); return; }
  if (!s) ($('a', li) || li).appendChild(s = make('span', 'part-count', ''));
  s.textContent = ' ' + LT('of_n', { k, n });
}
function courseDay() { return modules().reduce((d, m) => Object.keys(fin[m.id] || {}).reduce((e, p) => state.pages[p] ? Math.max(e, fin[m.id][p]) : e, d), 0); }
function completion(all) {
  const sec = $('[data-completion]');
  if (!sec || (sec.hidden = !all)) return;
  text($('[data-completion-date]', sec), dayText(courseDay()));
}
function refresh() {
  const n = items(pid).length, k = done(pid);
  boxes().forEach(i => { i.checked = isDone(entry(pid, i.dataset.item)); });
  bar($('[data-lesson-progress]'), k, n, LT('items_done', { done: k, n }));
  if (!C) return;
  $$('[data-module-progress]').forEach(el => {
    const m = modules().find(x => x.id === el.dataset.moduleProgress), t = m ? tally(m) : [0, 0];
    el.textContent = t[1] ? LT('of_n', { k: t[0], n: LT('lessons', { n: t[1] }) }) : '';
  });
  $$('li[data-lesson]').forEach(markLesson);
  keep();
  const t = modules().map(tally), c = t.reduce((a, x) => a + x[0], 0), all = t.reduce((a, x) => a + x[1], 0);
  bar($('[data-course-progress]'), c, all, LT('lessons_complete', { done: c, n: all }));
  completion(all > 0 && c === all);
  resume(lessons());
}
// modules without their data here: from `fin` (key + ':done', docs/progress-format.md)
function tally(m) { // [complete, counted] lessons of module m
  if (m.lessons) { const ls = counted(m.lessons); return [ls.filter(complete).length, ls.length]; }
  return [Object.keys(fin[m.id] || {}).filter(p => state.pages[p]).length, m.count || 0];
}
function keep() {
  modules().forEach(m => { if (m.lessons) fin[m.id] = counted(m.lessons).reduce((f, p) => { if (complete(p)) f[p] = doneDay(p); return f; }, {}); });
  const t = JSON.stringify(fin), k = key + ':done';
  try { if (!warned && t !== localStorage.getItem(k)) { if (/:\d/.test(t)) localStorage.setItem(k, t); else localStorage.removeItem(k); } } catch (e) { warn(); }
}
// home: first lesson not complete from state.last on
function resume(all) {
  const box = $('[data-continue]'), i = all.indexOf(state.last);
  const p = all.slice(Math.max(i, 0)).concat(all).find(x => !complete(x));
  if (!box || (box.hidden = !p || !all.some(done))) return;
  $('a', box).href = document.body.dataset.root + C.pages[p].url;
  text($('span', box), C.pages[p].title);
}
function resync() { // on load, another tab, import, reset: also exercises and name
  refresh();
  questions().forEach(fs => {
    if (isDone(entry(pid, 'quiz:' + fs.dataset.question))) showAnswer(fs, LT('correct'), 'is-correct');
    else if (fs.classList.contains('is-correct')) clearQuestion(fs);
  });
  sorts().forEach(sec => {
    if (isDone(entry(pid, 'sort:' + sec.dataset.sort))) {
      $$('li.sort-item', sec).forEach(li => { const s = $('select', li); if (s) s.value = li.dataset.answer; });
      checkSort(sec);
    } else if (sec.classList.contains('is-complete')) resetSort(sec);
  });
  const nm = $('input[data-learner-name]');
  if (nm && nm !== document.activeElement) nm.value = state.learner;
  document.dispatchEvent(new CustomEvent('lectern:record')); // scenario.js redraws
}

/* ---- quiz ---- */
function opts(fs) { return $$('input', fs); }
function right(i) { return i.dataset.correct === 'true'; }
function showFeedback(fs, test) {
  $$('[data-feedback-for]', fs).forEach(f => {
    const i = opts(fs).find(x => x.value === f.dataset.feedbackFor);
    f.hidden = !(i && test(i));
  });
}
function setResult(fs, cls, t) {
  fs.classList.remove('is-correct', 'is-wrong', 'is-revealed');
  if (cls) fs.classList.add(cls);
  text($('.quiz-result', fs), t);
}
// after "Show answers", only the learner's own answer passes
function shown(fs) { return fs.dataset.revealed === 'true'; }
function checkQuestion(fs) {
  const os = opts(fs), ok = os.every(i => i.checked === right(i));
  if (shown(fs)) { setResult(fs, 'is-revealed', LT('choose_own')); return false; }
  showFeedback(fs, i => i.checked);
  const said = $$('[data-feedback-for]', fs).filter(f => !f.hidden).map(f => f.textContent.trim());
  if (!os.some(i => i.checked)) setResult(fs, '', LT('choose_first'));
  else setResult(fs, ok ? 'is-correct' : 'is-wrong', [LT(ok ? 'correct' : 'not_quite')].concat(said).join(' '));
  return ok && os.some(i => i.checked);
}
function showAnswer(fs, t, cls) {
  opts(fs).forEach(i => { i.checked = right(i); });
  showFeedback(fs, right);
  setResult(fs, cls, t);
}
function clearQuestion(fs) {
  delete fs.dataset.revealed;
  opts(fs).forEach(i => { i.checked = false; });
  showFeedback(fs, () => false);
  setResult(fs, '', '');
}
function submitQuiz(e) {
  const form = e.target;
  if (!form.matches('form.quiz')) return;
  e.preventDefault();
  const tried = questions(form).filter(fs => !shown(fs) && opts(fs).some(i => i.checked));
  const ok = questions(form).filter(checkQuestion);
  if (tried.length) work(() => tried.forEach(fs => attempt('quiz:' + fs.dataset.question, ok.includes(fs) ? 1 : 0, 1)));
}

/* ---- sort ---- */
function label(sel, v) {
  const o = sel && Array.from(sel.options).find(x => x.value === v);
  return o ? o.textContent.trim() : v;
}
function verdict(li, t) { // a card's feedback, and its row's explanation with it
  text($('.sort-verdict', li) || $('.sort-feedback', li), t);
  const x = $('.sort-explain', li);
  if (x) x.hidden = !t;
}
// checked only when every card has an answer
function unanswered(its) { return its.filter(li => { const sel = $('select', li); return !sel || !sel.value; }).length; }
function checkSort(sec) {
  const its = $$('li.sort-item', sec), left = unanswered(its);
  if (left) {
    text($('.sort-result', sec), LT('cards_left', { n: left }));
    return false;
  }
  let n = 0;
  its.forEach(li => {
    const sel = $('select', li), a = li.dataset.answer, ok = !!sel && sel.value === a;
    if (ok) n++;
    li.classList.toggle('is-correct', ok);
    li.classList.toggle('is-wrong', !ok);
    verdict(li, LT(ok ? 'right_for' : 'wrong_for', { answer: label(sel, a) }));
  });
  text($('.sort-result', sec), LT('sort_right', { k: n, n: its.length }));
  sec.classList.toggle('is-complete', its.length > 0 && n === its.length);
  return its.length > 0 && n === its.length;
}
function resetSort(sec) {
  $$('li.sort-item', sec).forEach(li => {
    const sel = $('select', li);
    if (sel) sel.value = '';
    verdict(li, '');
    li.classList.remove('is-correct', 'is-wrong');
  });
  text($('.sort-result', sec), '');
  sec.classList.remove('is-complete');
}
function clearExercises() { questions().forEach(clearQuestion); sorts().forEach(resetSort); }

/* ---- reset ---- */
function reset(all) {
  if (!window.confirm(LT(all ? 'clear_course' : 'clear_lesson'))) return;
  change(s => {
    if (all) { s.pages = {}; s.learner = ''; delete s.notes; } else { delete s.pages[pid]; if (s.notes) delete s.notes[pid]; }
  });
  clearExercises();
  resync();
}
/* ---- events (delegated, so each control needs no setup) ---- */
function setNav(open) {
  const tg = $('button.nav-toggle'), sb = document.getElementById('sidebar');
  if (tg) tg.setAttribute('aria-expanded', String(open));
  if (sb) sb.classList.toggle('is-open', open);
}
function onClick(e) {
  const b = e.target.closest && e.target.closest('button');
  if (!b) return;
  const form = b.closest('form.quiz'), sec = b.closest('section.sort');
  if (b.matches('[data-reset-lesson]')) reset(false);
  else if (b.matches('[data-reset-course]')) reset(true);
  else if (b.matches('.nav-toggle')) setNav(b.getAttribute('aria-expanded') !== 'true');
  else if (form && b.matches('[data-quiz-retry]')) {
    questions(form).forEach(clearQuestion);
    const first = $('input', form);
    if (first) first.focus();
  } else if (form && b.matches('[data-quiz-reveal]')) {
    questions(form).forEach(fs => { showAnswer(fs, LT('answer_shown'), 'is-revealed'); fs.dataset.revealed = 'true'; });
    work(() => questions(form).forEach(fs => reveal('quiz:' + fs.dataset.question)));
  }
  else if (sec && b.matches('[data-sort-check]')) {
    checkSort(sec);
    const its = $$('li.sort-item', sec), k = $$('li.sort-item.is-correct', sec).length;
    if (its.length && !unanswered(its)) work(() => attempt('sort:' + sec.dataset.sort, k, its.length));
  }
  else if (sec && b.matches('[data-sort-reset]')) resetSort(sec);
}
function onChange(e) {
  const t = e.target;
  const fs = t.closest('fieldset.quiz-question');
  if (fs) delete fs.dataset.revealed;
  if (boxes().includes(t)) work(() => mark(t.dataset.item, t.checked));
}
function onKey(e) {
  const tg = $('button.nav-toggle');
  if (e.key === 'Escape' && tg && tg.getAttribute('aria-expanded') === 'true') { setNav(false); tg.focus(); }
}
function onStorage(e) {
  if (e.key !== key && e.key !== null) return;
  try { if (e.storageArea !== localStorage) return; } catch (x) { return; }
  state = (e.newValue && parse(e.newValue)) || fresh();
  resync();
}

// sidebar items' module and lesson ids, from their links
function sidebarIds(root) {
  const c = $('.nav-modules > .is-current > a'), m = c ? c.getAttribute('href') : '';
  const dir = m.slice(root.length, m.lastIndexOf('/') + 1);
  const id = li => {
    const a = $('a', li), href = (a && a.getAttribute('href')) || '';
    const url = href.startsWith(root) ? href.slice(root.length) : dir + href;
    return url.replace(/\/index\.html$/, '').replace(/\.html$/, '');
  };
  $$('.nav-modules > li').forEach(li => { if (!li.dataset.module) li.dataset.module = id(li); });
  $$('.nav-lessons > li').forEach(li => { if (!li.dataset.lesson) li.dataset.lesson = id(li); });
}

function decorate() { // what the script adds: again after `serve` morphs the page
  sidebarIds(document.body.dataset.root || '');
  $$('.nav-modules > li[data-module]').forEach(li => { // progress slots, not sent with every page
    if ($('[data-module-progress]', li)) return;
    const s = make('span', 'nav-progress', '');
    s.dataset.moduleProgress = li.dataset.module;
    $('a', li).after(s);
  });
}
function init() {
  const b = document.body, L = window.LECTERN_COURSE;
  document.documentElement.classList.add('js');
  C = L && typeof L === 'object' ? L : null;
  pid = b.dataset.page || location.pathname;
  course = b.dataset.course || (C && C.id) || 'course';
  key = 'lectern:v2:' + course;
  decorate();
  // boxes ticked before this script ran: kept
  const early = boxes().filter(i => i.checked && !i.defaultChecked).map(i => i.dataset.item);
  sync();
  try { fin = JSON.parse(localStorage.getItem(key + ':done')); } catch (e) { /* none */ }
  if (Object(fin) !== fin) fin = {};
  if (C && C.moved) write();
  try { localStorage.setItem(key + ':probe', '1'); localStorage.removeItem(key + ':probe'); } catch (e) { warn(); }
  if (early.length) work(() => early.forEach(i => mark(i, true)));
  on(document, 'click', onClick);
  on(document, 'change', onChange);
  on(document, 'submit', submitQuiz);
  on(document, 'keydown', onKey);
  on(document, 'input', e => {
    if (e.target.matches('input[data-learner-name]')) change(s => { s.learner = e.target.value.slice(0, 200); });
  });
  on(window, 'storage', onStorage);
  // from the back/forward cache, or a new version from `lectern serve`
  on(window, 'pageshow', e => { if (e.persisted) { C = window.LECTERN_COURSE || C; decorate(); sync(); resync(); } });
  resync();
  on(document, 'lectern:data', resync); // a module's data, from course-data.js
  // for progress-code.js: the record as stored, and a change to it (fn: state -> new state)
  window.LecternRecord = { course: course, clean: clean, read: () => { sync(); return state; },
    update: fn => { change(cur => { state = fn(cur); }); clearExercises(); resync(); },
    // for scenario.js, reflection.js, checklist-days.js: this page's entries and notes
    entry: id => { sync(); return entry(pid, id); }, put: (id, e) => work(() => put(id, e && v2entry(id, e))),
    today: today, dayText: dayText,
    notes: () => { sync(); return (state.notes || {})[pid] || {}; }, change: change };
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
})();
