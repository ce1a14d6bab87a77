// Live reload in a real browser, against `lectern serve` started by tests/browser.rs:
// editing a lesson reloads the open page with the new text at the same scroll position;
// editing only a theme stylesheet swaps it in place, without a reload.
import fs from 'node:fs';
import { launch, check, finish, env } from './lib.mjs';

const base = env('BASE_URL');
const lessonFile = env('LESSON_FILE');
const cssFile = env('CSS_FILE');
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 900, height: 600 } });

function lesson(body) {
  const filler = Array.from({ length: 80 }, (_, i) => `Paragraph ${i} of a long lesson.`).join('\n\n');
  return `---\ntitle: Long lesson\n---\n\n${body}\n\n${filler}\n`;
}

/** Resolves once the page's reload event stream has answered (call before the page loads). */
function eventsOpen() {
  return page.waitForResponse((r) => r.url().includes('/__lectern/events'), { timeout: 10000 })
    .then(() => page.waitForTimeout(100));
}

await check('editing the lesson reloads the page with the new text and keeps the scroll position', async () => {
  const open = eventsOpen();
  await page.goto(`${base}/basics/long.html`);
  await open;
  await page.evaluate(() => { window.scrollTo({ top: 700, behavior: 'instant' }); window.beforeEdit = 'still here'; });
  const y = await page.evaluate(() => window.scrollY);
  if (y < 600) throw new Error(`the page did not scroll (scrollY ${y}, ${await page.evaluate(() => [location.href, document.title, document.documentElement.scrollHeight, getComputedStyle(document.documentElement).overflow, getComputedStyle(document.body).overflow].join(" "))})`);
  const reloaded = page.waitForEvent('load', { timeout: 15000 });
  const reopened = eventsOpen();
  fs.writeFileSync(lessonFile, lesson('Freshly edited text.'));
  await reloaded;
  await reopened;
  await page.waitForFunction(() => document.querySelector('main').textContent.includes('Freshly edited text.'));
  const survived = await page.evaluate(() => window.beforeEdit);
  if (survived !== undefined) throw new Error('the window kept its state: the page was not reloaded');
  await page.waitForFunction((want) => Math.abs(window.scrollY - want) < 2, y, { timeout: 5000 })
    .catch(async () => { throw new Error(`scrollY ${await page.evaluate(() => window.scrollY)} after the reload, not ${y}`); });
});

await check('editing only a theme stylesheet swaps it without a reload', async () => {
  await page.evaluate(() => { window.beforeCss = 'still here'; });
  const before = await page.evaluate(() => getComputedStyle(document.body).outlineColor);
  if (before === 'rgb(1, 2, 3)') throw new Error('the outline is set before the edit');
  fs.writeFileSync(cssFile, 'body { outline: 3px solid rgb(1, 2, 3); }\n');
  await page.waitForFunction(() => getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)', null, { timeout: 15000 });
  const survived = await page.evaluate(() => window.beforeCss);
  if (survived !== 'still here') throw new Error('the page was reloaded for a stylesheet change');
  const links = await page.evaluate(() => [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.href));
  if (!links.some((h) => /theme\.css\?(v=[0-9a-f]{8}&)?lectern-reload=/.test(h))) throw new Error(`stylesheets not re-requested: ${links}`);
});

await browser.close();
finish();
