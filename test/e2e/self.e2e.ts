// Member self-service on a phone: a member signs in (390px wide), lands on 「我的」 with their
// own record (ID masked), dues and reminders, sees no staff menus, and finds the transfer request.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { assertChromium, openBrowser, screenshot, type BrowserSession } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';
import { T, changePassword, hidden, settle, signIn, visible } from './ui.ts';

const ADMIN_NEW_PASSWORD = 'Nanhu2024secure';
const MEMBER_NEW_PASSWORD = 'Dangyuan2024ok';

let server: RunningServer;
let phone: BrowserSession;
let page: Page;
let member: { id: number; name: string; orgId: number; orgName: string; idNumberMasked: string };
let memberLogin: { username: string; password: string };

/** The administrator over plain HTTP (session cookie + CSRF token), to prepare the member's account. */
async function adminSession() {
  const call = async (method: string, url: string, body: unknown, cookie?: string, csrf?: string) => {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return res;
  };
  const login = await call('POST', '/api/auth/login', { username: 'admin', password: server.adminPassword });
  expect(login.status).toBe(200);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const changed = await call('POST', '/api/auth/password', { currentPassword: server.adminPassword, newPassword: ADMIN_NEW_PASSWORD }, cookie, csrfToken);
  expect(changed.status).toBe(200);
  return {
    get: async <R>(url: string) => {
      const res = await call('GET', url, undefined, cookie);
      expect(res.status, url).toBe(200);
      return (await res.json()) as R;
    },
    post: async <R>(url: string, body: unknown) => {
      const res = await call('POST', url, body, cookie, csrfToken);
      expect(res.status, `${url} ${await res.clone().text()}`).toBeLessThan(300);
      return (await res.json()) as R;
    },
  };
}

beforeAll(async () => {
  assertChromium();
  server = await startServer();
  const admin = await adminSession();
  // A member of a demo branch gets an account linked to their record, as a branch would set up.
  const list = await admin.get<{ items: { id: number; name: string; orgId: number; orgName: string; idNumberMasked: string }[] }>('/api/members?limit=1&status=full');
  member = list.items[0]!;
  const username = `dy${member.id}`;
  const created = await admin.post<{ initialPassword: string }>('/api/users', { username, displayName: member.name, role: 'member', orgId: member.orgId, memberId: member.id });
  memberLogin = { username, password: created.initialPassword };
  phone = await openBrowser({ viewport: { width: 390, height: 844 }, mobile: true });
  page = phone.page;
}, 240_000);

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page) await screenshot(page, `failed-self-${task.name.replace(/[^\w]+/g, '-').slice(0, 60)}`).catch(() => undefined);
  if (task.result?.state === 'fail' && phone?.problems.length) console.error(`browser problems:\n${phone.problems.join('\n')}`);
});

afterAll(async () => {
  await phone?.close();
  await server?.stop();
});

describe('「我的」 on a phone', () => {
  it('a member signs in and lands on their own record: name, organization, masked ID number', async () => {
    await page.goto(`${server.url}/`);
    await signIn(page, memberLogin.username, memberLogin.password);
    await changePassword(page, memberLogin.password, MEMBER_NEW_PASSWORD);
    await visible(page.getByTestId('my-page'));
    expect(new URL(page.url()).pathname).toBe('/my');
    await visible(page.getByTestId('my-name').getByText(member.name));
    await visible(page.getByTestId('my-hero').getByText(member.orgName));
    const id = page.getByTestId('my-id-number');
    await visible(id);
    await expect(id.innerText()).resolves.toContain(member.idNumberMasked);
    await visible(page.getByTestId('my-org').getByTestId('my-period'));
    // Nothing wider than the phone: no sideways scrolling.
    await expect(page.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(390);
    await settle(page);
    await screenshot(page, 'self-phone');
  });

  it('shows dues and reminders cards, whatever the modules have to say yet', async () => {
    await visible(page.getByTestId('my-section-dues'));
    const reminders = page.getByTestId('my-reminders');
    await visible(reminders);
    await visible(reminders.getByTestId('reminder').or(reminders.getByTestId('my-reminders-empty')));
    const mine = await page.evaluate(async () => (await fetch('/api/me/reminders?horizonDays=90')).json() as Promise<{ items: { memberId: number }[] }>);
    expect(mine.items.every((r) => r.memberId === member.id)).toBe(true);
    await expect(reminders.getByTestId('reminder').count()).resolves.toBe(mine.items.length);
  });

  it('shows no staff menus: the drawer holds 「我的」 only, and the organization tree is absent', async () => {
    await page.getByTestId('open-nav').click();
    const drawer = page.locator('.nav-drawer');
    await visible(drawer.getByText('我的', { exact: true }));
    await expect(drawer.getByText('党员名册').count()).resolves.toBe(0);
    await expect(drawer.getByText('待办提醒').count()).resolves.toBe(0);
    await expect(drawer.getByText('组织架构').count()).resolves.toBe(0);
    await page.keyboard.press('Escape');
    await hidden(drawer.getByText('我的', { exact: true }));
    // A staff page typed into the address bar shows nothing of others.
    const other = await page.evaluate(async () => (await fetch('/api/reminders')).status);
    expect(other).toBe(403);
  });

  it('requests a transfer from the phone; the request shows on the record and a second one is not offered', async () => {
    const transfer = page.getByTestId('my-action-transfer');
    await transfer.scrollIntoViewIfNeeded();
    const box = await transfer.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await transfer.click();
    const drawer = page.getByTestId('transfer-drawer');
    await visible(drawer);
    await drawer.getByText('转往系统外党组织').click();
    await drawer.getByLabel('接收党组织名称').fill('中共广州市天河区石牌街道工作委员会');
    await drawer.getByTestId('transfer-reason').fill('工作调动');
    await settle(page);
    await screenshot(page, 'self-phone-transfer-form');
    await drawer.getByTestId('transfer-submit').click();
    await visible(page.getByText('转接申请已提交', { exact: false }));
    const card = page.getByTestId('my-section-transfers');
    await visible(card.getByText('党员申请'));
    await visible(card.getByText('中共广州市天河区石牌街道工作委员会'));
    // The branch handles it now: no second request meanwhile.
    await expect.poll(() => page.getByTestId('my-action-transfer').isDisabled(), { timeout: T }).toBe(true);
    const mine = await page.evaluate(async () => (await fetch('/api/transfers?limit=50')).json() as Promise<{ items: { memberId: number | null; state: string }[] }>);
    expect(mine.items.filter((x) => x.memberId === member.id).map((x) => x.state)).toEqual(['requested']);
    await card.scrollIntoViewIfNeeded();
    await settle(page);
    await screenshot(page, 'self-phone-transfer-requested');
  });

  it('adds a 记实 record of their own in 我的岗位与记实, sees it counted and listed, and deletes it again', async () => {
    const card = page.getByTestId('my-service');
    await card.scrollIntoViewIfNeeded();
    const count = page.getByTestId('my-service-count');
    await visible(count);
    const countNow = async () => Number(await count.getAttribute('data-count'));
    const before = await countNow();
    // The post, or the hint to ask the branch for one.
    await visible(card.getByTestId('my-service-post').or(card.getByTestId('my-service-no-post')));
    const add = page.getByTestId('my-add-record');
    expect((await add.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await add.click();
    const drawer = page.getByTestId('my-record-drawer');
    await visible(drawer);
    const matter = `帮助办理高龄补贴申领 ${Date.now() % 100000}`;
    // On a loaded machine a click can land while the list is still animating in: check the choice took, else again.
    const kind = drawer.getByTestId('my-record-kind');
    for (let attempt = 0; !(await kind.innerText()).includes('为民办事') && attempt < 3; attempt++) {
      await kind.click();
      const option = page.locator('.ant-select-item-option').filter({ hasText: /^为民办事$/ }).filter({ visible: true });
      await visible(option);
      await option.first().click();
      await settle(page);
    }
    await expect(kind.innerText()).resolves.toContain('为民办事');
    // An ID number where the name belongs: the server's refusal shows on that field.
    await drawer.getByTestId('my-record-whom').fill('110101195003070012');
    await drawer.getByTestId('my-record-matter').fill(matter);
    await drawer.getByTestId('my-record-submit').click();
    await visible(drawer.locator('.ant-form-item').filter({ has: page.getByTestId('my-record-whom') }).locator('.ant-form-item-explain-error').getByText('不要填写身份证号码', { exact: false }));
    await expect(drawer.getByTestId('my-record-error').count()).resolves.toBe(0);
    await drawer.getByTestId('my-record-whom').fill('村民王大爷');
    await drawer.getByTestId('my-record-result').fill('材料已交村委会');
    await drawer.getByTestId('my-record-hours').fill('1.5');
    await settle(page);
    await screenshot(page, 'self-phone-service-form');
    await drawer.getByTestId('my-record-submit').click();
    await visible(page.getByText('已登记', { exact: true }));
    await hidden(drawer);
    await expect.poll(countNow, { timeout: T }).toBe(before + 1);
    const row = card.getByTestId('my-record').filter({ hasText: matter });
    await visible(row);
    await visible(row.getByText('为民办事'));
    await visible(row.getByText('村民王大爷'));
    type Mine = { memberId: number; counts: { thisYear: number }; records: { id: number; matter: string; kind: string; whom: string; enteredBy: string; hours: number | null }[] };
    const mine = await page.evaluate(async () => (await fetch('/api/me/service')).json() as Promise<Mine>);
    expect(mine.memberId).toBe(member.id);
    expect(mine.counts.thisYear).toBe(before + 1);
    expect(mine.records.find((r) => r.matter === matter)).toMatchObject({ kind: 'errand', whom: '村民王大爷', enteredBy: 'self', hours: 1.5 });
    await expect(page.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(390);
    await row.scrollIntoViewIfNeeded();
    await settle(page);
    await screenshot(page, 'self-phone-service');
    // Deleting asks first.
    await row.getByTestId('my-record-delete').click();
    const confirm = page.locator('.ant-popconfirm').filter({ visible: true });
    await visible(confirm.getByText('删除这条记实？'));
    await settle(page);
    await confirm.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    await expect.poll(countNow, { timeout: T }).toBe(before);
    await expect.poll(() => card.getByTestId('my-record').filter({ hasText: matter }).count(), { timeout: T }).toBe(0);
    const after = await page.evaluate(async () => (await fetch('/api/me/service')).json() as Promise<Mine>);
    expect(after.records.some((r) => r.matter === matter)).toBe(false);
    await expect(page.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(390);
  });
});

describe('待办中心 for staff', () => {
  it('the header bell counts the overdue items; the page shows each source with its counts, overdue in red, and narrows to one source', async () => {
    const desk = await openBrowser({ viewport: { width: 1366, height: 800 } });
    try {
      const p = desk.page;
      await p.goto(`${server.url}/`);
      await signIn(p, 'admin', ADMIN_NEW_PASSWORD);
      await visible(p.getByTestId('home-page'));
      type Listed = { total: number; overdue: number; failures: unknown[]; sources: { source: string; total: number }[] };
      const all = await p.evaluate(async () => (await fetch('/api/reminders?horizonDays=30')).json() as Promise<Listed>);
      expect(all.failures).toEqual([]);
      expect(all.overdue, 'the demo region has overdue items').toBeGreaterThan(0);
      await expect.poll(() => p.getByTestId('header-overdue').getAttribute('data-overdue'), { timeout: T }).toBe(String(all.overdue));
      await p.getByTestId('header-reminders').click();
      await visible(p.getByTestId('reminders-page'));
      // One card per registered source, each with the count the API gives.
      await expect.poll(() => p.getByTestId('source-card').count(), { timeout: T }).toBe(all.sources.length);
      for (const s of all.sources.filter((x) => x.total > 0).slice(0, 3)) {
        await expect(p.locator(`[data-testid="source-card"][data-source="${s.source}"]`).getByTestId('source-total').innerText()).resolves.toBe(String(s.total));
      }
      await visible(p.getByTestId('reminders-summary').getByText(`共 ${all.total} 项，其中逾期 ${all.overdue} 项`));
      // Grouped by source: a group for every source with something due, overdue first and in red.
      await expect.poll(() => p.getByTestId('notice-group').count(), { timeout: T }).toBe(all.sources.filter((x) => x.total > 0).length);
      const first = p.getByTestId('reminder').first();
      await expect(first.getAttribute('data-severity')).resolves.toBe('overdue');
      const colorOf = (el: unknown) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el).color;
      await expect(first.locator('.reminder-title').evaluate(colorOf)).resolves.toBe('rgb(200, 22, 29)');
      await settle(p);
      await screenshot(p, 'reminders-desktop');
      // Narrowing to one source keeps it in the URL and shows only that source's items.
      const one = all.sources.find((x) => x.total > 0)!;
      await p.goto(`${server.url}/reminders?source=${one.source}`);
      await expect.poll(() => p.getByTestId('notice-group').count(), { timeout: T }).toBe(1);
      const kinds = await p.getByTestId('reminder').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind') ?? ''));
      expect(kinds.length).toBeGreaterThan(0);
      expect(kinds.every((k) => k.startsWith(`${one.source}.`))).toBe(true);
    } finally {
      expect(desk.problems).toEqual([]);
      await desk.close();
    }
  });
});
