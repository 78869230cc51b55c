// The Tasks lab: the single-leader and the leaderless task clusters side by side on one clock.
// The coordinator crashes mid-stream: the single-leader ring loses its coordinator and elects
// another while the leaderless ring keeps taking tasks; the Charts tab measures both on the
// same run, draws the hash ring and the coordinator's table; a link reopens the exact moment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, screenshot, shownState, openTab } from './harness.mjs';

const env = withBrowser();

const sides = (page) => page.locator('.clusters.sides svg.cluster');
const headline = (page, i) => sides(page).nth(i).locator('.headline').textContent();

test('a coordinator crash: one cluster elects a new coordinator, the other keeps going', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?scenario=tasks-coordinator-crash`);
  await page.waitForSelector('.clusters.sides svg.cluster');
  assert.equal(await sides(page).count(), 2);
  assert.match(await sides(page).nth(0).getAttribute('aria-label'), /^Single leader of 5 servers/);
  assert.match(await sides(page).nth(1).getAttribute('aria-label'), /^Leaderless of 5 servers/);

  // The first coordinator, elected by Raft.
  await page.getByRole('button', { name: 'Run until a new coordinator' }).click();
  assert.match(await headline(page, 0), /S3 coordinates \(term 1\)/);
  assert.match(await headline(page, 1), /all agree on a ring of 5/);

  // Played past the crash at 3 s, S3 is down on both rings, and a new coordinator takes over.
  await page.getByRole('button', { name: 'Next narration ▶' }).click().catch(() => {});
  await page.getByLabel('Speed').selectOption({ label: '2×' });
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => {
    const heads = [...document.querySelectorAll('.clusters.sides svg.cluster .headline')];
    return /S[^3] coordinates \(term [2-9]\)/.test(heads[0]?.textContent ?? '');
  }, null, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  for (const i of [0, 1]) {
    assert.equal(await sides(page).nth(i).locator('g[data-server="S3"].down').count(), 1);
  }
  assert.match(await page.locator('section.events ol').textContent(), /single leader: |leaderless: /);
  assert.equal(await page.locator('.invariants li.broken').count(), 0);

  // The Charts tab: both columns of the same run, the ring, the loads and the table.
  await openTab(page, 'Charts');
  const table = page.locator('figure.measured-table table');
  const row = async (name) => (await table.locator('tr', { hasText: name }).first().locator('td').allTextContents());
  const [single, leaderless] = await row('tasks submitted');
  assert.equal(single, leaderless, 'the same workload reached both clusters');
  assert.ok(Number(single) > 20, single);
  // SWIM only suspects S3 so far: every member still places by a ring of five.
  assert.equal(await page.locator('figure.chart.ring svg path.arc').count(), 5);
  assert.ok(await page.locator('figure.chart.loads rect.bar').count() >= 10);
  assert.match(await page.locator('figure.chart table caption', { hasText: 'Task table' }).textContent(), /coordinator, S\d/);

  // Played on until SWIM confirms S3 dead: the members' rings shrink to the four left.
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => {
    const heads = [...document.querySelectorAll('.clusters.sides svg.cluster .headline')];
    return /all agree on a ring of 4/.test(heads[1]?.textContent ?? '');
  }, null, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.equal(await page.locator('figure.chart.ring svg path.arc').count(), 4, 'the four members left, by their own arcs');
  await screenshot(page, 'tasks-coordinator-crash');

  // A link to this moment reopens it exactly.
  const before = await shownState(page);
  await openTab(page, 'Share');
  const link = await page.locator('.share input').first().inputValue();
  const { page: other, problems: otherProblems } = await openPage(env.browser, link);
  await other.waitForSelector('.clusters.sides svg.cluster');
  assert.deepEqual(await shownState(other), before);
  assert.deepEqual(otherProblems, []);
  await other.close();
  assert.deepEqual(problems, []);
  await page.close();
});

test('a stalled worker: the task timeline shows its tasks run twice, then each counted once', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?scenario=tasks-worker-stall`);
  await page.waitForSelector('.clusters.sides svg.cluster');
  await openTab(page, 'Charts');
  // Before the first task the tab says the timeline starts with it.
  assert.equal(await page.locator('.charts.tasks p.note', { hasText: 'task timeline starts' }).count(), 1);
  const timeline = page.locator('figure.chart.task-timeline');
  // S4 is cut off at 3 s mid-task; α·T_hb later the coordinator gives its tasks to others,
  // and the single leader's lane of such a task shows two runs at once.
  await page.getByLabel('Speed').selectOption({ label: '2×' });
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('figure.task-timeline .tick.bad')]
    .some((t) => /^twice: S4 S\d/.test(t.textContent)), null, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const rows = await timeline.locator('text.task').allTextContents();
  assert.equal(rows.length, 12, rows.join(' '));
  const titles = await timeline.locator('rect.bar title').allTextContents();
  assert.ok(titles.some((t) => /^S4 runs it now/.test(t)), titles.join(' | '));
  await timeline.scrollIntoViewIfNeeded();
  await screenshot(page, 'tasks-timeline-stall');

  // Played until the last of the fifty tasks settles: the single leader ran none twice
  // once S4 was declared failed; the leaderless cluster, which S4 told after the heal that
  // everyone else had died, ran some of the newest twice.
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('figure.task-timeline text.task')].map((t) => t.textContent);
    const labels = [...document.querySelectorAll('figure.task-timeline .lane > text')].map((t) => t.textContent);
    return rows.at(-1) === 'task 50' && !labels.some((l) => /^(running|assigned)/.test(l));
  }, null, { timeout: 90_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const labels = await timeline.locator('.lane > text').allTextContents();
  const single = labels.filter((_, i) => i % 2 === 0);
  assert.ok(single.includes('done') && !single.some((l) => l.startsWith('twice')), single.join(' | '));
  assert.ok(labels.filter((_, i) => i % 2 === 1).some((l) => l.startsWith('twice')), labels.join(' | '));
  assert.deepEqual(problems, []);
  await page.close();
});

test('the free Tasks lab takes its settings from the link and refuses absurd ones', async () => {
  const { page, problems } = await openPage(env.browser,
    `${env.server.url}?protocol=tasks&alpha=5&vnodes=8&hashing=mod_n&step=300`);
  await page.waitForSelector('.clusters.sides svg.cluster');
  await openTab(page, 'Charts');
  assert.match(await page.locator('figure.chart.ring figcaption').textContent(), /hash mod n/);
  const { page: bad, problems: badProblems } = await openPage(env.browser,
    `${env.server.url}?protocol=tasks&alpha=NaN&step=10`);
  await bad.waitForSelector('.clusters.sides svg.cluster');
  assert.match(await bad.locator('.notice').textContent(), /alpha must be a number/);
  const { page: zero } = await openPage(env.browser, `${env.server.url}?protocol=tasks&vnodes=0&step=10`);
  await zero.waitForSelector('.clusters.sides svg.cluster');
  assert.match(await zero.locator('.notice').textContent(), /Virtual nodes V must be from 1 to 1024/);
  assert.deepEqual(problems, []);
  assert.deepEqual(badProblems, []);
  await Promise.all([page.close(), bad.close(), zero.close()]);
});

test('a sweep runs in the worker with progress and cancel, and plots both clusters', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?scenario=tasks-worker-crash&step=200`);
  await page.waitForSelector('.clusters.sides svg.cluster');
  await openTab(page, 'Charts');
  const sweep = page.locator('figure.chart.sweep');
  // Started and cancelled: it stops, and says so.
  await sweep.getByRole('button', { name: 'Run sweep' }).click();
  await sweep.getByRole('button', { name: 'Cancel' }).click();
  assert.match(await sweep.locator('.status').textContent(), /cancelled after \d+ of 20 runs/);

  await sweep.getByLabel('Sweep').selectOption({ label: 'Slowest task vs α' });
  await sweep.getByRole('button', { name: 'Run sweep' }).click();
  // The page stays responsive while the worker runs: stepping still works.
  await page.getByRole('button', { name: 'Step forward one event' }).click();
  await page.waitForFunction(() => /done: 20 runs/.test(document.querySelector('figure.chart.sweep .status')?.textContent ?? ''),
    null, { timeout: 120_000 });
  assert.equal(await sweep.getAttribute('data-points'), '5');
  const rows = await sweep.locator('tbody tr').allTextContents();
  assert.equal(rows.length, 5);
  // The single leader's slowest task grows with α; the leaderless one's does not depend on it.
  const slowest = await sweep.locator('tbody tr').evaluateAll((trs) => trs.map((tr) =>
    [...tr.querySelectorAll('td')].slice(1).map((td) => Number(td.textContent))));
  assert.ok(slowest[4][0] > slowest[0][0] + 300, JSON.stringify(slowest));
  // (Not to the millisecond: both clusters share the network's random draws, so the single
  // leader's traffic at each α shifts the leaderless cluster's latencies a little.)
  assert.ok(Math.abs(slowest[0][1] - slowest[4][1]) < 0.05 * slowest[0][1], JSON.stringify(slowest));
  await sweep.scrollIntoViewIfNeeded();
  await screenshot(page, 'tasks-sweep');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a member joins: outside both pools, then in both, and the ring says how many keys moved', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?scenario=tasks-member-join`);
  await page.waitForSelector('.clusters.sides svg.cluster');
  const s6 = (i) => sides(page).nth(i).locator('g[data-server="S6"]').textContent();
  await page.getByLabel('Speed').selectOption({ label: '2×' });
  // Played a little: S6 told itself out at 0 s; five servers work, the rings hold five.
  await page.getByRole('button', { name: 'Run until a new coordinator' }).click();
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => {
    const heads = [...document.querySelectorAll('.clusters.sides svg.cluster .headline')];
    return /all agree on a ring of 5/.test(heads[1]?.textContent ?? '');
  }, null, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  for (const i of [0, 1]) assert.match(await s6(i), /left the pool/);

  // Played past the join at 8 s: every member's ring holds six, S6 works in both clusters.
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => {
    const heads = [...document.querySelectorAll('.clusters.sides svg.cluster .headline')];
    return /all agree on a ring of 6/.test(heads[1]?.textContent ?? '');
  }, null, { timeout: 90_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  for (const i of [0, 1]) assert.doesNotMatch(await s6(i), /left the pool/);
  await openTab(page, 'Charts');
  assert.equal(await page.locator('figure.chart.ring svg path.arc').count(), 6);
  const moved = await page.locator('figure.measured-table tr', { hasText: 'keys moved' }).locator('td').allTextContents();
  assert.equal(moved[0], '—', 'the single leader places by load, not by key');
  assert.match(moved[1], /^\d+ of \d+ \(\d+%\)$/);
  await screenshot(page, 'tasks-member-join');

  // The fault panel tells a server to leave; the coordinator hands its tasks on at once.
  await openTab(page, 'Faults');
  await page.getByRole('button', { name: 'Select S4' }).click();
  await page.getByRole('button', { name: 'S4 leaves' }).click();
  await page.getByRole('button', { name: 'Step forward one event' }).click();
  assert.match(await page.locator('section.events ol').textContent(), /S4 is told to leave/);
  assert.equal(await page.locator('.invariants li.broken').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('nine single-leader servers beside 200 leaderless members: an SVG ring and a canvas', async () => {
  const { page, problems } = await openPage(env.browser,
    `${env.server.url}?protocol=tasks&servers=200&leader_servers=9&writes=100ms&step=3000`);
  await page.waitForSelector('.clusters.sides canvas.cluster');
  // The single leader on S1–S9, drawn as SVG; the leaderless cluster of 200 on the canvas.
  assert.match(await page.locator('.clusters.sides svg.cluster').getAttribute('aria-label'), /^Single leader of 9 servers/);
  assert.match(await page.locator('.clusters.sides canvas.cluster').getAttribute('aria-label'), /^Leaderless of 200 servers/);
  assert.equal(await page.locator('figure.cluster-canvas .side-caption').textContent(), 'Leaderless');
  assert.match(await page.locator('figure.cluster-canvas .headline').textContent(), /all agree on a ring of 200/);
  // The canvas's legend speaks of members up and down, not of gossip's rumors.
  assert.doesNotMatch(await page.locator('figure.cluster-canvas .legend').textContent(), /rumor/);
  // Playing a moment keeps every property of both clusters.
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(1500);
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.equal(await page.locator('.invariants li.broken').count(), 0);
  await screenshot(page, 'tasks-9-and-200');
  // More single-leader servers than the page draws is refused in words.
  const { page: big } = await openPage(env.browser, `${env.server.url}?protocol=tasks&servers=200&step=10`);
  await big.waitForSelector('.notice');
  assert.match(await big.locator('.notice').textContent(), /at most 64 servers in the page/);
  assert.deepEqual(problems, []);
  await Promise.all([page.close(), big.close()]);
});
