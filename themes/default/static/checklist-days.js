/* Lectern default theme: the days of checklist items that never block completion
 * (themes/default/MARKUP.md): an optional item or commitment shows the day it was ticked; a
 * repeating checklist ([data-repeat]: daily, weekly from Monday, monthly) starts empty each
 * period, keeps one day per period in its items' `h` (docs/progress-format.md), says how
 * this period compares with the last, and lists the earlier ones (a <details>). The record is lectern.js's (window.LecternRecord).
 * Plain ES2017, no network, works from file://. */
(() => {
'use strict';
const KINDS = ['daily', 'weekly', 'monthly'];
function $$(sel, root) { return Array.from((root || document).querySelectorAll(sel)); }
function R() { return window.LecternRecord; }
function text(el, t) { if (el) el.textContent = t; }

function period(kind, d) { // the period day d is in
  if (kind === 'daily') return d;
  if (kind === 'weekly') return Math.floor((d + 3) / 7); // day 0 was a Thursday
  const u = new Date(d * 864e5);
  return u.getUTCFullYear() * 12 + u.getUTCMonth();
}
function repeatOf(box) { const c = box.closest('[data-repeat]'); return c ? c.dataset.repeat : ''; }
function history(e) { return e && Array.isArray(e.h) ? e.h : (e && e.d > 0 ? [e.d] : []); }
function inPeriod(kind, e, back) { // the item's day in this period (back 1: the last one), or 0
  const p = period(kind, R().today()) - (back || 0);
  return history(e).filter(x => period(kind, x) === p).pop() || 0;
}
/* A box of a repeating list ticked or not: this period's day added or taken back; `d` is the
 * latest day of all. */
function mark(box) {
  const r = R(), kind = repeatOf(box), id = box.dataset.item, now = period(kind, r.today());
  const h = history(r.entry(id)).filter(x => period(kind, x) !== now);
  if (box.checked) h.push(r.today());
  r.put(id, h.length ? { d: h[h.length - 1], h: h } : null);
}
function counts(list) { // "8 of 12 this week, 6 last week."
  const kind = list.dataset.repeat, ids = $$('input[data-item]', list).map(i => i.dataset.item), known = KINDS.includes(kind);
  const n = back => ids.filter(i => inPeriod(kind, R().entry(i), back)).length;
  text(list.querySelector('.checklist-period'), known ? LT('repeat_' + kind, { done: n(0), n: ids.length, last: n(1) }) : '');
  if (known) earlier(list, kind, ids);
}
/* The dated history: each earlier period with a tick (up to 12, latest first) and its count. */
function earlier(list, kind, ids) {
  const r = R(), now = period(kind, r.today()), by = {};
  ids.forEach(i => history(r.entry(i)).forEach(d => { const p = period(kind, d); if (p < now - 1) (by[p] = by[p] || new Set()).add(i); }));
  const ps = Object.keys(by).map(Number).sort((a, b) => b - a).slice(0, 12);
  let box = list.querySelector('.checklist-history');
  if (!ps.length) { if (box) box.remove(); return; }
  if (!box) {
    box = list.querySelector('.checklist-period').insertAdjacentElement('afterend', document.createElement('details'));
    box.className = 'checklist-history';
    box.appendChild(document.createElement('summary')).textContent = LT('earlier_' + kind);
    box.appendChild(document.createElement('ul'));
  }
  box.querySelector('ul').replaceChildren(...ps.map(p => {
    const li = document.createElement('li');
    li.textContent = LT('period_count', { date: name(kind, p), done: by[p].size, n: ids.length });
    return li;
  }));
}
function name(kind, p) { // a period as the learner reads it
  const r = R();
  if (kind === 'daily') return r.dayText(p);
  if (kind === 'weekly') return LT('week_of', { date: r.dayText(p * 7 - 3) }); // its Monday
  return LT.date(new Date(Math.floor(p / 12), p % 12, 1), { month: 'long', year: 'numeric' });
}
function draw() {
  const r = R();
  if (!r) return;
  $$('[data-checklist] input[data-optional]').forEach(box => {
    const kind = repeatOf(box), e = r.entry(box.dataset.item), d = kind ? inPeriod(kind, e) : (e && e.d) || 0;
    if (kind) box.checked = d > 0;
    text(box.closest('li').querySelector('.item-date'), d ? LT('done_on', { date: r.dayText(d) }) : '');
  });
  $$('[data-checklist][data-repeat]').forEach(counts);
}
function init() {
  if (!$$('[data-checklist] input[data-optional]').length) return;
  // boxes ticked before this script ran are kept, as lectern.js keeps its own
  $$('[data-repeat] input[data-item]').filter(b => b.checked && !b.defaultChecked).forEach(b => { if (R()) mark(b); });
  draw();
  document.addEventListener('change', e => {
    const box = e.target;
    if (box.matches && box.matches('[data-repeat] input[data-item]') && R()) mark(box);
    draw(); // after lectern.js has saved its own boxes
  });
  document.addEventListener('lectern:record', draw);
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
})();
