// Shared by the end-to-end tests: serves the release build (dist/) on 127.0.0.1 and drives
// Debian's Chromium through playwright-core, recording every page error, console error and
// request that leaves the page's own origin.
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const dist = join(here, '..', '..', 'dist');
export const artifacts = join(here, 'artifacts');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
};

/** Starts a static server for dist/ (or `root`) on an ephemeral loopback port. */
export async function serveDist(root = dist) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = join(root, path === '/' ? 'index.html' : path);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

/** Launches headless Chromium with the flags this closed network needs. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/**
 * Opens a page that records problems: page errors, console errors, foreign requests. The
 * browser speaks English unless `locale` says otherwise (the page follows its language).
 */
export async function openPage(browser, url, { locale = 'en-US' } = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale });
  const problems = [];
  const origin = new URL(url).origin;
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('request', (r) => {
    const target = r.url();
    // A blob: address is a file the page made in memory (a recording), named by its origin.
    const local = target.startsWith(origin) || target.startsWith('data:') || target.startsWith(`blob:${origin}/`);
    if (!local) problems.push(`request off origin: ${target}`);
  });
  await page.goto(url);
  return { page, problems };
}

export async function screenshot(page, name) {
  await mkdir(artifacts, { recursive: true });
  const path = join(artifacts, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Registers hooks that serve dist/ and launch Chromium around a test file; the returned
 * object holds `server` and `browser` once the tests run.
 */
export function withBrowser() {
  const env = {};
  before(async () => {
    env.server = await serveDist();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** Waits until the cluster view shows a leader other than `old`; returns its name. */
export async function waitForNewLeader(page, old) {
  // A partitioned old leader can still show as leader (of an older term) next to the new one.
  const fresh = await page.waitForFunction(
    (previous) => [...document.querySelectorAll('svg.cluster g.leader')]
      .map((g) => g.getAttribute('data-server'))
      .find((name) => name !== previous),
    old,
    { timeout: 30_000 },
  );
  return fresh.jsonValue();
}

/** The step number in the status line. */
export async function currentStep(page) {
  return Number((await page.locator('p.status[aria-live]').textContent()).match(/step (\d+)/)[1]);
}

/** A fingerprint of what the page shows: status line, server table and log cells. */
export async function shownState(page) {
  await openTab(page, 'Logs & state');
  return {
    status: await page.locator('p.status[aria-live]').textContent(),
    servers: await page.locator('table.nodes tbody tr').allTextContents(),
    log: await page.locator('table.log tbody tr').allTextContents(),
    // Every cluster the lab draws (the Tasks lab draws two).
    clusters: await page.locator('.cluster').evaluateAll((all) => all.map((c) => c.getAttribute('aria-label'))),
  };
}

/** Opens a tab of the side panel (Faults, Logs & state, Settings, Share, Charts). */
export async function openTab(page, name) {
  await page.getByRole('tab', { name }).click();
}
