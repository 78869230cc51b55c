// The stale-read story both key-value labs tell (scenarios/stale-read.toml for Raft,
// scenarios/multipaxos-stale-read.toml for Multi-Paxos): S1 leads and x=1 is written; S1 is
// cut off and S2 takes over and writes x=2; with the local_reads bug S1 answers a read with 1.
import assert from 'node:assert/strict';
import { screenshot, currentStep, openTab } from './harness.mjs';

/** Plays the scenario until the linearizability banner shows, checks the banner and the
 *  history chart, and jumps to the stale read; `answered` is how its lab narrates it. */
export async function catchStaleRead(page, shot, answered) {
  await page.getByRole('button', { name: 'Play' }).click();
  const banner = page.locator('.invariants .violation');
  await banner.waitFor();
  await page.getByRole('button', { name: 'Pause' }).click();
  const text = await banner.textContent();
  assert.match(text, /Violation of linearizability at step (\d+) \(900ms\): read #3 of x at S1 returned 1, but the write x=2 \(#2\) had completed before the read began/);
  const broke = Number(text.match(/at step (\d+)/)[1]);
  assert.match(await page.locator('.invariants li.broken').textContent(), /linearizability/);

  await openTab(page, 'Charts');
  const history = page.locator('figure.chart.history');
  assert.match(await history.locator('.verdict.bad').textContent(), new RegExp(`Not linearizable at step ${broke}`));
  assert.match(await history.locator('g.op.culprit').textContent(), /get x → 1 @S1/);
  await screenshot(page, shot);

  await page.getByRole('button', { name: `Jump to step ${broke}` }).click();
  assert.equal(await currentStep(page), broke);
  assert.match(await page.locator('section.events ol').textContent(), answered);
}

/** From the end of the run, reads x through S2, the leader, and waits for the answer
 *  (`answer`, a pattern of the lab's narration) to show 2 in the history. */
export async function readThroughLeader(page, answer) {
  await page.keyboard.press('End');
  await openTab(page, 'Faults');
  await page.getByRole('button', { name: 'Select S2' }).click();
  await page.getByRole('button', { name: 'Client reads x from S2' }).click();
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction((source) => new RegExp(source).test(document.querySelector('section.events')?.textContent ?? ''),
    answer.source, { timeout: 15_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await openTab(page, 'Charts');
  const reads = await page.locator('figure.chart.history g.op.read.ok').allTextContents();
  assert.ok(reads.some((t) => /get x → 2 @S2/.test(t)), reads.join(' | '));
}
