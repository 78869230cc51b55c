// Prints the release build's wasm and JS sizes, raw and gzipped (what a browser downloads).
import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { dist } from './harness.mjs';

let raw = 0;
let gzipped = 0;
for (const name of (await readdir(dist)).sort()) {
  if (!/\.(wasm|js)$/.test(name)) continue;
  const body = await readFile(join(dist, name));
  const packed = gzipSync(body, { level: 9 }).length;
  raw += body.length;
  gzipped += packed;
  console.log(`${name}: ${(body.length / 1024).toFixed(1)} KiB raw, ${(packed / 1024).toFixed(1)} KiB gzipped`);
}
console.log(`total wasm+js: ${(raw / 1024).toFixed(1)} KiB raw, ${(gzipped / 1024).toFixed(1)} KiB gzipped`);
