// Recording for slides: a range of steps filmed as the page draws the cluster, into a WebM
// video and an animated GIF. The GIF is decoded in the browser and its frames checked
// against what the run did: no leader at its first step, the leader's colour at its last.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, screenshot, openTab } from './harness.mjs';

const env = withBrowser();

/** Reads a downloadable file the page made (a blob: link) as bytes, in the page. */
async function fileBytes(page, name) {
  const href = await page.getByRole('link', { name: new RegExp(`Download ${name}`) }).getAttribute('href');
  assert.match(href, /^blob:/);
  return href;
}

/** The GIF's frame count and size, and for its first and last frames the number of pixels
 * in the leader's colour (#e69f00), decoded by the browser's own image decoder. */
async function gifFrames(page, href) {
  return page.evaluate(async (href) => {
    const data = await (await fetch(href)).arrayBuffer();
    const head = String.fromCharCode(...new Uint8Array(data.slice(0, 6)));
    const decoder = new ImageDecoder({ data, type: 'image/gif' });
    await decoder.tracks.ready;
    const frames = decoder.tracks.selectedTrack.frameCount;
    const leaderPixels = async (frameIndex) => {
      const { image } = await decoder.decode({ frameIndex });
      const canvas = new OffscreenCanvas(image.displayWidth, image.displayHeight);
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      const { data: rgba } = context.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < rgba.length; i += 4) {
        const near = (v, w) => Math.abs(v - w) < 24;
        if (near(rgba[i], 0xe6) && near(rgba[i + 1], 0x9f) && near(rgba[i + 2], 0x00)) count++;
      }
      const size = [image.displayWidth, image.displayHeight];
      image.close();
      return { count, size };
    };
    const first = await leaderPixels(0);
    const last = await leaderPixels(frames - 1);
    return { head, frames, size: first.size, first: first.count, last: last.count, bytes: data.byteLength };
  }, href);
}

test('an election filmed from step 0 to 12: a WebM video and a GIF whose frames are the run', async () => {
  const url = `${env.server.url}?protocol=raft&scenario=first-election`;
  const { page, problems } = await openPage(env.browser, url);
  await page.waitForSelector('svg.cluster');
  await openTab(page, 'Share');
  const record = page.locator('fieldset.record');
  const [from, to] = [record.getByLabel('From step'), record.getByLabel('to step')];

  // A range that ends before it starts is explained, and nothing else changes.
  await from.fill('5');
  await from.dispatchEvent('change');
  await to.fill('3');
  await to.dispatchEvent('change');
  await record.getByRole('button', { name: 'Record' }).click();
  assert.match(await record.locator('.status').textContent(), /ends \(step 3\) before it starts \(step 5\)/);

  await from.fill('0');
  await from.dispatchEvent('change');
  await to.fill('12');
  await to.dispatchEvent('change');
  await record.getByRole('button', { name: 'Record' }).click();
  await record.locator('.film-progress progress').first().waitFor();
  await record.locator('.film-made').waitFor({ timeout: 60_000 });
  // The run stopped where the range ends, paused, with the leader elected.
  assert.match(await page.locator('p.status[aria-live]').textContent(), /step 1[2-9]\b/);
  assert.equal(await page.getByRole('button', { name: 'Play' }).count(), 1);
  assert.equal(await page.locator('svg.cluster g.leader').count(), 1);

  const gif = await gifFrames(page, await fileBytes(page, 'cluster.gif'));
  assert.equal(gif.head, 'GIF89a');
  assert.deepEqual(gif.size, [480, 480]);
  assert.ok(gif.frames >= 3, `${gif.frames} frames`);
  assert.equal(gif.first, 0, 'no leader at step 0');
  assert.ok(gif.last > 500, `the leader's fill at step 12: ${gif.last} pixels`);

  const webm = await page.evaluate(async (href) => {
    const data = new Uint8Array(await (await fetch(href)).arrayBuffer());
    const video = document.createElement('video');
    video.muted = true;
    video.src = href;
    await new Promise((resolve, reject) => {
      video.onloadedmetadata = resolve;
      video.onerror = () => reject(new Error('the video does not load'));
    });
    return { magic: [...data.slice(0, 4)], bytes: data.length, width: video.videoWidth, height: video.videoHeight };
  }, await fileBytes(page, 'cluster.webm'));
  assert.deepEqual(webm.magic, [0x1a, 0x45, 0xdf, 0xa3], 'an EBML (WebM) file');
  assert.deepEqual([webm.width, webm.height], [480, 480]);

  // The links download as files with their names.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /Download cluster\.gif/ }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'cluster.gif');
  await record.scrollIntoViewIfNeeded();
  await screenshot(page, 'recording-done');
  console.log(`# GIF ${gif.frames} frames, ${gif.bytes} bytes; WebM ${webm.bytes} bytes`);
  assert.deepEqual(problems, []);
});

test('a lab of two clusters films both side by side, in the dark theme, and can be stopped early', async () => {
  const url = `${env.server.url}?protocol=tasks&scenario=tasks-partition`;
  const { page, problems } = await openPage(env.browser, url);
  await page.waitForSelector('svg.cluster');
  await page.getByRole('button', { name: /^Theme:/ }).click();
  await page.getByRole('button', { name: /^Theme:/ }).click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await openTab(page, 'Share');
  const record = page.locator('fieldset.record');
  await record.getByLabel('to step').fill('5000');
  await record.getByLabel('to step').dispatchEvent('change');
  await record.getByRole('button', { name: 'Record' }).click();
  await page.waitForFunction(() => /step ([2-9]\d|\d{3,})\b/.test(document.querySelector('p.status[aria-live]').textContent));
  await record.getByRole('button', { name: 'Stop here' }).click();
  await record.locator('.film-made').waitFor({ timeout: 60_000 });
  const gif = await gifFrames(page, await fileBytes(page, 'cluster.gif'));
  assert.deepEqual(gif.size, [960, 480]);
  // The dark theme's background, not the light one, behind the pictures.
  const corner = await page.evaluate(async (href) => {
    const bitmap = await createImageBitmap(await (await fetch(href)).blob());
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    context.drawImage(bitmap, 0, 0);
    return [...context.getImageData(2, 2, 1, 1).data.slice(0, 3)];
  }, await fileBytes(page, 'cluster.gif'));
  assert.ok(corner.every((v) => v < 60), `a dark corner: ${corner}`);
  await record.scrollIntoViewIfNeeded();
  await screenshot(page, 'recording-two-clusters-dark');
  assert.deepEqual(problems, []);
});
