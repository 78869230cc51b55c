// Recording for slides, measured (run by `cargo xtask bench`, never by the tests): a range
// of steps filmed in the release build, with how smoothly the page kept drawing while it
// filmed (the gaps between animation frames), how many pictures the GIF took and kept, how
// long the files took to be ready after the last step, and how big they are.
import { serveDist, launch, openPage, openTab } from './harness.mjs';

const CASES = [
  { name: 'Raft first election, steps 0–40, 0.2×', url: '?protocol=raft&scenario=first-election', to: 40 },
  { name: 'Tasks partition (two clusters), steps 0–150, 0.2×', url: '?protocol=tasks&scenario=tasks-partition', to: 150 },
  { name: 'gossip rumor (canvas), steps 0–300, 0.2×', url: '?protocol=gossip&scenario=gossip-rumor', to: 300 },
];

const server = await serveDist();
const browser = await launch();
try {
  for (const { name, url, to } of CASES) {
    const { page, problems } = await openPage(browser, `${server.url}${url}`);
    await page.waitForSelector('svg.cluster, canvas.cluster');
    await openTab(page, 'Share');
    const record = page.locator('fieldset.record');
    await record.getByLabel('to step').fill(String(to));
    await record.getByLabel('to step').dispatchEvent('change');
    // Gaps between animation frames while filming: what a person watching the page sees.
    await page.evaluate(() => {
      window.gaps = [];
      let last = performance.now();
      const tick = (now) => {
        window.gaps.push(now - last);
        last = now;
        if (!window.stopGaps) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const started = Date.now();
    await record.getByRole('button', { name: 'Record' }).click();
    await record.locator('.film-progress').filter({ hasText: 'Encoding' }).or(record.locator('.film-made')).first().waitFor({ timeout: 120_000 });
    const filmed = Date.now();
    await record.locator('.film-made').waitFor({ timeout: 120_000 });
    const ready = Date.now();
    const gaps = await page.evaluate(() => {
      window.stopGaps = true;
      return window.gaps.sort((a, b) => a - b);
    });
    const at = (q) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))].toFixed(1);
    const files = await page.evaluate(async () => {
      const out = {};
      for (const a of document.querySelectorAll('.film-made a')) {
        const data = await (await fetch(a.href)).arrayBuffer();
        out[a.download] = data.byteLength;
        if (a.download.endsWith('.gif')) {
          const decoder = new ImageDecoder({ data, type: 'image/gif' });
          await decoder.tracks.ready;
          out.frames = decoder.tracks.selectedTrack.frameCount;
        }
      }
      return out;
    });
    console.log(`${name}: filmed in ${((filmed - started) / 1000).toFixed(1)} s, files ready ${((ready - filmed) / 1000).toFixed(2)} s later; ` +
      `frame gaps p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms; GIF ${files.frames} frames, ` +
      `${(files['cluster.gif'] / 1024).toFixed(0)} KiB; WebM ${(files['cluster.webm'] / 1024).toFixed(0)} KiB`);
    if (problems.length) console.log('problems:', problems);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
