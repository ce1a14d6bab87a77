/* Lectern default theme: the search box. Plain ES2018, no dependencies.
 * The index (built by src/search/) is a set of script files under assets/search/,
 * each calling window.lecternSearch(kind, key, data); they are added as <script> elements on
 * first use, so search works over http and from file:// alike and never uses fetch.
 * Query words match indexed words by prefix; every word must match (AND). Keyboard: ArrowDown
 * from the box moves into the results, ArrowUp/ArrowDown between them, Enter opens one,
 * Escape closes the list and returns to the box keeping the query (a second Escape in the box
 * clears it, as the browser does), and moving focus out of the search (Tab) closes the list.
 * A word found in very many documents keeps only its best ones in the index (the shard's
 * `more` names how many it is in): the count then reads "At least n results".
 * The result count is announced (aria-live). A query typed before this script loaded is run
 * when it starts. */
(function (global) {
'use strict';
const FIELD_WEIGHT = [1, 4, 8];   // body, heading, lesson title
const MAX_RESULTS = 10;
const loaded = {};                 // script url -> Promise
const data = { index: null, shards: {}, docs: {}, more: {} };
let input = null, box = null, list = null, status = null, root = '', serial = 0, timer = 0;

global.lecternSearch = function (kind, key, value) {
  if (kind === 'index') data.index = value;
  else if (kind === 'shard') { data.shards[key] = value.terms; Object.assign(data.more, value.more); }
  else if (kind === 'docs') data.docs[key] = value;
};

function load(path) {
  const url = root + 'assets/search/' + path;
  if (!loaded[url]) {
    loaded[url] = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = url;
      s.async = true;
      s.onload = resolve;
      s.onerror = () => { delete loaded[url]; reject(new Error('could not load ' + url)); };
      document.head.appendChild(s);
    });
  }
  return loaded[url];
}

/* Words: the rule of src/search/scripts.rs, which the index is built with (tests/search_tokens.rs
 * runs this code in Node against it). A word is a run of letters, marks and numbers; apostrophes,
 * soft hyphens and zero-width (non-)joiners inside it are dropped; each character is lowercased
 * on its own, final sigma read as sigma, and the word put in NFC. It is cut where it passes
 * between a script written without spaces (SPACELESS, by block) and any other, a mark going
 * with the character before it: a piece in such a script gives its overlapping pairs of
 * characters and its last character, any other piece is a word from two characters. */
const WORD = /[\p{L}\p{M}\p{N}]/u, MARK = /\p{M}/u, SKIPPED = /['\u2019\u00ad\u200c\u200d]/;
const SPACELESS = new RegExp('[\\u0E00-\\u0EFF\\u1000-\\u109F\\u1780-\\u17FF\\u19E0-\\u19FF'
  + '\\u2E80-\\u2FDF\\u3000-\\u30FF\\u31F0-\\u31FF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uA9E0-\\uA9FF'
  + '\\uAA60-\\uAA7F\\uF900-\\uFAFF\\uFF66-\\uFF9F\\u{1B000}-\\u{1B16F}\\u{20000}-\\u{3FFFF}]', 'u');

/* Calls each(piece, spaceless) for the pieces of `word` in scripts written without spaces or
 * not; a mark (or a skipped character) goes with the character before it. */
function cut(word, each) {
  let piece = '', kind = null;
  for (const c of word) {
    const k = kind !== null && (MARK.test(c) || SKIPPED.test(c)) ? kind : SPACELESS.test(c);
    if (kind !== null && k !== kind) { each(piece, kind); piece = ''; }
    piece += c;
    kind = k;
  }
  if (piece) each(piece, kind);
}
/* Calls each(piece, spaceless) for the pieces of the words of `text`, lowercased and in NFC. */
function pieces(text, each) {
  let word = '';
  const end = () => { cut(word.normalize('NFC'), each); word = ''; };
  for (const c of text) {
    if (WORD.test(c)) word += c.toLowerCase().replace(/\u03c2/g, '\u03c3');
    else if (!SKIPPED.test(c)) end();
  }
  end();
}
function tokenize(text) {
  const out = [];
  pieces(text, (piece, spaceless) => {
    const cs = [...piece];
    if (!spaceless) { if (cs.length > 1) out.push(piece); return; }
    for (let i = 0; i + 1 < cs.length; i++) out.push(cs[i] + cs[i + 1]);
    out.push(cs[cs.length - 1]);
  });
  return out;
}
function fileKey(key) {
  return [...key].map(c => /[a-z0-9]/.test(c) ? c : '_' + c.codePointAt(0).toString(16)).join('');
}
function shardsFor(token) {
  return data.index.shards.filter(k => token.startsWith(k) || k.startsWith(token));
}

/* doc -> score for one query word: the best field of every indexed word it is a prefix of. */
function scores(token) {
  const out = new Map();
  shardsFor(token).forEach(key => {
    const terms = data.shards[key] || {};
    Object.keys(terms).forEach(term => {
      if (!term.startsWith(token)) return;
      if (data.more[term]) out.capped = true; // the word keeps only its best documents
      const exact = term === token ? 2 : 1;
      let v = 0;
      terms[term].forEach(delta => {
        v += delta;
        const doc = v >> 2, s = FIELD_WEIGHT[v & 3] * exact;
        if (!(out.get(doc) >= s)) out.set(doc, s);
      });
    });
  });
  return out;
}

async function search(query) {
  await load('index.js');
  const stop = data.index.stop || [];
  const tokens = tokenize(query).filter(t => !stop.includes(t));
  const marks = marksOf(query, stop);
  if (!tokens.length) return { tokens, marks, hits: [] };
  const keys = new Set();
  tokens.forEach(t => shardsFor(t).forEach(k => keys.add(k)));
  await Promise.all([...keys].map(k => load('shard-' + fileKey(k) + '.js')));
  let total = null, capped = false;
  tokens.forEach(t => {
    const s = scores(t), next = new Map();
    capped = capped || !!s.capped;
    s.forEach((v, doc) => { if (total === null || total.has(doc)) next.set(doc, v + (total ? total.get(doc) : 0)); });
    total = next;
  });
  const ranked = [...total].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, MAX_RESULTS);
  const chunk = data.index.chunk;
  await Promise.all([...new Set(ranked.map(([d]) => Math.floor(d / chunk)))].map(n => load('docs-' + n + '.js')));
  const hits = ranked.map(([d]) => {
    const c = data.docs[Math.floor(d / chunk)], doc = c.d[d % chunk], page = c.p[doc[0]];
    return { title: page[0], url: page[1], anchor: doc[1], heading: doc[2], excerpt: doc[3] };
  });
  return { tokens, marks, hits, count: total.size, atLeast: capped };
}

/* What a result's text is highlighted by: the query's words (those that start a word of the
 * text are marked), and its pieces in scripts without spaces (marked wherever they are). */
function marksOf(query, stop) {
  const marks = { words: [], runs: [] };
  pieces(query, (p, spaceless) => {
    if (spaceless) marks.runs.push(p);
    else if ([...p].length > 1 && !stop.includes(p)) marks.words.push(p);
  });
  return marks;
}

/* Text with `marks` wrapped in <mark>, built as DOM nodes. */
function highlight(el, text, marks) {
  const spans = [], re = /[\p{L}\p{M}\p{N}'\u2019\u00ad\u200c\u200d]+/gu;
  let m;
  while ((m = re.exec(text))) {
    let at = m.index;
    cut(m[0], (raw, spaceless) => {
      if (spaceless) {
        marks.runs.forEach(r => {
          for (let i = raw.indexOf(r); i >= 0; i = raw.indexOf(r, i + 1)) spans.push([at + i, at + i + r.length]);
        });
      } else {
        let w = '';
        pieces(raw, p => { w += p; });
        if (marks.words.some(t => w.startsWith(t))) spans.push([at, at + raw.length]);
      }
      at += raw.length;
    });
  }
  spans.sort((a, b) => a[0] - b[0]);
  let last = 0;
  spans.forEach(([from, to]) => {
    if (to <= last) return;
    from = Math.max(from, last);
    el.appendChild(document.createTextNode(text.slice(last, from)));
    el.appendChild(document.createElement('mark')).textContent = text.slice(from, to);
    last = to;
  });
  el.appendChild(document.createTextNode(text.slice(last)));
}

function make(tag, cls) { const e = document.createElement(tag); if (cls) e.className = cls; return e; }

/* A result's parts, each its own element; a part that another follows ends with a separator
 * that only screen readers get (the link's accessible text would otherwise run title, heading
 * and snippet together). */
function part(a, cls, text, marks, prev, sep) {
  if (prev) prev.appendChild(make('span', 'visually-hidden')).textContent = sep;
  const s = make('span', cls);
  highlight(s, text, marks);
  return a.appendChild(s);
}

function show(result) {
  list.textContent = '';
  const { tokens, marks, hits } = result;
  if (!tokens.length) { close(); return; }
  hits.forEach(h => {
    const li = make('li', 'search-result'), a = make('a');
    a.href = root + h.url + (h.anchor ? '#' + h.anchor : '');
    let last = part(a, 'search-title', h.title, marks);
    if (h.heading) last = part(a, 'search-heading', h.heading, marks, last, ', ');
    if (h.excerpt) part(a, 'search-snippet', h.excerpt, marks, last, ': ');
    li.appendChild(a);
    list.appendChild(li);
  });
  const n = result.count;
  status.textContent = n === 0 ? LT('no_results')
    : n > hits.length ? LT(result.atLeast ? 'results_at_least' : 'results_first', { n, shown: hits.length }) : LT('results', { n });
  box.hidden = false;
}

function close() { box.hidden = true; }

function run() {
  const mine = ++serial, q = input.value;
  if (!q.trim()) { list.textContent = ''; status.textContent = ''; close(); return; }
  search(q).then(r => { if (mine === serial) show(r); }).catch(() => {
    if (mine !== serial) return;
    list.textContent = '';
    status.textContent = LT('search_unavailable');
    box.hidden = false;
  });
}

function links() { return Array.from(list.querySelectorAll('a')); }

function onKey(e) {
  const all = links(), i = all.indexOf(document.activeElement);
  if (e.key === 'Escape') {
    if (box.hidden && e.target === input) return; // closed already: the browser clears the box
    input.focus(); // before closing: focusing the box reopens a list that has results
    close();
    e.preventDefault();
  } else if (e.key === 'ArrowDown') {
    if (box.hidden && e.target === input && input.value.trim()) {
      if (list.firstChild) box.hidden = false; // the results closed by Escape or Tab
      else run();
    }
    const next = all[i + 1];
    if (next) next.focus();
    e.preventDefault();
  } else if (e.key === 'ArrowUp' && i >= 0) {
    (i === 0 ? input : all[i - 1]).focus();
    e.preventDefault();
  } else if (e.key === 'Enter' && e.target === input) {
    e.preventDefault();
    if (all[0] && !box.hidden) all[0].click();
    else run();
  }
}

function init() {
  input = document.querySelector('[data-search-input]');
  const results = document.querySelector('[data-search-results]');
  if (!input || !results) return;
  root = document.body.dataset.root || '';
  status = make('p', 'search-status');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  box = make('div', 'search-box');
  box.hidden = true;
  list = make('ul', 'search-list');
  list.id = 'search-list';
  list.setAttribute('aria-label', LT('search_results'));
  box.appendChild(list);
  results.appendChild(status);
  results.appendChild(box);
  input.setAttribute('aria-controls', 'search-list');
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 120); });
  input.addEventListener('focus', () => { load('index.js').catch(() => {}); if (list.firstChild) box.hidden = false; });
  results.addEventListener('keydown', onKey);
  input.addEventListener('keydown', onKey);
  document.addEventListener('click', e => { if (!results.contains(e.target) && e.target !== input) close(); });
  // Tab (or Shift+Tab) out of the box or the last result closes the list; focus leaving the
  // window (relatedTarget null) keeps it, so the learner comes back to it.
  const area = input.closest('.search') || results.parentNode;
  area.addEventListener('focusout', e => { if (e.relatedTarget && !area.contains(e.relatedTarget)) close(); });
  if (input.value.trim()) run(); // typed before this script loaded
}

global.LecternSearchWords = { tokenize: tokenize };
if (!global.document) return; // loaded by the tests in Node, for its words
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
})(this);
