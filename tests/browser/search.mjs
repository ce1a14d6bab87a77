// Search, focus and small-screen layout on a lesson of the sample course (built by
// tests/browser.rs): results show title, section heading and snippet as separately styled parts
// that screen readers hear separated; the closed results box is no Tab stop; Escape closes the
// list and keeps the query; Tab out of the results closes them; heading anchor links are no Tab
// stops and are not cut off at 360 px; breadcrumb links are big enough to tap (WCAG 2.5.8);
// axe finds nothing with the results open.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { check, env, finish, launch, watchRequests } from './lib.mjs';

const BASE = env('BASE_URL');
const PAGE = `${BASE}/who-does-what/staying-in-your-column.html`;
const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const INPUT = '[data-search-input]', RESULTS = '[data-search-results]';
const foreign = [];
const browser = await launch();

async function lesson(viewport = { width: 1280, height: 900 }, colorScheme = 'light') {
  const context = await browser.newContext({ viewport, colorScheme });
  watchRequests(context, BASE, foreign);
  const page = await context.newPage();
  await page.goto(PAGE);
  return { context, page };
}
async function searchFor(page, q) {
  await page.fill(INPUT, q);
  await page.locator(`${RESULTS} .search-result a`).first().waitFor();
}
const open = (page) => page.$eval(`${RESULTS} .search-box`, (b) => !b.hidden);
const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  return e ? e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className.split(' ').join('.') : '') : '';
});
const inResults = (page) => page.evaluate((s) => !!document.activeElement.closest(s), RESULTS);

/** Chromium's own accessible name of the element `sel` (the accessibility tree, over CDP). */
async function accessibleName(page, sel) {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: sel });
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
  await cdp.detach();
  return nodes[0].name.value;
}

await check('a result shows title, heading and snippet as separate styled parts, heard separated', async () => {
  const { context, page } = await lesson();
  await searchFor(page, 'delegate');
  const link = `${RESULTS} .search-result a:has(.search-heading)`;
  const parts = await page.$eval(link, (a) => ['.search-title', '.search-heading', '.search-snippet'].map((c) => {
    const e = a.querySelector(c), s = getComputedStyle(e), r = e.getBoundingClientRect();
    const shown = e.cloneNode(true);
    shown.querySelectorAll('.visually-hidden').forEach((h) => h.remove());
    return { text: shown.textContent, weight: Number(s.fontWeight), size: parseFloat(s.fontSize), color: s.color, display: s.display, top: r.top, bottom: r.bottom };
  }));
  const [title, heading, snippet] = parts;
  for (const p of parts) assert.equal(p.display, 'block', JSON.stringify(p));
  assert.ok(title.weight >= 600 && snippet.weight < 600, `title ${title.weight}, snippet ${snippet.weight}`);
  assert.ok(snippet.size < title.size, `snippet ${snippet.size}px, title ${title.size}px`);
  assert.notEqual(title.color, snippet.color);
  assert.notEqual(heading.color, snippet.color);
  assert.ok(title.bottom <= heading.top + 0.5 && heading.bottom <= snippet.top + 0.5, 'each part on its own line');
  const name = await accessibleName(page, link);
  // Chromium puts a space around the (absolutely positioned) hidden separators: allow it
  const squeeze = (t) => t.replace(/\s+/g, ' ').replace(/ ([,:]) /g, '$1 ').trim();
  assert.equal(squeeze(name), squeeze(`${title.text}, ${heading.text}: ${snippet.text}`));
  assert.ok(!name.includes(title.text + heading.text) && !name.includes(heading.text + snippet.text), name);
  await context.close();
});

for (const width of [1280, 360]) {
  await check(`the closed or empty results box is no Tab stop (${width}px)`, async () => {
    const { context, page } = await lesson({ width, height: 800 });
    await page.focus(INPUT);
    await page.keyboard.press('Tab');
    assert.ok(!(await inResults(page)), `Tab from the empty box went to ${await focused(page)}`);
    // no results: the list is open and holds only the count
    await page.fill(INPUT, 'zzqxv');
    await page.waitForFunction((s) => /No results/.test(document.querySelector(s).textContent), RESULTS);
    await page.focus(INPUT);
    await page.keyboard.press('Tab');
    assert.ok(!(await inResults(page)), `Tab with no results went to ${await focused(page)}`);
    // closed after a search
    await searchFor(page, 'delegate');
    await page.focus(INPUT);
    await page.keyboard.press('Escape');
    assert.ok(!(await open(page)));
    await page.keyboard.press('Tab');
    assert.ok(!(await inResults(page)), `Tab from the closed list went to ${await focused(page)}`);
    await context.close();
  });
}

await check('Escape closes the list and keeps the query, from the box and from a result', async () => {
  const { context, page } = await lesson();
  await searchFor(page, 'delegate');
  await page.keyboard.press('Escape');
  assert.ok(!(await open(page)), 'Escape in the box closed nothing');
  assert.equal(await page.inputValue(INPUT), 'delegate');
  assert.equal(await focused(page), 'input#search-input');
  await page.keyboard.press('ArrowDown'); // reopens and moves into the results
  assert.ok(await open(page));
  assert.ok(await inResults(page), `ArrowDown went to ${await focused(page)}`);
  await page.keyboard.press('Escape');
  assert.ok(!(await open(page)), 'Escape on a result closed nothing');
  assert.equal(await focused(page), 'input#search-input');
  assert.equal(await page.inputValue(INPUT), 'delegate');
  // with the list closed, Escape clears the box as browsers do
  await page.keyboard.press('Escape');
  assert.equal(await page.inputValue(INPUT), '');
  await context.close();
});

await check('Tab out of the last result (or Shift+Tab out of the box) closes the list', async () => {
  const { context, page } = await lesson();
  await searchFor(page, 'delegate');
  const n = await page.locator(`${RESULTS} .search-result a`).count();
  assert.ok(n > 1);
  for (let i = 0; i < n; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await inResults(page), `Tab ${i + 1} went to ${await focused(page)}`);
    assert.ok(await open(page));
  }
  await page.keyboard.press('Tab');
  assert.ok(!(await inResults(page)));
  assert.ok(!(await open(page)), 'the list stayed open after Tab left it');
  await page.focus(INPUT); // focus reopens the last results
  assert.ok(await open(page));
  await page.keyboard.press('Shift+Tab');
  assert.ok(!(await open(page)), 'the list stayed open after Shift+Tab left the box');
  await context.close();
});

await check('heading anchor links are not in the Tab order', async () => {
  const { context, page } = await lesson();
  assert.ok(await page.locator('.lesson-body .anchor').count() > 0);
  const seen = [];
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const e = document.activeElement;
      return e === document.body ? null : { anchor: e.matches('a.anchor'), last: !!e.closest('.site-footer') };
    });
    if (!f) break;
    seen.push(f);
    assert.ok(!f.anchor, `Tab ${i + 1} focused a heading anchor link`);
    if (f.last) break;
  }
  assert.ok(seen.length > 30 && seen.at(-1).last, `the Tab walk stopped after ${seen.length} stops`);
  await context.close();
});

for (const width of [360, 1280]) {
  await check(`heading anchor links are inside the content at ${width}px`, async () => {
    const { context, page } = await lesson({ width, height: 800 });
    const boxes = await page.$$eval('.lesson-body .anchor', (as) => as.map((a) => {
      const r = a.getBoundingClientRect(), c = a.closest('.content').getBoundingClientRect();
      return { href: a.getAttribute('href'), left: r.left, right: r.right, width: r.width, content: [c.left, c.right] };
    }));
    assert.ok(boxes.length > 0);
    const vw = await page.evaluate(() => document.documentElement.clientWidth);
    for (const b of boxes) {
      assert.ok(b.width > 0, JSON.stringify(b));
      assert.ok(b.left >= b.content[0] && b.right <= b.content[1] && b.right <= vw, `${b.href} is cut off: ${JSON.stringify(b)}, viewport ${vw}`);
    }
    await context.close();
  });
}

await check('breadcrumb links are at least 24 × 24 px or spaced apart at 360px (WCAG 2.5.8)', async () => {
  const { context, page } = await lesson({ width: 360, height: 800 });
  const rects = await page.$$eval('.breadcrumbs a', (as) => as.map((a) => {
    const r = a.getBoundingClientRect();
    return { text: a.textContent, x: r.x, y: r.y, w: r.width, h: r.height };
  }));
  assert.ok(rects.length >= 2);
  const centre = (r) => [r.x + r.w / 2, r.y + r.h / 2];
  const hits = (cx, cy, r) => { // the 24 px circle around (cx, cy) meets rectangle r
    const dx = Math.max(r.x - cx, 0, cx - (r.x + r.w)), dy = Math.max(r.y - cy, 0, cy - (r.y + r.h));
    return dx * dx + dy * dy < 12 * 12;
  };
  for (const r of rects) {
    if (r.w >= 24 && r.h >= 24) continue;
    const [cx, cy] = centre(r);
    for (const o of rects) {
      if (o === r) continue;
      const [ox, oy] = centre(o);
      const small = o.w < 24 || o.h < 24;
      assert.ok(!hits(cx, cy, o) && !(small && Math.hypot(cx - ox, cy - oy) < 24),
        `"${r.text}" is ${r.w.toFixed(1)} × ${r.h.toFixed(1)} px and too close to "${o.text}"`);
    }
  }
  console.log('       breadcrumb links: ' + rects.map((r) => `${r.w.toFixed(0)}×${r.h.toFixed(0)}`).join(', '));
  await context.close();
});

for (const [colorScheme, width] of [['light', 1280], ['dark', 1280], ['light', 360], ['dark', 360]]) {
  await check(`axe: no violations with the results open (${colorScheme}, ${width}px)`, async () => {
    const { context, page } = await lesson({ width, height: 800 }, colorScheme);
    await searchFor(page, 'delegate');
    await page.keyboard.press('ArrowDown'); // a result focused: its highlight is checked too
    await page.addScriptTag({ path: AXE });
    const v = await page.evaluate(() => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }).then((r) => r.violations.map((x) => `${x.id}: ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)));
    assert.deepEqual(v, []);
    await context.close();
  });
}

await check('no request leaves the site', () => { assert.deepEqual(foreign, []); });

await browser.close();
finish();
