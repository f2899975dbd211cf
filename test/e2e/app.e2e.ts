// The web UI end to end: a real server (fresh demo data) and headless Chromium.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, type BrowserSession } from './browser.ts';
import type { RunningServer } from './server.ts';
import { T, changePassword, openFromMenu, hidden, settle, signIn, spaced, visible } from './ui.ts';
import { browserSuite } from './suite.ts';

const ADMIN_NEW_PASSWORD = 'Nanhu2024secure';
const SECRETARY_NEW_PASSWORD = 'Lianfeng2024ok';

let server: RunningServer;
let desktop: BrowserSession;
let page: Page;
/** The account created on the users page and used again on the phone. */
let secretary: { username: string; password: string; orgName: string } | null = null;
/** The organization the search test jumped to. */
let target: (Org & { pathNames: string[] }) | undefined;


interface Org {
  id: number;
  name: string;
  level: string;
  childCount: number;
}

/** Ask the API with the page's own session, to learn the seeded names instead of hard-coding them. */
async function apiGet<T>(p: Page, path: string): Promise<T> {
  const res = await p.request.get(`${server.url}${path}`);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

/** Press the OK button of the open Popconfirm, then wait until it has closed. */
async function confirmPopover(p: Page) {
  const ok = p.locator('.ant-popconfirm .ant-popconfirm-buttons .ant-btn-primary').filter({ visible: true });
  await visible(ok);
  // A click while the popover is still animating in can land on nothing (seen on a loaded machine).
  await settle(p);
  await ok.first().click();
  await expect.poll(() => p.locator('.ant-popconfirm').filter({ visible: true }).count(), { timeout: T }).toBe(0);
}

function treeNode(p: Page, fullName: string) {
  return p.locator('.org-tree .ant-tree-treenode').filter({ has: p.locator(`.org-tree-title[title="${fullName}"]`) });
}

// A failed step leaves a picture of what the browser showed.
browserSuite('app', (s) => {
  server = s.server;
  desktop = s.desktop;
  page = s.page;
});

describe('Tongchou web UI', () => {
  it('signs in as admin, forces the first password change, lands in the main layout', async () => {
    await page.goto(`${server.url}/`);
    await visible(page.getByText('城乡统筹基层党建平台'));
    await visible(page.getByText('账号登录'));
    await screenshot(page, 'desktop-login');

    // A wrong password is explained in words from the server.
    await signIn(page, 'admin', 'not-the-password1');
    await visible(page.getByTestId('login-error').getByText('用户名或密码错误'));

    await signIn(page, 'admin', server.adminPassword);
    await visible(page.getByText('首次登录，请先修改密码'));
    await screenshot(page, 'desktop-forced-password');

    // The confirmation must match.
    await page.getByLabel('当前密码').fill(server.adminPassword);
    await page.getByLabel('新密码', { exact: true }).fill(ADMIN_NEW_PASSWORD);
    await page.getByLabel('再次输入新密码').fill(`${ADMIN_NEW_PASSWORD}x`);
    await page.getByRole('button', { name: spaced('确认修改') }).click();
    await visible(page.getByText('两次输入的新密码不一致'));

    await changePassword(page, server.adminPassword, ADMIN_NEW_PASSWORD);
    await visible(page.getByTestId('home-page'));
    await visible(page.getByTestId('welcome-title').getByText('系统管理员，您好'));
    await visible(page.getByTestId('main-menu').getByText('系统管理'));
    // The demo seeds 20,000 members; its lifecycle records then admit a few and end a few memberships.
    await visible(page.getByTestId('stat-members').getByText(/^(19|20),\d{3}$/));
    await visible(treeNode(page, '中共嘉兴市南湖区委员会'));
    await visible(treeNode(page, '中共嘉兴市南湖区凤桥镇委员会'));
    await screenshot(page, 'desktop-home');
  });

  it('navigates the organization tree down to the villages of a township', async () => {
    const { items: roots } = await apiGet<{ items: Org[] }>(page, '/api/orgs/roots');
    expect(roots.map((o) => o.name)).toEqual(['中共嘉兴市南湖区委员会']);
    const { items: townships } = await apiGet<{ items: Org[] }>(page, `/api/orgs/${roots[0]!.id}/children`);
    const town = townships.find((o) => o.name === '中共嘉兴市南湖区凤桥镇委员会');
    expect(town, '凤桥镇 is seeded').toBeDefined();
    const { items: villages } = await apiGet<{ items: Org[] }>(page, `/api/orgs/${town!.id}/children`);
    const village = villages.find((o) => o.level === 'village' && o.childCount > 0)!;
    expect(village).toBeDefined();

    const root = treeNode(page, '中共嘉兴市南湖区委员会');
    const fengqiao = treeNode(page, town!.name);
    // Collapse and expand the district committee.
    await root.locator('.ant-tree-switcher').click();
    await hidden(fengqiao);
    await settle(page); // a click during the tree's open/close motion is not taken
    await root.locator('.ant-tree-switcher').click();
    await visible(fengqiao);
    await settle(page);
    // Under the district the township shows without the repeated place name, full name on hover.
    await visible(fengqiao.getByText('凤桥镇委员会', { exact: true }));

    await fengqiao.locator('.ant-tree-switcher').click();
    for (const v of villages.slice(0, 5)) await visible(treeNode(page, v.name));

    await treeNode(page, village.name).locator('.org-tree-title').click();
    await page.waitForURL(new RegExp(`/orgs/${village.id}$`));
    await visible(page.getByTestId('org-title').getByText(village.name, { exact: true }));
    await visible(page.locator('.page-breadcrumb').getByText('中共嘉兴市南湖区凤桥镇委员会'));
    await visible(page.getByTestId('org-info').getByText('村（社区）'));
    await visible(page.getByTestId('stat-subOrgs'));
    await expect(treeNode(page, village.name).getAttribute('class')).resolves.toContain('ant-tree-treenode-selected');

    // Statistics: composition charts drawn from /api/stats.
    await page.getByRole('tab', { name: /统计概况/ }).click();
    await visible(page.getByTestId('org-stats').locator('canvas'));
    await expect(page.getByTestId('org-stats').locator('canvas').count()).resolves.toBeGreaterThanOrEqual(4);
    await settle(page);
    await screenshot(page, 'desktop-org-stats');

    // Sub-organizations tab lists the village's grids.
    await page.getByRole('tab', { name: /下级组织/ }).click();
    await visible(page.locator('.ant-table-row').first());
  });

  it('jumps to an organization from the search box and opens a member with the audited ID reveal', async () => {
    const found = await apiGet<{ items: (Org & { pathNames: string[] })[] }>(page, `/api/orgs/search?q=${encodeURIComponent('新篁')}`);
    target = found.items.find((o) => o.level === 'village')!;
    expect(target, 'a 新篁 village or community is seeded').toBeDefined();

    const search = page.getByPlaceholder('搜索组织名称或代码');
    await search.fill('新篁');
    const option = page.getByTestId('org-search-option').filter({ has: page.locator('.org-search-option-text').getByText(target.name, { exact: true }) });
    await visible(option);
    // Results show where the organization sits.
    await visible(option.getByText(target.pathNames.join(' › '), { exact: true }));
    await option.click();
    await visible(page.getByTestId('org-title').getByText(target.name, { exact: true }));
    // The tree opened down to it and selected it.
    await visible(page.locator(`.org-tree .ant-tree-treenode-selected .org-tree-title[title="${target.name}"]`));
    await expect(search.inputValue()).resolves.toBe('');
    await screenshot(page, 'desktop-org');

    await page.getByRole('tab', { name: /党员/ }).click();
    const firstMember = page.getByTestId('member-name').first();
    await visible(firstMember);
    await expect(page.getByTestId('member-table').locator('.mono').first().textContent()).resolves.toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    await firstMember.click();
    const drawer = page.getByRole('dialog').filter({ hasText: '党员信息' });
    await visible(drawer);
    await visible(drawer.getByTestId('member-id-number'));
    await expect(drawer.getByTestId('member-id-number').textContent()).resolves.toContain('*');
    await drawer.getByRole('button', { name: /查看完整身份证号/ }).click();
    await visible(page.getByText('此操作将记入审计日志', { exact: false }));
    await confirmPopover(page);
    await visible(drawer.getByText('本次查看已记入审计日志'));
    await settle(page);
    await expect(drawer.getByTestId('member-id-number').textContent()).resolves.toMatch(/^\d{17}[\dX]$/);
    await screenshot(page, 'desktop-member-drawer');
    await drawer.getByRole('button', { name: /close|关闭/i }).first().click();
    await hidden(drawer);
  });

  it('switches the language to English and back', async () => {
    await page.getByTestId('lang-switch').click();
    await visible(page.getByTestId('main-menu').getByText('System', { exact: true }));
    await visible(page.getByRole('tab', { name: /Sub-organizations/ }));
    await visible(page.getByText('Organizations', { exact: true }));
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    // The choice survives a reload.
    await page.reload();
    await visible(page.getByTestId('main-menu').getByText('System', { exact: true }));
    await visible(page.locator(`.org-tree .ant-tree-treenode-selected .org-tree-title[title="${target!.name}"]`));
    await screenshot(page, 'desktop-org-en');

    await page.getByTestId('lang-switch').click();
    await visible(page.getByTestId('main-menu').getByText('系统管理'));
    await visible(page.getByRole('tab', { name: /下级组织/ }));
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
  });

  it('shows the sign-in and password change in the audit log', async () => {
    await openFromMenu(page, '系统管理', '审计日志');
    await page.waitForURL(/\/audit$/);
    const table = page.getByTestId('audit-table');
    await visible(table.locator('.ant-table-row'));
    for (const action of ['登录', '登录失败', '修改密码', '查看完整身份证号', '切换界面语言']) {
      await visible(table.locator('.ant-tag').getByText(action, { exact: true }));
    }
    // Expand the language change: before/after side by side.
    await table.locator('.ant-table-row').filter({ hasText: '切换界面语言' }).first().click();
    await visible(page.locator('.audit-diff').getByText('界面语言'));
    await screenshot(page, 'desktop-audit');

    // Filter by action.
    await page.getByTestId('audit-action-filter').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^修改密码$/ }).click();
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(async () => (await table.locator('.ant-table-row').allTextContents()).every((t) => t.includes('修改密码')), { timeout: T }).toBe(true);
    await expect(table.locator('.ant-table-row').count()).resolves.toBe(1);
  });

  it('creates a user with a one-time password, disables and enables it', async () => {
    await openFromMenu(page, '系统管理', '用户管理');
    await visible(page.getByTestId('users-page'));
    await page.getByTestId('user-create').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '新建用户' });
    await visible(dialog);
    await dialog.getByLabel('用户名').fill('lianfeng.shuji');
    await dialog.getByLabel('姓名').fill('张建华');
    await dialog.getByLabel('角色').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '书记/组织委员' }).click();
    const { items } = await apiGet<{ items: Org[] }>(page, `/api/orgs/search?q=${encodeURIComponent('联丰')}`);
    const org = items.find((o) => o.level === 'village')!;
    expect(org, 'a 联丰 village is seeded').toBeDefined();
    await dialog.getByLabel('所属组织').fill('联丰');
    await page.locator('.ant-select-item-option').filter({ has: page.locator('.org-search-option-text').getByText(org.name, { exact: true }) }).click();
    await dialog.getByRole('button', { name: spaced('新建用户') }).click();

    const otp = page.getByTestId('otp-password');
    await visible(otp);
    const password = (await otp.textContent())?.trim() ?? '';
    expect(password.length).toBeGreaterThanOrEqual(10);
    secretary = { username: 'lianfeng.shuji', password, orgName: org.name };
    await hidden(dialog);
    await settle(page);
    await screenshot(page, 'desktop-users-otp');
    await page.getByTestId('otp-done').click();
    await hidden(otp);

    const row = page.locator('.ant-table-row').filter({ hasText: 'lianfeng.shuji' });
    await visible(row.getByText('待修改初始密码'));
    await row.getByRole('button', { name: spaced('停用') }).click();
    await visible(page.locator('.ant-popconfirm').filter({ visible: true }).getByText('停用后该用户将无法登录', { exact: false }));
    await confirmPopover(page);
    await visible(row.getByText('已停用'));
    await row.getByRole('button', { name: spaced('启用') }).click();
    await visible(page.locator('.ant-popconfirm').filter({ visible: true }).getByText('启用后该用户可以重新登录', { exact: false }));
    await confirmPopover(page);
    await visible(row.getByText('正常'));
    await settle(page);
    await screenshot(page, 'desktop-users');
  });

  it('works on a phone: the tree lives in a drawer', async () => {
    expect(secretary).not.toBeNull();
    const phone = await openBrowser({ viewport: { width: 390, height: 844 }, mobile: true });
    try {
      const p = phone.page;
      await p.goto(`${server.url}/`);
      await visible(p.getByText('账号登录'));
      await screenshot(p, 'phone-login');
      await signIn(p, secretary!.username, secretary!.password);
      await visible(p.getByTestId('forced-password'));
      await screenshot(p, 'phone-forced-password');
      await changePassword(p, secretary!.password, SECRETARY_NEW_PASSWORD);
      await visible(p.getByTestId('home-page'));
      // The secretary's scope is the village.
      await visible(p.getByTestId('home-page').getByText(secretary!.orgName, { exact: true }).first());
      await expect(p.locator('.app-sider').count()).resolves.toBe(0);
      await screenshot(p, 'phone-home');

      await p.getByTestId('open-nav').click();
      await visible(p.locator(`.nav-drawer .org-tree-title[title="${secretary!.orgName}"]`));
      await settle(p);
      await screenshot(p, 'phone-drawer');
      const child = p.locator('.nav-drawer .org-tree .ant-tree-treenode').nth(1).locator('.org-tree-title');
      await visible(child);
      await child.click();
      await p.waitForURL(/\/orgs\/\d+$/);
      await hidden(p.getByRole('dialog').filter({ has: p.locator('.org-tree') }));
      await visible(p.getByTestId('org-page'));
      // All four tabs fit on a phone (none folded into the overflow menu).
      for (const name of [/基本信息/, /下级组织/, /统计概况/, /党员/]) {
        const box = await p.getByRole('tab', { name }).boundingBox();
        expect(box && box.x + box.width <= 390, String(name)).toBe(true);
      }
      await screenshot(p, 'phone-org');
      expect(phone.problems).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('signs out after a confirmation and is back at the sign-in page', async () => {
    await page.getByTestId('user-menu').click();
    await visible(page.getByRole('menuitem', { name: /退出登录/ }));
    await settle(page); // let the menu finish opening
    await page.getByRole('menuitem', { name: /退出登录/ }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '确定退出登录吗？' });
    await visible(confirm);
    await confirm.getByRole('button', { name: /退出登录/ }).click();
    await visible(page.getByText('账号登录'));
    await page.waitForURL(/\/login$/);
    // The session is really gone.
    await page.goto(`${server.url}/audit`);
    await visible(page.getByText('账号登录'));
    expect(desktop.problems).toEqual([]);
  });
});
