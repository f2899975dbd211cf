// 承诺践诺 in the browser: open the page from the menu, record an organization's commitment with two
// items for a village that has none, mark one done and see the rate appear, mark the other not
// done after the warning and see the rate fall — on the commitment and in the table by organization;
// then the same pages at phone width.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot } from './browser.ts';
import type { RunningServer } from './server.ts';
import { T, changePassword, openFromMenu, settle, signIn, spaced, visible } from './ui.ts';
import { browserSuite } from './suite.ts';

const NEW_PASSWORD = 'Nanhu2024commit';
let server: RunningServer;
let page: Page;
let villageId = 0;
let commitmentId = 0;

interface Fulfillment {
  rows: { orgId: number | null; own: boolean; org: { due: number; pending: number }; member: { due: number; pending: number } }[];
}

browserSuite('commitments', (s) => {
  server = s.server;
  page = s.page;
});

async function getJson<R>(urlPath: string): Promise<R> {
  const res = await page.request.get(`${server.url}${urlPath}`);
  expect(res.status(), urlPath).toBe(200);
  return (await res.json()) as R;
}

const rateText = (p: Page) => p.getByTestId('cmt-rate').innerText();

describe('承诺践诺', () => {
  it('opens from the menu with the rates by organization and the target lines', async () => {
    await page.goto(`${server.url}/`);
    await signIn(page, 'admin', server.adminPassword);
    await changePassword(page, server.adminPassword, NEW_PASSWORD);
    await visible(page.getByTestId('home-page'));
    await openFromMenu(page, '组织生活', '承诺践诺');
    await visible(page.getByText('承诺践诺（四级承诺一评议）', { exact: true }));
    await visible(page.getByTestId('commitment-chart'));
    await expect.poll(() => page.getByTestId('rate-org-value').innerText(), { timeout: T }).toMatch(/%$/);
    await settle(page);
    await screenshot(page, 'commitments-overview');
    // A township whose subtree has a village without commitments this year.
    const year = new Date().getFullYear();
    const root = await getJson<Fulfillment>(`/api/commitments/fulfillment?year=${year}`);
    for (const t of root.rows.filter((r) => !r.own && r.orgId)) {
      const f = await getJson<Fulfillment>(`/api/commitments/fulfillment?orgId=${t.orgId}&year=${year}`);
      const free = f.rows.find((r) => !r.own && r.orgId && r.org.due + r.org.pending + r.member.due + r.member.pending === 0);
      if (free?.orgId) {
        villageId = free.orgId;
        break;
      }
    }
    expect(villageId, 'a village without commitments in the demo data').toBeGreaterThan(0);
  });

  it('records a commitment with two items, completes one and sees the rate change', async () => {
    await page.goto(`${server.url}/commitments?orgId=${villageId}`);
    await page.getByTestId('new-commitment').click();
    const modal = page.locator('.ant-modal');
    await visible(modal);
    await page.getByTestId('cmt-title').fill('浏览器测试村 年度公开承诺');
    await page.getByTestId('cmt-item-0').fill('修通村道 2.3 公里并硬化');
    await page.getByTestId('cmt-add-item').click();
    await page.getByTestId('cmt-item-1').fill('建立村级农民专业合作社');
    await modal.getByRole('button', { name: spaced('保存') }).click();
    await visible(page.getByTestId('cmt-heading'));
    commitmentId = Number(new URL(page.url()).pathname.split('/').at(-1));
    expect(commitmentId).toBeGreaterThan(0);
    // Both items are due at the year's end: nothing is due yet, so there is no rate.
    await expect.poll(() => rateText(page), { timeout: T }).toContain('暂无应兑现事项');

    await page.getByTestId('item-0-done').click();
    await page.getByTestId('item-action-text').fill('村道已硬化通车，经村务监督委员会验收');
    await page.locator('#item-action-ok').click();
    await expect.poll(() => page.getByTestId('item-0-standing').innerText(), { timeout: T }).toBe('按期兑现');
    await expect.poll(() => rateText(page), { timeout: T }).toContain('100.0%（1/1）');

    // Not done: the modal warns first; the rate falls to one of two.
    await page.getByTestId('item-1-notdone').click();
    await visible(page.getByText('确定登记为“未兑现”？', { exact: false }));
    await page.getByTestId('item-action-text').fill('上级项目资金未到位，已向群众说明');
    await page.locator('#item-action-ok').click();
    await expect.poll(() => page.getByTestId('item-1-standing').innerText(), { timeout: T }).toBe('未兑现');
    await expect.poll(() => rateText(page), { timeout: T }).toContain('50.0%（1/2）');
    await settle(page);
    await screenshot(page, 'commitment-detail');

    // The township's table shows the village at 50%.
    await page.getByText('返回承诺践诺').click();
    await visible(page.getByTestId('fulfillment-table'));
    await expect.poll(() => page.getByTestId('rate-org-value').innerText(), { timeout: T }).toBe('50.0%');
    await expect.poll(() => page.getByTestId('cmt-table').innerText(), { timeout: T }).toContain('浏览器测试村 年度公开承诺');
  });

  it('works at phone width (390 px)', async () => {
    const phone = await openBrowser({ viewport: { width: 390, height: 844 }, mobile: true });
    try {
      const p = phone.page;
      await p.goto(`${server.url}/`);
      await signIn(p, 'admin', NEW_PASSWORD);
      await visible(p.getByTestId('home-page'));
      await p.goto(`${server.url}/commitments/${commitmentId}`);
      await visible(p.getByTestId('cmt-heading'));
      const width = await p.evaluate<number>('document.documentElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(390);
      await settle(p);
      await screenshot(p, 'commitment-detail-phone');
      await p.goto(`${server.url}/commitments`);
      await visible(p.getByTestId('commitment-chart'));
      expect(await p.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await settle(p);
      await screenshot(p, 'commitments-phone');
    } finally {
      await phone.close();
    }
  });
});
