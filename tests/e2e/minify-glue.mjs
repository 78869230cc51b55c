// A trunk post_build hook (Trunk.toml): in a release build, minifies each lab's wasm-bindgen
// glue (`<lab>/lab-<lab>.js`) with esbuild. Trunk minifies the rest of the page itself, but its
// minifier cannot parse the glue's `export { … as default }` and leaves it as it is
// (BENCHMARKS.md, "Page size").
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from 'esbuild';

const staging = process.env.TRUNK_STAGING_DIR;
if (process.env.TRUNK_PROFILE === 'release' && staging) {
  for (const entry of await readdir(staging, { withFileTypes: true })) {
    const path = join(staging, entry.name, `lab-${entry.name}.js`);
    const source = entry.isDirectory() ? await readFile(path, 'utf8').catch(() => null) : null;
    if (source === null) continue;
    const { code } = await transform(source, { minify: true, format: 'esm', target: 'es2022' });
    await writeFile(path, code);
    console.log(`minify-glue: ${entry.name}/lab-${entry.name}.js ${source.length} → ${code.length} bytes`);
  }
}
