// Frame-time benchmark (run by `cargo xtask bench`, never by the tests): plays a 9-server
// Raft cluster with about 200 messages in flight at 1× speed, a 1,000-member gossip
// cluster (canvas) at the default 0.2× and at 1×, and the two task clusters (9 + 9, and 9
// single-leader servers beside 200 leaderless members), in headless Chromium, and reports the
// intervals between animation frames. A frame longer than 16.7 ms is a dropped frame.
import { serveDist, launch, openPage } from './harness.mjs';

const SECONDS = 10;
// Long latency keeps many heartbeats on the wire at once; the election timeout is longer
// still so that the cluster elects a leader and keeps it. `dense` also writes every 20 ms,
// which puts about 1,500 arrows in the space-time window.
const raft = { until: 'Run until next leader', speed: '1×' };
const configs = {
  'about 200 in flight': { ...raft, query: '?protocol=raft&servers=9&seed=3&election=3s..6s&heartbeat=40ms&latency=300ms..500ms&writes=100ms' },
  dense: { ...raft, query: '?protocol=raft&servers=9&seed=3&election=3s..6s&heartbeat=20ms&latency=150ms..250ms&writes=20ms' },
  // The default gossip lab at 1,000 members: rumors written every 5 s, SWIM probing.
  'gossip 1,000 members at 0.2×': { query: '?protocol=gossip&servers=1000', speed: '0.2×' },
  'gossip 1,000 members at 1×': { query: '?protocol=gossip&servers=1000', speed: '1×' },
  // Both task clusters side by side, 9 servers each, a task every 100 ms.
  'tasks 9 + 9 at 1×': { query: '?protocol=tasks&servers=9&writes=100ms', speed: '1×' },
  // Nine single-leader servers beside a leaderless cluster of 200, drawn on the canvas.
  'tasks 9 + 200 at 1×': { query: '?protocol=tasks&servers=200&leader_servers=9&writes=100ms', speed: '1×' },
  'tasks 9 + 200 at 0.2×': { query: '?protocol=tasks&servers=200&leader_servers=9&writes=100ms', speed: '0.2×' },
};

const server = await serveDist();
const browser = await launch();
try {
  const only = process.argv[2];
  for (const [name, config] of Object.entries(configs)) {
    if (!only || name.includes(only)) await measure(name, config);
  }
} finally {
  await browser.close();
  await server.close();
}

async function measure(name, { query, until, speed }) {
  const { page, problems } = await openPage(browser, server.url + query);
  await page.waitForSelector('.cluster');
  // A bare lab link starts playing; hold it while setting up.
  const pause = page.getByRole('button', { name: 'Pause' });
  if (await pause.count()) await pause.click();
  if (until) await page.getByRole('button', { name: until }).click();
  await page.getByLabel('Speed').selectOption({ label: speed });
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(2000);
  const result = await page.evaluate((seconds) => new Promise((resolve) => {
    const gaps = [];
    const inFlight = [];
    let last = performance.now();
    const end = last + seconds * 1000;
    function frame(now) {
      gaps.push(now - last);
      last = now;
      // Every cluster the lab draws (the Tasks lab draws two).
      const labels = [...document.querySelectorAll('.cluster')].map((c) => c.getAttribute('aria-label') ?? '');
      inFlight.push(labels.reduce((sum, label) => sum + Number(label.match(/(\d+) messages in flight/)?.[1] ?? 0), 0));
      if (now < end) requestAnimationFrame(frame); else resolve({ gaps, inFlight });
    }
    requestAnimationFrame(frame);
  }), SECONDS);
  const sorted = [...result.gaps].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))];
  const flights = [...result.inFlight].sort((a, b) => a - b);
  const median = flights[Math.floor(flights.length / 2)];
  // A frame counts as late when it took more than one and a half display refreshes.
  const late = sorted.filter((gap) => gap > 25).length;
  console.log(`${name}: frames over ${SECONDS} s: ${sorted.length}; interval p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${at(1).toFixed(1)} ms; late ${late} (${(100 * late / sorted.length).toFixed(1)}%)`);
  console.log(`messages in flight (cluster view label): median ${median} (min ${flights[0]}, max ${flights[flights.length - 1]})`);
  // Where the time goes, from Chromium's own trace over 3 more seconds of play.
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'cc'] });
  await page.waitForTimeout(3000);
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const total = (name) => events.filter((e) => e.name === name && e.ph === 'X').reduce((a, e) => a + e.dur / 1000, 0) / 3;
  const frames = events.filter((e) => e.name === 'FireAnimationFrame' && e.ph === 'X').length / 3;
  const parts = { script: 'FireAnimationFrame', style: 'UpdateLayoutTree', layout: 'Layout', paint: 'Paint', raster: 'RasterTask' };
  const perFrame = Object.entries(parts).map(([label, name]) => `${label} ${(total(name) / frames).toFixed(1)}`).join(', ');
  console.log(`  ${frames.toFixed(0)} frames per second; per frame (ms): ${perFrame}`);
  // A frame's work on the page's main thread: animation callbacks, style, layout, paint
  // and commit (tracing itself adds a little).
  const work = events.filter((e) => e.name === 'ProxyMain::BeginMainFrame' && e.ph === 'X').map((e) => e.dur / 1000).sort((a, b) => a - b);
  const workAt = (q) => work[Math.min(work.length - 1, Math.floor(q * (work.length - 1)))].toFixed(1);
  console.log(`  main-thread work per frame: p50 ${workAt(0.5)} ms, p95 ${workAt(0.95)} ms, max ${workAt(1)} ms`);
  if (await page.locator('figure.spacetime svg').count()) {
    const arrows = (await page.locator('figure.spacetime svg').getAttribute('aria-label')).match(/(\d+) messages/)[1];
    console.log(`  messages in the space-time window at the end: ${arrows}`);
  }
  console.log(`  ${await page.locator('p.status[aria-live]').textContent()}`);
  if (problems.length) console.log('problems:', problems);
  await page.close();
}
