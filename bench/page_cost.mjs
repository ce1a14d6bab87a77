// What a learner's browser pays for a built course: bytes, script time and DOM size of its
// pages, measured in Chromium through the DevTools protocol, served over HTTP without
// compression.
//
//   node bench/page_cost.mjs SITE_DIR [LABEL]
//
// SITE_DIR is a built course (`lectern build COURSE --out SITE_DIR`; for a generated course:
// `python3 bench/gen_course.py DIR 10000` and a release binary). Prints, at 1x and 4x CPU
// throttle:
//   first lesson view   bytes of the first lesson in a new browser (total and per file)
//   next lesson         bytes of the next lesson (what the HTTP cache does not hold)
//   scripting           lectern.js's own time (sampled CPU profile) and every script's
//                       (ScriptDuration: parsing and running, data files included)
//   tick                the checkbox handler's time, median of 5 ticks
//   progress, home page bytes, DOM nodes, main-thread time (TaskDuration until idle), nothing
//                       stored
//   search             bytes fetched for each of a few queries, in a new browser each
// Chromium: /usr/bin/chromium (or $CHROMIUM) through playwright-core.
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, extname, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const [dir, label = dir] = process.argv.slice(2);
if (!dir) { console.error('usage: node bench/page_cost.mjs SITE_DIR [LABEL]'); process.exit(2); }
const ROOT = resolve(dir);
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };

/** A plain static file server: no compression, no caching headers beyond Last-Modified. */
function serve() {
  const server = http.createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = join(ROOT, path);
    try {
      const s = await stat(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'content-length': s.size,
        'cache-control': 'max-age=3600', 'last-modified': s.mtime.toUTCString() });
      res.end(await readFile(file));
    } catch { res.writeHead(404); res.end(); }
  });
  return new Promise(ok => server.listen(0, '127.0.0.1', () => ok(server)));
}

const kb = n => (n / 1024).toFixed(1) + ' KB';
const ms = n => n.toFixed(1) + ' ms';
const median = a => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

/** A page with a DevTools session recording bytes per response. */
async function open(context, rate) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Performance.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const urls = {}, bytes = {};
  cdp.on('Network.responseReceived', e => { urls[e.requestId] = e.response.url; });
  cdp.on('Network.loadingFinished', e => {
    const u = urls[e.requestId];
    if (u) bytes[u] = (bytes[u] || 0) + e.encodedDataLength;
  });
  return { page, cdp, bytes };
}

async function metrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map(m => [m.name, m.value]));
}

/** Loads `url`, returning bytes (per file), all scripts' and lectern.js's time. */
async function visit(s, url) {
  for (const k of Object.keys(s.bytes)) delete s.bytes[k];
  await s.cdp.send('Performance.disable'); // counters from zero for this page
  await s.cdp.send('Performance.enable');
  await s.cdp.send('Profiler.enable');
  await s.cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await s.cdp.send('Profiler.start');
  await s.page.goto(url, { waitUntil: 'load' });
  await s.page.waitForTimeout(300);
  const { profile } = await s.cdp.send('Profiler.stop');
  const after = await metrics(s.cdp);
  const files = Object.entries(s.bytes).filter(([, n]) => n > 0).map(([u, n]) => [new URL(u).pathname.replace(/^\//, ''), n]);
  return {
    total: files.reduce((a, [, n]) => a + n, 0), files,
    scripts: after.ScriptDuration * 1000,
    tasks: after.TaskDuration * 1000,
    lectern: selfTime(profile, u => /\/assets\/lectern\.js/.test(u)),
    nodes: after.Nodes,
  };
}

/** The CPU profile's time in functions of the scripts whose URL passes `test`, in ms. */
function selfTime(profile, test) {
  const ours = new Set(profile.nodes.filter(n => test(n.callFrame.url)).map(n => n.id));
  let t = 0;
  profile.samples.forEach((id, i) => { if (ours.has(id)) t += profile.timeDeltas[i + 1] || 0; });
  return t / 1000;
}

/** The change handler's time for a tick, median of 5 (each tick toggles a box). */
async function tick(page) {
  return page.evaluate(() => {
    const box = document.querySelector('[data-checklist]:not([data-repeat]) input[data-item]');
    if (!box) return NaN;
    const t = [];
    for (let i = 0; i < 5; i++) { const a = performance.now(); box.click(); t.push(performance.now() - a); }
    return t.sort((x, y) => x - y)[2];
  });
}

/** The first two lessons' URLs: the first module's, from the home page's sidebar. */
async function lessons(browser, base) {
  const page = await browser.newPage();
  await page.goto(base + 'index.html');
  const mod = await page.$eval('.nav-modules a', a => a.href);
  await page.goto(mod);
  const urls = await page.$$eval('.nav-lessons a', as => as.slice(0, 2).map(a => a.href));
  await page.close();
  return urls;
}

async function lessonCost(browser, first, next, rate) {
  const context = await browser.newContext();
  const s = await open(context, rate);
  const a = await visit(s, first);
  const b = await visit(s, next);
  const t = await tick(s.page);
  await context.close();
  return { a, b, t };
}

/** A page (the progress or home page) in a new browser, nothing stored. */
async function pageCost(browser, url, rate) {
  const context = await browser.newContext();
  const s = await open(context, rate);
  const p = await visit(s, url);
  await context.close();
  return p;
}

async function searchCost(browser, base, query) {
  const context = await browser.newContext();
  const s = await open(context, 1);
  await s.page.goto(base + 'index.html', { waitUntil: 'load' });
  for (const k of Object.keys(s.bytes)) delete s.bytes[k];
  await s.page.fill('[data-search-input]', query);
  await s.page.waitForTimeout(1500);
  const n = Object.entries(s.bytes).filter(([u]) => u.includes('/assets/search/')).reduce((a, [, v]) => a + v, 0);
  await context.close();
  return n;
}

const server = await serve();
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const [first, next] = await lessons(browser, base);
  console.log(`# ${label}: first lesson ${new URL(first).pathname}, next ${new URL(next).pathname}`);
  for (const rate of [1, 4]) {
    const { a, b, t } = await lessonCost(browser, first, next, rate);
    if (rate === 1) {
      console.log(`first lesson view: ${kb(a.total)}`);
      a.files.sort((x, y) => y[1] - x[1]).forEach(([f, n]) => console.log(`  ${kb(n).padStart(10)}  ${f}`));
      console.log(`next lesson: ${kb(b.total)} (${b.files.map(([f]) => f).join(', ')})`);
    }
    console.log(`${rate}x CPU: lectern.js first / next ${ms(a.lectern)} / ${ms(b.lectern)}; all scripts first / next ${ms(a.scripts)} / ${ms(b.scripts)}; tick ${ms(t)}`);
  }
  for (const name of ['progress', 'home']) {
    for (const rate of [1, 4]) {
      const p = await pageCost(browser, base + (name === 'home' ? 'index.html' : 'progress.html'), rate);
      if (rate === 1) console.log(`${name} page: ${kb(p.total)}, ${p.nodes} DOM nodes`);
      console.log(`${rate}x CPU: ${name} page main thread ${ms(p.tasks)} (scripts ${ms(p.scripts)})`);
    }
  }
  const queries = ['seller', 'manager team', 'q'];
  const sizes = [];
  for (const q of queries) sizes.push(`"${q}" ${kb(await searchCost(browser, base, q))}`);
  console.log(`search bytes per query: ${sizes.join(', ')}`);
} finally {
  await browser.close();
  server.close();
}
