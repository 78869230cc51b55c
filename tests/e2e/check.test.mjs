// The model checker's counterexamples in the page: a shipped check-* scenario opens in its
// lab, its narration jumps to the move where the property breaks, and the page's own checker
// reports the same violation the model checker found, with the path's events listed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, screenshot } from './harness.mjs';

const env = withBrowser();

const cases = [
  ['check-paxos-forget-promise', /^Basic Paxos, 3 servers/, /stability/, /x=1 is chosen in ballot 1\.S1, but S1 accepted x=2 in the higher ballot 1\.S2/],
  ['check-multipaxos-ignore-promised-values', /^Multi-Paxos, 3 servers/, /stability/, /x=1 was chosen in slot 1 in ballot 1\.S1, yet S3 accepted no-op there/],
  ['check-raft-skip-log-check', /^Raft, 3 servers/, /leader completeness/, /S2 became leader for term 2 without the committed entries up to index 1/],
];

for (const [scenario, status, property, detail] of cases) {
  test(`${scenario} replays to the model checker's violation`, async () => {
    const { page, problems } = await openPage(env.browser, `${env.server.url}?scenario=${scenario}`);
    await page.waitForSelector('svg.cluster');
    assert.match(await page.locator('p.status[aria-live]').textContent(), status);
    assert.equal(await page.locator('.invariants li.broken').count(), 0);
    // The only narrated event is the last move, where the property breaks.
    await page.getByRole('button', { name: 'Next narration ▶' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.invariants li.broken').length === 1);
    assert.match(await page.locator('.invariants .violation').textContent(), detail);
    const broken = await page.locator('.invariants li.broken').allTextContents();
    assert.ok(broken.some((text) => property.test(text)), broken.join(' | '));
    await screenshot(page, scenario);
    assert.deepEqual(problems, []);
  });
}
