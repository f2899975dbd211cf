// A cross-county relationship transfer end to end in the browser: the sending township creates and
// submits it, the sending county organization department approves it (the letter is issued), and
// the receiving branch in the other county confirms it — after which the member is on the
// receiving branch's roster. Three users, each signing in in turn; the tree (a city with two
// counties) and the users are prepared through the API.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fakeIdNumber } from '../../src/seed/synthetic.ts';
import { assertChromium, openBrowser, screenshot, type BrowserSession } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';
import { T, settle, signIn, spaced, visible } from './ui.ts';

const PASSWORD = 'Transfer2026pass';
const MEMBER = '沈国强';
const RECEIVING = '中共王店镇建林村支部委员会';

let server: RunningServer;
let desktop: BrowserSession;
let page: Page;
const users = { town: 'fq_staff', county: 'nh_zzb', receiving: 'jl_sec' };
let branchB = 0;

/** A signed-in API session over plain HTTP (cookie + CSRF token). */
async function session(username: string, password: string) {
  const call = (method: string, url: string, body: unknown, cookie?: string, csrf?: string) =>
    fetch(`${server.url}${url}`, {
      method,
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const login = await call('POST', '/api/auth/login', { username, password });
  expect(login.status, username).toBe(200);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const send = async <R>(method: string, url: string, body?: unknown) => {
    const res = await call(method, url, body, cookie, csrfToken);
    expect(res.status, `${method} ${url} ${await res.clone().text()}`).toBeLessThan(300);
    return (await res.json()) as R;
  };
  return {
    get: <R>(url: string) => send<R>('GET', url),
    post: <R>(url: string, body: unknown) => send<R>('POST', url, body),
    patch: <R>(url: string, body: unknown) => send<R>('PATCH', url, body),
  };
}

beforeAll(async () => {
  assertChromium();
  // A fresh install without the one-county demo: the administrator sets the root up as a city.
  const before = process.env.TONGCHOU_SEED_DEMO;
  process.env.TONGCHOU_SEED_DEMO = '0';
  try {
    server = await startServer();
  } finally {
    if (before === undefined) delete process.env.TONGCHOU_SEED_DEMO;
    else process.env.TONGCHOU_SEED_DEMO = before;
  }
  const first = await session('admin', server.adminPassword);
  await first.post('/api/auth/password', { currentPassword: server.adminPassword, newPassword: PASSWORD });
  const admin = await session('admin', PASSWORD);
  const root = (await admin.get<{ items: { id: number }[] }>('/api/orgs/roots')).items[0]!;
  await admin.patch(`/api/orgs/${root.id}`, { name: '中共嘉兴市委员会', level: 'city', domain: 'local' });
  const org = (parentId: number, code: string, name: string, level: string, kind = 'committee') => admin.post<{ id: number }>('/api/orgs', { parentId, code, name, kind, level, domain: level === 'village' ? 'rural' : 'local' });
  const countyA = await org(root.id, 'E2E-NH', '中共嘉兴市南湖区委员会', 'county');
  const townA = await org(countyA.id, 'E2E-FQ', '中共南湖区凤桥镇委员会', 'township');
  const branchA = await org(townA.id, 'E2E-LF', '中共凤桥镇联丰村支部委员会', 'village', 'branch');
  const countyB = await org(root.id, 'E2E-XZ', '中共嘉兴市秀洲区委员会', 'county');
  const townB = await org(countyB.id, 'E2E-WD', '中共秀洲区王店镇委员会', 'township');
  branchB = (await org(townB.id, 'E2E-JL', RECEIVING, 'village', 'branch')).id;
  await admin.post('/api/members', { orgId: branchA.id, name: MEMBER, gender: 'male', idNumber: fakeIdNumber('330402', '1986-04-12', 'male', 77), education: 'college', category: 'farmer', joinedOn: '2010-07-01', fullMemberOn: '2011-07-01' });
  const account = async (username: string, role: string, orgId: number) => {
    const created = await admin.post<{ initialPassword: string }>('/api/users', { username, displayName: username, role, orgId });
    const s = await session(username, created.initialPassword);
    await s.post('/api/auth/password', { currentPassword: created.initialPassword, newPassword: PASSWORD });
  };
  await account(users.town, 'org_staff', townA.id);
  await account(users.county, 'org_staff', countyA.id);
  await account(users.receiving, 'secretary', branchB);
  desktop = await openBrowser({ viewport: { width: 1366, height: 800 } });
  page = desktop.page;
}, 240_000);

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page) await screenshot(page, `failed-transfers-${task.name.replace(/[^\w]+/g, '-').slice(0, 60)}`).catch(() => undefined);
});

afterAll(async () => {
  await desktop?.close();
  await server?.stop();
});

async function signInAs(username: string) {
  await desktop.context.clearCookies();
  await page.goto(`${server.url}/login`);
  await signIn(page, username, PASSWORD);
  await visible(page.getByTestId('main-menu'));
}

/** Type into an antd searchable Select and pick the option containing `text`. */
async function pick(testId: string, typed: string, text: string) {
  const select = page.getByTestId(testId);
  await select.click();
  await page.keyboard.type(typed);
  const option = page.locator('.ant-select-item-option').filter({ hasText: text }).filter({ visible: true });
  await visible(option, T);
  await option.first().click();
  await expect.poll(() => select.innerText(), { timeout: T }).toContain(text);
}

const drawerState = () => page.getByTestId('transfer-drawer').getByTestId('transfer-state');

describe('a cross-county transfer', () => {
  it('is created and submitted by the sending township: it waits for the county organization department', async () => {
    await signInAs(users.town);
    // The menu may fold the entry into its overflow at this width: open the page by its address.
    await page.goto(`${server.url}/transfers`);
    await visible(page.getByTestId('transfers-page'));
    await visible(page.getByTestId('transfers-empty'));
    await page.getByTestId('transfer-new').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '新建转接' });
    await visible(dialog);
    await pick('member-select', '沈国', MEMBER);
    await pick('receiving-org-select', '建林', RECEIVING);
    await page.getByTestId('transfer-reason').fill('工作调动');
    await dialog.getByRole('button', { name: spaced('确定') }).click();
    await visible(page.getByTestId('transfer-drawer'));
    await expect.poll(() => drawerState().innerText(), { timeout: T }).toBe('待审批');
    await expect.poll(() => page.getByTestId('transfer-drawer').innerText()).toContain('中共嘉兴市南湖区委员会');
    // The township cannot approve for the county.
    expect(await page.getByTestId('transfer-action-approve').count()).toBe(0);
  });

  it('is approved by the sending county organization department, which issues the letter', async () => {
    await signInAs(users.county);
    await page.goto(`${server.url}/transfers?state=pending`);
    await visible(page.getByTestId('transfer-row-name').filter({ hasText: MEMBER }));
    await page.getByTestId('transfer-row-name').filter({ hasText: MEMBER }).click();
    await visible(page.getByTestId('transfer-action-approve'));
    await page.getByTestId('transfer-action-approve').click();
    await settle(page);
    await page.getByTestId('transfer-confirm-approve').click();
    await expect.poll(() => drawerState().innerText(), { timeout: T }).toBe('已开介绍信（待接收）');
    await expect.poll(() => page.getByTestId('transfer-letter-number').first().innerText(), { timeout: T }).toMatch(/^南组介〔\d{4}〕第0001号$/);
    await visible(page.getByTestId('transfer-letter-pdf'));
  });

  it('is confirmed by the receiving branch in the other county, and the member is then on its roster', async () => {
    await signInAs(users.receiving);
    await page.goto(`${server.url}/transfers?side=in`);
    await page.getByTestId('transfer-row-name').filter({ hasText: MEMBER }).click();
    await visible(page.getByTestId('transfer-action-confirm'));
    await page.getByTestId('transfer-action-confirm').click();
    await settle(page);
    await page.getByTestId('transfer-confirm-confirm').click();
    await expect.poll(() => drawerState().innerText(), { timeout: T }).toBe('已接收');
    await page.goto(`${server.url}/members?orgId=${branchB}`);
    await visible(page.getByTestId('member-name').filter({ hasText: MEMBER }));
    await expect.poll(() => page.getByTestId('roster-table').innerText(), { timeout: T }).toContain(MEMBER);
    expect(desktop.problems).toEqual([]);
  });
});
