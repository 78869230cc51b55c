// Crash the leader from the fault panel and watch the others elect a new one; the log view
// and the keyboard shortcuts work on the same page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, screenshot, waitForNewLeader, openTab } from './harness.mjs';

const env = withBrowser();

test('crashing the leader leads to a new leader, and the log view follows', async () => {
  const { page, problems } = await openPage(env.browser, env.server.url);
  const leader = page.locator('svg.cluster g.leader');
  await leader.waitFor({ timeout: 20_000 });
  const old = await leader.getAttribute('data-server');

  await page.getByRole('button', { name: `Select ${old}` }).click();
  await page.getByRole('button', { name: `Crash ${old}` }).click();
  assert.equal(await page.locator(`svg.cluster g[data-server="${old}"]`).getAttribute('class'), 'server down');

  // "Run until next leader" stops on the step where one wins, with the event list saying so
  // (while playing, the list is redrawn a few times a second and a win soon scrolls away).
  await page.getByRole('button', { name: 'Run until next leader' }).click();
  const fresh = await waitForNewLeader(page, old);
  assert.notEqual(fresh, old);
  assert.match(await page.locator('section.events ol').textContent(), new RegExp(`${fresh} wins a majority`));
  await page.getByRole('button', { name: 'Play' }).click();

  await openTab(page, 'Logs & state');
  // The log view has a row per server and the new leader's view of each follower.
  assert.equal(await page.locator('table.log tbody tr').count(), 5);
  assert.ok((await page.locator('table.log td.progress').allTextContents()).some((t) => t.startsWith('next ')));
  assert.equal(await page.locator('.invariants li.broken').count(), 0);

  // Space pauses (when no button has focus: there Space presses the button); arrows step.
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Play' }).waitFor();
  const step = async () => Number((await page.locator('p.status[aria-live]').textContent()).match(/step (\d+)/)[1]);
  const at = await step();
  await page.keyboard.press('ArrowRight');
  assert.equal(await step(), at + 1);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await step(), at);

  await screenshot(page, 'failover-new-leader');
  assert.deepEqual(problems, []);
});

test('the space-time diagram shows the election that follows a crash', async () => {
  const { page, problems } = await openPage(env.browser, env.server.url);
  await page.waitForSelector('svg.cluster g.leader', { timeout: 20_000 });
  const old = await page.locator('svg.cluster g.leader').getAttribute('data-server');
  await page.getByRole('button', { name: `Select ${old}` }).click();
  await page.getByRole('button', { name: `Crash ${old}` }).click();
  await waitForNewLeader(page, old);
  // While playing the arrows are painted on canvases (landed ones on a sliding strip, those
  // in flight afresh each frame); paused, they are SVG paths.
  const painted = await page.evaluate(() => [...document.querySelectorAll('figure.spacetime canvas')].map((canvas) => {
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked += 1;
    return [canvas.className, inked];
  }));
  for (const [layer, inked] of painted) assert.ok(inked > 100, `the ${layer} canvas is painted (${inked} pixels)`);
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.ok((await page.locator('figure.spacetime .mark.leader').count()) >= 1, 'the new leader is marked');
  assert.equal(await page.locator('figure.spacetime .lane').count(), 5);
  assert.ok((await page.locator('figure.spacetime .mark.crash').count()) >= 1, 'the crash is marked');
  assert.ok((await page.locator('figure.spacetime path.arrow').count()) >= 1, 'messages are drawn');
  const drawn = (await page.locator('figure.spacetime svg').getAttribute('aria-label')).match(/(\d+) messages/)[1];
  assert.ok(Number(drawn) > 5, `${drawn} messages in the window`);
  await screenshot(page, 'spacetime-after-crash');
  assert.deepEqual(problems, []);
});

test('the leader hands its leadership to a chosen server from the fault panel', async () => {
  const { page, problems } = await openPage(env.browser, env.server.url);
  const leader = page.locator('svg.cluster g.leader');
  await leader.waitFor({ timeout: 20_000 });
  const old = await leader.getAttribute('data-server');
  const term = Number((await leader.locator('text.term').textContent()).match(/\d+/)[0]);
  const chosen = old === 'S2' ? 'S4' : 'S2';
  await page.getByRole('button', { name: `Select ${chosen}` }).click();
  await page.getByRole('button', { name: `Hand leadership to ${chosen}` }).click();
  // The chosen server leads within moments: no election timeout to wait for.
  await page.waitForSelector(`svg.cluster g.leader[data-server="${chosen}"]`, { timeout: 10_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  // It won the very next term (the list of recent events may have moved past the handover
  // while the page played, so the term says it).
  const now = page.locator(`svg.cluster g.leader[data-server="${chosen}"] text.term`);
  assert.equal(await now.textContent(), `term ${term + 1}`);
  assert.equal(await page.locator('.invariants li.broken').count(), 0);
  // Other labs have no such button.
  await page.goto(`${env.server.url}?protocol=paxos`);
  await page.waitForSelector('svg.cluster');
  await page.getByRole('button', { name: 'Select S1' }).click();
  assert.equal(await page.getByRole('button', { name: /Hand leadership/ }).count(), 0);
  assert.deepEqual(problems, []);
});

// Log compaction: in the shipped scenario S3 comes back after the others compacted what it
// lacks, and the leader's InstallSnapshot brings it level. The log view draws each server's
// snapshot as a band; the inspector says what the snapshot holds.
test('a follower far behind a compaction is brought back by InstallSnapshot', async () => {
  // Step 180 of 186: S3 has taken the snapshot and the entries after it.
  const { page, problems } = await openPage(env.browser, `${env.server.url}#protocol=raft&scenario=snapshot-catch-up&step=180`);
  await page.waitForSelector('svg.cluster');
  assert.match(await page.locator('section.events ol').textContent(), /S3 replaces its state machine with S1's snapshot up to index 8/);
  await openTab(page, 'Logs & state');
  const rows = page.locator('table.log tbody tr');
  assert.equal(await rows.count(), 3);
  for (const server of ['S1', 'S2', 'S3']) {
    const row = page.locator('table.log tbody tr', { has: page.locator(`th:text-is("${server}")`) });
    // Compacted to index 8 of 11: eight banded cells, then three entries of term 2.
    assert.equal(await row.locator('td.snapshot').count(), 8, server);
    assert.deepEqual(await row.locator('td.entry:not(.snapshot)').allTextContents(), ['2', '2', '2'], server);
    assert.match(await row.locator('td.snapshot').first().getAttribute('title'), new RegExp(`${server}'s snapshot to index 8 \\(term 2\\) holds w=1, x=3, y=2, z=1`));
  }
  await screenshot(page, 'snapshot-log');
  await openTab(page, 'Faults');
  await page.getByRole('button', { name: 'Select S3' }).click();
  assert.match(await page.locator('.inspector').textContent(), /snapshot\s*to index 8 \(term 2\): w=1, x=3, y=2, z=1/);
  assert.equal(await page.locator('.invariants li.broken').count(), 0);

  // The same from the settings: "Snapshot every" is in the link and compacts a live cluster.
  await page.goto(`${env.server.url}#protocol=raft&servers=3&snapshot=3&writes=100ms`);
  await page.waitForSelector('svg.cluster g.leader', { timeout: 20_000 });
  await openTab(page, 'Logs & state');
  await page.waitForFunction(() => document.querySelectorAll('table.log td.snapshot').length > 0, null, { timeout: 20_000 });
  // An absurd threshold is refused with a message; the lab keeps running.
  await openTab(page, 'Settings');
  await page.getByLabel(/Snapshot every/).fill('9999999');
  await page.getByRole('button', { name: 'Reset with these settings' }).click();
  assert.match(await page.getByRole('alert').textContent(), /Snapshot every: at most 1000000 entries/);
  assert.deepEqual(problems, []);
});
