// The model checker in the page. A shipped check-* scenario opens in its lab, its narration
// jumps to the move where the property breaks, and the page's own checker reports the same
// violation the model checker found. The Check tab runs the checker in the measurement
// worker: it finds a bug toggle's counterexample, opens it in the lab at the violating step,
// can be cancelled while the page keeps answering, says what is wrong with bad bounds, and
// offers symmetry reduction where the protocol's servers are interchangeable (Raft), and a
// depth-first search that ends with a shortest counterexample.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { withBrowser, openPage, screenshot, openTab, currentStep } from './harness.mjs';

const env = withBrowser();
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

// A lab page, paused, with its Check tab open.
async function openCheckTab(query) {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?${query}`);
  await page.waitForSelector('svg.cluster');
  await page.getByRole('button', { name: 'Pause' }).click();
  await openTab(page, 'Check');
  return { page, problems, check: page.locator('section.check') };
}

const cases = [
  ['check-paxos-forget-promise', /^Basic Paxos, 3 servers/, /stability/, /x=1 is chosen in ballot 1\.S1, but S1 accepted x=2 in the higher ballot 1\.S2/],
  ['check-multipaxos-ignore-promised-values', /^Multi-Paxos, 3 servers/, /stability/, /x=1 was chosen in slot 1 in ballot 1\.S1, yet S3 accepted no-op there/],
  ['check-raft-skip-log-check', /^Raft, 3 servers/, /leader completeness/, /S2 became leader for term 2 without the committed entries up to index 1/],
  ['check-raft-figure8-commit', /^Raft, 3 servers/, /committed entries held/, /S2 lacks committed entries up to index 1, yet its log \(last term 2, index 1\) is as up to date as a majority's/],
  ['check-raft-early-config-change', /^Raft, 4 servers/, /leader completeness/, /S1 became leader for term 3 without the committed entries up to index 1/],
  // A stale read breaks no per-step property: the clients' history shows it.
  ['check-raft-local-reads', /^Raft, 3 servers/, /linearizability/, /read #2 of x at S2 returned nothing \(never written\), but the write x=1 \(#1\) had completed before the read began/],
  ['check-multipaxos-local-reads', /^Multi-Paxos, 3 servers/, /linearizability/, /read #2 of x at S2 returned nothing \(never written\), but the write x=1 \(#1\) had completed before the read began/],
];

for (const [scenario, status, property, detail] of cases) {
  test(`${scenario} replays to the model checker's violation`, async () => {
    const { page, problems } = await openPage(env.browser, `${env.server.url}?scenario=${scenario}`);
    await page.waitForSelector('svg.cluster');
    assert.match(await page.locator('p.status[aria-live]').textContent(), status);
    assert.equal(await page.locator('.invariants li.broken').count(), 0);
    // The only narrated event is the last move, where the property breaks.
    await page.getByRole('button', { name: 'Next narration ▶' }).click();
    // Raft's skip_log_check breaks two properties at once: the new leader lacks the committed
    // entry, and its log now outranks a majority's.
    await page.waitForFunction(() => document.querySelectorAll('.invariants li.broken').length > 0);
    assert.match((await page.locator('.invariants .violation').allTextContents()).join(' | '), detail);
    const broken = await page.locator('.invariants li.broken').allTextContents();
    assert.ok(broken.some((text) => property.test(text)), broken.join(' | '));
    await screenshot(page, scenario);
    assert.deepEqual(problems, []);
  });
}

test('the Check tab finds forget_promise and opens the counterexample at the violating step', async () => {
  const { page, problems, check } = await openCheckTab('protocol=paxos');
  await check.getByLabel('Bug').selectOption('forget_promise');
  const began = Date.now();
  await check.getByRole('button', { name: 'Check', exact: true }).click();
  const violation = page.locator('.check .violation');
  await violation.waitFor({ timeout: 120_000 });
  const seconds = (Date.now() - began) / 1000;
  const status = await page.locator('.check p.outcome').textContent();
  console.log(`check tab: paxos forget_promise default bounds in ${seconds.toFixed(1)} s in Chromium: ${status}`);
  assert.match(status, /^Violation: [\d\u2009]+ states, [\d\u2009]+ distinct, depth \d+/);
  assert.match(await violation.locator('p').first().textContent(), /^stability breaks after 15 moves: x=1 is chosen in ballot 1\.S1, but S\d accepted x=2 in the higher ballot 1\.S2/);
  assert.equal(await violation.locator('ol.moves li').count(), 15);
  await screenshot(page, 'check-tab-violation');
  // The panel with its answer, in the dark theme too, has no serious accessibility issue.
  await page.evaluate(() => { document.documentElement.dataset.theme = 'dark'; });
  await page.addScriptTag({ path: axePath });
  const axe = await page.evaluate(() => window.axe.run('section.check', { resultTypes: ['violations'] }));
  assert.deepEqual(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id), []);
  await screenshot(page, 'check-tab-violation-dark');
  await page.setViewportSize({ width: 390, height: 844 });
  await violation.scrollIntoViewIfNeeded();
  const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `nothing is wider than the phone (${overflow} px)`);
  await screenshot(page, 'check-tab-violation-phone');
  await page.setViewportSize({ width: 1280, height: 800 });

  // The counterexample opens in the lab, paused at the step where the property breaks.
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Open the counterexample in the lab' }).click()]);
  await page.waitForSelector('svg.cluster');
  assert.match(page.url(), /protocol=paxos&servers=3&.*learners=1&.*bugs=forget_promise&log=.*&step=15/);
  assert.equal(await currentStep(page), 15);
  await page.waitForFunction(() => document.querySelectorAll('.invariants li.broken').length > 0);
  assert.match(await page.locator('.invariants li.broken').textContent(), /stability/);
  assert.match(await page.locator('.invariants .violation').textContent(), /x=1 is chosen in ballot 1\.S1, but S\d accepted x=2 in the higher ballot 1\.S2/);
  await screenshot(page, 'check-tab-opened');
  assert.deepEqual(problems, []);
});

test('the Check tab searches depth-first for a shortest counterexample, shorter than depth-first finds', async () => {
  const { page, problems, check } = await openCheckTab('protocol=paxos');
  await check.getByLabel('Bug').selectOption('accept_below_promise');
  // One move beyond the shortest path: depth-first search meets a path of 14 moves first.
  await check.getByLabel('Depth bound').fill('14');
  const violation = page.locator('.check .violation');
  const moves = async (order) => {
    await check.getByLabel('Search').selectOption(order);
    await check.getByRole('button', { name: 'Check', exact: true }).click();
    await page.waitForFunction(() => /^Violation/.test(document.querySelector('.check p.outcome')?.textContent ?? ''), null, { timeout: 120_000 });
    return violation.locator('ol.moves li').count();
  };
  assert.equal(await moves('dfs'), 14);
  assert.equal(await moves('shortest'), 13);
  assert.equal(await check.getByLabel('Search').locator('option:checked').textContent(), 'depth-first to a shortest (less memory, slower)');
  assert.match(await violation.locator('p').first().textContent(), /^stability breaks after 13 moves/);
  assert.equal(await page.locator('.check .unproven').count(), 0, 'it ran to its end');
  // "Nothing shorter" rests on no two states sharing a fingerprint, and the tab says how likely that was.
  assert.match(await page.locator('.check .collision').textContent(), /^Chance that two distinct states shared a fingerprint, so that the search skipped one: \d\.\de-\d+ /);
  await screenshot(page, 'check-tab-shortest');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Open the counterexample in the lab' }).click()]);
  await page.waitForSelector('svg.cluster');
  assert.equal(await currentStep(page), 13);
  await page.waitForFunction(() => document.querySelectorAll('.invariants li.broken').length > 0);
  assert.match(await page.locator('.invariants li.broken').textContent(), /stability/);
  assert.deepEqual(problems, []);
});

test('a check can be cancelled while the page keeps answering, and bad bounds get a reason', async () => {
  const { page, problems, check } = await openCheckTab('protocol=raft');
  const status = page.locator('.check p.outcome');
  // The correct protocol, deep enough to run for a while.
  await check.getByLabel('Bug').selectOption('');
  await check.getByLabel('Depth bound').fill('40');
  await check.getByRole('button', { name: 'Check', exact: true }).click();
  await page.waitForFunction(() => /^Searching… [\d\u2009]+ states/.test(document.querySelector('.check p.outcome')?.textContent ?? ''), null, { timeout: 30_000 });
  await screenshot(page, 'check-tab-searching');
  // The page answers while the worker searches, and the search goes on behind another tab.
  const before = await currentStep(page);
  await page.getByRole('button', { name: 'Step forward one event' }).click();
  assert.equal(await currentStep(page), before + 1);
  const distinct = async () => Number((await status.textContent()).match(/([\d\u2009]+) distinct/)[1].replaceAll('\u2009', ''));
  const seen = await distinct();
  await openTab(page, 'Faults');
  await page.waitForTimeout(1000);
  await openTab(page, 'Check');
  assert.match(await status.textContent(), /^Searching…/);
  assert.ok(await distinct() > seen, 'the search went on while the Faults tab was open');
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await status.textContent(), 'Cancelled.');

  await check.getByLabel('Servers').fill('2');
  await check.getByRole('button', { name: 'Check', exact: true }).click();
  await page.waitForFunction(() => /^Could not check/.test(document.querySelector('.check p.outcome')?.textContent ?? ''));
  assert.match(await status.textContent(), /the page checks models of 3 to 5 servers, not 2/);
  // A number field left empty.
  await check.getByLabel('Servers').fill('');
  await check.getByRole('button', { name: 'Check', exact: true }).click();
  assert.match(await page.locator('.check .error').textContent(), /Servers must be a whole number/);
  assert.deepEqual(problems, []);
});

test('a bug whose counterexample ships with the page links to it from the Check tab', async () => {
  const { page, problems, check } = await openCheckTab('protocol=raft');
  assert.equal(await check.locator('p.shipped').count(), 0, 'the correct protocol has none');
  // Figure 8's counterexample lies 54 million states deep: past what the page's search keeps,
  // so the tab offers the one the command line found, with the bounds it was found at.
  await check.getByLabel('Bug').selectOption('figure8_commit');
  assert.equal(await check.getByLabel('Depth bound').inputValue(), '16');
  assert.match(await check.locator('p.shipped').textContent(), /found for figure8_commit comes with the page/);
  await screenshot(page, 'check-tab-shipped');
  await check.getByRole('button', { name: 'check-raft-figure8-commit' }).click();
  await page.waitForURL(/scenario=check-raft-figure8-commit/);
  await page.waitForSelector('svg.cluster');
  await page.getByRole('button', { name: 'Next narration ▶' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.invariants li.broken').length > 0);
  assert.match(await page.locator('.invariants li.broken').textContent(), /committed entries held/);
  assert.deepEqual(problems, []);
});

// A configuration change made before the leader's term commits: the bounds ask whoever leads
// for two removals, which the form shows; the counterexample, 24 million states deep, ships.
test('the Check tab shows the membership changes a bug is checked with and links to its counterexample', async () => {
  const { page, problems, check } = await openCheckTab('protocol=raft');
  assert.equal(await check.locator('p.changes').count(), 0, 'the default bounds ask for none');
  await check.getByLabel('Bug').selectOption('early_config_change');
  assert.equal(await check.getByLabel('Servers').inputValue(), '4');
  assert.match(await check.locator('p.changes').textContent(), /asked for, each once, at any point: remove_server:S4, remove_server:S3$/);
  assert.match(await check.locator('p.shipped').textContent(), /found for early_config_change comes with the page/);
  await screenshot(page, 'check-tab-changes');
  await check.getByRole('button', { name: 'check-raft-early-config-change' }).click();
  await page.waitForURL(/scenario=check-raft-early-config-change/);
  await page.waitForSelector('svg.cluster');
  await page.getByRole('button', { name: 'Next narration ▶' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.invariants li.broken').length > 0);
  assert.match(await page.locator('.invariants li.broken').textContent(), /leader completeness/);
  await screenshot(page, 'check-raft-early-config-change-opened');
  assert.deepEqual(problems, []);
});

// A leader that answers reads from its own copy: the model's script reads as well as writes,
// and a read that misses a write acknowledged before it was sent is the violation. Basic
// Paxos's clients only propose, so its Check tab has no reads.
test('the Check tab finds a stale local read and opens it where the history stops being linearizable', async () => {
  const paxos = await openCheckTab('protocol=paxos');
  assert.equal(await paxos.check.getByLabel('Client reads').count(), 0);
  await paxos.page.close();
  const { page, problems, check } = await openCheckTab('protocol=raft');
  assert.equal(await check.getByLabel('Client reads').inputValue(), '0');
  await check.getByLabel('Bug').selectOption('local_reads');
  assert.equal(await check.getByLabel('Client reads').inputValue(), '1');
  assert.equal(await check.getByLabel('Depth bound').inputValue(), '12');
  await check.getByRole('button', { name: 'Check', exact: true }).click();
  const violation = page.locator('.check .violation');
  await violation.waitFor({ timeout: 120_000 });
  assert.match(await violation.locator('p').first().textContent(), /^linearizability breaks after 12 moves: S2 answered get x with none, though before it was sent x=1 had been acknowledged/);
  assert.match(await violation.locator('ol.moves li').last().textContent(), /a client sends get x to S2/);
  await screenshot(page, 'check-tab-local-reads');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Open the counterexample in the lab' }).click()]);
  await page.waitForSelector('svg.cluster');
  assert.match(page.url(), /protocol=raft&.*bugs=local_reads&.*step=12/);
  assert.equal(await currentStep(page), 12);
  await page.waitForFunction(() => document.querySelectorAll('.invariants li.broken').length > 0);
  assert.match(await page.locator('.invariants li.broken').textContent(), /linearizability/);
  assert.match(await page.locator('.invariants .violation').textContent(), /read #2 of x at S2 returned nothing/);
  await screenshot(page, 'check-tab-local-reads-opened');
  assert.deepEqual(problems, []);
});

// Raft's servers are interchangeable, so its Check tab offers symmetry reduction; Basic
// Paxos's ballots tell servers apart by name, so its tab does not.
test('symmetry reduction finds a Raft bug in far fewer states and opens it at the violation', async () => {
  const paxos = await openCheckTab('protocol=paxos');
  assert.equal(await paxos.check.getByLabel('symmetry reduction').count(), 0);
  await paxos.page.close();
  const { page, problems, check } = await openCheckTab('protocol=raft');
  const status = page.locator('.check p.outcome');
  const violation = page.locator('.check .violation');
  const distinct = async () => Number((await status.textContent()).match(/([\d\u2009]+) distinct/)[1].replaceAll('\u2009', ''));
  // Five servers: a state has 120 renamings.
  await check.getByLabel('Bug').selectOption('stale_vote_reply');
  assert.equal(await check.getByLabel('Servers').inputValue(), '5');
  await check.getByRole('button', { name: 'Check', exact: true }).click();
  await violation.waitFor({ timeout: 120_000 });
  const full = await distinct();
  await check.getByLabel('symmetry reduction').check();
  await check.getByRole('button', { name: 'Check', exact: true }).click();
  await page.waitForFunction((before) => {
    const text = document.querySelector('.check p.outcome')?.textContent ?? '';
    const m = text.match(/^Violation: [\d\u2009]+ states, ([\d\u2009]+) distinct/);
    return m && Number(m[1].replaceAll('\u2009', '')) !== before;
  }, full, { timeout: 120_000 });
  const reduced = await distinct();
  console.log(`check tab: raft stale_vote_reply, ${full} distinct states, ${reduced} with symmetry reduction`);
  assert.ok(reduced * 20 < full, `${reduced} of ${full}`);
  assert.match(await violation.locator('p').first().textContent(), /^vote counting breaks after 8 moves: S\d holds votes from 3 of 5 voters for term 2 but is still a candidate/);
  await screenshot(page, 'check-tab-symmetry');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Open the counterexample in the lab' }).click()]);
  await page.waitForSelector('svg.cluster');
  assert.match(page.url(), /protocol=raft&servers=5&.*bugs=stale_vote_reply&.*step=8/);
  assert.equal(await currentStep(page), 8);
  await page.waitForFunction(() => document.querySelectorAll('.invariants li.broken').length > 0);
  assert.match(await page.locator('.invariants li.broken').textContent(), /vote counting/);
  assert.deepEqual(problems, []);
});
