// 软弱涣散整顿 and 书记述职评议 in the browser: screen a township (the progress runs to the end, the
// candidates show their reasons and records), confirm a candidate after the confirmation, add a task,
// mark it done and close the rectification by a passed acceptance; then rate a submitted secretary's
// report with its records panel beside it — desktop and a phone.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot } from './browser.ts';
import type { RunningServer } from './server.ts';
import { T, changePassword, openFromMenu, settle, signIn, spaced, visible } from './ui.ts';
import { browserSuite } from './suite.ts';

const NEW_PASSWORD = 'Nanhu2024rectify';
let server: RunningServer;
let page: Page;
let township: { id: number; name: string };
let listedOrg: string;
const year = new Date().getFullYear();

async function apiGet<R>(p: Page, url: string): Promise<R> {
  const res = await p.request.get(`${server.url}${url}`);
  expect(res.status(), `${url}: ${await res.text()}`).toBe(200);
  return (await res.json()) as R;
}

browserSuite('rectification', (s) => {
  server = s.server;
  page = s.page;
});

describe('软弱涣散整顿', () => {
  it('screens a township: the progress runs to the end and candidates show their reasons and records', async () => {
    await page.goto(`${server.url}/`);
    await signIn(page, 'admin', server.adminPassword);
    await changePassword(page, server.adminPassword, NEW_PASSWORD);
    await visible(page.getByTestId('home-page'));
    await openFromMenu(page, '考核评价', '软弱涣散整顿');
    await visible(page.getByTestId('rectification-page'));

    const roots = await apiGet<{ items: { id: number }[] }>(page, '/api/orgs/roots');
    const children = await apiGet<{ items: { id: number; name: string; level: string }[] }>(page, `/api/orgs/${roots.items[0]!.id}/children?limit=50`);
    township = children.items.find((o) => o.level === 'township')!;
    expect(township, 'a township in the demo county').toBeDefined();

    await page.goto(`${server.url}/rectification?orgId=${township.id}&year=${year}&tab=screen`);
    await visible(page.getByTestId('criteria'));
    await page.getByTestId('run-screening').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: spaced('确定') }).click();
    const confirmBtn = page.getByTestId('confirm-candidates');
    // Done: the run button stops loading and the candidates list is there.
    await expect.poll(async () => (await page.getByTestId('run-screening').getAttribute('class')) ?? '', { timeout: 180_000 }).not.toContain('loading');
    await visible(confirmBtn);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: T }).toBeGreaterThan(0);
    await visible(page.getByTestId('evidence-list'));
    await settle(page);
    await screenshot(page, 'rectification-screening');
  });

  it('confirms a candidate into the list after the confirmation', async () => {
    const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ has: page.locator('input[type=checkbox]:not([disabled])') }).first();
    listedOrg = ((await row.locator('td a').first().textContent()) ?? '').trim();
    expect(listedOrg.length).toBeGreaterThan(0);
    await row.locator('input[type=checkbox]').check();
    await page.getByTestId('confirm-candidates').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: spaced('确定') }).click();
    await visible(page.locator('.ant-table-tbody tr').filter({ hasText: listedOrg }).getByText('已列入', { exact: true }));
  });

  it('adds a task, marks it done and closes the rectification by a passed acceptance', async () => {
    await page.goto(`${server.url}/rectification?orgId=${township.id}&year=${year}&tab=list`);
    await page.getByTestId('entry-link').filter({ hasText: listedOrg }).first().click();
    await visible(page.getByTestId('rect-org-page'));
    await visible(page.getByText('整顿中', { exact: true }));
    await page.getByTestId('add-task').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '任务内容' });
    await visible(dialog);
    await dialog.getByTestId('task-content').fill('每月召开支部委员会，按季度召开党员大会，补齐组织生活');
    await dialog.getByTestId('task-owner').fill('李建军');
    await dialog.getByRole('button', { name: spaced('保存') }).click();
    const task = page.locator('.ant-table-tbody tr').filter({ hasText: '每月召开支部委员会' });
    await visible(task);
    await task.getByTestId('task-done').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: spaced('确定') }).click();
    await visible(task.locator('.ant-tag-green'));

    await page.getByTestId('acceptance-comment').fill('班子调整到位，组织生活恢复正常，同意销号');
    await page.getByTestId('submit-acceptance').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: spaced('确定') }).click();
    await visible(page.getByText('验收通过（已销号）', { exact: true }));
    await settle(page);
    await screenshot(page, 'rectification-org');
  });
});

describe('书记抓党建述职评议', () => {
  it('rates a submitted report with the records panel beside it, and the list shows the ratings chart', async () => {
    await openFromMenu(page, '考核评价', '书记述职评议');
    await visible(page.getByTestId('secretary-reports-page'));
    await visible(page.getByTestId('rating-chart'));
    await settle(page);
    await screenshot(page, 'secretary-reports');
    const roots = await apiGet<{ items: { id: number }[] }>(page, '/api/orgs/roots');
    const list = await apiGet<{ items: { orgId: number; state: string }[] }>(page, `/api/orgs/${roots.items[0]!.id}/secretary-reports?year=${year}`);
    const submitted = list.items.find((r) => r.state === 'submitted');
    expect(submitted, 'a submitted report in the demo data').toBeDefined();

    await page.goto(`${server.url}/secretary-reports/orgs/${submitted!.orgId}?year=${year}`);
    await visible(page.getByTestId('records-panel'));
    await visible(page.getByTestId('review-card'));
    await page.getByTestId('review-card').getByText('较好', { exact: true }).click();
    await page.getByTestId('rating-comment').fill('抓党建责任落实较好，党员教育管理还需加强');
    await page.getByTestId('submit-rating').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: spaced('评定') }).click();
    await visible(page.getByTestId('review-card').locator('.ant-tag').getByText('较好', { exact: true }));
    await settle(page);
    await screenshot(page, 'secretary-report');
  });

  it('fits a phone screen', async () => {
    const phone = await openBrowser({ viewport: { width: 390, height: 844 }, mobile: true });
    try {
      await phone.page.goto(`${server.url}/`);
      await signIn(phone.page, 'admin', NEW_PASSWORD);
      await visible(phone.page.getByTestId('home-page'), 60_000);
      await phone.page.goto(`${server.url}/rectification?orgId=${township.id}&year=${year}&tab=list`);
      await visible(phone.page.getByTestId('entry-link'));
      await settle(phone.page);
      await screenshot(phone.page, 'rectification-phone');
      const width = await phone.page.evaluate<number>('document.documentElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(392);
      await phone.page.goto(`${server.url}/secretary-reports?year=${year}`);
      await visible(phone.page.getByTestId('rating-chart'));
      await settle(phone.page);
      await screenshot(phone.page, 'secretary-reports-phone');
    } finally {
      await phone.close();
    }
  });
});
