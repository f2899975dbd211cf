// 考核评价 in the browser: launch a quarterly 五个好 round for a township's villages, open a sheet
// and find its computed indicators already filled, click a figure through to the records behind
// it, self-check the manual items with evidence, review and finalize, and see the result — then
// the round, the sheet and the targets at phone width.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot } from './browser.ts';
import type { RunningServer } from './server.ts';
import { T, changePassword, hidden, openFromMenu, settle, signIn, spaced, visible } from './ui.ts';
import { browserSuite, choose, confirmDialog } from './suite.ts';

const NEW_PASSWORD = 'Nanhu2024assessment';
let server: RunningServer;
let page: Page;
let townshipId: number;
let sheetUrl: string;

browserSuite('assessment', (s) => {
  server = s.server;
  page = s.page;
});

describe('考核评价', () => {
  it('launches a quarterly 五个好 round for a township’s villages after confirming', async () => {
    await page.goto(`${server.url}/`);
    await signIn(page, 'admin', server.adminPassword);
    await changePassword(page, server.adminPassword, NEW_PASSWORD);
    await visible(page.getByTestId('home-page'));
    type Nodes = { items: { id: number; level: string; kind: string }[] };
    const roots = (await (await page.request.get(`${server.url}/api/orgs/roots`)).json()) as Nodes;
    let county = roots.items[0]!;
    while (county.level !== 'county') county = ((await (await page.request.get(`${server.url}/api/orgs/${county.id}/children`)).json()) as Nodes).items[0]!;
    const children = (await (await page.request.get(`${server.url}/api/orgs/${county.id}/children`)).json()) as Nodes;
    townshipId = children.items.find((o) => o.level === 'township' && o.kind === 'committee')!.id;
    expect(townshipId).toBeGreaterThan(0);

    await openFromMenu(page, '考核评价', /考核$/);
    await visible(page.getByTestId('asm-launch'));
    await page.goto(`${server.url}/assessment?orgId=${townshipId}`);
    await page.getByTestId('asm-launch').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '考核标准' });
    await visible(modal);
    await choose(page, modal.getByTestId('asm-standard'), '村级党组织“五个好”（村级党组织，v1）');
    await choose(page, modal.getByTestId('asm-part'), '第2季度');
    await modal.getByRole('button', { name: spaced('发起考核') }).click();
    await confirmDialog(page, '发起考核');
    await visible(page.getByTestId('round-title'));
    expect(await page.getByTestId('round-title').textContent()).toContain('2026年第二季度');
    await visible(page.getByTestId('round-chart'));
    // The round's results download as a workbook (a zip: it begins with PK).
    const href = await page.getByTestId('round-export').getAttribute('href');
    const xlsx = await page.request.get(`${server.url}${href}`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    expect((await xlsx.body()).subarray(0, 2).toString('latin1')).toBe('PK');
    await settle(page);
    await screenshot(page, 'assessment-round');
  });

  it('opens a sheet whose computed indicators are already filled, and clicks a figure through to its records', async () => {
    await page.getByTestId('sheet-link').first().click();
    await visible(page.getByTestId('sheet-title'));
    sheetUrl = page.url();
    await visible(page.getByTestId('sheet-basis').getByText('实时计算', { exact: false }));
    // 民主评议 is computed from the appraisal rounds: a figure, not an input.
    const item = page.getByTestId('item-members');
    const figure = item.getByTestId('figure').first();
    await visible(figure);
    expect(await figure.textContent()).toMatch(/个党组织中|没有直接管理党员/);
    expect(await item.locator('input').count()).toBe(0);
    await figure.click();
    const drawer = page.getByTestId('evidence-drawer');
    await visible(drawer.getByText('计算方法'));
    const record = drawer.getByTestId('evidence-item').first().locator('a');
    await visible(record);
    await settle(page);
    await screenshot(page, 'assessment-evidence');
    const href = await record.getAttribute('href');
    expect(href).toMatch(/^\/appraisal/);
    await record.click();
    await page.waitForURL((u) => u.pathname.startsWith('/appraisal'), { timeout: T });
    await page.goBack();
    await visible(page.getByTestId('sheet-title'));
    // Coming back may show the records drawer again: close it before going on with the sheet.
    await settle(page);
    if (await drawer.isVisible()) {
      await page.keyboard.press('Escape');
      await hidden(drawer);
    }
  });

  it('self-checks the manual items with evidence, submits, reviews and finalizes, and shows the result', async () => {
    const form = page.getByTestId('self-check');
    await visible(form);
    // Without evidence the form refuses (the server would too).
    for (const key of ['team', 'rules', 'economy', 'opinion']) await form.getByTestId(`self-points-${key}`).fill('8');
    await page.getByTestId('self-submit').click();
    await visible(form.locator('.ant-form-item-explain-error'));
    expect(await page.locator('.ant-modal-confirm').count()).toBe(0);
    for (const key of ['team', 'rules', 'economy', 'opinion']) await form.getByTestId(`self-evidence-${key}`).fill('见本季度工作台账和会议纪要');
    await page.getByTestId('self-submit').click();
    await confirmDialog(page, '提交自查');
    await visible(page.getByTestId('sheet-state').getByText('已提交自查'));
    await visible(page.getByTestId('sheet-basis').getByText('快照', { exact: false }));

    const panel = page.getByTestId('review-panel');
    await visible(panel);
    await panel.getByTestId('review-points-opinion').fill('7');
    await panel.getByTestId('review-reason-opinion').fill('测评材料不全，扣 1 分');
    await page.getByTestId('review-comment').fill('同意，注意补充测评材料');
    await page.getByTestId('review-save').click();
    await confirmDialog(page, '复核');
    await visible(page.getByTestId('sheet-state').getByText('上级已复核'));
    await page.getByTestId('finalize').click();
    await confirmDialog(page, '确定最终结果');
    await visible(page.getByTestId('sheet-state').getByText('已定稿'));
    await visible(page.getByTestId('sheet-reached').locator('.ant-tag'));
    expect(await page.getByTestId('sheet-reached').textContent()).toMatch(/达到“五个好”|未达到/);
    await settle(page);
    await screenshot(page, 'assessment-sheet-final');
  });

  it('shows the targets with their chart and the organizations counted', async () => {
    await openFromMenu(page, '考核评价', '目标');
    await visible(page.getByTestId('target-card'));
    expect(await page.getByTestId('target-card').count()).toBe(3);
    await visible(page.getByTestId('target-chart'));
    expect(await page.getByTestId('target-progress').first().textContent()).toMatch(/当前进度：[\d.]+%/);
    // The demo's focus townships have villages that reached 五个好 in the Q3 rounds: the village
    // target shows them, and its count is the number of organizations listed as counted.
    type Targets = { items: { standardCode: string; reached: number; total: number; orgs: { reached: boolean }[] }[] };
    const api = (await (await page.request.get(`${server.url}/api/assessment-targets`)).json()) as Targets;
    const village = api.items.find((t) => t.standardCode === 'five_good_village')!;
    expect(village.reached).toBeGreaterThan(0);
    expect(village.orgs.filter((o) => o.reached).length).toBe(village.reached);
    await expect(page.getByTestId('target-card').filter({ hasText: '村级党组织达到“五个好”' }).getByTestId('target-progress').textContent()).resolves.toContain(`${village.reached} / ${village.total}`);
    await settle(page);
    await screenshot(page, 'assessment-targets');
  });

  it('changes a target’s share in its form, and deletes a target after confirming', async () => {
    const first = page.getByTestId('target-card').first();
    await first.getByTestId('target-edit').click();
    const form = page.locator('.ant-modal').filter({ hasText: '修改目标' });
    await visible(form);
    await form.getByLabel('目标比例（%）').fill('1');
    await form.getByRole('button', { name: spaced('保存') }).click();
    await hidden(form);
    await expect.poll(() => first.getByTestId('target-share').textContent(), { timeout: T }).toMatch(/≥ 1%/);
    const last = page.getByTestId('target-card').last();
    const title = (await last.locator('.ant-card-head-title').textContent()) ?? '';
    await last.getByTestId('target-delete').click();
    const pop = page.locator('.ant-popover').filter({ hasText: `删除目标“${title}”？进度由考核结果计算，删除后不影响已有考核表。` });
    await visible(pop);
    await pop.getByRole('button', { name: spaced('删除') }).click();
    await expect.poll(() => page.getByTestId('target-card').count(), { timeout: T }).toBe(2);
    expect(await page.getByTestId('target-card').filter({ hasText: title }).count()).toBe(0);
  });

  it('works at phone width (390 px): the sheet, its records and the targets', async () => {
    const phone = await openBrowser({ viewport: { width: 390, height: 844 } });
    try {
      const p = phone.page;
      await p.goto(`${server.url}/`);
      await signIn(p, 'admin', NEW_PASSWORD);
      await visible(p.getByTestId('home-page'));
      await p.goto(sheetUrl);
      await visible(p.getByTestId('sheet-title'));
      await settle(p);
      await screenshot(p, 'assessment-sheet-phone');
      await p.getByTestId('figure').first().click();
      await visible(p.getByTestId('evidence-drawer').getByText('计算方法'));
      await settle(p);
      await screenshot(p, 'assessment-evidence-phone');
      await p.goto(`${server.url}/assessment/targets`);
      await visible(p.getByTestId('target-chart'));
      await settle(p);
      await screenshot(p, 'assessment-targets-phone');
      const overflow = await p.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      expect(overflow).toBeLessThanOrEqual(1);
    } finally {
      await phone.close();
    }
  });
});
