// The search box's tokenizer (themes/default/static/search.js), run in Node without a browser,
// driven by tests/search_tokens.rs. TEXTS is a JSON list of texts; OUT receives the words
// search.js makes of each (`texts`), and of "q" + c + c + "z" for every character c that this
// Node's Unicode assigns (`points`, [code point, words]); the Rust test compares them with the
// index's words. Characters Node does not know (General_Category Cn) and surrogates are left
// out: a browser cannot tell what they are either.
import { readFileSync, writeFileSync } from 'node:fs';
import vm from 'node:vm';
import { env } from './lib.mjs';

const script = readFileSync(new URL('../../themes/default/static/search.js', import.meta.url), 'utf8');
const context = vm.createContext({});
vm.runInContext(script, context);
const { tokenize } = context.LecternSearchWords;
// arrays made in the script's context are turned into this context's plain arrays
const words = (text) => Array.from(tokenize(text));

const texts = JSON.parse(readFileSync(env('TEXTS'), 'utf8')).map(words);
const points = [];
const unknown = /[\p{Cn}\p{Cs}]/u;
for (let cp = 0; cp <= 0x10ffff; cp++) {
  const c = String.fromCodePoint(cp);
  if (!unknown.test(c)) points.push([cp, words(`q${c}${c}z`)]);
}
writeFileSync(env('OUT'), JSON.stringify({ unicode: process.versions.unicode, texts, points }));
console.log(`${texts.length} texts, ${points.length} characters (Unicode ${process.versions.unicode})`);
