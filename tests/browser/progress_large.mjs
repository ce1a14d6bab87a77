// The progress page of a course past 300 lessons (tests/browser.rs writes four modules of 80
// one-item lessons): a line per module at first, loading no module's data and no labels of
// the whole course; "Show lessons" loads that module's data and labels and lists its lessons.
// The home page loads the data of the modules the learner has been in only, and the whole
// course's when a progress code is made. Run at a domain root, under a subpath and from file:// (BASES, space-separated).
import assert from 'node:assert/strict';
import { check, env, finish, launch, textOf } from './lib.mjs';

const browser = await launch();
for (const base of env('BASES').split(' ')) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [], loaded = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => loaded.push(r.url()));
  await check(`${base}: a line per module, then a module's lessons on demand`, async () => {
    await page.goto(`${base}/m002/lesson-3.html`);
    await page.check('[data-checklist] input[data-item]');
    loaded.length = 0;
    await page.goto(`${base}/progress.html`);
    const own = loaded.map((u) => u.split('?')[0].split('/assets/')[1]).filter(Boolean);
    assert.ok(!own.some((f) => /^modules\/|course-pages|progress-data/.test(f)), own.join(' '));
    assert.equal(await page.locator('.progress-module').count(), 4);
    assert.equal(await page.locator('.progress-lesson').count(), 0);
    assert.match(await textOf(page, '.progress-summary'), /^1 of 320 lessons complete, as of /);
    const second = page.locator('.progress-module').nth(1);
    assert.equal(await textOf(second, '.progress-status'), '1 of 80 lessons complete');
    await second.locator('[data-module-open]').click();
    await page.waitForSelector('.progress-lesson');
    assert.equal(await page.locator('.progress-lesson').count(), 80);
    const lesson = await page.$$eval('.progress-lesson', (l) => l.map((x) => x.textContent).find((t) => t.includes('Lesson 2.3')));
    assert.match(lesson, /Complete: 1 of 1 done/);
    assert.match(lesson, /Done: Read lesson 2\.3/, 'the label from the module\'s labels file');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Module 2');
    assert.match(await textOf(page, '.progress-summary'), /^1 of 320 lessons complete/);
    assert.equal(await page.locator('[data-module-open]').count(), 3);
    assert.deepEqual(errors, []);
  });
  await check(`${base}: the home page loads the modules the learner has been in`, async () => {
    loaded.length = 0;
    await page.goto(`${base}/index.html`);
    await page.waitForFunction(() => window.LECTERN_COURSE.modules[1].lessons);
    const own = loaded.map((u) => u.split('?')[0].split('/assets/')[1]).filter(Boolean);
    assert.deepEqual(own.filter((f) => /^modules\/|course-pages|progress-data/.test(f)), ['modules/m002.js']);
    assert.equal(await textOf(page, '.course-progress .progress-text'), '1 of 320 lessons complete');
    assert.match(await page.getAttribute('[data-continue] a', 'href'), /m002\/lesson-4\.html$/);
    assert.equal(await page.isVisible('[data-continue]'), true);
    await page.click('[data-export]');
    await page.waitForFunction(() => document.querySelector('[data-progress-code]').value);
    assert.ok(loaded.some((u) => u.includes('course-pages.js')), 'the whole course, for the code');
    const code = await page.inputValue('[data-progress-code]');
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${base}/index.html`);
    await page.fill('[data-progress-code]', code);
    await page.click('[data-import]');
    await page.click('[data-import-confirm]');
    await page.waitForFunction(() => /^1 of 320/.test(document.querySelector('.course-progress .progress-text').textContent));
    assert.deepEqual(errors, []);
  });
  await context.close();
}
await browser.close();
finish();
