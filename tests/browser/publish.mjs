// Opens every page of a built course over http (argv[2], the base URL it is served at) and
// from file:// (argv[3], the output folder) in headless Chromium: no failed request, no console
// error, search finds the expected lesson for three queries, a ticked box survives a reload.
// Exit status 0 when everything holds; every failure is printed. Run by tests/publish.rs.
import { chromium } from 'playwright-core';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const [base, folder] = process.argv.slice(2);
if (!base || !folder) { console.error('usage: node publish.mjs <base-url> <site-folder>'); process.exit(2); }

const QUERIES = [
  ['super seller', 'from-seller-to-manager/the-super-seller-trap.html'],
  ['recognize', 'delegating-step-by-step/recognize-and-own.html'],
  ['trust yourself', 'letting-go/trust-yourself-then-others.html'],
];
const CHECKLIST_PAGE = 'from-seller-to-manager/promoted.html';
const failures = [];
const fail = (msg) => { failures.push(msg); console.log('FAIL ' + msg); };

function pages(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...pages(p));
    else if (name.endsWith('.html')) out.push(relative(folder, p).split('\\').join('/'));
  }
  return out.sort();
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--allow-file-access-from-files'],
});

async function open(context, url, label) {
  const page = await context.newPage();
  const problems = [];
  // Chromium looks for /favicon.ico at the host root by itself: outside the course, not its request
  const own = r => !r.url().endsWith('/favicon.ico');
  page.on('console', m => { if (m.type() === 'error' && !(m.location().url || '').endsWith('/favicon.ico')) problems.push('console error: ' + m.text()); });
  page.on('pageerror', e => problems.push('page error: ' + e.message));
  page.on('requestfailed', r => own(r) && problems.push('failed request: ' + r.url() + ' ' + (r.failure() || {}).errorText));
  page.on('response', r => { if (r.status() >= 400 && own(r)) problems.push('HTTP ' + r.status() + ': ' + r.url()); });
  const res = await page.goto(url, { waitUntil: 'load' });
  if (res && res.status() >= 400 && !label.startsWith('404')) problems.push('HTTP ' + res.status() + ' for the page');
  return { page, problems };
}

async function everyPage(context, urlOf, where) {
  const list = pages(folder);
  for (const p of list) {
    const { page, problems } = await open(context, urlOf(p), p);
    // first use of search loads the index scripts: they must load too
    await page.focus('[data-search-input]').catch(() => problems.push('no search box'));
    await page.waitForTimeout(50);
    await page.close();
    problems.forEach(m => fail(`${where} ${p}: ${m}`));
  }
  console.log(`${where}: opened ${list.length} pages`);
}

async function searches(context, urlOf, where) {
  for (const [q, expected] of QUERIES) {
    const { page, problems } = await open(context, urlOf('index.html'), 'index.html');
    await page.fill('[data-search-input]', q);
    const first = page.locator('[data-search-results] a').first();
    try {
      await first.waitFor({ timeout: 5000 });
      const href = await first.getAttribute('href');
      const marks = await page.locator('[data-search-results] mark').count();
      const status = await page.locator('[data-search-results] [role=status]').textContent();
      if (!href.includes(expected)) fail(`${where} search "${q}": first result ${href}, expected ${expected}`);
      else if (marks === 0) fail(`${where} search "${q}": nothing highlighted`);
      else if (!/result/.test(status)) fail(`${where} search "${q}": no result count announced`);
      else console.log(`${where} search "${q}": ${href} (${status})`);
      // keyboard: ArrowDown into the list, Enter opens the result
      await page.focus('[data-search-input]');
      await page.keyboard.press('ArrowDown');
      const focused = await page.evaluate(() => document.activeElement.getAttribute('href'));
      if (focused !== href) fail(`${where} search "${q}": ArrowDown focused ${focused}`);
      await Promise.all([page.waitForURL(u => u.toString().includes(expected)), page.keyboard.press('Enter')]);
    } catch (e) {
      fail(`${where} search "${q}": ${e.message.split('\n')[0]}`);
    }
    problems.forEach(m => fail(`${where} search "${q}": ${m}`));
    await page.close();
  }
}

async function checklist(context, urlOf, where) {
  const { page, problems } = await open(context, urlOf(CHECKLIST_PAGE), CHECKLIST_PAGE);
  const box = page.locator('[data-checklist] input[type=checkbox]').first();
  const id = await box.getAttribute('data-item');
  await box.check();
  await page.reload({ waitUntil: 'load' });
  const kept = await page.locator(`[data-checklist] input[data-item="${id}"]`).isChecked();
  if (!kept) fail(`${where} checklist: "${id}" not ticked after a reload`);
  else console.log(`${where} checklist: "${id}" still ticked after a reload`);
  const report = await open(context, urlOf('progress.html'), 'progress.html');
  const listed = await report.page.locator('[data-progress-report] li.is-done').count();
  if (listed !== 1) fail(`${where} progress page: ${listed} ticked items listed, expected 1`);
  report.problems.concat(problems).forEach(m => fail(`${where} checklist: ${m}`));
  await report.page.close();
  await page.close();
}

async function run(where, urlOf) {
  const context = await browser.newContext();
  await everyPage(context, urlOf, where);
  await searches(context, urlOf, where);
  await checklist(context, urlOf, where);
  await context.close();
}

try {
  await run('http', p => new URL(p, base).toString());
  // a missing path: nginx answers with the course's 404 page, which must load cleanly
  const context = await browser.newContext();
  const { page, problems } = await open(context, new URL('no-such-page.html', base).toString(), '404');
  const h1 = await page.locator('h1').textContent();
  if (h1 !== 'Page not found') fail(`http 404: heading "${h1}"`);
  // the page itself comes with status 404 (Chromium logs that once); nothing else may fail
  const own = problems.filter(m => m.includes('no-such-page.html') || m.includes('status of 404'));
  if (own.length > 2) fail('http 404: ' + own.join('; '));
  problems.filter(m => !own.includes(m)).forEach(m => fail('http 404: ' + m));
  await context.close();
  await run('file', p => pathToFileURL(join(folder, p)).toString());
} catch (e) {
  fail('unexpected: ' + (e.stack || e));
} finally {
  await browser.close();
}
if (failures.length) { console.log(`${failures.length} problems`); process.exit(1); }
console.log('all browser checks passed');
