// A bug toggle made visible: the forgotten-vote scenario turns on forget_voted_for, and a
// server that restarts votes twice in one term. The checker's banner names the step where
// election safety broke, and its button moves the timeline there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, screenshot, currentStep } from './harness.mjs';
import { catchStaleRead, readThroughLeader } from './stale_read.mjs';

const env = withBrowser();

test('a violated invariant shows a banner that jumps to the step where it broke', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?protocol=raft&scenario=forgotten-vote`);
  await page.waitForSelector('svg.cluster');
  assert.equal(await page.locator('.invariants .violation').count(), 0, 'nothing is broken at step 0');

  await page.getByRole('button', { name: 'Play' }).click();
  const banner = page.locator('.invariants .violation');
  await banner.waitFor();
  const text = await banner.textContent();
  assert.match(text, /Violation of election safety at step (\d+) \(155ms\): S1 and S3 were both elected leader for term 1/);
  const broke = Number(text.match(/at step (\d+)/)[1]);
  assert.match(await page.locator('.invariants li.broken').textContent(), new RegExp(`broken at step ${broke}`));
  await page.getByRole('button', { name: 'Pause' }).click();
  await screenshot(page, 'violation-banner');

  // Jump back to the moment it broke: two leaders of term 1 on the ring.
  await page.getByRole('button', { name: `Jump to step ${broke}` }).click();
  assert.equal(await currentStep(page), broke);
  const leaders = await page.locator('svg.cluster g.leader').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-server')));
  assert.deepEqual(leaders.sort(), ['S1', 'S3']);
  assert.match(await page.locator('section.events ol').textContent(), /S3 wins a majority and becomes leader for term 1/);
  await screenshot(page, 'violation-jumped');
  assert.deepEqual(problems, []);
});

// A stale read: with the local_reads bug, S1 (cut off, replaced, unaware) answers a read
// from its own copy. The linearizability checker puts it in the banner, the history in the
// Charts tab marks the read, and a read through the real leader returns the new value.
test('a stale read is caught by the client history and the banner jumps to it', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?protocol=raft&scenario=stale-read`);
  await page.waitForSelector('svg.cluster');
  await catchStaleRead(page, 'stale-read-history', /S1 answers read #3: 1/);
  // A read through S2, the leader, is answered a heartbeat round later: 2.
  await readThroughLeader(page, /S2 answers read #\d+: 2/);
  assert.deepEqual(problems, []);
});
