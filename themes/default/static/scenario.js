/* Lectern default theme: branching scenarios, played one step at a time from the branching
 * table each ```scenario``` block renders (themes/default/MARKUP.md); without this script the
 * table is the scenario. The record is lectern.js's (window.LecternRecord): the entry
 * `scenario:<id>` of the page, { t, l, b, n: 2, d, r: 0, p: [choice, …] }, as in
 * docs/progress-format.md. Keyboard only: the choices are buttons; after each, focus moves to
 * the new situation's heading and the situation is read out (a polite live region).
 * Plain ES2017, no network, works from file://. */
(() => {
'use strict';
const SCORE = { best: 2, okay: 1, poor: 0 }, MAX = 2;
function $(sel, root) { return root.querySelector(sel); }
function $$(sel, root) { return Array.from(root.querySelectorAll(sel)); }
function make(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text) e.textContent = text; return e; }
function copy(tag, cls, from) { const e = make(tag, cls); if (from) e.innerHTML = from.innerHTML; return e; }
function R() { return window.LecternRecord; }

/* The scenario as its table gives it: steps (situation, choices) and endings, by id. */
function model(sec) {
  const steps = {}, endings = {};
  let first = null;
  $$('tr[data-step]', sec).forEach(tr => {
    if (first === null) first = tr.dataset.step;
    steps[tr.dataset.step] = { number: $('th', tr).textContent, situation: $('.scenario-situation', tr),
      choices: $$('ol.scenario-choices > li', tr).map(li => ({ next: li.dataset.next, text: $('.scenario-choice', li), consequence: $('.scenario-consequence', li) })) };
  });
  $$('tr[data-ending]', sec).forEach(tr => {
    endings[tr.dataset.ending] = { title: $('.scenario-ending-title', tr), rating: tr.dataset.rating, said: $('.scenario-rating', tr), debrief: $('.scenario-debrief', tr) };
  });
  return { first: first, steps: steps, endings: endings };
}
/* Where a path of choices leads: the visited nodes, cut where the path stops making sense
 * (the course changed since it was saved). */
function walk(m, path) {
  const nodes = [m.first], taken = [];
  for (const c of path) {
    const step = m.steps[nodes[nodes.length - 1]], ch = step && step.choices[c];
    if (!ch || !(m.steps[ch.next] || m.endings[ch.next])) break;
    nodes.push(ch.next);
    taken.push(c);
  }
  return { nodes: nodes, taken: taken };
}
function key(sec) { return 'scenario:' + sec.dataset.scenario; }
function stored(sec) { const r = R(), e = r && r.entry(key(sec)); return e || null; }
function path(sec) { const e = stored(sec); return e && Array.isArray(e.p) ? e.p : []; }

function save(sec, p, ending) {
  const r = R();
  if (!r) { sec.dataset.path = JSON.stringify(p); return; }
  const e = Object.assign({ t: 0, l: 0, b: 0, d: 0, r: 0 }, r.entry(key(sec)), { n: MAX, p: p });
  if (ending) {
    const s = SCORE[ending.rating] || 0;
    e.t += 1; e.l = s; e.b = Math.max(e.b, s);
    if (!e.d) e.d = r.today();
  }
  r.put(key(sec), e); // lectern.js drops an entry with nothing in it
}
function current(sec) { return R() ? path(sec) : JSON.parse(sec.dataset.path || '[]'); }

function draw(sec, focus) {
  const m = model(sec), w = walk(m, current(sec)), at = w.nodes[w.nodes.length - 1];
  const player = $('.scenario-player', sec), now = $('.scenario-now', player), opts = $('.scenario-options', player);
  const step = m.steps[at], ending = m.endings[at];
  now.textContent = ''; opts.textContent = '';
  const prev = w.nodes.length > 1 && m.steps[w.nodes[w.nodes.length - 2]];
  const how = prev && prev.choices[w.taken[w.taken.length - 1]];
  const h = now.appendChild(make('h3', 'scenario-heading', ending ? LT('scenario_ending', { title: ending.title.textContent.trim() }) : LT('scenario_step', { n: w.nodes.length })));
  h.tabIndex = -1;
  if (how) {
    const said = now.appendChild(make('p', 'scenario-you', LT('scenario_you_chose') + ' '));
    said.appendChild(copy('span', '', how.text));
    if (how.consequence) now.appendChild(copy('p', 'scenario-outcome', how.consequence));
  }
  if (ending) {
    now.appendChild(make('p', 'scenario-rated is-' + ending.rating, ending.said.textContent.trim() + '.'));
    now.appendChild(copy('p', 'scenario-debrief', ending.debrief));
  } else if (step) {
    now.appendChild(copy('p', 'scenario-text', step.situation));
    step.choices.forEach((c, i) => {
      const b = opts.appendChild(make('li')).appendChild(copy('button', '', c.text));
      b.type = 'button';
      b.dataset.choice = String(i);
    });
  }
  opts.hidden = !!ending;
  $('[data-scenario-back]', player).disabled = w.taken.length === 0;
  $('[data-scenario-restart]', player).disabled = w.taken.length === 0;
  record(sec, player);
  if (focus) h.focus();
}
/* What the record holds beyond the path: the best ending so far and its day. */
function record(sec, player) {
  const e = stored(sec), box = $('.scenario-record', player), r = R();
  if (!e || !e.d || !r) { box.hidden = true; return; }
  const best = Object.keys(SCORE).find(k => SCORE[k] === e.b) || 'poor';
  box.hidden = false;
  box.textContent = LT('scenario_record', { date: r.dayText(e.d), best: LT('rating_' + best) });
}
function choose(sec, i) {
  const m = model(sec), w = walk(m, current(sec)), at = w.nodes[w.nodes.length - 1], step = m.steps[at];
  const ch = step && step.choices[i];
  if (!ch) return;
  const p = w.taken.concat([i]);
  save(sec, p, m.endings[ch.next] || null);
  draw(sec, true);
}
function back(sec) { const w = walk(model(sec), current(sec)); save(sec, w.taken.slice(0, -1), null); draw(sec, true); }
function restart(sec) { save(sec, [], null); draw(sec, true); }

function player() {
  const box = make('div', 'scenario-player');
  const now = box.appendChild(make('div', 'scenario-now'));
  now.setAttribute('aria-live', 'polite');
  box.appendChild(make('ul', 'scenario-options'));
  const acts = box.appendChild(make('div', 'scenario-actions'));
  acts.appendChild(make('button', '', LT('scenario_back'))).dataset.scenarioBack = '';
  acts.appendChild(make('button', '', LT('scenario_restart'))).dataset.scenarioRestart = '';
  $$('button', acts).forEach(b => { b.type = 'button'; });
  const rec = box.appendChild(make('p', 'scenario-record'));
  rec.hidden = true;
  return box;
}
function onClick(e) {
  const b = e.target.closest && e.target.closest('.scenario-player button'), sec = b && b.closest('section.scenario');
  if (!sec) return;
  if (b.dataset.choice !== undefined) choose(sec, Number(b.dataset.choice));
  else if (b.matches('[data-scenario-back]')) back(sec);
  else if (b.matches('[data-scenario-restart]')) restart(sec);
}
function init() {
  const all = $$('section.scenario[data-scenario]', document);
  if (!all.length) return;
  all.forEach(sec => {
    const help = $('.scenario-help', sec);
    if (help) help.textContent = LT('scenario_play_help');
    $('.scenario-map', sec).after(player());
    sec.classList.add('is-playing');
    draw(sec, false);
  });
  document.addEventListener('click', onClick);
  // lectern.js tells of a record changed elsewhere (another tab, import, reset)
  document.addEventListener('lectern:record', () => all.forEach(sec => draw(sec, false)));
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
})();
