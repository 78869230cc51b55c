// The page in English and Simplified Chinese: picked from the browser's languages or the
// link's `lang`, switched in the header at the same moment, kept in links, and a language
// the page does not speak said, not silently dropped. The narration of scenarios, lessons
// and events comes after the first picture, and in English while it has not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, screenshot } from './harness.mjs';

const env = withBrowser();

const languageSelect = (page) => page.locator('header.top label', { hasText: /Language|语言/ }).locator('select');
const playButton = (page) => page.locator('button[aria-pressed]').first();
const stepOf = async (page) => new URL(page.url()).hash.match(/step=(\d+)/)?.[1];

test('a Chinese browser gets the Chinese page, and its links stay language-free', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}#scenario=first-election&step=12`, { locale: 'zh-CN' });
  await page.locator('svg.cluster').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.equal((await playButton(page).textContent()).trim(), '播放');
  assert.deepEqual(
    (await page.getByRole('tab').allTextContents()).map((t) => t.trim()).slice(0, 4),
    ['故障', '日志与状态', '设置', '分享'],
  );
  assert.match(await page.locator('p.status[aria-live]').first().textContent(), /台服务器 — 虚拟时间 .*，第 12 步/);
  // The events, as the Raft core tells them, in Chinese (l10n/zh/common.ftl).
  await page.locator('section.events li', { hasText: /S\d 赢得多数，成为任期 1 的领导者/ }).waitFor();
  assert.match(await page.locator('section.events').textContent(), /收到 S\d 在任期 1 的投票请求/);
  // The browser chose the language, so a link copied from here opens in its reader's.
  assert.doesNotMatch(page.url(), /lang=/);
  await page.keyboard.press('?');
  await page.getByRole('heading', { name: '快捷键' }).waitFor();
  await page.keyboard.press('Escape');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the link\'s lang wins over the browser, and the switch reloads at the same moment', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}#scenario=first-election&step=12&panel=share&lang=en`, { locale: 'zh-CN' });
  await page.locator('svg.cluster').waitFor();
  assert.equal((await playButton(page).textContent()).trim(), 'Play');
  assert.match(page.url(), /lang=en/);
  await languageSelect(page).selectOption('zh');
  await page.waitForURL(/lang=zh/);
  await page.locator('svg.cluster').waitFor();
  assert.equal((await playButton(page).textContent()).trim(), '播放');
  assert.equal(await stepOf(page), '12', 'the same step');
  assert.equal(await page.getByRole('tab', { selected: true }).textContent(), '分享', 'the same tab');
  // Stepping keeps the language in the address bar, and so in every link made from it.
  await page.getByRole('button', { name: '前进一个事件' }).click();
  await page.waitForURL(/step=13/);
  assert.match(page.url(), /lang=zh/);
  assert.match(await page.locator('.share input, .share textarea').first().inputValue(), /lang=zh/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a language the page does not speak is said, and the page speaks the browser\'s', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}#protocol=raft&step=5&lang=tlh`);
  await page.locator('svg.cluster').waitFor();
  assert.match(await page.locator('.notice').textContent(), /`lang=tlh`: the page speaks en, zh; showing the browser's language/);
  assert.equal((await playButton(page).textContent()).trim(), 'Play');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a lesson in Chinese: its card\'s controls, a prediction and its verdict', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}#lesson=raft-election&lang=zh`);
  const card = page.locator('section.lesson');
  await card.waitFor();
  assert.equal(await card.getAttribute('aria-label'), '课程');
  await card.getByRole('button', { name: '下一步 ▶' }).click();
  // The second step's question: its run button waits for an answer, then locks it in.
  const legend = card.locator('fieldset.prediction legend');
  assert.match(await legend.textContent(), /^预测：/);
  const run = card.getByRole('button', { name: '确定答案并运行到 600ms' });
  assert.equal(await run.isDisabled(), true);
  // The lesson's own words, from the Raft lab's narration file (l10n/zh/raft.ftl).
  await card.locator('p.say', { hasText: '观察每台服务器上的计时器。' }).waitFor();
  assert.equal(await card.locator('h2').textContent(), 'Raft：第一次选举');
  assert.match(await legend.textContent(), /哪台服务器会成为领导者？/);
  await card.getByRole('radio').first().check();
  await screenshot(page, 'language-zh-lesson');
  await run.click();
  await card.locator('[aria-live] p, [aria-live]').filter({ hasText: /答对了|不对|运行的结果是/ }).first().waitFor();
  // The reveal is the Chinese template with the run's facts in its holes.
  const reveal = card.locator('[aria-live]').filter({ hasText: /成为领导者/ }).first();
  assert.match(await reveal.textContent(), /S\d 在任期 1 成为领导者：它的计时器最先触发/);
  await screenshot(page, 'language-zh-reveal');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a scenario\'s narration in Chinese, and in English while its file is missing', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}#scenario=leader-crash&step=300&lang=zh`);
  const caption = page.locator('section.narration');
  await caption.filter({ hasText: '新的领导者已经选出；客户端经由它写入 x=2。' }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();

  const missing = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  missing.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  missing.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  await missing.route('**/l10n/zh/*.ftl', (route) => route.fulfill({ status: 404, body: '' }));
  await missing.goto(`${env.server.url}#scenario=leader-crash&step=300&lang=zh`);
  await missing.locator('section.narration', { hasText: 'A new leader has been elected; the client writes x=2 through it.' }).waitFor();
  assert.equal((await playButton(missing).textContent()).trim(), '播放', 'the page\'s own words still Chinese');
  assert.match((await missing.locator('svg.cluster text.role').allTextContents()).join(' '), /leader/, 'the servers\' words English');
  assert.ok(errors.some((e) => /l10n\/zh\/raft\.ftl did not load: HTTP 404/.test(e)), errors.join('\n'));
  assert.ok(!errors.some((e) => e.startsWith('page error')), errors.join('\n'));
  await missing.close();
});

test('the labs\' own words in Chinese: the servers, the tables, the settings, the task clusters', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}#scenario=leader-crash&step=300&lang=zh`);
  // Drawn on the servers (l10n/zh/common.ftl, which arrives after the first picture).
  await page.locator('svg.cluster text.role', { hasText: '领导者' }).waitFor();
  assert.match(await page.locator('svg.cluster text.term').first().textContent(), /^任期 \d+$/);
  assert.ok((await page.locator('svg.cluster text.role').allTextContents()).includes('跟随者'));
  await page.getByRole('tab', { name: '日志与状态' }).click();
  assert.equal(await page.locator('table.nodes caption').first().textContent(), '服务器状态');
  assert.deepEqual((await page.locator('table.nodes thead th').allTextContents()).slice(0, 3), ['服务器', '角色', '任期']);
  await page.getByRole('tab', { name: '设置' }).click();
  const form = page.getByRole('form', { name: '集群设置' });
  await form.getByRole('button', { name: '用这些设置重新开始' }).waitFor();
  assert.match(await form.textContent(), /选举超时 \(ms\)/);
  assert.match(await form.textContent(), /投票时不检查候选人的日志是否足够新/, 'a bug\'s description');
  await screenshot(page, 'language-zh-settings');
  assert.deepEqual(problems, []);
  await page.close();

  // A violation's line in the events names the property as the invariants row does.
  const broken = await openPage(env.browser, `${env.server.url}#scenario=check-raft-skip-log-check&step=8&lang=zh`);
  await broken.page.locator('section.events li.violation', { hasText: '违反 领导者完整性：' }).first().waitFor();
  assert.deepEqual(broken.problems, []);
  await broken.page.close();

  const tasks = await openPage(env.browser, `${env.server.url}#scenario=tasks-worker-crash&step=200&lang=zh`);
  await tasks.page.locator('.side-caption', { hasText: '单领导者' }).first().waitFor();
  await tasks.page.locator('svg.cluster text.role', { hasText: '协调者' }).waitFor();
  await screenshot(tasks.page, 'language-zh-tasks-words');
  assert.deepEqual(tasks.problems, []);
  await tasks.page.close();
});

test('a link\'s notes and a setting refused, in Chinese; words that come late, drawn again', async () => {
  // The translations nearly always arrive before the far larger bundle; here the bundle is
  // held back to make sure, since a link's notes are made once, while the page starts.
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.route('**/*_bg.wasm', async (route) => { await new Promise((r) => setTimeout(r, 500)); await route.continue(); });
  await page.goto(`${env.server.url}#protocol=raft&step=5&colour=blue&lang=zh`);
  await page.locator('svg.cluster').waitFor();
  assert.match(await page.locator('.notice').textContent(), /此链接打开时有所改动：`colour` 不是 ClusterScope 的设置；已忽略。/);
  await page.getByRole('tab', { name: '设置' }).click();
  const form = page.getByRole('form', { name: '集群设置' });
  await form.getByLabel('心跳间隔').fill('900');
  await form.getByRole('button', { name: '用这些设置重新开始' }).click();
  assert.match(await form.getByRole('alert').textContent(), /^心跳间隔必须至少 1 毫秒，并且短于选举超时/);
  assert.deepEqual(problems, []);
  await page.close();

  // Translations held back past the first picture: English first, then drawn in Chinese.
  const late = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
  let release;
  const held = new Promise((r) => { release = r; });
  await late.route('**/l10n/zh/common.ftl', async (route) => { await held; await route.continue(); });
  await late.goto(`${env.server.url}#scenario=leader-crash&step=300&lang=zh`);
  await late.locator('svg.cluster text.role', { hasText: 'leader' }).waitFor();
  release();
  await late.locator('svg.cluster text.role', { hasText: '领导者' }).waitFor();
  await late.close();
});

test('the Chinese page at 1280×800 and at phone width', async () => {
  for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
    const page = await env.browser.newPage({ viewport, locale: 'zh-CN' });
    await page.goto(`${env.server.url}#scenario=leader-crash&step=300`);
    await page.locator('svg.cluster').waitFor();
    // The Chinese words fit: nothing pushes the page wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: the page is ${overflow}px wider than the screen`);
    await screenshot(page, `language-zh-${name}`);
    await page.close();
  }
});

test('without its words file the page still starts, showing message ids, and says why', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  await page.route('**/l10n/*.ftl', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto(`${env.server.url}#protocol=raft&step=5`);
  await page.locator('svg.cluster').waitFor();
  assert.equal((await playButton(page).textContent()).trim(), 'play');
  assert.ok(errors.some((e) => /l10n\/en\.ftl did not load: HTTP 404/.test(e)), errors.join('\n'));
  assert.ok(!errors.some((e) => e.startsWith('page error')), errors.join('\n'));
  await page.close();
});

test('the Check tab\'s words load with a lab that has the tab, in its language, and only there', async () => {
  const fetchedCheckWords = (page) => {
    const asked = [];
    page.on('request', (request) => { if (request.url().includes('/check.ftl')) asked.push(request.url()); });
    return asked;
  };
  const { page, problems } = await openPage(env.browser, `${env.server.url}?protocol=paxos&panel=check&lang=zh`);
  await page.locator('section.check').waitFor();
  assert.match(await page.locator('section.check p.note').textContent(), /^在下列故障范围内，穷举这个/);
  const search = page.locator('section.check select').nth(1);
  assert.deepEqual((await search.locator('option').allTextContents()).map((t) => t.trim()),
    ['广度优先（最短反例）', '深度优先（更省内存）', '深度优先求最短反例（更省内存，较慢）']);
  await screenshot(page, 'check-tab-zh');
  assert.deepEqual(problems, []);
  await page.close();
  // A lab without the tab does not fetch its words.
  const tasks = await env.browser.newPage();
  const asked = fetchedCheckWords(tasks);
  await tasks.goto(`${env.server.url}?protocol=tasks&lang=zh`);
  await tasks.locator('svg.cluster, canvas').first().waitFor();
  assert.deepEqual(asked, []);
  await tasks.close();
});
