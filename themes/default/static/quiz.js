/* Lectern default theme: a quiz's `order` and `match` questions and its assessment settings
 * (themes/default/MARKUP.md). Order and match questions are cards with a select each (no drag
 * needed); checking marks each card right or wrong and shows the question's explanation.
 * `data-pool` draws that many questions for each attempt (the others are hidden; without this
 * script every question shows), `data-pass` is the pass mark the score is shown against, and
 * `data-attempts` locks the quiz after that many checked attempts.
 * The record is lectern.js's (window.LecternRecord): an order or match question's entry
 * `quiz:<question id>` as a choice question's, and the quiz's own `quiz:@<quiz id>`
 * { t: attempts checked, l: last score, b: best, n: questions drawn, d: day first passed,
 *   r: day of the last attempt, p: the drawn questions, by index }. It is the quiz's one item
 * needed for completion (passed: at least the pass mark, or every drawn question right).
 * lectern.js checks the choice questions on submit; this script's handler runs after it.
 * Plain ES2017, no network, works from file://. */
(() => {
'use strict';
function $(s, r) { return r.querySelector(s); }
function $$(s, r) { return Array.from(r.querySelectorAll(s)); }
function R() { return window.LecternRecord; }
function T(k, v) { return self.LT ? self.LT(k, v) : k; }
function all(form) { return $$('fieldset.quiz-question', form); }
function drawn(form) { return all(form).filter(fs => !fs.hidden); }
function key(form) { return 'quiz:@' + form.dataset.quiz; }
function num(form, name) { return Number(form.dataset[name]) || 0; }
function state(form) { const r = R(); return (r && r.entry(key(form))) || { t: 0, l: 0, b: 0, n: 0, d: 0, r: 0 }; }
function save(form, e) { const r = R(); if (r) r.put(key(form), e); }

/* ---- order and match ---- */
function cards(fs) { return $$('li.sort-item', fs); }
function optionText(sel, v) { const o = Array.from(sel.options).find(x => x.value === v); return o ? o.textContent.trim() : v; }
function checkArranged(fs) { // true when every card is right; null when a card has no answer
  const cs = cards(fs), sels = cs.map(li => $('select', li));
  const result = $('.quiz-result', fs), fb = $('[data-feedback-for=all]', fs);
  if (sels.some(s => !s.value)) { result.textContent = T('cards_left', { n: sels.filter(s => !s.value).length }); return null; }
  let n = 0;
  cs.forEach((li, i) => {
    const ok = sels[i].value === li.dataset.answer, x = $('.sort-explain', li), v = $('.sort-verdict', li) || $('.sort-feedback', li);
    if (ok) n++;
    li.classList.toggle('is-correct', ok);
    li.classList.toggle('is-wrong', !ok);
    v.textContent = T(ok ? 'right_for' : 'wrong_for', { answer: optionText(sels[i], li.dataset.answer) });
    if (x) x.hidden = false;
  });
  const ok = n === cs.length;
  fs.classList.remove('is-correct', 'is-wrong', 'is-revealed');
  fs.classList.add(ok ? 'is-correct' : 'is-wrong');
  if (fb) fb.hidden = false;
  result.textContent = T(ok ? 'correct' : 'sort_right', { k: n, n: cs.length });
  return ok;
}
function clearArranged(fs) {
  cards(fs).forEach(li => {
    $('select', li).value = '';
    li.classList.remove('is-correct', 'is-wrong');
    const v = $('.sort-verdict', li) || $('.sort-feedback', li), x = $('.sort-explain', li);
    v.textContent = '';
    if (x) x.hidden = true;
  });
  const fb = $('[data-feedback-for=all]', fs);
  if (fb) fb.hidden = true;
  fs.classList.remove('is-correct', 'is-wrong', 'is-revealed');
  $('.quiz-result', fs).textContent = '';
}
function revealArranged(fs) {
  clearArranged(fs);
  cards(fs).forEach(li => { $('select', li).value = li.dataset.answer; });
  const fb = $('[data-feedback-for=all]', fs);
  if (fb) fb.hidden = false;
  fs.classList.add('is-revealed');
  $('.quiz-result', fs).textContent = T('answer_shown');
}
function tried(id, ok) { // an order or match question's entry after a check
  const r = R();
  if (!r) return;
  const e = Object.assign({ t: 0, l: 0, b: 0, n: 1, d: 0, r: 0 }, r.entry(id));
  e.t += 1; e.l = ok ? 1 : 0; e.b = Math.max(e.b, e.l); e.n = 1;
  if (ok && !e.d) e.d = r.today();
  r.put(id, e);
}

/* ---- pool, pass, attempts ---- */
function draw(form) { // a fresh random set of the pool's size, by question index
  const idx = all(form).map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) { const j = Math.floor(Math.random() * (i + 1)); [idx[i], idx[j]] = [idx[j], idx[i]]; }
  return idx.slice(0, num(form, 'pool')).sort((a, b) => a - b);
}
function show(form, set) { all(form).forEach((fs, i) => { fs.hidden = !set.includes(i); }); }
function pooled(form) { // the attempt's drawn set: the saved one while it fits the quiz, else a new one
  const e = state(form), m = all(form).length, p = Array.isArray(e.p) ? e.p : [];
  if (p.length === num(form, 'pool') && p.every(i => i < m)) return p;
  const set = draw(form);
  save(form, Object.assign(e, { p: set, n: set.length }));
  return set;
}
function right(form) { return drawn(form).filter(fs => fs.classList.contains('is-correct')).length; }
function scored(form) { // after a checked attempt: the quiz's entry, its score line and lock
  const e = state(form), k = right(form), n = drawn(form).length, r = R(), pass = num(form, 'pass');
  e.t += 1; e.l = k; e.b = Math.max(e.b, k); e.n = n;
  if (r) { e.r = r.today(); if (!e.d && k * 100 >= (pass || 100) * n) e.d = r.today(); }
  save(form, e);
  form.dataset.checked = 'true'; // this draw is used: try again draws anew
  status(form);
}
function left(form, e) { const max = num(form, 'attempts'); return max ? Math.max(max - e.t, 0) : Infinity; }
function status(form) { // the score of the last attempt, passed or not, and the attempts left
  const e = state(form), box = $('.quiz-status', form), pass = num(form, 'pass'), max = num(form, 'attempts');
  const lines = [];
  if (e.t > 0) {
    lines.push(T('quiz_score', { k: e.l, n: e.n, p: Math.round(e.l * 100 / Math.max(e.n, 1)) }));
    if (pass) lines.push(T(e.l * 100 >= pass * e.n ? 'quiz_passed' : 'quiz_not_yet'));
  }
  const out = left(form, e) === 0;
  if (max && !out) lines.push(T('attempt_of', { k: Math.min(e.t + 1, max), n: max }));
  if (out) lines.push(T('no_attempts_left'));
  box.textContent = lines.join(' ');
  lock(form, out);
}
function lock(form, out) {
  form.classList.toggle('is-locked', out);
  $$('input, select', form).forEach(i => { i.disabled = out; });
  $$('[data-quiz-check], [data-quiz-retry]', form).forEach(b => { b.disabled = out; });
}
function scoredQuiz(form) { return !!(form.dataset.pool || form.dataset.pass || form.dataset.attempts); }
function clearChoices(fs) { // lectern.js shows questions right before as answered: not in a test
  $$('input', fs).forEach(i => { i.checked = false; });
  $$('[data-feedback-for]', fs).forEach(f => { f.hidden = true; });
  fs.classList.remove('is-correct', 'is-wrong', 'is-revealed');
  $('.quiz-result', fs).textContent = '';
}
function setup(form) {
  if (scoredQuiz(form)) all(form).forEach(fs => (fs.matches('.quiz-arrange') ? clearArranged : clearChoices)(fs));
  if (num(form, 'pool')) show(form, pooled(form));
  if (num(form, 'attempts')) { const b = $('[data-quiz-reveal]', form); if (b) b.hidden = true; }
  if (!$('.quiz-status', form)) {
    const p = document.createElement('p');
    p.className = 'quiz-status';
    p.setAttribute('aria-live', 'polite');
    $('.quiz-actions', form).before(p);
  }
  status(form);
}

/* ---- events ---- */
function onSubmit(e) {
  const form = e.target;
  if (!form.matches || !form.matches('form.quiz') || form.classList.contains('is-locked')) return;
  const arranged = drawn(form).filter(fs => fs.matches('.quiz-arrange'));
  const checks = arranged.map(checkArranged);
  arranged.forEach((fs, i) => { if (checks[i] !== null) tried('quiz:' + fs.dataset.question, checks[i]); });
  const answered = drawn(form).every(fs => fs.classList.contains('is-correct') || fs.classList.contains('is-wrong'));
  if (answered && scoredQuiz(form)) scored(form);
}
function onClick(e) {
  const b = e.target.closest && e.target.closest('form.quiz button'), form = b && b.closest('form.quiz');
  if (!form) return;
  if (b.matches('[data-quiz-retry]')) {
    $$('fieldset.quiz-arrange', form).forEach(clearArranged);
    if (num(form, 'pool') && form.dataset.checked && left(form, state(form)) > 0) {
      delete form.dataset.checked;
      const e = state(form), set = draw(form);
      save(form, Object.assign(e, { p: set, n: set.length }));
      show(form, set);
    }
    const first = drawn(form)[0], c = first && $('input, select', first);
    if (c) c.focus();
  } else if (b.matches('[data-quiz-reveal]')) $$('fieldset.quiz-arrange', form).forEach(revealArranged);
}
function onRecord() { $$('form.quiz', document).forEach(setup); }
function init() {
  const forms = $$('form.quiz', document);
  if (!forms.length) return;
  forms.forEach(setup);
  document.addEventListener('submit', onSubmit);
  document.addEventListener('click', onClick);
  document.addEventListener('lectern:record', onRecord);
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
})();
