// The serve overlay in a real browser: at a phone's width and a desktop's, the snippet's lines
// are not wrapped (the box scrolls sideways instead), and the caret sits exactly under the
// character its column names. OVERLAY_COLUMN is that column's index in the source line's text.
import { launch, check, finish, env } from './lib.mjs';

const base = env('BASE_URL');
const column = Number(env('OVERLAY_COLUMN'));
const browser = await launch();

for (const width of [320, 1280]) {
  await check(`at ${width} px the caret points at its column, on one line`, async () => {
    const page = await browser.newPage({ viewport: { width, height: 700 } });
    await page.goto(`${base}/overlay.html`);
    const got = await page.evaluate((col) => {
      const pre = document.querySelector('.error-overlay pre');
      const text = pre.firstChild;
      const lines = text.data.split('\n');
      const start = (i) => lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0);
      const sourceAt = lines.findIndex((l) => /^\d+ \| /.test(l));
      const caretAt = lines.findIndex((l, i) => i > sourceAt && l.includes('^'));
      const box = (line, index) => {
        const r = document.createRange();
        const from = start(line) + index;
        r.setStart(text, from);
        r.setEnd(text, from + 1);
        return r.getClientRects();
      };
      const gutter = lines[sourceAt].indexOf('| ') + 2;
      const target = box(sourceAt, gutter + col);
      const caret = box(caretAt, lines[caretAt].indexOf('^'));
      const whole = (line) => {
        const r = document.createRange();
        r.setStart(text, start(line));
        r.setEnd(text, start(line) + lines[line].length);
        return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size;
      };
      return {
        target: target[0].left, caret: caret[0].left,
        sourceRows: whole(sourceAt), wraps: getComputedStyle(pre).whiteSpace,
        scrolls: pre.scrollWidth > pre.clientWidth,
      };
    }, column);
    if (Math.abs(got.target - got.caret) > 0.5) throw new Error(`caret at x=${got.caret}, its character at x=${got.target}`);
    if (got.sourceRows !== 1) throw new Error(`the source line wraps onto ${got.sourceRows} rows`);
    if (width === 320 && !got.scrolls) throw new Error(`the long line does not scroll sideways (white-space: ${got.wraps})`);
    await page.close();
  });
}

await browser.close();
finish();
