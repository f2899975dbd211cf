// 评先评优 in the browser: the demo county's campaign with its quota bars; nominate a branch for
// 标杆支部 (no figures typed), pass the review, approve it after the confirmation and watch the
// 标杆支部 bar move by one; then the 联系点与示范点 tab with its gaps — desktop and a phone.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot } from './browser.ts';
import type { RunningServer } from './server.ts';
import { changePassword, openFromMenu, settle, signIn, spaced, visible } from './ui.ts';
import { browserSuite, choose } from './suite.ts';

const NEW_PASSWORD = 'Nanhu2024recognition';
let server: RunningServer;
let page: Page;

interface Org {
  id: number;
  name: string;
  kind: string;
}

async function apiGet<R>(p: Page, url: string): Promise<R> {
  const res = await p.request.get(`${server.url}${url}`);
  expect(res.status(), `${url}: ${await res.text()}`).toBe(200);
  return (await res.json()) as R;
}

const approvedOf = async (p: Page) => {
  const text = (await p.getByTestId('quota-text-model_branch').first().textContent()) ?? '';
  return Number(/已批准\s*(\d+)/.exec(text)?.[1] ?? NaN);
};

browserSuite('recognition', (s) => {
  server = s.server;
  page = s.page;
});

describe('评先评优', () => {
  it('nominates a branch for 标杆支部, reviews and approves it, and the quota bar moves by one', async () => {
    await page.goto(`${server.url}/`);
    await signIn(page, 'admin', server.adminPassword);
    await changePassword(page, server.adminPassword, NEW_PASSWORD);
    await visible(page.getByTestId('home-page'));
    await openFromMenu(page, '考核评价', '评先评优');
    await visible(page.getByText('评先评优（三树）', { exact: true }));
    await visible(page.getByTestId('campaign'));
    await visible(page.getByTestId('quota-text-model_branch'));
    const before = await approvedOf(page);
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(30);
    await settle(page);
    await screenshot(page, 'recognition-desktop');

    // A branch not yet nominated this year.
    const year = new Date().getFullYear();
    const me = await apiGet<{ orgId: number }>(page, '/api/auth/me');
    const overview = await apiGet<{ campaigns: { nominations: { orgId: number }[] }[] }>(page, `/api/orgs/${me.orgId}/recognition?year=${year}`);
    const taken = new Set(overview.campaigns.flatMap((c) => c.nominations.map((n) => n.orgId)));
    const { items } = await apiGet<{ items: Org[] }>(page, `/api/orgs/search?q=${encodeURIComponent('支部委员会')}`);
    const branch = items.find((o) => o.kind === 'branch' && !taken.has(o.id));
    expect(branch, 'a branch not yet nominated').toBeDefined();

    await page.getByTestId('nominate').first().click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '推荐理由' });
    await visible(dialog);
    await choose(page, dialog.getByTestId('nominate-kind'), '标杆支部');
    await dialog.locator('#nominate-org').click();
    await page.keyboard.type(branch!.name);
    await page.locator('.ant-select-item-option').filter({ has: page.locator('.org-search-option-text').getByText(branch!.name, { exact: true }) }).click();
    await dialog.getByTestId('nominate-reasons').fill('支部班子团结，带领群众发展特色种植，集体经济收入明显增长');
    await dialog.getByRole('button', { name: spaced('推荐') }).click();

    const row = page.getByTestId('nominations').locator('tr').filter({ hasText: branch!.name });
    await visible(row);
    await visible(row.getByText('已推荐', { exact: true }));
    // Pending shows on the bar; approved does not change until approval.
    expect(await approvedOf(page)).toBe(before);
    await row.getByTestId('pass').click();
    await visible(row.getByText('审核通过', { exact: true }));
    await row.getByTestId('approve').click();
    const confirm = page.locator('.ant-popconfirm').filter({ hasText: branch!.name });
    await visible(confirm);
    await expect.poll(async () => (await confirm.textContent()) ?? '').toContain(`已批准 ${before} / 30`);
    await confirm.getByRole('button', { name: spaced('确定') }).click();
    await visible(row.getByText('已批准', { exact: true }));
    await expect.poll(() => approvedOf(page)).toBe(before + 1);

    // The records behind it open from the row (computed, with links; nothing typed).
    await row.getByTestId('records').click();
    await visible(page.locator('.ant-drawer').getByText(`${branch!.name} ${year} 年度工作记录`));
    await settle(page);
    await screenshot(page, 'recognition-records');
    await page.keyboard.press('Escape');
  });

  it('shows every township’s contact and demonstration points, with the gaps marked', async () => {
    await page.getByRole('tab', { name: '联系点与示范点' }).click();
    await visible(page.getByText('各乡镇联系点与示范点'));
    await visible(page.getByTestId('gap'));
    await settle(page);
    await screenshot(page, 'recognition-points');
  });

  it('fits a phone screen', async () => {
    const phone = await openBrowser({ viewport: { width: 390, height: 844 }, mobile: true });
    try {
      await phone.page.goto(`${server.url}/`);
      await signIn(phone.page, 'admin', NEW_PASSWORD);
      await visible(phone.page.getByTestId('home-page'), 60_000);
      await phone.page.goto(`${server.url}/recognition`);
      await visible(phone.page.getByTestId('quota-text-model_branch'));
      const width = await phone.page.evaluate<number>('document.documentElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(390);
      await settle(phone.page);
      await screenshot(phone.page, 'recognition-phone');
      await phone.page.goto(`${server.url}/recognition?tab=points`);
      await visible(phone.page.getByText('各乡镇联系点与示范点'));
      expect(await phone.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await settle(phone.page);
      await screenshot(phone.page, 'recognition-points-phone');
    } finally {
      await phone.close();
    }
  });
});
