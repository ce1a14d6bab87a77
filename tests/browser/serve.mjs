// Live reload in a real browser, against `lectern serve` started by tests/browser.rs:
// editing a lesson updates the open page in place (scroll, focus, ticks, typed text and open
// sections kept); an edit to another lesson shows a notice; a title edit reaches the sidebar;
// editing only a theme stylesheet swaps it in place, without a reload.
import fs from 'node:fs';
import { launch, check, finish, env } from './lib.mjs';

const base = env('BASE_URL');
const lessonFile = env('LESSON_FILE');
const cssFile = env('CSS_FILE');
const otherFile = env('OTHER_FILE');
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 900, height: 600 } });

// as tests/browser.rs writes it first, with `body` in place of "Original text."
function lesson(body) {
  const filler = Array.from({ length: 80 }, (_, i) => `Paragraph ${i} of a long lesson.`).join('\n\n');
  return `---\ntitle: Long lesson\n---\n\n${body}\n\n${extras}\n\n${filler}\n`;
}
const extras = fs.readFileSync(env('EXTRAS_FILE'), 'utf8');

/** Resolves once the page's reload event stream has answered (call before the page loads). */
function eventsOpen() {
  return page.waitForResponse((r) => r.url().includes('/__lectern/events'), { timeout: 10000 })
    .then(() => page.waitForTimeout(100));
}

await check('editing the lesson updates the page in place: scroll, focus, ticks, typed text and open sections kept', async () => {
  const open = eventsOpen();
  await page.goto(`${base}/basics/long.html`);
  await open;
  // the learner's own state, which a reload or a naive swap would lose
  await page.locator('input[data-item]').first().focus();
  await page.keyboard.press('Space');
  await page.evaluate(() => {
    window.scrollTo({ top: 700, behavior: 'instant' });
    window.beforeEdit = 'still here';
    document.querySelector('details').open = true;
    document.querySelector('#notes').value = 'my own words';
  });
  await page.locator('input[data-item]').first().focus({ preventScroll: true });
  const y = await page.evaluate(() => window.scrollY);
  if (y < 600) throw new Error(`the page did not scroll (scrollY ${y})`);
  const written = Date.now();
  fs.writeFileSync(lessonFile, lesson('Freshly edited text.'));
  await page.waitForFunction(() => document.querySelector('main').textContent.includes('Freshly edited text.'), null, { timeout: 15000 });
  const took = Date.now() - written;
  const after = await page.evaluate(() => ({
    survived: window.beforeEdit,
    y: window.scrollY,
    ticked: document.querySelector('input[data-item]').checked,
    focused: document.activeElement === document.querySelector('input[data-item]'),
    open: document.querySelector('details').open,
    typed: document.querySelector('#notes').value,
    progress: document.querySelector('[data-lesson-progress]') && document.querySelector('[data-lesson-progress]').textContent,
    slots: document.querySelectorAll('.nav-progress').length,
  }));
  if (after.survived !== 'still here') throw new Error('the page was reloaded, not updated in place');
  if (Math.abs(after.y - y) > 1) throw new Error(`scrollY ${after.y} after the update, not ${y}`);
  if (!after.ticked) throw new Error('the tick was lost');
  if (!after.focused) throw new Error('focus left the ticked box');
  if (!after.open) throw new Error('the open <details> closed');
  if (after.typed !== 'my own words') throw new Error(`typed text became ${JSON.stringify(after.typed)}`);
  if (!/1 of 2 done/.test(after.progress || '')) throw new Error(`lesson progress reads ${after.progress}`);
  if (after.slots < 1) throw new Error('the sidebar lost its progress slots');
  console.log(`  file write -> new text in the DOM: ${took} ms`);
});

await check('editing another lesson shows a notice with a link, and the open page stays', async () => {
  await page.evaluate(() => { window.beforeOther = 'still here'; });
  fs.writeFileSync(otherFile, '---\ntitle: Other lesson\n---\n\nThe other lesson, edited.\n');
  const notice = page.locator('#lectern-updated');
  await notice.waitFor({ timeout: 15000 });
  const text = await notice.textContent();
  if (!/^Updated: Other lesson · Serve in a browser — open$/.test(text)) throw new Error(`notice reads ${JSON.stringify(text)}`);
  if (await notice.getAttribute('role') !== 'status') throw new Error('the notice is not announced');
  const href = await notice.locator('a').getAttribute('href');
  if (href !== '/basics/other.html') throw new Error(`the notice links to ${href}`);
  if (await page.evaluate(() => window.beforeOther) !== 'still here') throw new Error('the open page was reloaded');
  if (!page.url().endsWith('/basics/long.html')) throw new Error(`navigated away to ${page.url()}`);
});

await check('a new lesson title reaches the open page in place: its sidebar and title', async () => {
  fs.writeFileSync(otherFile, '---\ntitle: Renamed lesson\n---\n\nThe other lesson, edited.\n');
  await page.waitForFunction(() => document.querySelector('#sidebar').textContent.includes('Renamed lesson'), null, { timeout: 15000 });
  if (await page.evaluate(() => window.beforeOther) !== 'still here') throw new Error('the page was reloaded for a title elsewhere');
  fs.writeFileSync(lessonFile, lesson('Freshly edited text.').replace('title: Long lesson', 'title: Longer lesson'));
  await page.waitForFunction(() => document.title.startsWith('Longer lesson'), null, { timeout: 15000 });
  if (await page.evaluate(() => document.querySelector('input[data-item]').checked) !== true) throw new Error('the tick was lost');
});

await check('editing only a theme stylesheet swaps it without a reload', async () => {
  await page.evaluate(() => { window.beforeCss = 'still here'; });
  const before = await page.evaluate(() => getComputedStyle(document.body).outlineColor);
  const themeHref = () => page.evaluate(() => document.querySelector('link[href*="theme.css"]').href);
  const hrefBefore = await themeHref();
  if (before === 'rgb(1, 2, 3)') throw new Error('the outline is set before the edit');
  fs.writeFileSync(cssFile, 'body { outline: 3px solid rgb(1, 2, 3); }\n');
  await page.waitForFunction(() => getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)', null, { timeout: 15000 });
  const survived = await page.evaluate(() => window.beforeCss);
  if (survived !== 'still here') throw new Error('the page was reloaded for a stylesheet change');
  // The `css` event re-requests it with a reload marker; the rebuild that follows may then
  // swap in the new content hash. Either way the address differs from the one before.
  const hrefAfter = await themeHref();
  if (hrefAfter === hrefBefore || !/theme\.css\?(v=[0-9a-f]{8}|lectern-reload=)/.test(hrefAfter)) {
    throw new Error(`theme stylesheet not re-requested: ${hrefBefore} -> ${hrefAfter}`);
  }
});

await browser.close();
finish();
