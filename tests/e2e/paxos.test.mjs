// Basic Paxos in the page: the dueling-proposers scenario livelocks (Paxos Made Simple,
// §2.4), and the selectable fix, randomized backoff, ends the duel with a value chosen; the
// page shows the choice the moment a majority of acceptors holds it, before any learner knows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, screenshot, shownState, openTab } from './harness.mjs';

const env = withBrowser();

/** The highest ballot round any proposer has started, from the server table. */
async function highestRound(page) {
  await openTab(page, 'Logs & state');
  const rows = await page.locator('table.nodes tbody tr').allTextContents();
  const rounds = rows.flatMap((row) => [...row.matchAll(/(\d+)\.S\d/g)].map((m) => Number(m[1])));
  return Math.max(0, ...rounds);
}

test('two eager proposers duel forever; randomized backoff lets one win', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?scenario=dueling-proposers`);
  await page.waitForSelector('svg.cluster');
  assert.match(await page.locator('p.status[aria-live]').textContent(), /^Basic Paxos, 5 servers/);
  assert.equal(await page.getByLabel('Protocol').inputValue(), 'paxos');

  // Ballot after ballot, and nothing is ever chosen.
  for (let i = 0; i < 12; i++) await page.getByRole('button', { name: 'Run until next ballot' }).click();
  assert.ok(await highestRound(page) >= 6, `many rounds started (${await highestRound(page)})`);
  assert.equal(await page.locator('svg.cluster .headline').count(), 0, 'no value chosen');
  const events = await page.locator('section.events ol').textContent();
  assert.match(events, /refuses ballot \d+\.S\d: it promised \d+\.S\d/);
  assert.match(await page.locator('svg.cluster').getAttribute('aria-label'), /messages in flight/);
  // Messages carry their phase.
  const tags = await page.locator('svg.cluster .message text.tag').allTextContents();
  assert.ok(tags.every((t) => ['1a', '1b', '2a', '2b', '✗', '?', '!'].includes(t)) && tags.length > 0, tags.join(' '));
  await screenshot(page, 'paxos-duel');

  // The fix: a retry timeout drawn from a range instead of one fixed value.
  await openTab(page, 'Settings');
  const settings = page.getByRole('form', { name: 'Cluster settings' });
  const retry = settings.getByRole('group', { name: /Retry timeout/ });
  await retry.getByLabel('min').fill('20');
  await retry.getByLabel('max').fill('200');
  await settings.getByRole('button', { name: 'Reset with these settings' }).click();
  await page.getByRole('button', { name: 'Pause' }).click();
  // The reset plays until the Pause lands, on a slow machine past the choice: from the start.
  await page.keyboard.press('Home');
  await page.getByRole('button', { name: 'Run until a value is chosen' }).click();

  // Chosen the moment a majority accepted: the 2b messages are still on their way.
  const headline = await page.locator('svg.cluster .headline').textContent();
  assert.match(headline, /^x=\d chosen in ballot \d+\.S\dno learner knows yet$/);
  assert.equal(await page.locator('svg.cluster g.server.chosen').count(), 2, 'a majority (2 of the 3 acceptors) holds it');
  await screenshot(page, 'paxos-chosen');
  // The link names the protocol and the fix, and reopens this very moment.
  await openTab(page, 'Share');
  const link = await page.locator('.share input').first().inputValue();
  assert.match(link, /protocol=paxos&servers=5&seed=1&proposers=2&acceptors=3&learners=3&retry=20ms\.\.200ms/);
  const before = await shownState(page);
  const { page: other, problems: otherProblems } = await openPage(env.browser, link);
  await other.waitForSelector('svg.cluster');
  assert.deepEqual(await shownState(other), before);
  assert.equal(await other.locator('svg.cluster .headline').textContent(), headline);
  assert.deepEqual(otherProblems, []);
  await other.close();
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => /every live learner knows/.test(document.querySelector('svg.cluster .headline')?.textContent ?? ''), null, { timeout: 30_000 });
  assert.match(await page.locator('.invariants').textContent(), /agreement ✓ holds/);
  assert.deepEqual(problems, []);
});
