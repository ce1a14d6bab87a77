// An Arabic course (fixture tests/fixtures/browser-arabic, built and served by tests/browser.rs)
// in a real browser: the page is right to left (`dir="rtl"`, the sidebar on the right at
// 1280 px, the lesson's checklist boxes on the right of their text), the interface text is
// Arabic (also what the scripts write: quiz feedback, search status), axe finds nothing, no
// page scrolls sideways at 360 px, and screenshots of the lesson at 1280 and 360 px are written
// to SHOT_DIR (kept in tests/screenshots/ to look at when the theme changes).
import { join } from 'node:path';
import { axeViolations, check, env, finish, launch } from './lib.mjs';

const BASE = env('BASE_URL'), SHOTS = env('SHOT_DIR');
const PAGES = ['index.html', 'basics/index.html', 'basics/first-week.html', 'progress.html', 'certificate.html', '404.html'];
const browser = await launch();
const errors = [];

async function open(width) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on('pageerror', (e) => errors.push(String(e)));
  return page;
}

for (const width of [1280, 360]) {
  await check(`at ${width} px every page is right to left, passes axe and does not scroll sideways`, async () => {
    const page = await open(width);
    for (const path of PAGES) {
      await page.goto(`${BASE}/${path}`);
      const dir = await page.evaluate(() => document.documentElement.dir);
      if (dir !== 'rtl') throw new Error(`${path}: dir is ${dir}`);
      const violations = await axeViolations(page);
      if (violations.length) throw new Error(`${path}: ${violations.join('\n')}`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (wide > 0) throw new Error(`${path} scrolls sideways by ${wide} px`);
    }
    await page.goto(`${BASE}/basics/first-week.html`);
    await page.screenshot({ path: join(SHOTS, `ar-lesson-${width}.png`), fullPage: true });
    await page.close();
  });
}

await check('the sidebar and the checkboxes sit on the right at 1280 px', async () => {
  const page = await open(1280);
  await page.goto(`${BASE}/basics/first-week.html`);
  const side = await page.locator('#sidebar').boundingBox(), main = await page.locator('#main').boundingBox();
  if (!(side.x > main.x)) throw new Error(`sidebar at x=${side.x}, content at x=${main.x}`);
  const box = await page.locator('.checklist-item input').first().boundingBox();
  const label = await page.locator('.checklist-item label').first().boundingBox();
  if (!(box.x > label.x)) throw new Error(`checkbox at x=${box.x}, its label at x=${label.x}`);
  await page.close();
});

await check('the quiz and the scripts speak Arabic: its button, its feedback and the search status', async () => {
  const page = await open(1280);
  await page.goto(`${BASE}/basics/first-week.html`);
  const button = (await page.locator('[data-quiz-check]').textContent()).trim();
  if (button !== 'تحقق من الإجابات') throw new Error(`the quiz's button reads ${button}`);
  await page.locator('[data-quiz-check]').click();
  const said = (await page.locator('.quiz-result').first().textContent()).trim();
  if (said !== 'اختر إجابة أولًا.') throw new Error(`quiz says ${said}`);
  await page.locator('#search-input').fill('zzzzqx');
  await page.waitForFunction(() => /لا نتائج/.test(document.querySelector('[data-search-results]').textContent));
  await page.close();
});

await check('no script errors', async () => {
  if (errors.length) throw new Error(errors.join('\n'));
});

await browser.close();
finish();
