// Screenshots of the page for a person to look at: every lab at 1280×800 and 390×844, in
// both themes. `node tests/e2e/shoot.mjs [DIST] [OUT]` (defaults: dist/, tests/e2e/artifacts/).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, serveDist, dist as defaultDist, artifacts } from './harness.mjs';

const distDir = process.argv[2] ?? defaultDist;
const out = process.argv[3] ?? join(artifacts, 'shots');
const views = [
  ['raft', '?protocol=raft&step=400'],
  ['paxos', '?protocol=paxos&step=200'],
  ['multipaxos', '?protocol=multipaxos&step=400'],
  ['gossip', '?protocol=gossip&servers=200&step=3000'],
  ['scenario', '?scenario=leader-crash&step=300'],
  ['stale-vote', '?scenario=stale-vote-reply&step=20'],
  ['raft-settings', '?protocol=raft&step=50&panel=settings'],
  ['paxos-settings', '?protocol=paxos&step=50&panel=settings'],
  ['gossip-settings', '?protocol=gossip&step=50&panel=settings'],
  ['tasks', '?scenario=tasks-coordinator-crash&step=3000&panel=charts'],
  // 3.5 s into the stall: the coordinator gave S4's tasks to others while S4 still runs them.
  ['tasks-timeline', '?scenario=tasks-worker-stall&step=1667&panel=charts'],
  ['raft-history', '?scenario=stale-read&step=250&panel=charts'],
  // The Share tab, with its recording controls.
  ['share', '?scenario=first-election&step=12&panel=share'],
  // The page in Chinese, and the Check tab's words.
  ['zh', '?scenario=leader-crash&step=300&lang=zh'],
  ['zh-check', '?scenario=check-paxos-forget-promise&step=0&panel=check&lang=zh'],
  ['check-shipped', '?protocol=raft&bugs=figure8_commit&panel=check'],
  ['zh-figure8-check', '?scenario=check-raft-figure8-commit&step=16&lang=zh'],
  // A model whose clients read: the Check tab's reads field, and a stale read in Chinese.
  ['check-reads', '?protocol=raft&bugs=local_reads&panel=check'],
  // Membership changes the bounds ask the leader for, shown in the form.
  ['check-changes', '?protocol=raft&bugs=early_config_change&panel=check'],
  ['zh-local-reads', '?scenario=check-multipaxos-local-reads&step=16&lang=zh&panel=check'],
  // Each lab's own words in Chinese: its tables, charts and settings.
  ['zh-tasks-charts', '?scenario=tasks-worker-stall&step=1667&panel=charts&lang=zh'],
  ['zh-gossip-charts', '?scenario=gossip-rumor&step=400&panel=charts&lang=zh'],
  ['zh-leases-charts', '?scenario=leases-fencing&step=300&panel=charts&lang=zh'],
  ['zh-multipaxos-state', '?scenario=multipaxos-failover&step=300&panel=state&lang=zh'],
  ['zh-paxos-settings', '?protocol=paxos&step=50&panel=settings&lang=zh'],
  ['tasks-settings', '?protocol=tasks&step=50&panel=settings'],
  ['tasks-200', '?protocol=tasks&servers=200&leader_servers=9&step=3000'],
  // A lesson's question, a goal's step, and a lesson in its embedded frame.
  ['lesson-question', '?lesson=raft-partition&lesson_step=1'],
  ['lesson-goal', '?lesson=swim-suspicion&lesson_step=3'],
  ['lesson-embed', '?lesson=multipaxos-holes&lesson_step=1&embed=1'],
  // The Tasks lab's lesson (its own bundle), full page and framed, and in Chinese.
  ['lesson-tasks', '?lesson=tasks-partition&lesson_step=2'],
  ['lesson-tasks-embed', '?lesson=tasks-partition&lesson_step=1&embed=1'],
  ['zh-lesson-tasks', '?lesson=tasks-partition&lesson_step=1&lang=zh'],
];
// `ONLY=tasks node tests/e2e/shoot.mjs` shoots only the views whose name contains it.
const only = process.env.ONLY ?? '';
const sizes = [['desktop', 1280, 800], ['phone', 390, 844]];

await mkdir(out, { recursive: true });
const server = await serveDist(distDir);
const browser = await launch();
try {
  for (const theme of ['light', 'dark']) {
    for (const [size, width, height] of sizes) {
      const page = await browser.newPage({ viewport: { width, height }, colorScheme: theme });
      for (const [name, query] of views.filter(([name]) => name.includes(only))) {
        await page.goto(server.url + query);
        await page.locator('svg.cluster, canvas.cluster').first().waitFor();
        await page.waitForTimeout(300);
        const file = join(out, `${name}-${size}-${theme}.png`);
        await page.screenshot({ path: file, fullPage: size === 'phone' });
        console.log(file);
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
