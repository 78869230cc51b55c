// Raft membership changes from the fault panel: a server outside the configuration is added
// (first as a learner, then as a voter), the leader removes itself and steps down, and every
// view says which configuration each server believes in. The shipped bug scenario shows the
// checkers catching a change made before the new leader's first commit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, screenshot, openTab } from './harness.mjs';

const env = withBrowser();

const roleOf = (page, server) => page.locator(`svg.cluster g[data-server="${server}"] text.role`).first();

test('a server is added from the fault panel and a removed leader steps down', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}#protocol=raft&servers=5&voters=3`);
  const leader = page.locator('svg.cluster g.leader');
  await leader.waitFor({ timeout: 20_000 });
  // S4 and S5 stand outside the three voters and never campaign.
  assert.equal(await roleOf(page, 'S4').textContent(), 'outside');
  assert.equal(await roleOf(page, 'S5').textContent(), 'outside');

  // Adding S4 makes it a learner, then (caught up) a voter: its label becomes its role.
  // Paused, the change is its own step and the event list is drawn at once (while playing
  // it is redrawn only a few times a second, and the line could scroll away).
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Select S4' }).click();
  await page.getByRole('button', { name: 'Add S4 as a voter' }).click();
  assert.match(await page.locator('section.events ol').textContent(), /appends a configuration entry/);
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => {
    const label = document.querySelector('svg.cluster g[data-server="S4"] text.role');
    return label && label.textContent === 'follower';
  }, null, { timeout: 10_000 });
  assert.match(await page.locator('.inspector').textContent(), /configuration\s*voters \{S1, S2, S3, S4\}/);

  // The leader removes itself: it steps down once that commits, and the four voters elect
  // another leader; the old one is now outside.
  const old = await leader.getAttribute('data-server');
  await page.getByRole('button', { name: `Select ${old}` }).click();
  await page.getByRole('button', { name: `Remove ${old}` }).click();
  await page.waitForFunction((old) => {
    const now = document.querySelector('svg.cluster g.leader');
    return now && now.getAttribute('data-server') !== old;
  }, old, { timeout: 15_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.equal(await roleOf(page, old).textContent(), 'outside');
  assert.equal(await page.locator('.invariants li.broken').count(), 0);

  // The server table lists the voters each server believes in; the log marks the entries.
  await openTab(page, 'Logs & state');
  const row = page.locator('table.nodes tbody tr', { has: page.locator('th:text-is("S4")') });
  assert.match(await row.textContent(), /S4/);
  assert.ok((await page.locator('table.log td.entry', { hasText: '*' }).count()) >= 2, 'configuration entries are marked');
  await screenshot(page, 'membership');

  // Bad input: more voters at start than servers is refused with a message.
  await openTab(page, 'Settings');
  await page.getByLabel(/Voters at start/).fill('9');
  await page.getByRole('button', { name: 'Reset with these settings' }).click();
  assert.match(await page.getByRole('alert').textContent(), /Voters at start: at most the 5 servers/);
  assert.deepEqual(problems, []);
});

test('the single-server change bug scenario is caught by the checkers', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}#protocol=raft&scenario=config-change-bug&step=172`);
  await page.waitForSelector('svg.cluster');
  const broken = await page.locator('.invariants li.broken').allTextContents();
  assert.ok(broken.some((text) => /state machine safety/.test(text)), broken.join(' | '));
  await screenshot(page, 'config-change-bug');
  assert.deepEqual(problems, []);
});
