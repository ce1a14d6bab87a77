// A word found in every lesson of a 1,100-lesson course (built by tests/browser.rs), searched
// from file://: the index files the query loads stay under 100 KB, the status says there are at
// least as many results as the word keeps, the lessons with the word in their title come
// first, and a rarer word is still found exactly.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { check, env, finish, launch, searchFor } from './lib.mjs';

const SITE = env('SITE_DIR');
const browser = await launch();
const page = await (await browser.newContext()).newPage();
await page.goto(pathToFileURL(join(SITE, 'index.html')).href);

const search = (query) => searchFor(page, query);

/** The bytes of the index files the page has loaded so far. */
async function indexBytes() {
  const urls = await page.$$eval('script[src*="assets/search/"]', (ss) => ss.map((s) => s.src));
  return urls.reduce((n, u) => n + statSync(fileURLToPath(u.split('?')[0])).size, 0);
}

await check('a word in every lesson: a bounded index, "at least", the titles first', async () => {
  const { links, status } = await search('seller');
  assert.equal(status, 'At least 1,000 results, showing the first 10');
  assert.equal(links.length, 10);
  assert.ok(links[0].startsWith('m005/lesson-50.html'), links[0]);
  assert.ok(links[1].startsWith('m009/lesson-1.html'), links[1]);
  const bytes = await indexBytes();
  assert.ok(bytes < 100 * 1024, `the query loaded ${bytes} bytes of index`);
});

await check('a rarer word is found exactly', async () => {
  const { links, status } = await search('pitch');
  assert.equal(status, '1 result');
  assert.ok(links[0].startsWith('m005/lesson-50.html'), links[0]);
});

await browser.close();
finish();
