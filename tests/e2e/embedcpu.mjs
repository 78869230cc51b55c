// CPU of an embedded lesson (run by `cargo xtask bench`, never by the tests): the example
// course page with its first lesson frame playing, measured with Chromium's own counters
// (CDP Performance.getMetrics: script and task time on the renderer's main thread, which the
// same-origin frames share) while the frame is on screen, scrolled out of view, and back.
import { serveDist, launch, openPage } from './harness.mjs';

const SECONDS = 5;
const server = await serveDist();
const browser = await launch();
try {
  const { page, problems } = await openPage(browser, `${server.url}course.html`);
  const frame = page.frameLocator('iframe').first();
  await frame.locator('section.lesson').waitFor();
  await frame.getByRole('button', { name: 'Play' }).click();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
  };
  const measure = async (label) => {
    const before = await metrics();
    await page.waitForTimeout(SECONDS * 1000);
    const after = await metrics();
    const ms = (key) => ((after[key] - before[key]) * 1000 / SECONDS).toFixed(1);
    const clock = await frame.locator('p.status').textContent();
    console.log(`${label}: script ${ms('ScriptDuration')} ms/s, tasks ${ms('TaskDuration')} ms/s, layout ${ms('LayoutDuration')} ms/s — frame says: ${clock.trim()}`);
  };
  await page.waitForTimeout(1000);
  await measure('lesson frame playing, on screen');
  // Scroll the host so that the first frame is out of the viewport (the others have not
  // been scrolled to, so lazy loading has not started them).
  await page.evaluate(() => window.scrollTo(0, document.querySelector('iframe').getBoundingClientRect().bottom + window.scrollY + 50));
  await page.waitForTimeout(500);
  await measure('lesson frame scrolled out of view');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(500);
  await measure('back on screen');
  if (problems.length) console.log('problems:', problems);
} finally {
  await browser.close();
  await server.close();
}
