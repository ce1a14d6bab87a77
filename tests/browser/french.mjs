// A French course at run time (fixture tests/fixtures/interface-text, built by
// tests/browser.rs): the texts the theme's scripts put in the page — the scenario player,
// reflections, repeating checklists and their history, the progress page's lists and the
// import preview — are French, and their dates are written the French way (Intl).
import assert from 'node:assert/strict';
import { check, env, finish, launch, openFresh, textOf } from './lib.mjs';

const BASE = env('BASE_URL');
const KEY = 'lectern:v2:interface-text';
const MONTHS = 'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre';
const DATE = `(1er|\\d{1,2}) (${MONTHS}) \\d{4}`;
const foreign = [];
const browser = await launch();
const today = (page) => page.evaluate(() => { const d = new Date(); return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 864e5); });

await check('the scenario player speaks French and dates its record the French way', async () => {
  const { context, page, errors } = await openFresh(browser, `${BASE}/practice/scenario.html`, BASE, foreign);
  assert.equal(await textOf(page, '.scenario-now h3'), 'Étape 1');
  assert.equal(await textOf(page, '.scenario-help'), 'Choisissez ce que vous feriez à chaque étape. Votre parcours est enregistré dans ce navigateur.');
  assert.deepEqual(await page.$$eval('.scenario-actions button', (b) => b.map((x) => x.textContent)), ['Revenir d’une étape', 'Recommencer depuis le début']);
  await page.click('.scenario-options li:nth-child(1) button');
  assert.equal(await textOf(page, '.scenario-now h3'), 'Étape 2');
  assert.match(await textOf(page, '.scenario-you'), /^Votre choix : /);
  await page.click('.scenario-options li:nth-child(1) button');
  assert.equal(await textOf(page, '.scenario-now h3'), 'Fin : Goulot');
  assert.equal(await textOf(page, '.scenario-rated'), 'Issue médiocre.');
  assert.match(await textOf(page, '.scenario-record'), new RegExp(`^Fait : vous avez atteint une fin pour la première fois le ${DATE}\\. Votre meilleure fin jusqu’ici : Issue médiocre\\.$`));
  assert.deepEqual(errors, []);
  await context.close();
});

await check('a reflection counts words and tells where and when it was saved, in French', async () => {
  const { context, page, errors } = await openFresh(browser, `${BASE}/practice/reflection.html`, BASE, foreign);
  const words = page.locator('.reflection-words').first();
  assert.equal((await words.textContent()).trim(), 'Visez environ 100 mots. 0 mot pour l’instant.');
  await page.locator('section.reflection textarea').first().fill('Le rapport hebdomadaire');
  assert.equal((await words.textContent()).trim(), 'Visez environ 100 mots. 3 mots pour l’instant.');
  assert.match(await textOf(page, '.reflection-status'), new RegExp(`^Ce que vous écrivez est enregistré uniquement dans ce navigateur et n’est jamais envoyé ailleurs\\. Dernière modification le ${DATE}\\.$`));
  assert.deepEqual(errors, []);
  await context.close();
});

await check('repeating checklists count, date and list earlier weeks in French', async () => {
  const { context, page, errors } = await openFresh(browser, `${BASE}/practice/checklists.html`, BASE, foreign);
  const t = await today(page);
  await page.evaluate(([k, t]) => localStorage.setItem(k, JSON.stringify({ v: 2, course: 'interface-text', learner: '',
    pages: { 'practice/checklists': { 'coaching-w': { d: t - 14, h: [t - 14] } } } })), [KEY, t]);
  await page.reload();
  const weekly = page.locator('[data-repeat="weekly"]');
  assert.equal((await weekly.locator('.checklist-period').textContent()).trim(), '0 sur 1 cette semaine, 0 la semaine dernière.');
  assert.equal((await weekly.locator('.checklist-history summary').textContent()).trim(), 'Semaines précédentes');
  assert.match((await weekly.locator('.checklist-history li').textContent()).trim(), new RegExp(`^Semaine du ${DATE} : 1 sur 1$`));
  const daily = page.locator('[data-repeat="daily"]');
  assert.equal((await daily.locator('.checklist-period').textContent()).trim(), '0 sur 1 aujourd’hui, 0 hier.');
  await page.check('#check-sit-in');
  assert.match(await textOf(page, '#check-sit-in ~ .item-date'), new RegExp(`^\\(fait le ${DATE}\\)$`));
  assert.deepEqual(errors, []);
  await context.close();
});

await check('the progress page and the import preview write their lists in French', async () => {
  const a = await openFresh(browser, `${BASE}/index.html`, BASE, foreign);
  const t = await today(a.page);
  await a.page.evaluate(([k, t]) => localStorage.setItem(k, JSON.stringify({ v: 2, course: 'interface-text', learner: 'Léa',
    pages: { 'practice/checklists': { lu: { d: t }, 'sit-in': { d: t } } } })), [KEY, t]);
  await a.page.goto(`${BASE}/progress.html`);
  assert.match(await textOf(a.page, '.progress-summary'), new RegExp(`^Léa : 0 leçons terminées sur 3, au ${DATE}\\.$`));
  assert.equal(await textOf(a.page, '.progress-commitments h2'), 'Engagements et éléments facultatifs');
  assert.match(await textOf(a.page, '.progress-commitments li.is-done'), new RegExp(`^☑ Observer un appel — fait le ${DATE} \\(Sur le terrain\\)$`));
  await a.page.goto(`${BASE}/index.html`);
  await a.page.click('[data-export]');
  const code = await a.page.inputValue('[data-progress-code]');
  const b = await openFresh(browser, `${BASE}/index.html`, BASE, foreign);
  await b.page.fill('[data-progress-code]', code);
  await b.page.click('[data-import]');
  assert.equal(await textOf(b.page, '[data-import-summary]'), 'Cela ajoute 2 cases cochées dans 1 leçon et votre nom.');
  assert.deepEqual(a.errors.concat(b.errors), []);
  await a.context.close();
  await b.context.close();
});

assert.deepEqual(foreign, [], 'no request leaves the site');
await browser.close();
finish();
