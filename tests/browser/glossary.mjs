// Glossary terms in a real browser (fixture tests/fixtures/glossary, built and served by
// tests/browser.rs): a term's definition shows when the link gets keyboard focus or the
// pointer, Escape hides it (and it shows again next time), the link reaches the term's entry on
// the glossary page, and axe finds nothing on the lesson (tip shown), the glossary page or the
// facilitator's guide, in light and dark.
import { axeViolations, check, env, finish, launch } from './lib.mjs';

const BASE = env('BASE_URL');
const LESSON = `${BASE}/basics/handing-over.html`;
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
const tip = page.locator('#tip-delegation-1');

await check('keyboard focus shows the definition, Escape hides it, focus again shows it', async () => {
  await page.goto(LESSON);
  if (await tip.isVisible()) throw new Error('the tip shows before anything happened');
  await page.locator('#main').focus();
  for (let i = 0; i < 20 && !(await page.evaluate(() => document.activeElement.matches('a.term'))); i++) {
    await page.keyboard.press('Tab');
  }
  const focused = await page.evaluate(() => document.activeElement.getAttribute('aria-describedby'));
  if (focused !== 'tip-delegation-1') throw new Error(`Tab reached ${focused}, not the first term`);
  if (!(await tip.isVisible())) throw new Error('the tip does not show on focus');
  if ((await tip.textContent()) !== 'Handing a task and the authority it needs to someone else, with agreed check-ins.') throw new Error(`tip reads ${await tip.textContent()}`);
  await page.keyboard.press('Escape');
  if (await tip.isVisible()) throw new Error('Escape did not hide the tip');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  if (!(await tip.isVisible())) throw new Error('the tip does not show again on the next focus');
});

await check('hovering a term shows its definition; the link opens its glossary entry', async () => {
  await page.goto(LESSON);
  const coaching = page.locator('#tip-coaching-3');
  await page.locator('a.term', { hasText: 'coaching the team' }).hover();
  if (!(await coaching.isVisible())) throw new Error('the tip does not show on hover');
  await page.locator('a.term', { hasText: 'coaching the team' }).click();
  await page.waitForURL(/glossary\.html#term-coaching$/);
  const target = await page.evaluate(() => document.querySelector(':target').textContent);
  if (target !== 'Coaching') throw new Error(`the link lands on ${target}`);
});

for (const scheme of ['light', 'dark']) {
  await check(`axe finds nothing on the lesson with a tip shown, the glossary and the facilitator's guide (${scheme})`, async () => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(LESSON);
    await page.locator('a.term').first().focus();
    const onLesson = await axeViolations(page);
    await page.goto(`${BASE}/glossary.html`);
    const onGlossary = await axeViolations(page);
    await page.goto(`${BASE}/facilitator.html`);
    const onGuide = await axeViolations(page);
    const all = [...onLesson, ...onGlossary, ...onGuide];
    if (all.length) throw new Error(all.join('\n'));
  });
}

await check('no script errors', async () => {
  if (errors.length) throw new Error(errors.join('\n'));
});

await browser.close();
finish();
