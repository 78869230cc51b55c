// The leases lab in the page: the GC-pause story (a holder paused past its TTL wakes and
// writes beside its successor), told by the ring, the lanes and the checkers; fencing
// turning the late write away; and the pause and clock faults from the fault panel and the
// keyboard, in the link that reopens the moment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, screenshot, shownState, openTab } from './harness.mjs';

const env = withBrowser();

test('a holder paused past its lease writes beside its successor, and the lanes show it', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?scenario=leases-gc-pause`);
  await page.waitForSelector('svg.cluster');
  assert.match(await page.locator('p.status[aria-live]').textContent(), /^Leases, 4 servers/);
  const next = page.getByRole('button', { name: 'Next narration ▶' });
  // S3 gets the lease, then pauses: drawn faded, with when it resumes.
  await next.click();
  await next.click();
  const s3 = page.locator('svg.cluster g[data-server="S3"]');
  await page.waitForFunction(() => document.querySelector('svg.cluster g[data-server="S3"]')?.classList.contains('paused'));
  assert.match(await s3.locator('text.timing').textContent(), /^paused to 3s$/);
  // S4 gets lease 2 while S3 sleeps; at 3 s S3 wakes and writes under token 1, and the
  // storage takes it a few milliseconds later.
  await next.click();
  await next.click();
  assert.equal(await page.locator('.invariants li.broken').count(), 0);
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.invariants li.broken').length === 2, null, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.match(await page.locator('.invariants .violation').textContent(), /accepted S3's write under token 1 after S4's under token 2/);
  const broken = await page.locator('.invariants li.broken').allTextContents();
  assert.ok(broken.some((text) => /single writer/.test(text)), broken.join(' | '));
  assert.ok(broken.some((text) => /no write after expiry/.test(text)), broken.join(' | '));
  await openTab(page, 'Charts');
  const label = await page.locator('.lease-lanes svg').getAttribute('aria-label');
  assert.match(label, /^Lease lanes: 2 grants, 1 writes accepted after their writer's lease ran out, 0 rejected$/);
  await screenshot(page, 'leases-gc-pause');
  assert.deepEqual(problems, []);
});

test('fencing rejects the paused holder\'s late write', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?scenario=leases-fencing`);
  await page.waitForSelector('svg.cluster');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => /rejects S3's write: token 1 is older than 2/.test(document.querySelector('section.events ol')?.textContent ?? ''), null, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.equal(await page.locator('.invariants li.broken').count(), 0);
  await openTab(page, 'Charts');
  assert.match(await page.locator('.lease-lanes svg').getAttribute('aria-label'), /0 writes accepted after .*, 1 rejected$/);
  await screenshot(page, 'leases-fencing');
  assert.deepEqual(problems, []);
});

test('pause and clock faults come from the fault panel and the keys, refuse bad input, and travel in the link', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?protocol=raft&step=300`);
  await page.waitForSelector('svg.cluster');
  await openTab(page, 'Faults');
  await page.getByRole('button', { name: 'Select S2' }).click();
  // A drift beyond ±50% is refused with a message, and nothing happens.
  const drift = page.getByRole('textbox', { name: /^S2's clock drifts/ });
  await drift.fill('-80%');
  await page.getByRole('button', { name: "S2's clock drifts" }).click();
  assert.match(await page.locator('.faults .error').textContent(), /beyond ±50%/);
  await drift.fill('-20%');
  await page.getByRole('button', { name: "S2's clock drifts" }).click();
  assert.equal(await page.locator('.faults .error').count(), 0);
  // A negative pause is refused too; a good one pauses S2.
  const pause = page.getByRole('textbox', { name: /^Stop S2 for/ });
  await pause.fill('-1s');
  await page.getByRole('button', { name: 'Stop S2 for' }).click();
  assert.match(await page.locator('.faults .error').textContent(), /negative/);
  await pause.fill('1s');
  await page.getByRole('button', { name: 'Stop S2 for' }).click();
  const s2 = page.locator('svg.cluster g[data-server="S2"]');
  assert.match(await s2.getAttribute('class'), /paused/);
  assert.match(await s2.locator('text.timing').textContent(), /^paused to [\d.]+s · clock [\d.]+s$/);
  // The keyboard: S3 selected, `j` steps its clock back half a second.
  await page.getByRole('button', { name: 'Select S3' }).click();
  await page.locator('body').press('j');
  const s3 = page.locator('svg.cluster g[data-server="S3"]');
  assert.match(await s3.locator('text.timing').textContent(), /^clock /);
  const events = await page.locator('section.events ol').textContent();
  assert.match(events, /S2 is paused for 1s/);
  assert.match(events, /S3's clock jumps -500ms/);
  await page.getByRole('button', { name: 'Step forward one event' }).click();
  const before = await shownState(page);
  await openTab(page, 'Share');
  const link = await page.locator('.share input').first().inputValue();
  assert.match(link, /log=.*Q2F-200000.*Z2\.1000000.*Q3J-500000/);
  const { page: other, problems: otherProblems } = await openPage(env.browser, link);
  await other.waitForSelector('svg.cluster');
  assert.deepEqual(await shownState(other), before);
  assert.deepEqual(otherProblems, []);
  await other.close();
  await screenshot(page, 'raft-paused-and-drifting');
  assert.deepEqual(problems, []);
});

test('a link with an absurd pause or clock says so and the page keeps working', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?protocol=raft&log=1.5Z1.0_1.5Q2F900000_1.5Q3Fabc&step=20`);
  await page.waitForSelector('svg.cluster');
  const notice = await page.locator('.notice').textContent();
  assert.match(notice, /not a number/);
  assert.deepEqual(problems, []);
});

test('a store replicated by Raft survives its leader\'s crash, and its new leader honours the lease', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?scenario=leases-replicated-store`);
  await page.waitForSelector('svg.cluster');
  assert.match(await page.locator('p.status[aria-live]').textContent(), /^Leases, 6 servers/);
  const next = page.getByRole('button', { name: 'Next narration ▶' });
  // Through the crash and the cut to the new leader's take-over.
  const caption = page.locator('.narration .caption');
  for (let i = 0; i < 8 && !/S2 has won the store's election/.test(await caption.textContent()); i += 1) {
    await next.click();
  }
  assert.match(await caption.textContent(), /honours the lease for a whole TTL from now/);
  const s2 = page.locator('svg.cluster g[data-server="S2"]');
  assert.match(await s2.locator('text.role').first().textContent(), /^store leader, term 2$/);
  assert.match(await page.locator('svg.cluster g[data-server="S1"]').getAttribute('class'), /down/);
  await screenshot(page, 'leases-replicated-store');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => /grants it to S6: token 2/.test(document.querySelector('section.events ol')?.textContent ?? ''), null, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.equal(await page.locator('.invariants li.broken').count(), 0);
  const properties = await page.locator('.invariants li').allTextContents();
  assert.ok(properties.some((text) => /store replicas agree/.test(text)), properties.join(' | '));
  await openTab(page, 'Charts');
  assert.match(await page.locator('.lease-lanes svg').getAttribute('aria-label'), /^Lease lanes: 2 grants, 0 writes accepted/);
  assert.deepEqual(problems, []);
});

test('a new store leader that frees the lease it inherits is caught, and the store setting is checked', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}?scenario=leases-failover-bug`);
  await page.waitForSelector('svg.cluster');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.invariants li.broken').length === 2, null, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const broken = await page.locator('.invariants li.broken').allTextContents();
  assert.ok(broken.some((text) => /one lease at a time/.test(text)), broken.join(' | '));
  assert.ok(broken.some((text) => /single writer/.test(text)), broken.join(' | '));
  await screenshot(page, 'leases-failover-bug');

  // Three replicas need six servers: refused with the reason, then accepted.
  await openTab(page, 'Settings');
  await page.getByLabel('Lock store').selectOption({ label: '3 replicas (Raft)' });
  const servers = page.getByLabel(/^Servers \(/);
  await servers.fill('5');
  await page.getByRole('button', { name: 'Reset with these settings' }).click();
  assert.match(await page.locator('.settings .error').textContent(), /with 3 store replicas runs 6 to 10 servers/);
  await servers.fill('7');
  await page.getByRole('button', { name: 'Reset with these settings' }).click();
  assert.equal(await page.locator('.settings .error').count(), 0);
  assert.equal(await page.locator('svg.cluster g[data-server]').count(), 7);
  await page.waitForFunction(() => /store leader/.test(document.querySelector('svg.cluster')?.textContent ?? ''), null, { timeout: 20_000 });
  assert.deepEqual(problems, []);
});
