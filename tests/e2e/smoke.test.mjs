// Smoke test of the release build: the page loads the core in wasm, a 5-node Raft cluster
// runs and elects exactly one leader, and nothing goes wrong along the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, screenshot, openTab } from './harness.mjs';

const env = withBrowser();

test('release page runs a Raft cluster without errors', async () => {
  const { page, problems } = await openPage(env.browser, env.server.url);
  await openTab(page, 'Logs & state');
  await page.waitForSelector('table.nodes tbody tr', { timeout: 20_000 });
  assert.deepEqual(await page.locator('table.nodes tbody th').allTextContents(), ['S1', 'S2', 'S3', 'S4', 'S5']);

  await page.waitForSelector('tr.leader', { timeout: 20_000 });
  assert.equal(await page.locator('tr.leader').count(), 1);
  // Raft's six per-step properties and the linearizability of the clients' history.
  assert.equal(await page.locator('.invariants li.holds').count(), 8, 'every safety property holds');

  // Time moves while playing, and stops when paused.
  const status = () => page.locator('p.status[aria-live]').textContent();
  const first = await status();
  await page.waitForFunction((s) => document.querySelector('p.status').textContent !== s, first);
  await page.getByRole('button', { name: 'Pause' }).click();
  const paused = await status();
  await page.waitForTimeout(300);
  assert.equal(await status(), paused);

  await screenshot(page, 'smoke-running-cluster');
  assert.deepEqual(problems, []);
});

test('cluster view draws the servers and stepping moves one event at a time', async () => {
  const { page, problems } = await openPage(env.browser, env.server.url);
  await page.waitForSelector('svg.cluster g.leader', { timeout: 20_000 });
  assert.equal(await page.locator('svg.cluster g[data-server]').count(), 5);
  assert.equal(await page.locator('svg.cluster g.leader').count(), 1);
  const label = await page.locator('svg.cluster').getAttribute('aria-label');
  assert.match(label, /S\d leads \(term \d+\)/);

  const step = async () => Number((await page.locator('p.status[aria-live]').textContent()).match(/step (\d+)/)[1]);
  await page.getByRole('button', { name: 'Step forward one event' }).click();
  const at = await step();
  await page.getByRole('button', { name: 'Step forward one event' }).click();
  assert.equal(await step(), at + 1);
  await page.getByRole('button', { name: 'Step back one event' }).click();
  assert.equal(await step(), at);
  assert.ok((await page.locator('section.events li').count()) > 0, 'narrated events are listed');

  await screenshot(page, 'cluster-view-stepping');
  assert.deepEqual(problems, []);
});
