// The workspace: at 1280×800 every lab shows its cluster, the step controls, the timeline, the
// invariant strip and the event list without scrolling; the side panel's tab is kept in the
// link; at phone width everything is still there, stacked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, screenshot, openTab } from './harness.mjs';

const env = withBrowser();

const labs = [
  ['raft', '?protocol=raft'],
  ['paxos', '?protocol=paxos'],
  ['multipaxos', '?protocol=multipaxos'],
  ['gossip', '?protocol=gossip&servers=200'],
  ['scenario', '?scenario=leader-crash'],
];
const essentials = {
  cluster: 'svg.cluster, canvas.cluster',
  play: 'button[title^="Play / pause"]',
  timeline: '.scrub input',
  invariants: 'section.invariants',
  events: 'section.events',
  panels: '[role="tablist"]',
};

/** Whether the element lies fully inside the viewport. */
async function onScreen(page, selector) {
  const box = await page.locator(selector).first().boundingBox();
  const { width, height } = page.viewportSize();
  return box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= width + 1 && box.y + box.height <= height + 1;
}

for (const [name, query] of labs) {
  test(`${name}: the whole lab fits one 1280×800 screen`, async () => {
    const { page, problems } = await openPage(env.browser, env.server.url + query);
    await page.locator(essentials.cluster).first().waitFor();
    for (const [what, selector] of Object.entries(essentials)) {
      assert.ok(await onScreen(page, selector), `${what} is on screen`);
    }
    const scroll = await page.evaluate(() => document.scrollingElement.scrollHeight - window.innerHeight);
    assert.ok(scroll <= 0, `the page does not scroll (${scroll} px more)`);
    await screenshot(page, `workspace-${name}`);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('the open tab is kept in the link and reopens', async () => {
  const { page, problems } = await openPage(env.browser, env.server.url);
  await page.getByRole('button', { name: 'Pause' }).click();
  await openTab(page, 'Logs & state');
  await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('panel') === 'state');
  const { page: other } = await openPage(env.browser, page.url());
  await other.locator('table.log').waitFor();
  assert.equal(await other.getByRole('tab', { name: 'Logs & state' }).getAttribute('aria-selected'), 'true');
  // A tab the lab does not have (Basic Paxos has no charts) falls back to the first, and says so.
  const { page: third } = await openPage(env.browser, `${env.server.url}#protocol=paxos&panel=charts`);
  assert.equal(await third.getByRole('tab', { name: 'Faults' }).getAttribute('aria-selected'), 'true');
  assert.match(await third.locator('.notice').textContent(), /there is no `charts` panel here; showing Faults/);
  assert.deepEqual(problems, []);
  for (const p of [page, other, third]) await p.close();
});

test('at phone width everything stacks and the controls stay at hand', async () => {
  const page = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${env.server.url}?scenario=leader-crash`);
  await page.locator('svg.cluster').waitFor();
  for (const [what, selector] of Object.entries(essentials)) {
    assert.ok(await page.locator(selector).first().isVisible(), `${what} is there`);
  }
  const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `nothing is wider than the phone (${overflow} px)`);
  // Scrolled down to the tabs, the step buttons are still on screen.
  await page.getByRole('tab', { name: 'Faults' }).scrollIntoViewIfNeeded();
  assert.ok(await onScreen(page, essentials.play), 'Play stays on screen');
  await screenshot(page, 'workspace-phone');
  await page.close();
});
