// Links and files that never surprise: a long session's link opens from a plain static
// server, old links keep opening, and whatever a link gets wrong is said, not done silently.
import { test } from 'node:test';
import { writeFile, truncate, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { withBrowser, openPage, openTab, currentStep } from './harness.mjs';

const env = withBrowser();

/** The compact action log of `count` client writes through the leader, 200 ms apart. */
function writes(count) {
  const entries = [];
  for (let i = 1; i <= count; i++) entries.push(`${(i === 1 ? 40 : 31).toString(36)}.${(200_000).toString(36)}WL.k${i % 5}=${i}`);
  return entries.join('_');
}

async function notice(page) {
  return (await page.locator('.notice').textContent()) ?? '';
}

test('a 500-action session opens from a plain static server', async () => {
  const log = writes(500);
  const url = `${env.server.url}#protocol=raft&${new URLSearchParams({ log })}&step=16000`;
  assert.ok(url.length < 16_000, `${url.length} characters`);
  const { page, problems } = await openPage(env.browser, url);
  await page.locator('svg.cluster').waitFor();
  assert.equal(await currentStep(page), 16000);
  assert.equal(await page.locator('.notice').count(), 0, 'nothing to say');
  // The writes ran: the log view shows hundreds of committed entries.
  await openTab(page, 'Logs & state');
  assert.match(await page.locator('table.nodes').textContent(), /leader/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an old link with a JSON action log in the query still opens, and moves to the fragment', async () => {
  const actions = JSON.stringify([{ step: 27, time: 283280, action: { do: 'crash', node: 'S3' } }]);
  const { page, problems } = await openPage(env.browser, `${env.server.url}?protocol=raft&${new URLSearchParams({ actions })}&step=50`);
  await page.locator('svg.cluster g.down').waitFor();
  assert.equal(await currentStep(page), 50);
  assert.equal(new URL(page.url()).search, '');
  assert.match(new URL(page.url()).hash, /log=r\.62kwC3&step=50/);
  assert.deepEqual(problems, []);
  await page.close();
});

const said = [
  ['a step past the end of the run', '#protocol=paxos&step=900000', /asks for step 900000, but this run ends at step \d+; showing that/],
  ['a parameter given twice', '#servers=3&servers=7', /`servers` is given more than once; using the last, `7`/],
  ['an unknown parameter', '#protocol=raft&colour=blue', /`colour` is not a ClusterScope setting; ignored it/],
  ['a flag that is neither on nor off', '#protocol=raft&embed=banana', /`embed` is 1 or 0, not `banana`; took it as 0/],
  ['an action on a server the cluster lacks', `#protocol=raft&${new URLSearchParams({ log: '5.0C99' })}&step=10`, /names S99, which a 5-server cluster does not have; it does nothing/],
  ['a reversed latency in an action', `#protocol=raft&${new URLSearchParams({ log: '5.0XA9000.1000' })}&step=10`, /is refused \(latency.*\); it does nothing/],
  ['a time beyond the step', '#protocol=raft&step=10&time=3600s', /time 3600s is not within step 10; showing/],
  ['a panel the page does not have', '#protocol=raft&panel=dance', /there is no `dance` panel here; showing Faults/],
];
for (const [what, fragment, message] of said) {
  test(`the page says what it did with ${what}`, async () => {
    const { page, problems } = await openPage(env.browser, env.server.url + fragment);
    await page.locator('.notice').waitFor();
    assert.match(await notice(page), /^This link was opened with changes: /);
    assert.match(await notice(page), message);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('a link earning many notes lists a few and counts the rest', async () => {
  const log = Array.from({ length: 20 }, () => '1.0C99').join('_');
  const { page, problems } = await openPage(env.browser, `${env.server.url}#protocol=raft&${new URLSearchParams({ log })}&step=30`);
  await page.locator('.notice').waitFor();
  assert.match(await page.locator(".notice span").textContent(), /; and 14 more like these\.$/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a huge bad value is echoed as a short prefix', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}#servers=${'9'.repeat(200_000)}`);
  await page.locator('.notice').waitFor();
  const text = await notice(page);
  assert.match(text, /servers must be a whole number, not `9{24}…`/);
  assert.ok(text.length < 300, `${text.length} characters`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the iframe snippet names the lab, and each deliberate bug says what it breaks', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}#scenario=dueling-proposers`);
  await page.locator('svg.cluster').waitFor();
  await openTab(page, 'Share');
  const snippet = await page.locator('.share input').nth(1).inputValue();
  assert.match(snippet, /title="ClusterScope: Basic Paxos, dueling-proposers"/);
  assert.doesNotMatch(snippet, /Raft/);
  assert.match(snippet, /src="[^"]*#scenario=dueling-proposers&amp;step=0[^"]*&amp;embed=1"/);
  await openTab(page, 'Settings');
  const bugs = page.locator('label.bug');
  assert.equal(await bugs.count(), 3);
  assert.match(await bugs.first().textContent(), /ignore_promised_values.*proposes its own.*breaks agreement/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a link far into a run replays under a progress bar, and Cancel stops it', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}#protocol=raft&step=1000000`);
  const progress = page.locator('.notice.replaying');
  await progress.waitFor();
  assert.match(await progress.textContent(), /Replaying to step 1000000: \d+% \(step \d+\)/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.locator('.notice', { hasText: 'was stopped' }).waitFor();
  const stopped = Number((await page.locator('.notice').textContent()).match(/stopped at step (\d+)/)[1]);
  assert.ok(stopped >= 20_000 && stopped < 1_000_000, `stopped at ${stopped}`);
  assert.equal(await currentStep(page), stopped);
  // The page works on from there.
  await page.getByRole('button', { name: 'Step forward one event' }).click();
  assert.equal(await currentStep(page), stopped + 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a replay that is let run arrives at its step with nothing to say', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}#protocol=raft&step=60000`);
  // The progress bar may come and go between two looks (it lasts a few frames here), so wait
  // for where the replay ends; the Cancel test above watches the bar itself.
  await page.waitForFunction(() => /step 60000$/.test(document.querySelector('p.status[aria-live]')?.textContent ?? ''),
    null, { timeout: 30_000 });
  await page.locator('.notice.replaying').waitFor({ state: 'detached', timeout: 30_000 });
  assert.equal(await currentStep(page), 60000);
  assert.equal(await page.locator('.notice').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a trace file far into a run imports under the same progress bar', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}#protocol=raft&step=10`);
  await page.locator('svg.cluster').waitFor();
  await openTab(page, 'Share');
  const file = { format: 'clusterscope-trace', version: 1, link: 'protocol=raft&step=60000', records: [] };
  await page.getByLabel('Import trace').setInputFiles({ name: 'far.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.locator('.notice', { hasText: 'records differ' }).waitFor({ timeout: 30_000 });
  await page.locator('.notice.replaying').waitFor({ state: 'detached', timeout: 30_000 });
  assert.equal(await currentStep(page), 60000);
  // Its records (none) differ from the replay's, and the page says so.
  assert.match(await notice(page), /records differ from this version's replay/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a trace file over the size limit is refused before it is read', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}#protocol=raft&step=10`);
  await page.locator('svg.cluster').waitFor();
  await openTab(page, 'Share');
  // 70 MB, sparse on disk: the browser is handed the file by path and checks its size first.
  const path = join(tmpdir(), 'clusterscope-huge.trace.json');
  await writeFile(path, '');
  await truncate(path, 70_000_000);
  await page.getByLabel('Import trace').setInputFiles(path);
  await page.getByText(/clusterscope-huge\.trace\.json is 70 MB; the page opens trace files up to 67 MB\./).waitFor();
  assert.equal(await page.getByText(/Reading /).count(), 0, 'never read');
  assert.equal(await currentStep(page), 10, 'the page is as it was');
  await rm(path);
  assert.deepEqual(problems, []);
  await page.close();
});

test('each lab downloads only its own bundle, and the protocol menu opens another in its own', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });

  await page.goto(`${env.server.url}#scenario=gossip-crash&step=5`);
  await page.waitForSelector('canvas.cluster, svg.cluster');
  assert.match(await page.locator('p.status[aria-live]').textContent(), /^Gossip and SWIM/);
  assert.deepEqual(wasm, ['/gossip/lab-gossip_bg.wasm']);

  // Raft is in another bundle: choosing it loads the page again, with that bundle only.
  wasm.length = 0;
  await Promise.all([
    page.waitForURL(/protocol=raft/),
    page.getByLabel('Protocol').selectOption('raft'),
  ]);
  await page.waitForSelector('svg.cluster');
  assert.match(await page.locator('p.status[aria-live]').textContent(), /^Raft, 5 servers/);
  assert.deepEqual(wasm, ['/raft/lab-raft_bg.wasm']);

  // A scenario of another lab, from the scenario menu, likewise.
  wasm.length = 0;
  await Promise.all([
    page.waitForURL(/scenario=dueling-proposers/),
    page.getByRole('combobox', { name: 'Scenario' }).selectOption('dueling-proposers'),
  ]);
  await page.waitForSelector('svg.cluster');
  assert.match(await page.locator('p.status[aria-live]').textContent(), /^Basic Paxos/);
  assert.deepEqual(wasm, ['/paxos/lab-paxos_bg.wasm']);
  assert.deepEqual(problems, []);
  await page.close();
});
