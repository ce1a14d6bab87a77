// Accessibility and footprint of a built site (the sample course, built by tests/browser.rs):
// axe-core finds no WCAG 2.x A/AA violation on EVERY page of the site (each .html under
// SITE_DIR, which must include the PAGES named by the test), at 1280 and 360 px, in light and
// dark, and in the states a learner brings about: quiz feedback shown (wrong, then right), sort
// checked (some right, some wrong), lesson completed, search results open (and no results), and,
// once every lesson is done, the course-complete home page, progress page and certificate.
// One browser, one page per width; each page is loaded once and checked in both colour schemes
// (page.emulateMedia; in dark only the colour rules, as the dark scheme changes colours only).
// No page scrolls sideways. The learner script stays under 20 KB (the home page's progress-code
// script under 16 KB) and no page requests anything but the site's own files, over http and
// file://.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { check, env, finish, launch, timeLimit, watchRequests } from './lib.mjs';

// some 300 axe runs: about 90 s on two free cores, several times that when they are busy
timeLimit(600);

const SITE = env('SITE_DIR'), BASE = env('BASE_URL');
const REQUIRED = env('PAGES').split(',');
const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// The dark scheme changes colours only (checked below), so in dark only the colour rules run.
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];
const foreign = [];
const browser = await launch();

function describe(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n`
    + v.nodes.slice(0, 4).map((n) => `    at ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`).join('\n')
    + (v.nodes.length > 4 ? `\n    … and ${v.nodes.length - 4} more` : '')).join('\n  ');
}

let runs = 0;
/** axe on the whole page, or on the elements matching `scope` (a CSS selector); every WCAG
 * rule, or only the rules named in `rules`. */
async function axe(page, scope, rules) {
  runs++;
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  const only = rules ? { type: 'rule', values: rules } : { type: 'tag', values: TAGS };
  const result = await page.evaluate(([o, sel]) => window.axe.run(sel ? { include: [[sel]] } : document,
    { runOnly: o }), [only, scope]);
  return result.violations;
}

/** Every .html file of the site, as paths relative to it with `/`, sorted. */
function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return htmlFiles(full);
    return e.name.endsWith('.html') ? [relative(SITE, full).split(sep).join('/')] : [];
  }).sort();
}
const PAGES = htmlFiles(SITE);

/** axe in light and in dark, as the page is now (or the part `scope` selects: what the state
 * changed); `what` names the state for the message. */
async function bothSchemes(page, path, what, scope) {
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    const v = await axe(page, scope, colorScheme === 'dark' ? COLOUR_RULES : null);
    assert.equal(v.length, 0, `axe found ${v.length} violation(s) on ${path} (${what}, ${colorScheme}):\n  ${describe(v)}`);
  }
  return what;
}

const wrongOf = (v, values) => values.find((x) => x !== v) || v;

/** The drawn questions of a quiz answered, all wrong or all right (order and match questions
 * by their selects), and checked. */
async function answerQuiz(form, right) {
  for (const fs of await form.$$('fieldset.quiz-question:not([hidden])')) {
    if (right) for (const input of await fs.$$('input[data-correct="true"]')) await input.check();
    else {
      const wrong = await fs.$('input[data-correct="false"]');
      if (wrong) await wrong.check();
    }
    for (const li of await fs.$$('li.sort-item')) {
      const sel = await li.$('select'), answer = await li.getAttribute('data-answer');
      const values = await sel.$$eval('option', (os) => os.map((o) => o.value).filter(Boolean));
      await sel.selectOption(right ? answer : wrongOf(answer, values));
    }
  }
  await (await form.$('[data-quiz-check]')).click();
}

/** Quiz feedback, wrong then right: every question answered wrong and checked, then retried
 * (a pool draws anew) and answered right. Returns the states checked. */
async function quizStates(page, path) {
  const forms = await page.$$('form.quiz');
  if (!forms.length) return [];
  for (const form of forms) await answerQuiz(form, false);
  const done = [await bothSchemes(page, path, 'quiz answered wrong', 'form.quiz')];
  for (const form of forms) {
    await (await form.$('[data-quiz-retry]')).click();
    await answerQuiz(form, true);
  }
  done.push(await bothSchemes(page, path, 'quiz answered right', 'form.quiz'));
  return done;
}

/** Sorts checked with the first card wrong and the rest right, then all right. */
async function sortStates(page, path) {
  const sorts = await page.$$('section.sort');
  if (!sorts.length) return [];
  const answerAll = async (firstWrong) => {
    for (const sec of sorts) {
      for (const [i, li] of (await sec.$$('li.sort-item')).entries()) {
        const sel = await li.$('select'), answer = await li.getAttribute('data-answer');
        const values = await sel.$$eval('option', (os) => os.map((o) => o.value).filter(Boolean));
        await sel.selectOption(i === 0 && firstWrong ? wrongOf(answer, values) : answer);
      }
      await (await sec.$('[data-sort-check]')).click();
    }
  };
  await answerAll(true);
  const done = [await bothSchemes(page, path, 'sort checked, right and wrong', 'section.sort')];
  await answerAll(false);
  return done;
}

/** Each scenario of the page played to an ending, always by its first choice. */
async function playScenarios(page) {
  for (const sec of await page.$$('section.scenario')) {
    for (let n = 0; n < 20; n++) {
      const choice = await sec.$('.scenario-options:not([hidden]) button');
      if (!choice) break;
      await choice.click();
    }
  }
}

/** Every box of the lesson ticked (its quizzes and sorts already passed): the lesson complete. */
async function completeLesson(page, path) {
  if (!(await page.$('[data-lesson-progress]'))) return [];
  await playScenarios(page);
  for (const box of await page.$$('[data-checklist] input[data-item]')) await box.check();
  const text = await page.$eval('[data-lesson-progress] .progress-text', (e) => e.textContent);
  const [k, n] = text.match(/\d+/g).map(Number);
  assert.equal(k, n, `${path}: the lesson is complete (${text})`);
  return [await bothSchemes(page, path, 'lesson completed')];
}

/** The search results open, for a query with results and one without. */
async function searchStates(page, path) {
  await page.fill('[data-search-input]', 'coach');
  await page.locator('[data-search-results] .search-result a').first().waitFor();
  const done = [await bothSchemes(page, path, 'search results open', '.site-header')];
  await page.fill('[data-search-input]', 'zqxj');
  await page.locator('[data-search-results] .search-status').first().waitFor();
  done.push(await bothSchemes(page, path, 'search with no results', '.site-header'));
  await page.fill('[data-search-input]', '');
  return done;
}

await check('axe runs in the page and reports a planted violation', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE}/${PAGES[0]}`);
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.id = 'planted';
    p.style.cssText = 'color:#777;background:#888';
    p.textContent = 'Low contrast';
    document.body.append(p);
  });
  await page.addScriptTag({ path: AXE });
  const ids = await page.evaluate((tags) => window.axe.run('#planted', { runOnly: { type: 'tag', values: tags } })
    .then((r) => r.violations.map((v) => v.id)), TAGS);
  assert.deepEqual(ids, ['color-contrast']);
  await page.close();
});

await check('the dark scheme changes custom properties (colours) only', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE}/index.html`);
  const set = await page.evaluate(() => Array.from(document.styleSheets).flatMap((sheet) => {
    const walk = (rules, dark) => Array.from(rules).flatMap((r) => {
      if (r instanceof CSSMediaRule) return walk(r.cssRules, dark || /prefers-color-scheme:\s*dark/.test(r.conditionText));
      if (r.cssRules && r.cssRules.length) return walk(r.cssRules, dark);
      return dark && r.style ? Array.from(r.style) : [];
    });
    return walk(sheet.cssRules, false);
  }));
  assert.ok(set.length > 5, `dark rules set ${set.join(', ')}`);
  assert.deepEqual(set.filter((prop) => !prop.startsWith('--')), []);
  await page.close();
});

await check('every page of the site is checked, the required ones among them', () => {
  runs = 0;
  console.log(`       ${PAGES.length} pages`);
  for (const p of REQUIRED) assert.ok(PAGES.includes(p), `${p} is not among ${PAGES.join(', ')}`);
});

const started = Date.now();
const SEARCH_ON = ['index.html', 'who-does-what/staying-in-your-column.html'];
const STATES = ['as loaded', 'quiz answered wrong', 'quiz answered right', 'sort checked, right and wrong',
  'lesson completed', 'search results open', 'search with no results', 'course complete'];
const tally = new Map();
for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 640 }]) {
  const context = await browser.newContext({ viewport });
  watchRequests(context, BASE, foreign);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const px = `${viewport.width}px`;
  for (const path of PAGES) {
    await check(`axe: ${path} at ${px}`, async () => {
      await page.goto(`${BASE}/${path}`);
      const states = [await bothSchemes(page, path, 'as loaded')];
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= viewport.width, `${path} is ${wide} px wide at ${px}: it scrolls sideways`);
      states.push(...await quizStates(page, path), ...await sortStates(page, path), ...await completeLesson(page, path));
      if (SEARCH_ON.includes(path)) states.push(...await searchStates(page, path));
      states.forEach((st) => tally.set(st, (tally.get(st) || 0) + 1));
    });
  }
  // every lesson was completed above: the course is complete
  for (const path of PAGES.filter((p) => p === 'index.html' || p.endsWith('/index.html') || ['progress.html', 'certificate.html'].includes(p))) {
    await check(`axe: ${path} at ${px}, course complete`, async () => {
      await page.goto(`${BASE}/${path}`);
      if (path === 'index.html') assert.ok(await page.isVisible('[data-completion]'), 'the course is complete');
      if (path === 'certificate.html') {
        assert.ok(await page.isVisible('.certificate.is-complete'), 'the certificate is shown');
        await page.fill('#learner-name', 'Ada Lovelace');
      }
      tally.set('course complete', (tally.get('course complete') || 0) + 1);
      await bothSchemes(page, path, 'course complete');
    });
  }
  await check(`no script errors at ${px}`, () => assert.deepEqual(errors, []));
  await context.close();
}
console.log(`       ${runs} axe runs on ${PAGES.length} pages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
await check('every state was checked, in both widths', () => {
  console.log(`       ${STATES.map((st) => `${st}: ${tally.get(st) || 0}`).join('; ')} (pages × widths, each in light and dark)`);
  for (const st of STATES) assert.ok((tally.get(st) || 0) >= 2, `${st} was checked ${tally.get(st) || 0} times`);
});

await check('every page also loads over file:// with no request outside the site', async () => {
  const context = await browser.newContext();
  watchRequests(context, null, foreign);
  const page = await context.newPage();
  const failed = new Set();
  page.on('requestfailed', (r) => failed.add(r.url().slice(pathToFileURL(SITE).href.length)));
  for (const path of PAGES) await page.goto(pathToFileURL(join(SITE, path)).href);
  assert.ok(await page.evaluate(() => typeof window.LECTERN_COURSE === 'object'), 'course data loads from file://');
  // Missing files of the site itself are the link checks' business (issue 5); name them here.
  for (const f of failed) console.log(`       note: the pages reference ${f}, which the build did not write`);
  await context.close();
});

// Every page loads lectern.js; progress codes and import are in progress-code.js, which only
// the home page loads.
await check('the learner script is under 20 KB unminified, the progress-code script under 16 KB', () => {
  for (const [file, kb] of [['lectern.js', 20], ['progress-code.js', 16]]) {
    const size = statSync(join(SITE, 'assets', file)).size;
    console.log(`       assets/${file}: ${size} bytes`);
    assert.ok(size < kb * 1024, `assets/${file} is ${size} bytes, over ${kb} KB`);
  }
});

await check('no request leaves the site', () => { assert.deepEqual(foreign, []); });

await browser.close();
finish();
