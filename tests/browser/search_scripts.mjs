// Search in scripts other than Latin, through the search box, on the `browser-scripts` fixture
// (lessons in Hindi, Thai and Japanese) built by tests/browser.rs and opened from file://.
// Typing a word of a lesson (whole, a prefix, or any part of text in a script written without
// spaces) finds that lesson alone, and the result marks what was typed.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { check, env, finish, launch, searchFor } from './lib.mjs';

const SITE = env('SITE_DIR');
const INPUT = '[data-search-input]', RESULTS = '[data-search-results]';
const browser = await launch();
const page = await (await browser.newContext()).newPage();
await page.goto(pathToFileURL(join(SITE, 'index.html')).href);

const search = (query) => searchFor(page, query);

const cases = [
  ['Hindi, a whole word', 'हिंदी', 'greetings/hindi.html#', 'हिंदी'],
  ['Hindi, a prefix', 'प्रणा', 'greetings/hindi.html', 'प्रणाम'],
  ['Thai, a word', 'ภาษาไทย', 'greetings/thai.html#', 'ภาษาไทย'],
  ['Thai, inside a sentence without spaces', 'ช่องว่าง', 'greetings/thai.html#', 'ช่องว่าง'],
  ['Japanese, kanji', '単語', 'greetings/japanese.html#', '単語'],
  ['Japanese, kanji and kana together', '日本語の', 'greetings/japanese.html#', '日本語の'],
  ['Japanese, kana', 'こんばんは', 'greetings/japanese.html', 'こんばんは'],
  ['Japanese, one character', '空', 'greetings/japanese.html#', '空'],
];
for (const [name, query, target, marked] of cases) {
  await check(`${name}: "${query}" finds that lesson alone and marks it`, async () => {
    const { links, status, marks } = await search(query);
    assert.equal(status, '1 result', `${status}: ${links}`);
    assert.equal(links.length, 1);
    assert.ok(links[0].startsWith(target), `${links[0]} is not ${target}`);
    assert.ok(marks.includes(marked), `marked: ${JSON.stringify(marks)}`);
  });
}

await check('text in two scripts is found only where both are', async () => {
  await page.fill(INPUT, '');
  await page.waitForFunction((s) => !document.querySelector(s), `${RESULTS} .search-result`);
  await page.fill(INPUT, '日本語 ภาษา');
  await page.locator(`${RESULTS} .search-status`).filter({ hasText: 'No results' }).waitFor();
});

await browser.close();
finish();
