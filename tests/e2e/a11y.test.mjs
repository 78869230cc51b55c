// Accessibility: axe-core finds no serious or critical issue in either theme, and the `?`
// overlay lists the shortcuts and closes from the keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { withBrowser, openPage, screenshot } from './harness.mjs';

const env = withBrowser();
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Serious and critical axe findings, with every tab of the side panel opened in turn (or,
 * while a dialog is open, as the page is). */
async function seriousIssues(page) {
  await page.addScriptTag({ path: axePath });
  const found = [];
  const tabs = await page.getByRole('dialog').count() ? [''] : await page.getByRole('tab').allTextContents();
  for (const tab of tabs) {
    if (tab) await page.getByRole('tab', { name: tab }).click();
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    found.push(...result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${tab}: ${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`));
  }
  return found;
}

for (const theme of ['light', 'dark']) {
  test(`axe-core finds no serious issue in the ${theme} theme`, async () => {
    const { page, problems } = await openPage(env.browser, `${env.server.url}?protocol=raft&scenario=partitioned-leader`);
    await page.evaluate((t) => localStorage.setItem('clusterscope-theme', t), theme);
    await page.reload();
    await page.waitForSelector('svg.cluster');
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Next narration ▶' }).click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme);
    assert.deepEqual(await seriousIssues(page), []);
    await screenshot(page, `theme-${theme}`);
    assert.deepEqual(problems, []);
  });
}

// The Paxos pages have their own colours, tags and tables; the Tasks lab its two rings,
// its hash ring, load bars and sweep; the leases lab its lanes, a paused server and a
// replicated store's Raft roles; a model checker's counterexample its picked messages.
for (const [scenario, theme] of [['dueling-proposers', 'light'], ['multipaxos-failover', 'dark'],
  ['tasks-partition', 'dark'], ['tasks-coordinator-crash', 'light'],
  ['leases-gc-pause', 'dark'], ['leases-fencing', 'light'],
  ['leases-replicated-store', 'dark'], ['leases-failover-bug', 'light'],
  ['check-paxos-forget-promise', 'dark']]) {
  test(`axe-core finds no serious issue on ${scenario} (${theme})`, async () => {
    const { page, problems } = await openPage(env.browser, `${env.server.url}?scenario=${scenario}`);
    await page.evaluate((t) => localStorage.setItem('clusterscope-theme', t), theme);
    await page.reload();
    await page.waitForSelector('svg.cluster');
    const next = page.getByRole('button', { name: 'Next narration ▶' });
    for (let i = 0; i < 3 && await next.isEnabled(); i++) await next.click();
    assert.deepEqual(await seriousIssues(page), []);
    await screenshot(page, `a11y-${scenario}`);
    assert.deepEqual(problems, []);
  });
}

test('the ? overlay lists the shortcuts and Escape closes it', async () => {
  const { page, problems } = await openPage(env.browser, env.server.url);
  await page.waitForSelector('svg.cluster');
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.waitFor();
  const keys = await dialog.locator('kbd').allTextContents();
  for (const key of ['Space', '→', '←', '?', 'Esc']) assert.ok(keys.includes(key), `${key} in ${keys}`);
  assert.deepEqual(await seriousIssues(page), []);
  await screenshot(page, 'help-overlay');
  await page.keyboard.press('Escape');
  assert.equal(await dialog.count(), 0);
  assert.deepEqual(problems, []);
});
