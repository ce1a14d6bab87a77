/* Lectern default theme: reflections, the learner's own answers to a prompt or a template's
 * fields (themes/default/MARKUP.md). Each answer is saved as it is typed in lectern.js's record
 * (window.LecternRecord), under `notes`, in this browser only: never sent anywhere
 * (docs/progress-format.md). Restores the answers on load, counts words against the guide.
 * Plain ES2017, no network, works from file://. */
(() => {
'use strict';
function $(sel, root) { return root.querySelector(sel); }
function $$(sel, root) { return Array.from(root.querySelectorAll(sel)); }
function R() { return window.LecternRecord; }
function words(t) { const m = t.trim().match(/\S+/g); return m ? m.length : 0; }
function label(div) { return $('label', div).textContent.trim(); }

function count(div) { // the guide, then the words written so far
  const w = $('.reflection-words', div), n = words($('textarea', div).value);
  if (w) w.textContent = w.dataset.guide + ' ' + LT('words_so_far', { n: n });
}
function status(sec, r) {
  const s = $('.reflection-status', sec), rec = R();
  s.textContent = LT('reflection_saved') + (r && r.d && rec ? ' ' + LT('reflection_changed', { date: rec.dayText(r.d) }) : '');
}
function load(sec) {
  const rec = R(), r = rec && rec.notes()[sec.dataset.reflection], f = r && Array.isArray(r.f) ? r.f : [];
  $$('.reflection-field', sec).forEach(div => {
    const ta = $('textarea', div), got = f.find(x => Array.isArray(x) && x[0] === label(div) && typeof x[1] === 'string');
    if (ta !== document.activeElement) ta.value = got ? got[1] : '';
    count(div);
  });
  status(sec, r);
}
function save(sec) {
  const rec = R();
  if (!rec) return;
  const f = $$('.reflection-field', sec).map(div => [label(div), $('textarea', div).value]).filter(x => x[1].trim());
  const r = f.length ? { t: $('h2', sec).textContent.trim(), f: f, d: rec.today() } : null;
  rec.change(s => note(s, document.body.dataset.page, sec.dataset.reflection, r));
  status(sec, r);
}
function note(s, p, id, r) { // the record `s` with reflection `id` of page p set to r, or removed
  const n = s.notes || (s.notes = {}), d = n[p] || (n[p] = {});
  if (r) d[id] = r; else delete d[id];
  if (!Object.keys(d).length) delete n[p];
  if (!Object.keys(n).length) delete s.notes;
}
function init() {
  const all = $$('section.reflection[data-reflection]', document);
  if (!all.length) return;
  all.forEach(sec => {
    $$('.reflection-words', sec).forEach(w => { w.dataset.guide = w.textContent.trim(); });
    load(sec);
  });
  document.addEventListener('input', e => {
    const sec = e.target.closest && e.target.closest('section.reflection');
    if (!sec) return;
    count(e.target.closest('.reflection-field'));
    save(sec);
  });
  // lectern.js tells of a record changed elsewhere (another tab, import, reset)
  document.addEventListener('lectern:record', () => all.forEach(load));
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
})();
