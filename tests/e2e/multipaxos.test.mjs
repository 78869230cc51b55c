// Multi-Paxos in the page: the leader crashes with a hole in its log (slot 3 lost, slot 4
// accepted); the new leader runs phase 1 over every open slot, fills the hole with a no-op
// and re-proposes slot 4, and every replica ends with the same slot log. Clients read as well
// as write, and what they are told is checked for linearizability.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, screenshot, shownState, openTab } from './harness.mjs';
import { catchStaleRead, readThroughLeader } from './stale_read.mjs';

const env = withBrowser();

/** Each replica's slot log, as the cells' text per row. */
async function slotLogs(page) {
  return page.locator('table.log tbody tr').evaluateAll((rows) => rows.map((row) =>
    [...row.querySelectorAll('td.entry, td.empty')].map((td) => td.textContent)));
}

test('a Multi-Paxos leader crash is recovered, with the hole filled by a no-op', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?scenario=multipaxos-failover`);
  await page.waitForSelector('svg.cluster');
  assert.match(await page.locator('p.status[aria-live]').textContent(), /^Multi-Paxos, 5 servers/);

  // S1 leads; later S1 crashes with slot 3 open and S2 takes over.
  const nextLeader = page.getByRole('button', { name: 'Run until next leader' });
  await nextLeader.click();
  assert.equal(await page.locator('svg.cluster g.leader').getAttribute('data-server'), 'S1');
  await nextLeader.click();
  assert.equal(await page.locator('svg.cluster g.leader').getAttribute('data-server'), 'S2');
  const events = await page.locator('section.events ol').textContent();
  assert.match(events, /S2 has a majority of promises and leads ballot \d+\.S2 from slot 3; re-proposes slot 4 \(y=4, known chosen\); fills hole\(s\) 3 with no-op/);
  // At that moment slot 3 is a hole in every log, and slot 4 holds y=4.
  await openTab(page, 'Logs & state');
  const logs = await slotLogs(page);
  assert.ok(logs.every((row) => row[2] === '' && row[3] === 'y=4'), JSON.stringify(logs));
  await screenshot(page, 'multipaxos-hole');

  // A client write at this moment goes into the link, which reopens the same moment.
  await openTab(page, 'Faults');
  await page.getByRole('button', { name: /^Client writes x=\d+ via the leader$/ }).click();
  await page.getByRole('button', { name: 'Step forward one event' }).click();
  const before = await shownState(page);
  await openTab(page, 'Share');
  const link = await page.locator('.share input').first().inputValue();
  assert.match(link, /#scenario=multipaxos-failover&log=.*W.*&step=\d+/);
  const { page: other, problems: otherProblems } = await openPage(env.browser, link);
  await other.waitForSelector('svg.cluster');
  assert.deepEqual(await shownState(other), before);
  assert.deepEqual(otherProblems, []);
  await other.close();
  // The write took slot 5; the scenario's own z=5 will then take slot 6.
  await page.getByRole('button', { name: 'Step back one event' }).click();

  // On to the end: S1 restarts and catches up, and the scenario's z=5 lands after the write.
  await page.getByRole('button', { name: 'Next narration ▶' }).click();
  await page.getByRole('button', { name: 'Next narration ▶' }).click();
  await openTab(page, 'Logs & state');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('table.log tbody tr')]
    .every((row) => /^x=1 x=2 no-op y=4 x=\d+ z=5$/.test([...row.querySelectorAll('td.entry')].map((td) => td.textContent).join(' '))),
  null, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const filled = page.locator('table.log tbody tr td.entry.committed', { hasText: 'no-op' });
  assert.equal(await filled.count(), 5, 'every replica, S1 included, knows slot 3 chose no-op');
  assert.match(await page.locator('svg.cluster .headline').textContent(), /^6 slots chosen, one a no-opleader S2/);
  assert.equal(await page.locator('.invariants li.broken').count(), 0);
  await screenshot(page, 'multipaxos-recovered');
  assert.deepEqual(problems, []);
});

// The local_reads bug: S1, cut off and replaced without knowing it, answers a read from its
// own state. The history in the Charts tab marks the stale read, the banner jumps to it, and
// a read through the real leader returns the new value.
test('a stale Multi-Paxos read is caught by the client history', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?protocol=multipaxos&scenario=multipaxos-stale-read`);
  await page.waitForSelector('svg.cluster');
  await catchStaleRead(page, 'multipaxos-stale-read', /S1 answers read #3 as of slot 1: 1/);
  // At the end S2 leads: a read through it returns 2.
  await readThroughLeader(page, /S2 answers read #\d+ as of slot \d+: 2/);
  assert.deepEqual(problems, []);
});
