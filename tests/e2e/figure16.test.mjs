// The Raft paper's Figure 16 in the Raft lab's Charts tab: 6 × 1,000 trials in the
// measurement worker, with a progress bar, while the page stays responsive; the curves have
// the paper's shape. The elapsed time is printed for BENCHMARKS.md (no threshold: shared
// machines are noisy).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, screenshot, openTab } from './harness.mjs';

const env = withBrowser();

test('Figure 16 runs in a worker and has the paper\'s shape', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?protocol=raft`);
  await page.waitForSelector('svg.cluster');
  await page.getByRole('button', { name: 'Pause' }).click();
  await openTab(page, 'Charts');
  const began = Date.now();
  await page.getByRole('button', { name: 'Run Figure 16' }).click();
  await page.locator('.chart.figure16 progress').waitFor();
  // The page answers while the worker runs: a step moves the simulation on.
  const step = page.getByRole('button', { name: 'Step forward one event' });
  await step.click();
  await page.waitForFunction(() => /done/.test(document.querySelector('.chart.figure16 .status')?.textContent ?? ''), null, { timeout: 120_000 });
  const seconds = (Date.now() - began) / 1000;
  console.log(`figure16: 6 x 1000 trials in ${seconds.toFixed(1)} s in Chromium`);
  const rows = await page.locator('.chart.figure16 tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
  assert.equal(rows.length, 6);
  assert.deepEqual(rows.map((r) => r[0]), ['150–150 ms', '150–151 ms', '150–155 ms', '150–175 ms', '150–200 ms', '150–300 ms']);
  const share = (text) => Number(text.replace('%', ''));
  assert.ok(share(rows[0][2]) < 50, `150–150: ${rows[0][2]} within 10 s`);
  assert.equal(rows[5][1], '100.0%', '150–300: every trial within a second');
  assert.equal(await page.locator('.chart.figure16 polyline').count(), 6);
  await page.locator('.chart.figure16').scrollIntoViewIfNeeded();
  await screenshot(page, 'raft-figure16');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('.chart.figure16 svg').scrollIntoViewIfNeeded();
  const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `nothing is wider than the phone (${overflow} px)`);
  await screenshot(page, 'raft-figure16-phone');
  assert.deepEqual(problems, []);
});
