// Network faults from the page: partition the leader away and heal, cut a link one way, and
// drop a chosen message in flight.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, screenshot, waitForNewLeader, openTab } from './harness.mjs';

const env = withBrowser();

test('partition the leader into a minority, see a new leader, then heal', async () => {
  const { page, problems } = await openPage(env.browser, env.server.url);
  const leader = page.locator('svg.cluster g.leader');
  await leader.waitFor({ timeout: 20_000 });
  const old = await leader.getAttribute('data-server');

  await page.locator('.network fieldset').first().getByLabel(old, { exact: true }).check();
  await page.getByRole('button', { name: 'Split into two sides' }).click();
  assert.ok((await page.locator('svg.cluster .link.cut').count()) >= 4, 'the cut links are drawn');
  assert.match(await page.locator('svg.cluster').getAttribute('aria-label'), /8 link directions cut/);

  // The majority side elects someone else; the old leader still thinks it leads.
  const fresh = await waitForNewLeader(page, old);
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.notEqual(fresh, old);
  await screenshot(page, 'partition-two-leaders-by-term');

  await page.getByRole('button', { name: 'Heal all links' }).click();
  assert.equal(await page.locator('svg.cluster .link.cut').count(), 0);
  await openTab(page, 'Logs & state');
  await page.getByRole('button', { name: 'Play' }).click();
  // Once healed, the stale leader hears the higher term and steps down: one leader remains.
  await page.waitForFunction(() => document.querySelectorAll('svg.cluster g.leader').length === 1
    && document.querySelectorAll('table.nodes tr.leader').length === 1, null, { timeout: 20_000 });
  await page.waitForFunction(
    (stale) => document.querySelector(`svg.cluster g[data-server="${stale}"]`).getAttribute('class') !== 'server leader',
    old, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.equal(await page.locator('.invariants li.broken').count(), 0);
  await screenshot(page, 'partition-healed');
  assert.deepEqual(problems, []);
});

test('a one-way cut and a dropped message are shown and narrated', async () => {
  const { page, problems } = await openPage(env.browser, env.server.url);
  await page.waitForSelector('svg.cluster g.leader', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();

  await page.getByLabel('Cut from').selectOption('S3');
  await page.getByLabel('Cut to').selectOption('S4');
  await page.getByRole('button', { name: 'Cut S3 → S4' }).click();
  assert.equal(await page.locator('svg.cluster [data-link="S3-S4"] .wall').count(), 1, 'one direction only');

  // Step until a message is in flight, then drop it from the network panel.
  for (let i = 0; i < 200 && (await page.locator('svg.cluster .message').count()) === 0; i++) {
    await page.getByRole('button', { name: 'Step forward one event' }).click();
  }
  const drop = page.getByRole('button', { name: /^Drop #\d+$/ });
  const id = (await drop.textContent()).match(/#(\d+)/)[1];
  await drop.click();
  assert.equal(await page.locator(`svg.cluster [data-message="${id}"]`).count(), 0, 'gone from the wire');
  assert.equal(await page.locator('svg.cluster .lost').count() >= 1, true, 'marked where it was lost');
  assert.match(await page.locator('section.events ol').textContent(), /from S\d to S\d is dropped by hand/);
  await screenshot(page, 'cut-and-drop');
  assert.deepEqual(problems, []);
});
