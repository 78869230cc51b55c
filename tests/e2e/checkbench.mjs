// The model checker in the page's worker against the same check natively (run by `cargo xtask
// bench-check` after the native runs, never by the tests): Basic Paxos with its default
// bounds (3 servers, 2 client requests, 1 crash, depth 15), breadth-first and depth-first,
// through the Check tab. Prints the worker's own counters: states, distinct states, seconds
// and distinct states per second, as the tab shows them when the search ends.
import { serveDist, launch, openPage, openTab } from './harness.mjs';

const server = await serveDist();
const browser = await launch();
try {
  for (const [order, label] of [['bfs', 'breadth-first'], ['dfs', 'depth-first']]) {
    const { page, problems } = await openPage(browser, `${server.url}?protocol=paxos`);
    await page.waitForSelector('svg.cluster');
    await page.getByRole('button', { name: 'Pause' }).click();
    await openTab(page, 'Check');
    const check = page.locator('section.check');
    await check.getByLabel('Bug').selectOption('');
    await check.getByLabel('Search').selectOption(order);
    await check.getByRole('button', { name: 'Check', exact: true }).click();
    await page.waitForFunction(() => /^No violation|^Exhausted|^Violation|^Stopped/.test(document.querySelector('.check p.outcome')?.textContent ?? ''), null, { timeout: 600_000 });
    const status = await page.locator('.check p.outcome').textContent();
    console.log(`worker, paxos default bounds, ${label}: ${status.replaceAll('\u2009', ',')}`);
    if (problems.length) console.log(problems.join('\n'));
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
