// Gossip and SWIM in the page: a rumor reaches all of 1,000 members on the canvas while the
// spread chart fills against the epidemic model; a crashed member is suspected, then
// confirmed dead by every live member; a live member cut off long enough to be suspected
// refutes with a higher incarnation once the network heals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, screenshot, shownState, openTab } from './harness.mjs';

const env = withBrowser();

const headline = (page) => page.locator('.cluster-canvas .headline, svg.cluster .headline').first().textContent();
const events = (page) => page.locator('section.events ol').textContent();

test('a rumor spreads to all 1,000 members and the chart fills against the model', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?scenario=gossip-rumor`);
  await page.waitForSelector('figure.cluster-canvas canvas.cluster');
  assert.match(await page.locator('p.status[aria-live]').textContent(), /^Gossip and SWIM, 1000 servers/);
  assert.match(await page.locator('canvas.cluster').getAttribute('aria-label'), /^Cluster of 1000 servers/);

  // The write, then five rounds in: part of the cluster knows, and the chart has begun.
  await page.getByRole('button', { name: 'Next narration ▶' }).click();
  await page.getByRole('button', { name: 'Next narration ▶' }).click();
  const middle = (await headline(page)).match(/rumor=1: (\d+) of 1000 live members informed/);
  assert.ok(middle, await headline(page));
  assert.ok(Number(middle[1]) > 1 && Number(middle[1]) < 1000, middle[0]);
  await openTab(page, 'Charts');
  const chart = page.locator('figure.chart.spread');
  assert.ok(Number(await chart.getAttribute('data-rounds')) >= 4);
  assert.match(await chart.locator('figcaption').textContent(), /push: 1 − i′ = \(1 − i\) · e\^\(−f·i\)/);
  await screenshot(page, 'gossip-rumor-middle');

  // Played on, the rumor reaches everyone and the measured curve ends at 100%.
  await page.getByLabel('Speed').selectOption({ label: '2×' });
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => document.querySelector('figure.chart.spread')?.getAttribute('data-informed') === '1.0000',
    null, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.match(await headline(page), /rumor=1: 1000 of 1000 live members informed/);
  const rounds = Number(await chart.getAttribute('data-rounds'));
  assert.ok(rounds >= 8 && rounds <= 20, `all informed within ${rounds} rounds`);
  assert.equal(await chart.locator('circle.measured').count(), rounds + 1);
  assert.match(await chart.locator('figcaption strong').textContent(), /100\.0% of 1000 members informed/);
  assert.equal(await page.locator('.invariants li.broken').count(), 0);
  await screenshot(page, 'gossip-rumor-done');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a crashed member is suspected, then confirmed dead by every live member', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?scenario=gossip-crash`);
  await page.waitForSelector('canvas.cluster');
  await page.getByRole('button', { name: 'Run until someone is suspected' }).click();
  assert.match(await events(page), /S\d+ got no ack from S7, directly or through others: it suspects S7/);
  assert.match(await headline(page), /S7 \(down\): suspected by [1-9]/);
  await page.getByRole('button', { name: 'Run until someone is confirmed dead' }).click();
  assert.match(await events(page), /S\d+ confirms S7 dead \(incarnation 0\)/);
  assert.match(await headline(page), /S7 \(down\): .*dead to [1-9]/);

  // A link to this moment reopens it exactly.
  const before = await shownState(page);
  await openTab(page, 'Share');
  const link = await page.locator('.share input').first().inputValue();
  const { page: other, problems: otherProblems } = await openPage(env.browser, link);
  await other.waitForSelector('canvas.cluster');
  assert.deepEqual(await shownState(other), before);
  assert.deepEqual(otherProblems, []);
  await other.close();

  await page.getByLabel('Speed').selectOption({ label: '2×' });
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => /S7 \(down\): dead to 39 of 39/.test(document.querySelector('.cluster-canvas .headline')?.textContent ?? ''),
    null, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  // The table lists S1–S8 (S7 down); every live one sees 39 alive and S7 dead.
  await openTab(page, 'Logs & state');
  const rows = await page.locator('table.nodes tbody tr').allTextContents();
  const live = rows.filter((r) => !/^S7\D/.test(r));
  assert.equal(live.length, 7, rows.join('\n'));
  assert.ok(live.every((r) => r.includes('39 alive, 1 dead')), rows.join('\n'));
  assert.equal(await page.locator('.invariants li.broken').count(), 0);
  await screenshot(page, 'gossip-crash-confirmed');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a suspected but live member refutes with a higher incarnation', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?scenario=gossip-refute`);
  await page.waitForSelector('svg.cluster');
  await page.getByRole('button', { name: 'Run until someone is suspected' }).click();
  assert.match(await events(page), /it suspects S5 \(incarnation 0\)/);
  assert.match(await page.locator('svg.cluster g[data-server="S5"]').getAttribute('class'), /suspected/);
  await screenshot(page, 'gossip-refute-suspected');

  await page.getByLabel('Speed').selectOption({ label: '1×' });
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => /S5 hears it is suspected and refutes: alive, incarnation 1/
    .test(document.querySelector('section.events ol')?.textContent ?? ''), null, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Select S5' }).click();
  assert.match(await page.locator('.inspector').textContent(), /incarnation1/);
  // The suspicion dies everywhere: nobody is confirmed dead, and everyone sees all alive.
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => /every live member sees every member alive/
    .test(document.querySelector('svg.cluster .headline')?.textContent ?? ''), null, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.doesNotMatch(await events(page), /confirms S5 dead/);
  assert.equal(await page.locator('svg.cluster g[data-server="S5"].suspected').count(), 0);
  assert.equal(await page.locator('.invariants li.broken').count(), 0);
  await screenshot(page, 'gossip-refute-refuted');
  assert.deepEqual(problems, []);
  await page.close();
});

test('SWIM detection under loss is measured in a worker bundle loaded on demand', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?protocol=gossip&servers=100&panel=charts`);
  const fetched = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await page.waitForSelector('figure.chart.detection');
  assert.deepEqual(fetched.filter((path) => path.includes('measure-worker')), [], 'not part of the page');
  const chart = page.locator('figure.chart.detection');
  await chart.getByRole('button', { name: 'Measure detection vs loss' }).click();
  await chart.locator('.status').filter({ hasText: 'done' }).waitFor({ timeout: 60_000 });
  assert.ok(fetched.includes('/measure-worker_bg.wasm'), fetched.join(' '));
  assert.equal(await chart.getAttribute('data-points'), '7');
  const rows = await chart.locator('tbody tr').allTextContents();
  assert.equal(rows.length, 7);
  // With no loss the crash is confirmed, by everyone, and nobody live is confirmed dead.
  assert.match(rows[0], /^0%/);
  assert.doesNotMatch(rows[0], /never/);
  assert.match(rows[0], /0$/);
  await screenshot(page, 'gossip-detection');

  // Measuring again and cancelling at once (loading the worker alone takes longer than the
  // click) stops the worker and says so.
  await chart.getByRole('button', { name: 'Measure detection vs loss' }).click();
  await chart.getByRole('button', { name: 'Cancel' }).click();
  await chart.locator('.status').filter({ hasText: 'stopped' }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});
