// File write -> new text in the browser's DOM, for `lectern serve`, in headless Chromium.
//
// usage: node bench/edit_visible.mjs LECTERN_BINARY LESSONS [EDITS]
//        node bench/edit_visible.mjs LECTERN_BINARY COURSE_DIR LESSON_FILE URL_PATH [EDITS]
//
// The first form generates a course of LESSONS lessons (serve_gen.py) and edits the body of
// module 1's second lesson; the second serves COURSE_DIR (e.g. the sample course, on a copy)
// and edits LESSON_FILE (relative to it), open at URL_PATH. Each edit appends a marker to the
// lesson's body; a MutationObserver in the page stamps the moment the marker is in the DOM.
// Prints p50 and p95 of write -> visible, and whether the page was updated in place (not
// reloaded). Needs Debian's chromium and the npm packages of package.json (scripts/test.sh).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const here = path.dirname(new URL(import.meta.url).pathname);
const [binary, second, ...rest] = process.argv.slice(2);
if (!binary || !second) {
  console.error('usage: edit_visible.mjs LECTERN_BINARY LESSONS|COURSE_DIR [LESSON_FILE URL_PATH] [EDITS]');
  process.exit(2);
}

let root, lessonFile, urlPath, edits;
if (/^\d+$/.test(second)) {
  root = fs.mkdtempSync(path.join(os.tmpdir(), `lectern-visible-${second}-`));
  const gen = spawnSync('python3', [path.join(here, 'serve_gen.py'), root, second], { stdio: 'inherit' });
  if (gen.status !== 0) process.exit(1);
  lessonFile = path.join(root, 'content/001-module-1/0002-lesson-2.md');
  urlPath = '/module-1/lesson-2.html';
  edits = Number(rest[0] || 20);
} else {
  root = second;
  lessonFile = path.join(root, rest[0]);
  urlPath = rest[1];
  edits = Number(rest[2] || 20);
}

const server = spawn(binary, ['serve', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
const base = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/http:\/\/127\.0\.0\.1:\d+/);
    if (m) resolve(m[0]);
  });
  server.on('exit', () => reject(new Error(`the server stopped: ${out}`)));
});

const pct = (v, p) => { const s = [...v].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.round(p / 100 * (s.length - 1)))]; };
const original = fs.readFileSync(lessonFile, 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  const page = await browser.newPage();
  const events = page.waitForResponse((r) => r.url().includes('/__lectern/events'));
  await page.goto(base + urlPath);
  await events;
  await page.waitForTimeout(300);
  await page.evaluate(() => { window.benchKept = true; });
  const times = [];
  for (let i = 0; i < edits; i++) {
    const marker = `Visible edit ${i} ${Date.now()}`;
    await page.evaluate((m) => {
      window.benchSeen = 0;
      const seen = () => { if (!window.benchSeen && document.body.textContent.includes(m)) window.benchSeen = Date.now(); };
      new MutationObserver(seen).observe(document.body, { childList: true, subtree: true, characterData: true });
    }, marker);
    const t0 = Date.now();
    fs.writeFileSync(lessonFile, `${original}\n\n${marker}\n`);
    await page.waitForFunction(() => window.benchSeen > 0, null, { timeout: 30000, polling: 5 });
    times.push((await page.evaluate(() => window.benchSeen)) - t0);
    await page.waitForTimeout(200);
  }
  const inPlace = await page.evaluate(() => window.benchKept === true);
  console.log(`${urlPath}, ${edits} edits: file write -> new text in the DOM p50 ${pct(times, 50)} ms, p95 ${pct(times, 95)} ms; updated in place: ${inPlace ? 'yes' : 'no (reloaded)'}`);
} finally {
  fs.writeFileSync(lessonFile, original);
  await browser.close();
  server.kill();
}
