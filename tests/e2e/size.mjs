// Prints the release build's wasm and JS sizes, raw and gzipped (what a browser downloads).
// The page ships one bundle per lab (dist/<lab>/lab-<lab>.js and _bg.wasm, see
// web/page/index.html): a visitor downloads index.html, its inline loader, the Fluent
// runtime and a language's words, and one lab's bundle. Bundles loaded later (the
// measurement worker) are listed apart; so is the stylesheet, which the budget has never
// counted. With `--ceiling KIB`, exits 1 when any lab's page is above it: `cargo xtask test`
// runs it so that no change makes a lab heavier than the ceiling without someone deciding so.
// A lab whose page has no lessons has a second bundle for lesson links (dist/<lab>-lessons/):
// that page has its own `--lessons-ceiling`.
import { readdir, readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { dist } from './harness.mjs';

const option = (name) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : Infinity;
};
const ceiling = option('--ceiling');
const lessonsCeiling = option('--lessons-ceiling');

const kib = (bytes) => (bytes / 1024).toFixed(1);
const measure = async (path) => {
  const body = await readFile(path);
  return { raw: body.length, gzipped: gzipSync(body, { level: 9 }).length };
};

// What every lab's page loads: index.html itself (its loader is inline), the scripts it
// names (the Fluent runtime) and one language's words, counted as the heaviest language's.
const page = await readFile(join(dist, 'index.html'), 'utf8');
const languages = (await readdir(join(dist, 'l10n'))).filter((name) => name.endsWith('.ftl'));
let words = '';
for (const name of languages) {
  const path = join('l10n', name);
  if (!words || (await measure(join(dist, path))).gzipped > (await measure(join(dist, words))).gzipped) words = path;
}
// (The release build's minified HTML leaves attribute values unquoted.)
const named = [...page.matchAll(/<script[^>]*\ssrc="?\/?([^"\s>]+)/g)].map((m) => m[1]);
const shell = { raw: 0, gzipped: 0 };
for (const name of ['index.html', ...named, words]) {
  const size = await measure(join(dist, name));
  shell.raw += size.raw;
  shell.gzipped += size.gzipped;
  console.log(`${name}: ${kib(size.raw)} KiB raw, ${kib(size.gzipped)} KiB gzipped`);
}
console.log(`every page: ${kib(shell.raw)} KiB raw, ${kib(shell.gzipped)} KiB gzipped`);
for (const name of (await readdir(dist)).sort()) {
  if (/\.(wasm|js)$/.test(name) && !named.includes(name)) {
    const { raw, gzipped } = await measure(join(dist, name));
    console.log(`${name}: ${kib(raw)} KiB raw, ${kib(gzipped)} KiB gzipped (loaded on demand, not counted)`);
  }
}

// The Check tab's words, in the language whose file is largest.
let checkWords = { raw: 0, gzipped: 0 };
for (const name of languages) {
  const size = await measure(join(dist, 'l10n', name.replace(/\.ftl$/, ''), 'check.ftl'));
  if (size.gzipped > checkWords.gzipped) checkWords = size;
}

let heaviest = { name: '', gzipped: 0 };
const over = [];
for (const lab of (await readdir(dist)).sort()) {
  const dir = join(dist, lab);
  if (!(await stat(dir)).isDirectory() || lab === 'l10n') continue;
  let raw = shell.raw;
  let gzipped = shell.gzipped;
  for (const name of (await readdir(dir)).sort()) {
    if (!/\.(wasm|js)$/.test(name)) continue;
    const size = await measure(join(dir, name));
    raw += size.raw;
    gzipped += size.gzipped;
    console.log(`  ${lab}/${name}: ${kib(size.raw)} KiB raw, ${kib(size.gzipped)} KiB gzipped`);
    // A bundle with the Check tab asks for its words by id, and the loader fetches them.
    if (name.endsWith('.wasm') && (await readFile(join(dir, name))).includes('check-note')) {
      raw += checkWords.raw;
      gzipped += checkWords.gzipped;
      console.log(`  + the Check tab's words: ${kib(checkWords.raw)} KiB raw, ${kib(checkWords.gzipped)} KiB gzipped`);
    }
  }
  console.log(`${lab} page: ${kib(raw)} KiB raw, ${kib(gzipped)} KiB gzipped`);
  const lessons = lab.endsWith('-lessons');
  const limit = lessons ? lessonsCeiling : ceiling;
  if (gzipped / 1024 > limit) over.push(`the ${lab} page is ${kib(gzipped)} KiB gzipped, over its ${limit} KiB ceiling`);
  if (!lessons && gzipped > heaviest.gzipped) heaviest = { name: lab, gzipped };
}
console.log(`heaviest lab page (${heaviest.name}): ${kib(heaviest.gzipped)} KiB gzipped, wasm+js+html`);
if (over.length > 0) {
  console.error(`${over.join('; ')} (see BENCHMARKS.md, "Page size")`);
  process.exit(1);
}
