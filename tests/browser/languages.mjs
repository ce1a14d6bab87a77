// A course in English and French (fixture tests/fixtures/languages, built by tests/browser.rs)
// in a real browser, served under a subpath (BASE_URL ends in /site) and opened from file://
// (SITE_DIR): the switcher's links take the learner to the same lesson in the other language,
// a French-only word is found by the French site's search and not by the English one's, and
// progress ticked in French is kept under the French course's key, apart from the English one.
import { pathToFileURL } from 'node:url';
import { axeViolations, check, env, finish, launch } from './lib.mjs';

const BASE = env('BASE_URL'), SITE = pathToFileURL(env('SITE_DIR')).href;
const INPUT = '[data-search-input]', RESULTS = '[data-search-results]';
const browser = await launch();

for (const [where, root] of [['under a subpath', BASE], ['from file://', SITE]]) {
  await check(`${where} the switcher's links open the same lesson, and back`, async () => {
    const page = await browser.newPage();
    await page.goto(`${root}/basics/first.html`);
    await page.locator('.language-switcher a[hreflang=fr]').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/fr\/basics\/first\.html$/);
    const lang = await page.evaluate(() => document.documentElement.lang);
    if (lang !== 'fr') throw new Error(`the French page's lang is ${lang}`);
    await page.locator('.language-switcher a[hreflang=en]').click();
    await page.waitForURL(/\/site\/basics\/first\.html$/);
    await page.goto(`${root}/basics/second.html`);
    await page.locator('.language-switcher a[hreflang=fr]').click();
    await page.waitForURL(/\/fr\/index\.html$/);
    await page.close();
  });
}

await check('a French-only word is found in the French site and not in the English one', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE}/fr/basics/first.html`);
  await page.fill(INPUT, 'relais');
  const hit = page.locator(`${RESULTS} .search-result a`).first();
  await hit.waitFor();
  const href = await hit.getAttribute('href');
  if (!/first\.html/.test(href)) throw new Error(`the French search found ${href}`);
  await page.goto(`${BASE}/basics/first.html`);
  await page.fill(INPUT, 'relais');
  await page.waitForFunction((r) => /No results/.test(document.querySelector(r).textContent), RESULTS);
  await page.close();
});

await check('progress ticked in French is kept per language', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE}/fr/basics/first.html`);
  await page.locator('.checklist-item input').first().check();
  await page.waitForFunction(() => localStorage.getItem('lectern:v2:languages-fixture.fr'));
  const en = await page.evaluate(() => localStorage.getItem('lectern:v2:languages-fixture'));
  if (en) throw new Error(`the English record changed: ${en}`);
  await page.goto(`${BASE}/basics/first.html`);
  const ticked = await page.locator('.checklist-item input').first().isChecked();
  if (ticked) throw new Error('the English box is ticked too');
  await page.goto(`${BASE}/fr/basics/first.html`);
  if (!(await page.locator('.checklist-item input').first().isChecked())) throw new Error('the French tick was lost');
  await page.close();
});

await check('the switcher passes axe and no page scrolls sideways at 360 px', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
  for (const path of ['basics/first.html', 'basics/second.html', 'fr/basics/first.html', 'fr/index.html']) {
    await page.goto(`${BASE}/${path}`);
    const violations = await axeViolations(page);
    if (violations.length) throw new Error(`${path}: ${violations.join('\n')}`);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (wide > 0) throw new Error(`${path} scrolls sideways by ${wide} px`);
  }
  await page.close();
});

await browser.close();
finish();
