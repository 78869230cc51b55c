// A trunk post_build hook (Trunk.toml): in a release build, makes what every visitor loads
// smaller (BENCHMARKS.md, "Page size"):
// - each lab's wasm-bindgen glue (`<lab>/lab-<lab>.js`), minified with esbuild. Trunk minifies
//   the rest of the page itself, but its minifier cannot parse the glue's
//   `export { … as default }` and leaves it as it is;
// - the words files (`l10n/**/*.ftl`), without their comments: the notes and the English
//   each translation was made from are for translators, and are half of a translation file.
//   A comment is a line that starts with `#`; every other line stays, blank ones too (a
//   blank line can be part of a message's text).
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
    console.log(`minify: ${entry.name}/lab-${entry.name}.js ${Buffer.byteLength(source)} → ${Buffer.byteLength(code)} bytes`);
  }
  for (const name of await readdir(join(staging, 'l10n'), { recursive: true })) {
    if (!name.endsWith('.ftl')) continue;
    const path = join(staging, 'l10n', name);
    const source = await readFile(path, 'utf8');
    const kept = source.split('\n').filter((line) => !line.startsWith('#')).join('\n');
    await writeFile(path, kept);
    console.log(`minify: l10n/${name} ${Buffer.byteLength(source)} → ${Buffer.byteLength(kept)} bytes`);
  }
}
