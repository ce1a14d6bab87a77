// The progress-code encoder of the home page (themes/default/static/progress-code.js), run in
// Node without a browser, driven by tests/progress_code.rs. CASES is a JSON file of courses of
// every size, each with the worst case that `lectern::record::code` computes and the state that
// reaches it: the encoder's code must be exactly that long. Random states round-trip and never
// exceed their course's worst case; every changed character is caught by the checksum, and any
// bytes with a right checksum decode to a state or are refused as damaged; another
// course's code is refused. With SITE_DIR (the sample course built), the figures of the
// documentation are measured and checked against their targets.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { crc32 } from 'node:zlib';
import { check, env, finish } from './lib.mjs';

const script = readFileSync(new URL('../../themes/default/static/progress-code.js', import.meta.url), 'utf8');
// The English catalog's script texts, as assets/strings.js gives them to the page.
const catalog = readFileSync(new URL('../../src/i18n/catalogs/en.yaml', import.meta.url), 'utf8');
const english = Object.fromEntries([...catalog.matchAll(/^  (\w+): "?(.*?)"?$/gm)].map(m => [m[1], m[2]]));
const LT = (k, v = {}) => english[k].replace(/\{(\w+)\}/g, (m, name) => v[name]);
function load(extra = {}) {
  const context = vm.createContext({ atob, btoa, TextEncoder, TextDecoder, LT, ...extra });
  vm.runInContext(script, context);
  return context;
}
const { encode, decode } = load().LecternCode;
const DAMAGED = 'That code is damaged or incomplete: check you copied all of it.';
const OTHER = 'That progress is from a different course, so it was not imported.';
const cases = JSON.parse(readFileSync(env('CASES'), 'utf8'));

// A course of the case's indexes on one page: items `i<n>`, exercises `quiz:<n>`.
function course(c) {
  const index = { p: {} }, entries = {};
  c.items.forEach((n) => { index.p[`i${n}`] = n; entries[n] = ['p', `i${n}`]; });
  c.exercises.forEach((n) => { index.p[`quiz:${n}`] = n; entries[n] = ['p', `quiz:${n}`]; });
  return { index, entries };
}
function stateOf(worst, learner) {
  const page = {};
  Object.entries(worst.items).forEach(([n, e]) => { page[`i${n}`] = e; });
  Object.entries(worst.exercises).forEach(([n, e]) => { page[`quiz:${n}`] = e; });
  return { v: 2, course: 'c', learner, pages: { p: page } };
}
let seed = 7;
const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
function randomState(c) {
  const page = {}, base = 1 + random(30000), span = [1, 10, 400, 5000][random(4)];
  const day = () => base + random(span);
  c.items.forEach((n) => { if (random(3)) page[`i${n}`] = { d: day() }; });
  c.exercises.forEach((n) => {
    if (!random(3)) return;
    const max = 1 + random(12), b = random(max + 1);
    page[`quiz:${n}`] = { t: random(50), l: random(max + 1), b, n: max, d: b === max ? day() : 0, r: random(2) ? day() : 0 };
  });
  const learner = ['', 'Ada', 'Zoë Ångström', '名前'][random(4)];
  return { v: 2, course: 'c', learner, pages: Object.keys(page).length ? { p: page } : {} };
}
// What a code keeps of a state: days older than 4,095 days before the latest are the oldest kept.
function kept(s) {
  const all = [];
  Object.values(s.pages.p || {}).forEach((e) => { [e.d, e.r].forEach((d) => { if (d > 0) all.push(d); }); });
  const low = Math.max(...all, 0) - 4095, clamp = (d) => (d > 0 ? Math.max(d, low) : d);
  const page = {};
  Object.entries(s.pages.p || {}).forEach(([k, e]) => { page[k] = 'r' in e ? { ...e, d: clamp(e.d), r: clamp(e.r) } : { d: clamp(e.d) }; });
  return { ...s, pages: Object.keys(page).length ? { p: page } : {} };
}

await check(`the encoder's code of the worst state is the worst case, for ${cases.length} course sizes`, () => {
  for (const [i, c] of cases.entries()) {
    const { index } = course(c);
    const plain = encode(stateOf(c.state, ''), 'c', index);
    assert.equal(plain.length, c.worst, `${c.items.length} items, ${c.exercises.length} exercises`);
    if (i % 10) continue; // the name adds the same to every size
    const named = encode(stateOf(c.state, '€'.repeat(250)), 'c', index);
    assert.equal(named.length, c.worst_with_name, `${c.items.length} items, with the longest name`);
    assert.equal(encode(stateOf(c.state, 'Ada'), 'c', index, true), plain, 'noName leaves the name out');
  }
});

await check('random states round-trip and never exceed the worst case', () => {
  for (const c of cases.filter((_, i) => i % 7 === 0)) {
    const { index, entries } = course(c);
    for (let k = 0; k < 5; k++) {
      const s = randomState(c), code = encode(s, 'c', index);
      assert.match(code, /^L2\.[A-Za-z0-9_-]+$/);
      assert.ok(code.length <= c.worst_with_name, `${code.length} > ${c.worst_with_name}`);
      assert.deepEqual(JSON.parse(JSON.stringify(decode(code, 'c', entries))), kept(s));
    }
  }
});

await check('a scenario travels as an exercise scored out of 2, without its path', () => {
  const index = { p: { a: 0, 'scenario:s': 1 } }, entries = { 0: ['p', 'a'], 1: ['p', 'scenario:s'] };
  const s = { v: 2, course: 'c', learner: '', pages: { p: { a: { d: 20001 }, 'scenario:s': { t: 3, l: 1, b: 2, n: 2, d: 20000, r: 0, p: [1, 0] } } } };
  const back = JSON.parse(JSON.stringify(decode(encode(s, 'c', index), 'c', entries)));
  assert.deepEqual(back.pages.p['scenario:s'], { t: 3, l: 1, b: 2, n: 2, d: 20000, r: 0 });
  assert.deepEqual(back.pages.p.a, { d: 20001 });
});

await check('every changed, missing or added character is caught', () => {
  const c = cases.find((x) => x.items.length === 12), { index, entries } = course(c);
  const code = encode(randomState(c), 'c', index);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  for (let i = 3; i < code.length; i++) {
    for (const ch of [alphabet[(alphabet.indexOf(code[i]) + 1) % 64], alphabet[(alphabet.indexOf(code[i]) + 37) % 64]]) {
      assert.throws(() => decode(code.slice(0, i) + ch + code.slice(i + 1), 'c', entries), { message: DAMAGED }, `at ${i}`);
    }
    assert.throws(() => decode(code.slice(0, i), 'c', entries), { message: DAMAGED }, `cut at ${i}`);
  }
  assert.throws(() => decode(code + 'A', 'c', entries), { message: DAMAGED });
  assert.throws(() => decode(code.replace('L2.', 'L2.!'), 'c', entries), { message: DAMAGED });
  assert.throws(() => decode(encode(randomState(c), 'another-course', index), 'c', entries), { message: OTHER });
  // an index the course no longer has (a retired item) is left out; the rest comes back
  const s = { v: 2, course: 'c', learner: '', pages: { p: { i0: { d: 5 }, i1: { d: 6 } } } };
  const fewer = { ...entries };
  delete fewer[1];
  assert.deepEqual(JSON.parse(JSON.stringify(decode(encode(s, 'c', index), 'c', fewer))), { v: 2, course: 'c', learner: '', pages: { p: { i0: { d: 5 } } } });
});

await check('any bytes with a right checksum decode to a state or are refused, never anything else', () => {
  const { entries } = course(cases.find((x) => x.items.length === 30));
  for (let k = 0; k < 3000; k++) {
    const body = Buffer.from(Array.from({ length: 1 + random(40) }, () => random(256)));
    // every other one starts with the course id "c": its length 1 (010), then 0x63 (01100011)
    if (k % 2 && body.length >= 2) Buffer.from([0b01001100, 0b01100000 | random(32)]).copy(body);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc32(body));
    const code = 'L2.' + Buffer.concat([body, sum]).toString('base64url');
    try {
      const s = decode(code, 'c', entries);
      assert.equal(s.course, 'c');
      for (const e of Object.values(s.pages.p || {})) assert.ok(e.d >= 0 && (!('n' in e) || (e.l <= e.n && e.b <= e.n)), JSON.stringify(e));
    } catch (e) {
      assert.ok([DAMAGED, OTHER].includes(e.message), `${code}: ${e.stack}`);
    }
  }
});

await check('what a code does not keep: days before its 4,096-day window, attempts over 999, scores out of more than 255', () => {
  const c = cases.find((x) => x.items.length >= 2 && x.exercises.length >= 1), { index, entries } = course(c);
  const [i0, i1] = c.items, q = c.exercises[0];
  const s = { v: 2, course: 'c', learner: '', pages: { p: {
    [`i${i0}`]: { d: 20000 }, [`i${i1}`]: { d: 10000 }, [`quiz:${q}`]: { t: 5000, l: 3, b: 400, n: 300, d: 20000, r: 0 },
  } } };
  const back = JSON.parse(JSON.stringify(decode(encode(s, 'c', index), 'c', entries)));
  assert.deepEqual(back.pages.p, {
    [`i${i0}`]: { d: 20000 }, [`i${i1}`]: { d: 20000 - 4095 }, [`quiz:${q}`]: { t: 999, l: 3, b: 255, n: 255, d: 20000, r: 0 },
  });
});

const SITE = process.env.SITE_DIR;
if (SITE) {
  // the sample course as its home page sees it
  const site = load({ window: {} });
  vm.runInContext(readFileSync(join(SITE, 'assets/course-data.js'), 'utf8'), site);
  vm.runInContext(readFileSync(join(SITE, 'assets/course-pages.js'), 'utf8'), site);
  vm.runInContext(readFileSync(join(SITE, 'assets/progress-index.js'), 'utf8'), site);
  const C = site.window.LECTERN_COURSE, I = site.window.LECTERN_INDEX;
  const index = {};
  Object.keys(I).forEach((p) => { index[p] = {}; C.pages[p].items.forEach((id, i) => { index[p][id] = I[p][i]; }); });
  // everything done in course order, a lesson a day (two days' break after each module), the
  // quizzes and sorts passed at the first attempt
  function doneInOrder(perDay) {
    const pages = {};
    let day = 20000, n = 0;
    C.modules.forEach((m) => {
      m.lessons.forEach((p) => {
        (C.pages[p].items || []).forEach((id) => {
          (pages[p] = pages[p] || {})[id] = /^(quiz|sort):/.test(id) ? { t: 1, l: 4, b: 4, n: 4, d: day, r: 0 } : { d: day };
          if (perDay && ++n % perDay === 0) day++;
        });
        if (!perDay) day++;
      });
      day += 2;
    });
    return pages;
  }
  await check('the sample course (108 items), everything done, in at most 250 characters', () => {
    const items = Object.values(index).reduce((a, m) => a + Object.keys(m).length, 0);
    const code = encode({ learner: 'Ada Lovelace', pages: doneInOrder(0) }, C.id, index);
    const plain = encode({ learner: '', pages: doneInOrder(0) }, C.id, index);
    console.log(`       sample course (${items} items): ${code.length} characters with a 12-letter name, ${plain.length} without`);
    assert.ok(code.length <= 250, code);
  });
  await check('a 1,000-item course, everything done, in at most 2,000 characters', () => {
    const big = { p: {} }, pages = { p: {} };
    for (let n = 0; n < 1000; n++) {
      const id = n % 10 === 9 ? `quiz:${n}` : `i${n}`;
      big.p[id] = n;
      pages.p[id] = id[0] === 'q' ? { t: 2, l: 1, b: 1, n: 1, d: 20000 + Math.floor(n / 3), r: 0 } : { d: 20000 + Math.floor(n / 3) };
    }
    const code = encode({ learner: 'Ada Lovelace', pages }, 'a-course-id-of-thirty-letters', big);
    console.log(`       1,000 items (100 of them quiz questions), three a day: ${code.length} characters`);
    assert.ok(code.length <= 2000);
  });
}

finish();
