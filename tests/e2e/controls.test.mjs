// Settings, the timeline slider and the invariants panel: bad input is refused with a clear
// message and the page keeps working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, screenshot, openTab } from './harness.mjs';

const env = withBrowser();

test('settings reset the cluster and refuse bad input', async () => {
  const { page, problems } = await openPage(env.browser, env.server.url);
  await page.waitForSelector('svg.cluster g.leader', { timeout: 20_000 });
  // Raft's six per-step properties, and the linearizability of the clients' history.
  assert.equal(await page.locator('.invariants li.holds').count(), 8);

  await openTab(page, 'Settings');
  const servers = page.getByLabel('Servers (3–9)');
  await servers.fill('12');
  await page.getByRole('button', { name: 'Reset with these settings' }).click();
  assert.match(await page.locator('.settings .error').textContent(), /from 3 to 9/);
  assert.equal(await page.locator('svg.cluster g[data-server]').count(), 5, 'nothing changed');

  await servers.fill('3');
  await page.getByLabel('Seed', { exact: true }).fill('7');
  await page.getByRole('button', { name: 'Reset with these settings' }).click();
  assert.equal(await page.locator('.settings .error').count(), 0);
  assert.equal(await page.locator('svg.cluster g[data-server]').count(), 3);
  await page.waitForSelector('svg.cluster g.leader', { timeout: 20_000 });

  // The slider scrubs back to the start.
  await page.locator('.scrub input').fill('0');
  assert.match(await page.locator('p.status[aria-live]').textContent(), /Raft, 3 servers — .*step 0$/);

  await screenshot(page, 'controls-three-servers');
  assert.deepEqual(problems, []);
});

test('run until the next leader, then jump back by clicking an event', async () => {
  const { page, problems } = await openPage(env.browser, env.server.url);
  await page.waitForSelector('svg.cluster', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.locator('.scrub input').fill('0');
  await page.getByRole('button', { name: 'Run until next leader' }).click();

  assert.equal(await page.locator('svg.cluster g.leader').count(), 1);
  const events = page.locator('section.events button.event');
  const last = await events.last().textContent();
  assert.match(last, /wins a majority and becomes leader for term 1/);
  const status = async () => Number((await page.locator('p.status[aria-live]').textContent()).match(/step (\d+)/)[1]);
  const leaderStep = await status();
  assert.ok(last.startsWith(String(leaderStep)), `the run stopped on the winning step (${last})`);

  const first = events.first();
  const firstStep = Number((await first.locator('.step').textContent()).trim());
  await first.click();
  assert.equal(await status(), firstStep);
  assert.equal(await page.locator('svg.cluster g.leader').count(), 0, 'before the election, no leader');

  await page.getByRole('button', { name: 'Run until next commit' }).click();
  assert.match(await events.last().textContent(), /commits up to index/);
  assert.deepEqual(problems, []);
});

test('the inspector shows every field of a server and of a message in flight', async () => {
  const { page, problems } = await openPage(env.browser, env.server.url);
  await page.waitForSelector('svg.cluster g.leader', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();

  await page.getByRole('button', { name: 'Select S2' }).click();
  const inspector = page.locator('section.inspector');
  assert.equal(await inspector.locator('h2').textContent(), 'S2');
  const fields = await inspector.locator('dt').allTextContents();
  for (const field of ['role', 'currentTerm', 'votedFor', 'commitIndex', 'election timer']) {
    assert.ok(fields.includes(field), `${field} in ${fields}`);
  }

  // Step until something is on the wire, then pick it.
  for (let i = 0; i < 200 && (await page.locator('svg.cluster .message').count()) === 0; i++) {
    await page.keyboard.press('ArrowRight');
  }
  await page.locator('svg.cluster .message').first().click();
  assert.match(await inspector.locator('h2').textContent(), /#\d+$/);
  const messageFields = await inspector.locator('dt').allTextContents();
  assert.ok(messageFields.includes('from → to') && messageFields.includes('term'), `${messageFields}`);
  await screenshot(page, 'inspector-message');
  assert.deepEqual(problems, []);
});

test('pre-vote and check-quorum are Raft settings a link carries, and check-quorum demotes a cut-off leader', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}#protocol=raft&servers=5&pre_vote=1&check_quorum=1`);
  await page.waitForSelector('svg.cluster g.leader', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await openTab(page, 'Settings');
  assert.ok(await page.getByLabel(/Pre-vote/).isChecked());
  assert.ok(await page.getByLabel(/Check-quorum/).isChecked());
  await screenshot(page, 'settings-raft-options');

  // Cut the leader off: with check-quorum it steps down within two election timeouts.
  const leader = (await page.locator('svg.cluster g.leader').getAttribute('data-server'));
  await openTab(page, 'Faults');
  const partition = page.locator('fieldset', { hasText: 'Partition' });
  await partition.getByLabel(leader, { exact: true }).check();
  await page.getByRole('button', { name: 'Split into two sides' }).click();
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => /steps down as leader of term \d+ \(check-quorum\)/.test(document.querySelector('section.events')?.textContent ?? ''),
    null, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.equal(await page.locator('.invariants li.broken').count(), 0);
  assert.deepEqual(problems, []);
});
