// Prints the release build's wasm and JS sizes, raw and gzipped (what a browser downloads).
// The page is what index.html loads; bundles it loads later (the measurement worker) are
// listed apart. With `--ceiling KIB`, exits 1 when the page's gzipped total is above it:
// `cargo xtask test` runs it so that no change makes the page heavier than the ceiling
// without someone deciding so.
import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { dist } from './harness.mjs';

const at = process.argv.indexOf('--ceiling');
const ceiling = at >= 0 ? Number(process.argv[at + 1]) : Infinity;

const page = await readFile(join(dist, 'index.html'), 'utf8');
let raw = 0;
let gzipped = 0;
for (const name of (await readdir(dist)).sort()) {
  if (!/\.(wasm|js)$/.test(name)) continue;
  const body = await readFile(join(dist, name));
  const packed = gzipSync(body, { level: 9 }).length;
  const loaded = page.includes(`/${name}`);
  if (loaded) {
    raw += body.length;
    gzipped += packed;
  }
  const when = loaded ? '' : ' (loaded on demand, not counted)';
  console.log(`${name}: ${(body.length / 1024).toFixed(1)} KiB raw, ${(packed / 1024).toFixed(1)} KiB gzipped${when}`);
}
const total = gzipped / 1024;
console.log(`total wasm+js: ${(raw / 1024).toFixed(1)} KiB raw, ${total.toFixed(1)} KiB gzipped`);
if (total > ceiling) {
  console.error(`the page is ${total.toFixed(1)} KiB gzipped, over its ${ceiling} KiB ceiling (see BENCHMARKS.md, "Page size")`);
  process.exit(1);
}
