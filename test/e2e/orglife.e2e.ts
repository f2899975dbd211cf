// 组织生活 in the browser: a branch's theme-day cell for this month is still open; the secretary's
// work is done in the UI — plan the 主题党日, open it, mark everyone present but one absent, write the
// minutes, save — and the branch's cell in the compliance matrix turns to held. Desktop and phone.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import type { RunningServer } from './server.ts';
import { T, changePassword, settle, signIn, spaced, visible } from './ui.ts';
import { browserSuite, choose } from './suite.ts';

const NEW_PASSWORD = 'Nanhu2024orglife';
let server: RunningServer;
let page: Page;
let branchId = 0;
let month = '';

interface Ov {
  asOf: string;
  rows: { orgId: number; orgKind: string; cells: { kind: string; required: number; held: number; open: number }[] }[];
}

browserSuite('orglife', (s) => {
  server = s.server;
  page = s.page;
});

describe('组织生活', () => {
  it('shows the compliance matrix with this month’s theme day still open for a branch', async () => {
    await page.goto(`${server.url}/`);
    await signIn(page, 'admin', server.adminPassword);
    await changePassword(page, server.adminPassword, NEW_PASSWORD);
    await visible(page.getByTestId('home-page'));
    const q = await (await page.request.get(`${server.url}/api/orglife/overview`)).json() as Ov;
    month = q.asOf.slice(0, 7);
    const ov = await (await page.request.get(`${server.url}/api/orglife/overview?span=${month}`)).json() as Ov;
    const row = ov.rows.find((r) => r.orgKind === 'branch' && r.cells.some((c) => c.kind === 'theme_day' && c.held === 0 && c.open === 1));
    expect(row, 'a branch whose theme day of this month is still open').toBeTruthy();
    branchId = row!.orgId;

    // The menu group 组织生活 holds the entry of the same name (first in the group).
    await page.getByTestId('main-menu').getByText('组织生活', { exact: true }).first().click();
    const entry = page.locator('.ant-menu-submenu-popup').getByRole('menuitem', { name: '组织生活' });
    await visible(entry);
    await entry.first().click();
    await visible(page.getByText('按期召开情况', { exact: false }));
    await page.goto(`${server.url}/orglife?orgId=${branchId}&span=${month}`);
    const cell = page.getByTestId(`cell-${branchId}-theme_day`);
    await visible(cell);
    expect(await cell.innerText()).toContain('进行中');
    await settle(page);
    await screenshot(page, 'orglife-overview');
  });

  it('plans the theme day, records attendance and minutes, and the branch’s cell turns held', async () => {
    await page.getByTestId('new-meeting').click();
    await choose(page, page.getByTestId('plan-kind'), '主题党日');
    await page.getByTestId('plan-topic').fill('重温入党誓词，学习支部工作条例');
    await page.locator('.ant-modal').getByRole('button', { name: spaced('保存') }).click();
    await visible(page.getByTestId('meeting-title'));
    expect(await page.getByTestId('meeting-state').innerText()).toContain('已通知');

    await page.getByTestId('all-present').click();
    // One exception: the first member was absent.
    const first = page.locator('[data-testid^="att-"]').first();
    await first.getByText('缺席', { exact: true }).click();
    await page.getByTestId('minutes').fill('支部书记主持。全体党员重温入党誓词，集中学习《中国共产党支部工作条例（试行）》，并围绕人居环境整治分工作了讨论。');
    await page.getByTestId('record-save').click();
    await expect.poll(() => page.getByTestId('meeting-state').innerText(), { timeout: T }).toContain('已召开');
    await visible(page.getByTestId('quorum').getByText(/实到/));
    await settle(page);
    await screenshot(page, 'orglife-meeting');

    await page.goto(`${server.url}/orglife?orgId=${branchId}&span=${month}`);
    const cell = page.getByTestId(`cell-${branchId}-theme_day`);
    await expect.poll(() => cell.innerText(), { timeout: T }).toBe('1 / 1');
    // The cell opens its meetings.
    await cell.click();
    await visible(page.getByTestId('cell-filter'));
    await visible(page.getByTestId('meeting-link'));
    await screenshot(page, 'orglife-after');
  });

  it('works on a phone-width screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/orglife?orgId=${branchId}&span=${month}`);
    await visible(page.getByTestId(`cell-${branchId}-theme_day`));
    await settle(page);
    await screenshot(page, 'orglife-phone');
    await page.getByTestId('meeting-link').first().click();
    await visible(page.getByTestId('quorum'));
    await settle(page);
    await screenshot(page, 'orglife-meeting-phone');
    await page.setViewportSize({ width: 1366, height: 800 });
  });
});
