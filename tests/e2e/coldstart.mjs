// Cold start (run by `cargo xtask bench`, never by the tests): from navigation to the first
// painted cluster, for each lab, in a fresh browser context each time (no cache), against the
// release build served on 127.0.0.1. Prints the median and the worst of RUNS loads.
import { serveDist, launch } from './harness.mjs';

const RUNS = 7;
const labs = {
  'Raft (default page)': '',
  'Basic Paxos': '#protocol=paxos',
  'Gossip, 1,000 members': '#protocol=gossip&servers=1000',
  'scenario leader-crash': '#scenario=leader-crash',
};

const server = await serveDist();
const browser = await launch();
try {
  for (const [name, fragment] of Object.entries(labs)) {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      // Note the moment the cluster first appears, then the frame after it is painted.
      await page.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (document.querySelector('svg.cluster, canvas.cluster')) {
            observer.disconnect();
            requestAnimationFrame(() => requestAnimationFrame(() => { window.__painted = performance.now(); }));
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(server.url + fragment);
      await page.waitForFunction(() => window.__painted !== undefined);
      times.push(await page.evaluate(() => window.__painted));
      await context.close();
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    console.log(`cold start, ${name}: median ${median.toFixed(0)} ms, worst ${times.at(-1).toFixed(0)} ms (${RUNS} loads)`);
  }
} finally {
  await browser.close();
  await server.close();
}
