// Sharing: a permalink reopens the same moment, embed mode renders, a trace exports and
// imports back, and a broken link is explained instead of breaking the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { withBrowser, openPage, screenshot, currentStep, shownState, openTab } from './harness.mjs';

const env = withBrowser();

/** Runs the default lab to a leader, crashes it, steps on a little, and pauses there. */
async function interestingMoment(page) {
  await page.waitForSelector('svg.cluster g.leader', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const old = await page.locator('svg.cluster g.leader').getAttribute('data-server');
  await page.getByRole('button', { name: `Select ${old}` }).click();
  await page.getByRole('button', { name: `Crash ${old}` }).click();
  await page.getByRole('button', { name: 'Run until next leader' }).click();
  for (let i = 0; i < 7; i++) await page.getByRole('button', { name: 'Step forward one event' }).click();
}

test('a permalink reopens exactly the same moment, in a fresh page', async () => {
  const { page, problems } = await openPage(env.browser, env.server.url);
  await interestingMoment(page);
  const before = await shownState(page);
  await openTab(page, 'Share');
  const link = await page.locator('.share input').first().inputValue();
  assert.match(new URL(link).hash, /log=.*C\d.*&step=\d+/);
  assert.equal(new URL(page.url()).hash, new URL(link).hash, 'the address bar holds the link');
  assert.equal(new URL(link).search, '', 'servers never see the state: it is all in the fragment');

  const { page: other, problems: otherProblems } = await openPage(env.browser, link);
  await other.waitForSelector('svg.cluster');
  assert.deepEqual(await shownState(other), before);
  assert.equal(await other.getByRole('button', { name: 'Play' }).count(), 1, 'a link opens paused');
  await screenshot(other, 'permalink-reopened');
  assert.deepEqual([...problems, ...otherProblems], []);
});

test('embed mode shows the cluster and minimal controls', async () => {
  const url = `${env.server.url}?protocol=raft&scenario=leader-crash&step=0&embed=1`;
  const { page, problems } = await openPage(env.browser, url);
  await page.setViewportSize({ width: 560, height: 640 });
  await page.waitForSelector('main.embed svg.cluster');
  assert.equal(await page.locator('.settings, .share, table.nodes, .network').count(), 0);
  await page.getByRole('button', { name: 'Next narration ▶' }).click();
  assert.match(await page.locator('main.embed .caption').textContent(), /client writes x=1/i);
  await page.getByRole('button', { name: 'Next narration ▶' }).click();
  assert.match(await page.locator('main.embed .caption').textContent(), /leader crashes/);
  assert.equal(await page.locator('svg.cluster g.down').count(), 1);
  const full = await page.getByRole('link', { name: /Open in ClusterScope/ }).getAttribute('href');
  assert.ok(!full.includes('embed'), full);
  await screenshot(page, 'embed-leader-crash');
  assert.deepEqual(problems, []);
});

test('the share panel offers an iframe snippet that embeds this moment', async () => {
  const { page, problems } = await openPage(env.browser, env.server.url);
  await page.waitForSelector('svg.cluster g.leader', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await openTab(page, 'Share');
  const snippet = await page.locator('.share input').nth(1).inputValue();
  const src = snippet.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
  assert.match(src, /embed=1/);
  // The snippet works as written: put it in a page and the cluster renders inside.
  await page.setContent(`<!doctype html><title>course</title>${snippet}`);
  const frame = page.frameLocator('iframe');
  await frame.locator('main.embed svg.cluster g.leader').waitFor({ timeout: 20_000 });
  assert.deepEqual(problems, []);
});

test('a trace exports to a file and imports back to the same moment', async () => {
  const { page, problems } = await openPage(env.browser, env.server.url);
  await interestingMoment(page);
  const before = await shownState(page);
  await openTab(page, 'Share');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export trace (JSON)' }).click(),
  ]);
  const path = await download.path();
  const file = JSON.parse(await readFile(path, 'utf8'));
  assert.equal(file.format, 'clusterscope-trace');
  assert.ok(file.records.length > 50, `${file.records.length} records`);

  // Start over somewhere else, then import.
  await page.locator('.scrub input').fill('0');
  assert.equal(await currentStep(page), 0);
  await openTab(page, 'Share');
  await page.getByLabel('Import trace').setInputFiles(path);
  await page.getByText(/Trace imported; at step/).waitFor();
  assert.deepEqual(await shownState(page), before);

  // A broken file is refused in words; the page stays as it was.
  await openTab(page, 'Share');
  await page.getByLabel('Import trace').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format": 3') });
  await page.getByText(/Could not import the trace: This is not a ClusterScope trace file/).waitFor();
  assert.deepEqual(await shownState(page), before);

  await openTab(page, 'Share');
  const [svg] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export cluster (SVG)' }).click(),
  ]);
  const markup = await readFile(await svg.path(), 'utf8');
  assert.match(markup, /^<\?xml[^]*<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"[^]*<style>/);
  // The page's own rules travel with it (read from the loaded stylesheet), theme colours too.
  const style = markup.slice(markup.indexOf('<style>'), markup.indexOf('</style>'));
  assert.match(style, /--[a-z-]+:/);
  assert.ok(style.length > 5000, `the stylesheet is in the file (${style.length} characters)`);

  // A trace of another lab opens in that lab's bundle, at its moment.
  const paxos = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await paxos.goto(`${env.server.url}#scenario=dueling-proposers&step=40`);
  await paxos.waitForSelector('svg.cluster');
  const paxosState = await shownState(paxos);
  await openTab(paxos, 'Share');
  const [paxosDownload] = await Promise.all([
    paxos.waitForEvent('download'),
    paxos.getByRole('button', { name: 'Export trace (JSON)' }).click(),
  ]);
  const paxosTrace = await readFile(await paxosDownload.path());
  await paxos.close();
  await openTab(page, 'Share');
  await Promise.all([
    page.waitForURL(/scenario=dueling-proposers/),
    page.getByLabel('Import trace').setInputFiles({ name: 'paxos.json', mimeType: 'application/json', buffer: paxosTrace }),
  ]);
  await page.getByText(/Trace imported; at step 40/).waitFor();
  assert.match(await page.locator('p.status[aria-live]').textContent(), /^Basic Paxos/);
  assert.deepEqual(await shownState(page), paxosState);

  assert.deepEqual(problems, []);
});

test('a broken link is explained and the default lab runs instead', async () => {
  for (const [query, said] of [
    ['?protocol=raft&servers=40', /Servers must be a whole number from 3 to 9/],
    ['?protocol=raft&actions=%5B%7B%22st', /action log in this link is damaged/],
    ['?protocol=paxon', /protocol `paxon`/],
    ['?protocol=raft&step=999999999999', /past the 1000000 a link can open/],
  ]) {
    const { page, problems } = await openPage(env.browser, env.server.url + query);
    await page.waitForSelector('.notice');
    assert.match(await page.locator('.notice').textContent(), said);
    await page.waitForSelector('svg.cluster g.leader', { timeout: 20_000 });
    assert.deepEqual(problems, [], query);
    if (query.includes('actions')) await screenshot(page, 'broken-link-message');
  }
});

test('an embed scrolled out of the host page\'s view stops playing and goes on where it stopped', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}no-such-page`);
  // A host page on the same origin (a cross-origin frame off screen may be throttled by the
  // browser anyway), with the frame below a tall first screen.
  await page.setContent(`<!doctype html><html><body style="margin:0">
    <div id="spacer" style="height:3000px">course text</div>
    <iframe id="frame" title="ClusterScope" src="${env.server.url}?protocol=raft&embed=1" width="800" height="500"></iframe>
  </body></html>`);
  const frame = page.frameLocator('#frame');
  await frame.locator('svg.cluster').waitFor({ timeout: 20_000 });
  const step = async () => Number((await frame.locator('p.status').textContent()).match(/step (\d+)/)[1]);
  await page.waitForTimeout(300);
  const offScreen = await step();
  await page.waitForTimeout(1500);
  assert.equal(await step(), offScreen, 'off screen, the embed does not play');
  await page.locator('#frame').scrollIntoViewIfNeeded();
  const deadline = Date.now() + 10_000;
  while (await step() === offScreen && Date.now() < deadline) await page.waitForTimeout(100);
  const shown = await step();
  assert.ok(shown > offScreen, `in view it plays on from step ${offScreen} (now ${shown})`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  const away = await step();
  await page.waitForTimeout(1500);
  assert.equal(await step(), away, 'scrolled away again, it stops again');
  assert.ok(away >= shown, 'and it went on from where it was, not from the start');
  assert.deepEqual(problems.filter((p) => !/no-such-page|404/.test(p)), []);
});
