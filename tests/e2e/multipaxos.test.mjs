// Multi-Paxos in the page: the leader crashes with a hole in its log (slot 3 lost, slot 4
// accepted); the new leader runs phase 1 over every open slot, fills the hole with a no-op
// and re-proposes slot 4, and every replica ends with the same slot log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, screenshot } from './harness.mjs';

const env = withBrowser();

/** Each replica's slot log, as the cells' text per row. */
async function slotLogs(page) {
  return page.locator('table.log tbody tr').evaluateAll((rows) => rows.map((row) =>
    [...row.querySelectorAll('td.entry, td.empty')].map((td) => td.textContent)));
}

test('a Multi-Paxos leader crash is recovered, with the hole filled by a no-op', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?scenario=multipaxos-failover`);
  await page.waitForSelector('svg.cluster');
  assert.match(await page.locator('p.status').textContent(), /^Multi-Paxos, 5 servers/);

  // S1 leads; later S1 crashes with slot 3 open and S2 takes over.
  const nextLeader = page.getByRole('button', { name: 'Run until next leader' });
  await nextLeader.click();
  assert.equal(await page.locator('svg.cluster g.leader').getAttribute('data-server'), 'S1');
  await nextLeader.click();
  assert.equal(await page.locator('svg.cluster g.leader').getAttribute('data-server'), 'S2');
  const events = await page.locator('section.events ol').textContent();
  assert.match(events, /S2 has a majority of promises and leads ballot \d+\.S2 from slot 3; re-proposes slot 4 \(y=4, known chosen\); fills hole\(s\) 3 with no-op/);
  // At that moment slot 3 is a hole in every log, and slot 4 holds y=4.
  const logs = await slotLogs(page);
  assert.ok(logs.every((row) => row[2] === '' && row[3] === 'y=4'), JSON.stringify(logs));
  await screenshot(page, 'multipaxos-hole');

  // On to the end: S1 restarts and catches up, a new command lands in slot 5.
  await page.getByRole('button', { name: 'Next narration ▶' }).click();
  await page.getByRole('button', { name: 'Next narration ▶' }).click();
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('table.log tbody tr')]
    .every((row) => [...row.querySelectorAll('td.entry')].map((td) => td.textContent).join(' ') === 'x=1 x=2 no-op y=4 z=5'),
  null, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const filled = page.locator('table.log tbody tr td.entry.committed', { hasText: 'no-op' });
  assert.equal(await filled.count(), 5, 'every replica, S1 included, knows slot 3 chose no-op');
  assert.match(await page.locator('svg.cluster .headline').textContent(), /^5 slots chosen, 1 no-opleader S2/);
  assert.equal(await page.locator('.invariants li.broken').count(), 0);
  await screenshot(page, 'multipaxos-recovered');
  assert.deepEqual(problems, []);
});
