// Lessons in the page: a prediction answered before the run, revealed from what the run did;
// a goal reached with the lab's own controls; a lesson link that is wrong; a lesson in a bundle
// of its own (the Tasks lab's); and an example course page hosting three lesson frames
// (heights and progress by postMessage, the host's theme, answers by keyboard, axe clean).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { withBrowser, openPage, screenshot, openTab } from './harness.mjs';

const env = withBrowser();
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function seriousAxe(page, frame = page) {
  await frame.addScriptTag({ path: axePath });
  const result = await frame.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a Raft lesson: predict the leader, see the answer the run gives, then make S1 leader', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?lesson=raft-election`);
  const card = page.locator('section.lesson');
  await card.waitFor();
  assert.match(await card.locator('h2').textContent(), /Raft: the first election/);
  assert.match(await card.textContent(), /1 \/ 3/);
  await card.getByRole('button', { name: 'Next step ▶' }).click();

  // The question comes before the run: the button waits for an answer.
  const lockIn = card.getByRole('button', { name: /^Lock in and run to 600ms$/ });
  assert.ok(await lockIn.isDisabled());
  await card.getByRole('radio', { name: 'S2' }).check();
  await screenshot(page, 'lesson-prediction');
  await lockIn.click();
  const reveal = card.locator('.reveal');
  assert.match(await reveal.textContent(), /^Not quite: the run says “S3”\. S3 became leader in term 1/);
  assert.match(await page.locator('p.status[aria-live]').textContent(), /virtual time 600ms/);
  assert.equal(await page.locator('svg.cluster g.leader').getAttribute('data-server'), 'S3');
  assert.match(page.url(), /lesson=raft-election&lesson_step=1/);

  // The goal: the student forces S1's election timeout from the Faults tab.
  // The goal's step starts the scenario again and runs it to 600 ms, then the goal is on.
  await card.getByRole('button', { name: 'Next step ▶' }).click();
  assert.match(await card.textContent(), /Your turn: Make S1 the leader without crashing S1/);
  await card.getByRole('button', { name: 'Run to 600ms' }).click();
  assert.match(await card.locator('.goal-status').textContent(), /of virtual time left/);
  await card.getByRole('button', { name: 'Hint' }).click();
  assert.match(await card.locator('.hint').textContent(), /select S1 and time it out/);
  await openTab(page, 'Faults');
  await page.getByRole('button', { name: 'Select S1' }).click();
  await page.getByRole('button', { name: 'Time out S1' }).click();
  await page.getByRole('button', { name: 'Play' }).click();
  await card.locator('.goal-status.reached').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.match(await card.textContent(), /Lesson complete\./);
  await screenshot(page, 'lesson-goal-reached');
  // Starting another lab from the page's own controls ends the lesson.
  await openTab(page, 'Settings');
  await page.getByRole('button', { name: 'Reset with these settings' }).click();
  await card.waitFor({ state: 'detached' });
  // The free lab plays; the address follows once the picture holds still.
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.waitForFunction(() => !location.href.includes('lesson='));
  assert.deepEqual(problems, []);
});

test('a lesson link that names no lesson says so, and the page still works', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?lesson=no-such-lesson`);
  const notice = page.locator('.notice[role=alert]');
  await notice.waitFor();
  assert.match(await notice.textContent(), /This lesson could not be opened: there is no lesson `no-such-lesson`; there are .*raft-election/);
  await page.waitForSelector('svg.cluster g.leader', { timeout: 20_000 });
  assert.deepEqual(problems, []);
});

test('a Tasks lesson opens in its lessons\' own bundle and plays both predictions from the run', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?lesson=tasks-partition`);
  const card = page.locator('section.lesson');
  await card.waitFor();
  assert.match(await card.locator('h2').textContent(), /Task clusters: one leader or none, under a partition/);
  assert.match(await card.textContent(), /1 \/ 4/);
  // Both clusters of the scenario are on screen under the card.
  assert.equal(await page.locator('.clusters.sides svg.cluster').count(), 2);
  await card.getByRole('button', { name: 'Run to 3s' }).click();
  await card.getByRole('button', { name: 'Next step ▶' }).click();

  await card.getByRole('radio', { name: 'No: S5 cannot reach the coordinator' }).check();
  await card.getByRole('button', { name: /^Lock in and run to 10\.9s$/ }).click();
  assert.match(await card.locator('.reveal').textContent(), /^Right\. The coordinator's table still holds 14 tasks/);
  await card.getByRole('button', { name: 'Next step ▶' }).click();

  // A wrong answer is told so, with what the run did.
  await card.getByRole('radio', { name: 'No, it waits for the heal' }).check();
  await card.getByRole('button', { name: /^Lock in and run to 10\.9s$/ }).click();
  assert.match(await card.locator('.reveal').textContent(), /^Not quite: the run says “Yes”\. S5 knows of \d+ finished tasks/);
  await screenshot(page, 'lesson-tasks-reveal');
  await card.getByRole('button', { name: 'Next step ▶' }).click();
  await card.getByRole('button', { name: /^Run to 20s$/ }).click();
  assert.match(await card.textContent(), /Lesson complete\./);
  assert.match(await page.locator('p.status[aria-live]').textContent(), /virtual time 20s/);
  assert.deepEqual(problems, []);
});

test('another lab\'s lesson opens in its own bundle, at the step the link names', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?lesson=paxos-dueling-proposers&lesson_step=1`);
  const card = page.locator('section.lesson');
  await card.waitFor();
  assert.match(await card.textContent(), /2 \/ 3/);
  assert.match(await page.locator('p.status[aria-live]').textContent(), /^Basic Paxos.*virtual time 120ms/);
  await card.getByRole('radio', { name: 'No value is chosen' }).check();
  await card.getByRole('button', { name: /Lock in and run to 1s/ }).click();
  assert.match(await card.locator('.reveal').textContent(), /^Right\. Nothing is chosen after \d+ rounds/);
  assert.deepEqual(problems, []);
});

test('the example course page hosts three lessons: sized by message, themed by the host, answered by keyboard', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}course.html`);
  const frames = page.locator('iframe');
  assert.equal(await frames.count(), 3);
  const first = page.frameLocator('iframe').first();
  await first.locator('section.lesson').waitFor();
  // The first frame told the host its height and progress.
  await page.waitForFunction(() => document.querySelector('.progress[data-lesson="raft-election"]').textContent.startsWith('Step 1 of 3'));
  const height = await frames.first().evaluate((f) => f.getBoundingClientRect().height);
  assert.ok(height > 320, `frame height ${height}`);

  // Keyboard only: to the Next button, then the choices, then lock in.
  await first.getByRole('button', { name: 'Next step ▶' }).focus();
  await page.keyboard.press('Enter');
  await first.getByRole('radio', { name: 'S1' }).focus();
  await page.keyboard.press('Space');
  for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowDown');
  assert.ok(await first.getByRole('radio', { name: 'S3' }).isChecked());
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.match(await first.locator('.reveal').textContent(), /^Right\. S3 became leader/);
  await page.waitForFunction(() => document.querySelector('.progress[data-lesson="raft-election"]').textContent.startsWith('Step 2 of 3; 2 done'));

  // The host's theme reaches the frames.
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.waitForFunction(() => document.querySelector('iframe').contentDocument.documentElement.dataset.theme === 'dark');
  await screenshot(page, 'course-page-dark');

  // Every frame loads its lesson (the lazy ones once scrolled to).
  for (let i = 1; i < 3; i++) {
    await frames.nth(i).scrollIntoViewIfNeeded();
    await page.frameLocator('iframe').nth(i).locator('section.lesson').waitFor({ timeout: 30_000 });
  }
  assert.deepEqual(await seriousAxe(page), []);
  const frameHandle = await frames.first().elementHandle();
  assert.deepEqual(await seriousAxe(page, await frameHandle.contentFrame()), []);
  assert.deepEqual(problems, []);
});
