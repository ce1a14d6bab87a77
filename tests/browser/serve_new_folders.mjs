// Folders made while `lectern serve` runs, as an author starting a theme would make them: the
// course (from `lectern init`) has no themes/ nor static/ at first. A new theme's stylesheet applies, and
// every later edit of it reaches the open page without a reload; a file put into a new
// static/ folder is served, and so are its later versions and files in new folders below it.
import fs from 'node:fs';
import path from 'node:path';
import { launch, check, finish, env } from './lib.mjs';

const base = env('BASE_URL');
const course = env('COURSE');
const browser = await launch();
const page = await browser.newPage();

function write(rel, text) {
  fs.mkdirSync(path.dirname(path.join(course, rel)), { recursive: true });
  fs.writeFileSync(path.join(course, rel), text);
}

const outline = () => getComputedStyle(document.body).outlineColor;

async function outlineBecomes(colour) {
  await page.waitForFunction((want) => getComputedStyle(document.body).outlineColor === want, colour, { timeout: 15000 })
    .catch(async () => { throw new Error(`the outline is ${await page.evaluate(outline)}, not ${colour}`); });
}

/** What the server answers for `url`: the status, then the text of a 200 (asked from here, as
 *  the open page reloads when static files change). */
async function fetched(url) {
  const r = await fetch(`${base}${url}`, { cache: 'no-store' });
  return r.status === 200 ? `200 ${await r.text()}` : String(r.status);
}

async function servedAs(url, want) {
  const deadline = Date.now() + 15000;
  let got = '';
  while (Date.now() < deadline) {
    got = await fetched(url);
    if (got === want) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`${url} answers ${JSON.stringify(got)}, not ${JSON.stringify(want)}`);
}

await check('a theme made while serving applies, and each later edit of its stylesheet is swapped in', async () => {
  for (const dir of ['themes', 'static']) {
    if (fs.existsSync(path.join(course, dir))) throw new Error(`the course starts with a ${dir}/ folder`);
  }
  const open = page.waitForResponse((r) => r.url().includes('/__lectern/events'), { timeout: 10000 });
  await page.goto(`${base}/getting-started/welcome.html`);
  await open;
  await page.waitForTimeout(100);
  write('themes/mine/static/theme.css', 'body { outline: 3px solid rgb(1, 2, 3); }\n');
  const config = fs.readFileSync(path.join(course, 'course.yaml'), 'utf8');
  fs.writeFileSync(path.join(course, 'course.yaml'), `${config}theme: mine\n`);
  await outlineBecomes('rgb(1, 2, 3)');
  await page.waitForLoadState('load');
  await page.evaluate(() => { window.sinceTheme = 'still here'; });
  for (const colour of ['rgb(4, 5, 6)', 'rgb(7, 8, 9)', 'rgb(10, 11, 12)']) {
    write('themes/mine/static/theme.css', `body { outline: 3px solid ${colour}; }\n`);
    await outlineBecomes(colour);
  }
  const kept = await page.evaluate(() => window.sinceTheme);
  if (kept !== 'still here') throw new Error('the page was reloaded for a stylesheet edit');
});

await check('a file put into a static/ folder made while serving is served, and so are its later versions', async () => {
  await servedAs('/new.txt', '404');
  write('static/new.txt', 'first version');
  await servedAs('/new.txt', '200 first version');
  write('static/new.txt', 'second version');
  await servedAs('/new.txt', '200 second version');
  write('static/docs/guide.txt', 'a guide in a new folder');
  await servedAs('/docs/guide.txt', '200 a guide in a new folder');
});

await browser.close();
finish();
