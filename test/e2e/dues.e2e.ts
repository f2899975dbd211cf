// 党费 in the browser: the monthly summary with its chart, the arrears list with the six-month
// flag, a member's dues account, recording the first unpaid month through the payment form (the
// amount is quoted by the server), voiding it after confirming, the Excel export — and the page
// on a phone screen.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot } from './browser.ts';
import type { RunningServer } from './server.ts';
import { T, changePassword, settle, signIn, spaced, visible } from './ui.ts';
import { browserSuite } from './suite.ts';

const NEW_PASSWORD = 'Nanhu2024dues';
let server: RunningServer;
let page: Page;
let rootId: number;
let flagged: { memberId: number; name: string; orgId: number; firstMonth: string };

async function get<R>(urlPath: string): Promise<R> {
  const res = await page.request.get(`${server.url}${urlPath}`);
  expect(res.status(), `GET ${urlPath}: ${await res.text()}`).toBe(200);
  return (await res.json()) as R;
}

interface Account {
  paidUntil: string | null;
  months: { month: string; status: string; dueFen: number }[];
  payments: { id: number; months: string[]; voidedAt: string | null; payerName: string | null }[];
  arrears: { months: { month: string }[]; flagged: boolean };
}

browserSuite('dues', (s) => {
  server = s.server;
  page = s.page;
});

describe('党费', () => {
  it('shows the monthly summary with the due/received chart for the whole region', async () => {
    await page.goto(`${server.url}/`);
    await signIn(page, 'admin', server.adminPassword);
    await changePassword(page, server.adminPassword, NEW_PASSWORD);
    await visible(page.getByTestId('home-page'));
    rootId = (await get<{ orgId: number }>('/api/auth/me')).orgId;
    const list = await get<{ items: { memberId: number; name: string; orgId: number; firstMonth: string; flagged: boolean }[] }>(`/api/dues/arrears?orgId=${rootId}&flaggedOnly=true`);
    expect(list.items.length, 'the demo has members six months behind').toBeGreaterThan(0);
    flagged = list.items[0]!;

    // The menu may fold 党费 under “…” on a 1366-wide screen: go by address.
    await page.goto(`${server.url}/dues`);
    await visible(page.getByTestId('dues-page'));
    await visible(page.getByTestId('dues-summary-table'));
    await visible(page.getByTestId('dues-chart'));
    const summary = await get<{ totals: { receivedFen: number; dueMembers: number } }>(`/api/dues/summary?orgId=${rootId}`);
    expect(summary.totals.dueMembers).toBeGreaterThan(0);
    const received = `${Math.floor(summary.totals.receivedFen / 100).toLocaleString('en-US')}.${String(summary.totals.receivedFen % 100).padStart(2, '0')}`;
    await visible(page.getByTestId('dues-received').getByText(received));
    const exportHref = await page.getByTestId('dues-summary-export').getAttribute('href');
    const xlsx = await page.request.get(`${server.url}${exportHref}`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    await settle(page);
    await screenshot(page, 'dues-summary');
  });

  it('lists the six-month case with its flag and opens the member’s account', async () => {
    await page.getByRole('tab', { name: '欠交名单' }).click();
    await page.getByTestId('arrears-flagged-only').click();
    const row = page.getByTestId('arrears-table').locator('tr').filter({ hasText: flagged.name }).first();
    await visible(row.getByTestId('arrears-flag'));
    await row.getByTestId('arrears-name').click();
    const drawer = page.getByTestId('dues-drawer');
    await visible(drawer.getByTestId('account-flag'));
    await visible(drawer.getByText('系统不会自动除名', { exact: false }));
    expect(page.url()).toContain(`member=${flagged.memberId}`);
    await settle(page);
    await screenshot(page, 'dues-account-flagged');
  });

  it('records the first unpaid month with the quoted amount, then voids it after confirming', async () => {
    const drawer = page.getByTestId('dues-drawer');
    await drawer.getByTestId('record-payment').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '交纳月份' });
    await visible(modal);
    // The form opens on the first unpaid month with its dues filled in.
    await expect.poll(() => modal.getByTestId('payment-amount').inputValue(), { timeout: T }).toMatch(/^\d+\.\d{2}$/);
    await modal.getByTestId('payment-on-behalf').click();
    await modal.getByTestId('payment-payer-name').fill('李秀兰');
    await page.locator('.ant-modal').getByRole('button', { name: spaced('保存') }).click();
    await visible(page.getByText('已登记交纳'));
    const after = await get<Account>(`/api/dues/members/${flagged.memberId}/account`);
    expect(after.months.find((m) => m.month === flagged.firstMonth)!.status).toBe('paid');
    const payment = after.payments.find((p) => p.months.includes(flagged.firstMonth))!;
    expect(payment.payerName).toBe('李秀兰');

    await drawer.getByRole('tab', { name: /交费记录/ }).click();
    await drawer.getByTestId('account-payments').locator('tr').filter({ hasText: flagged.firstMonth }).getByTestId('payment-void').click();
    const confirm = page.locator('.ant-modal').filter({ hasText: '作废这笔交费' });
    await visible(confirm);
    expect(await confirm.getByRole('button', { name: spaced('作废') }).isDisabled()).toBe(true);
    await page.getByTestId('void-reason').fill('金额登记错误');
    await confirm.getByRole('button', { name: spaced('作废') }).click();
    await visible(drawer.getByText('已作废'));
    const voided = await get<Account>(`/api/dues/members/${flagged.memberId}/account`);
    expect(voided.payments.find((p) => p.id === payment.id)!.voidedAt).not.toBeNull();
    expect(voided.arrears.flagged).toBe(true);
    await settle(page);
    await screenshot(page, 'dues-payment-voided');
  });

  it('fits a phone screen', async () => {
    const phone = await openBrowser({ viewport: { width: 390, height: 844 }, mobile: true });
    try {
      await phone.page.goto(`${server.url}/`);
      await signIn(phone.page, 'admin', NEW_PASSWORD);
      await visible(phone.page.getByTestId('home-page'));
      await phone.page.goto(`${server.url}/dues?orgId=${flagged.orgId}&member=${flagged.memberId}`);
      await visible(phone.page.getByTestId('dues-drawer').getByTestId('account-flag'));
      await settle(phone.page);
      await screenshot(phone.page, 'dues-account-phone');
      await phone.page.goto(`${server.url}/dues?orgId=${flagged.orgId}`);
      await visible(phone.page.getByTestId('dues-summary-table'));
      const width = await phone.page.evaluate<number>('document.documentElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(390);
      await settle(phone.page);
      await screenshot(phone.page, 'dues-summary-phone');
    } finally {
      await phone.close();
    }
  });
});
