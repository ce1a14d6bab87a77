// Shared helpers for the browser scripts run by tests/browser.rs: launch Debian's Chromium
// through playwright-core, run named checks, record requests that leave the site, and exit
// non-zero when any check failed. Settings come from environment variables set by the Rust test.
import { chromium } from 'playwright-core';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

let passed = 0;
const failed = [];

/** An environment variable the Rust test must set. */
export function env(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run these scripts through \`cargo test --test browser\``);
  return v;
}

/** Chromium, launched once per script. */
export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: FLAGS });
}

/**
 * Chromium with a profile kept in `dir` (cookies, storage, HTTP cache): closing it and
 * launching again on the same folder is a learner coming back in the same browser.
 */
export function launchPersistent(dir) {
  return chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: FLAGS, headless: true,
  });
}

/** axe-core's WCAG 2.x A/AA violations on the page, as "rule: help at target" lines. */
export async function axeViolations(page) {
  const path = new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).pathname;
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path });
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
  const result = await page.evaluate((t) => window.axe.run(document, { runOnly: { type: 'tag', values: t } }), tags);
  return result.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * A new browser context on `url`, its requests outside `base` recorded in `foreign`: the
 * context, its page and the page's script errors (filled as they happen).
 */
export async function openFresh(browser, url, base, foreign) {
  const context = await browser.newContext();
  watchRequests(context, base, foreign);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { context, page, errors };
}

/** Run one named check; a failure is reported and counted, and the next check still runs. */
export async function check(name, fn) {
  const t = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok   ${name} (${Date.now() - t} ms)`);
  } catch (e) {
    failed.push(name);
    const lines = String((e && e.stack) || e).split('\n').slice(0, 12).join('\n       ');
    console.log(`FAIL ${name}\n       ${lines}`);
  }
}

/** Print the summary and set the exit status. */
export function finish() {
  console.log(`${passed} passed, ${failed.length} failed${failed.length ? ': ' + failed.join('; ') : ''}`);
  process.exitCode = failed.length || passed === 0 ? 1 : 0;
}

/**
 * Record every request a context makes that is not one of the site's own files: anything
 * other than file: URLs (for file:// runs) or the served origin (for http runs).
 */
export function watchRequests(context, origin, into) {
  context.on('request', (r) => {
    const u = r.url();
    const own = u.startsWith('file:') || u.startsWith('blob:') || u.startsWith('data:')
      || (origin && u.startsWith(origin + '/'));
    if (!own) into.push(u);
  });
}

/** The text of the first element matching `sel`, whitespace collapsed. */
export async function textOf(page, sel) {
  const t = await page.locator(sel).first().textContent();
  return (t || '').replace(/\s+/g, ' ').trim();
}

/** Press Tab (or `key`, e.g. Shift+Tab) until `sel` has focus, at most `max` times. */
export async function tabTo(page, sel, max = 80, key = 'Tab') {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), sel)) return i + 1;
  }
  throw new Error(`${key} never reached ${sel} in ${max} presses`);
}

// A hung browser must not hang `cargo test`.
let limit = null;
/** Fail the script after `seconds` (240 unless a script that does more asks for longer). */
export function timeLimit(seconds) {
  clearTimeout(limit);
  limit = setTimeout(() => { console.log(`FAIL: the script took longer than ${seconds} s`); process.exit(1); }, seconds * 1000).unref();
}
timeLimit(240);

/** Types `query` into the search box of `page` (the results of the query before gone first);
 * the result links' targets, the status and the marked texts. */
export async function searchFor(page, query) {
  const INPUT = '[data-search-input]', RESULTS = '[data-search-results]';
  await page.fill(INPUT, '');
  await page.waitForFunction((s) => !document.querySelector(s), `${RESULTS} .search-result`);
  await page.fill(INPUT, query);
  await page.locator(`${RESULTS} .search-result a`).first().waitFor();
  const links = await page.$$eval(`${RESULTS} .search-result a`, (as) => as.map((a) => a.getAttribute('href')));
  const marks = await page.$$eval(`${RESULTS} mark`, (ms) => ms.map((m) => m.textContent));
  return { links, status: await textOf(page, `${RESULTS} .search-status`), marks };
}
