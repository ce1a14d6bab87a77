// Accessibility and footprint of a built site (the sample course, built by tests/browser.rs):
// axe-core finds no WCAG 2.x A/AA violation on the given pages, in light and dark, at desktop
// width and at 320 px, also after quiz and sort feedback is shown; the learner script stays under
// 20 KB (the home page's progress-code script under 16 KB) and no page requests anything but the site's own files, over http and file://.
// (Feedback states are checked at desktop width only, to keep the run short.)
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { check, env, finish, launch, watchRequests } from './lib.mjs';

const SITE = env('SITE_DIR'), BASE = env('BASE_URL');
const PAGES = env('PAGES').split(',');
const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const foreign = [];
const browser = await launch();

function describe(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n`
    + v.nodes.slice(0, 4).map((n) => `    at ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`).join('\n')
    + (v.nodes.length > 4 ? `\n    … and ${v.nodes.length - 4} more` : '')).join('\n  ');
}

async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS);
  return result.violations;
}

/** Shows every kind of feedback the page has: a wrong quiz answer, then sort results. */
async function showFeedback(page) {
  for (const form of await page.$$('form.quiz')) {
    for (const fs of await form.$$('fieldset.quiz-question')) {
      const wrong = await fs.$('input[data-correct="false"]');
      if (wrong) await wrong.check();
    }
    await (await form.$('[data-quiz-check]')).click();
  }
  for (const sec of await page.$$('section.sort')) {
    const selects = await sec.$$('select');
    for (const [i, sel] of selects.entries()) {
      const values = await sel.$$eval('option', (os) => os.map((o) => o.value).filter(Boolean));
      await sel.selectOption(values[i % values.length]);
    }
    await (await sec.$('[data-sort-check]')).click();
  }
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

const modes = [];
for (const colorScheme of ['light', 'dark']) {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 320, height: 640 }]) modes.push({ colorScheme, viewport });
}
for (const mode of modes) {
  const context = await browser.newContext({ colorScheme: mode.colorScheme, viewport: mode.viewport });
  watchRequests(context, BASE, foreign);
  const page = await context.newPage();
  const label = `${mode.colorScheme}, ${mode.viewport.width}px`;
  for (const path of PAGES) {
    await check(`axe: no violations on ${path} (${label})`, async () => {
      await page.goto(`${BASE}/${path}`);
      const v = await axe(page);
      assert.equal(v.length, 0, `axe found ${v.length} violation(s) on ${path}:\n  ${describe(v)}`);
      if (mode.viewport.width > 320 && await page.$('form.quiz, section.sort')) {
        await showFeedback(page);
        const after = await axe(page);
        assert.equal(after.length, 0, `axe found ${after.length} violation(s) on ${path} with feedback shown:\n  ${describe(after)}`);
      }
    });
  }
  await context.close();
}

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
