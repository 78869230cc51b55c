// A student steps through the first election message by message and reads each step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, screenshot, currentStep } from './harness.mjs';

const env = withBrowser();

test('stepping through an election narrates each message', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?protocol=raft&scenario=first-election`);
  await page.waitForSelector('svg.cluster');
  assert.equal(await currentStep(page), 0);
  assert.equal(await page.getByRole('button', { name: 'Play' }).count(), 1, 'a scenario waits for the reader');

  const said = [];
  for (let i = 0; i < 40 && (await page.locator('svg.cluster g.leader').count()) === 0; i++) {
    await page.getByRole('button', { name: 'Step forward one event' }).click();
    said.push(await page.locator('section.events ol').textContent());
  }
  const text = said.join('\n');
  assert.match(text, /times out and starts an election for term 1/);
  assert.match(text, /receives S\d's vote request for term 1/);
  assert.match(text, /votes for S\d in term 1/);
  assert.match(text, /wins a majority and becomes leader for term 1/);
  // Each click was one step, and the newest line belongs to the newest step.
  assert.equal(await currentStep(page), said.length);
  const newest = await page.locator('section.events ol li .step').last().textContent();
  assert.equal(Number(newest), said.length);

  // The scenario's own narration is shown above the controls.
  assert.match(await page.locator('.narration .caption').textContent(), /All servers start as followers in term 0/);
  await screenshot(page, 'election-stepped');
  assert.deepEqual(problems, []);
});
