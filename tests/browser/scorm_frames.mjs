// What the SCORM browser scripts (scorm.mjs, scorm_again.mjs) share: a test LMS page holds the
// package's launch page in the frame #sco, which holds the lessons in its own frame; these
// wait for a lesson there, read its ticks, record console errors and leave the LMS page.

/** Console errors and page errors of `page`, collected into the returned array. */
export function collectErrors(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** The frame showing the lesson (inside scorm.html's frame), once it shows `path`. */
export async function lessonIn(page, path) {
  await page.waitForFunction((p) => {
    const sco = document.getElementById('sco').contentWindow;
    const inner = sco && sco.document.querySelector('iframe.scorm-frame');
    return !!inner && inner.contentWindow.location.pathname.endsWith(p) && inner.contentDocument.readyState === 'complete'
      && inner.contentDocument.documentElement.classList.contains('js');
  }, path);
  return page.frames().find((f) => new URL(f.url()).pathname.endsWith(path));
}

/** The items ticked on a lesson frame. */
export function ticked(frame) {
  return frame.$$eval('[data-checklist] input[data-item]', (l) => l.filter((i) => i.checked).map((i) => i.dataset.item));
}

/**
 * From the ticks lesson of the browser-checklist fixture (its first two items ticked), ticks
 * every other item through the course's own links; `beforeLast` runs before the last one.
 */
export async function tickTheRest(page, beforeLast = async () => {}) {
  let frame = await lessonIn(page, '/basics/ticks.html');
  await frame.check('#check-brief');
  await frame.check('#check-tell-the-team');
  await frame.locator('a[href$="basics/more.html"]').first().click();
  frame = await lessonIn(page, '/basics/more.html');
  await frame.check('#check-plan-the-review');
  await frame.check('#check-review');
  await beforeLast();
  await frame.locator('a.pager-next').click();
  frame = await lessonIn(page, '/extra/index.html');
  await frame.locator('a[href$="extra/last.html"]').first().click();
  frame = await lessonIn(page, '/extra/last.html');
  await frame.check('#check-celebrate');
}
