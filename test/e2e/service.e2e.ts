// 设岗定责与记实 and the notice centre in the browser: set up a post for a branch, assign a member
// without office and see the coverage rise, add a 记实 record and see the count rise, then open the
// notice centre from the header bell, filter it by source and status and group it by organization —
// desktop and phone width.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot } from './browser.ts';
import type { RunningServer } from './server.ts';
import { changePassword, settle, signIn, visible } from './ui.ts';
import { browserSuite } from './suite.ts';

// PGlite answers one query at a time: behind the header badge's collection of every source, a page may wait.
const SLOW = 90_000;

const NEW_PASSWORD = 'Nanhu2024service';
let server: RunningServer;
let page: Page;
let orgId: number;
let member: { memberId: number; name: string; orgName: string };

async function getJson<R>(urlPath: string): Promise<R> {
  const res = await page.request.get(`${server.url}${urlPath}`);
  expect(res.status(), `${urlPath}: ${await res.text()}`).toBe(200);
  return (await res.json()) as R;
}

/** Pick an option of an antd Select by typing part of its text (labels carry parentheses). */
async function pick(p: Page, testId: string, typed: string, optionText: string) {
  const select = p.getByTestId(testId);
  const item = p.locator('.ant-select-item-option').filter({ hasText: optionText }).filter({ visible: true });
  // On a loaded machine a click can land while the list is still animating in: check the choice took, else again.
  for (let attempt = 0; ; attempt++) {
    await select.click();
    await p.keyboard.type(typed);
    await visible(item);
    await item.first().click();
    await settle(p);
    if ((await select.innerText()).includes(optionText)) return;
    if (attempt >= 3) throw new Error(`${testId}: “${optionText}” was not chosen`);
    await p.keyboard.press('Escape');
  }
}

const coverageHint = async (p: Page) => (await p.getByTestId('coverage-hint').innerText()).trim();
const postedOf = (hint: string) => Number(/^(\d+)/.exec(hint)?.[1] ?? NaN);

browserSuite('service', (s) => {
  server = s.server;
  page = s.page;
});

describe('设岗定责与记实', () => {
  it('sets up a post, assigns a member without office, and the coverage rises', async () => {
    await page.goto(`${server.url}/`);
    await signIn(page, 'admin', server.adminPassword);
    await changePassword(page, server.adminPassword, NEW_PASSWORD);
    await visible(page.getByTestId('home-page'));
    // A branch with a member who holds neither an office nor a post.
    const list = await getJson<{ items: { orgId: number }[] }>('/api/members?limit=200&sort=joinedOn&order=asc');
    for (const id of new Set(list.items.map((m) => m.orgId))) {
      const c = await getJson<{ items: { memberId: number; name: string; orgId: number; orgName: string; office: string | null; posts: string[] }[] }>(`/api/orgs/${id}/service/candidates`);
      const free = c.items.find((x) => x.orgId === id && !x.office && x.posts.length === 0);
      if (free) {
        orgId = id;
        member = free;
        break;
      }
    }
    expect(orgId, 'a branch with a member without office or post').toBeGreaterThan(0);

    await page.getByTestId('main-menu').getByText('组织生活').click();
    await page.getByRole('menuitem', { name: '设岗定责与记实' }).click();
    await visible(page.getByTestId('service-page'));
    await page.goto(`${server.url}/service?orgId=${orgId}`);
    await visible(page.getByTestId('coverage-hint'), SLOW);
    const before = postedOf(await coverageHint(page));

    await page.getByTestId('new-post').click();
    await page.getByTestId('post-name').locator('input').fill('测试宣传岗');
    await page.getByTestId('post-duties').fill('向群众宣传惠农政策，每月入户 4 次');
    await page.getByTestId('post-save').click();
    const card = page.getByTestId('post-card').filter({ hasText: '测试宣传岗' });
    await visible(card);
    await card.getByTestId('assign-btn').click();
    await pick(page, 'assign-member', member.name, member.name);
    await page.getByTestId('assign-save').click();
    await visible(card.getByText(member.name), SLOW);
    await expect.poll(async () => postedOf(await coverageHint(page)), { timeout: SLOW }).toBe(before + 1);
    await screenshot(page, 'service-posts');
  });

  it('adds a 记实 record for the member and the counts rise', async () => {
    await page.getByTestId('tab-records').click();
    await visible(page.getByTestId('records-tab'));
    const total = async () => Number(/(\d+)/.exec(await page.getByTestId('records-total').innerText())?.[1] ?? NaN);
    await expect.poll(total, { timeout: SLOW }).toBeGreaterThanOrEqual(0);
    const before = await total();
    const row = () => page.getByTestId('member-counts').locator('tr').filter({ hasText: member.name });
    // A member without records yet is not in the table: count 0.
    const countOf = async () => ((await row().count()) === 0 ? 0 : Number((await row().first().locator('td').last().innerText()).trim()));
    const countBefore = await countOf();
    await page.getByTestId('new-record').click();
    await pick(page, 'record-member', member.name, member.name);
    await page.getByTestId('record-whom').fill('五保户沈阿婆');
    await page.getByTestId('record-matter').fill('上门了解冬季取暖情况，代购电暖器');
    await page.getByTestId('record-save').click();
    await expect.poll(total, { timeout: SLOW }).toBe(before + 1);
    await expect.poll(countOf, { timeout: SLOW }).toBe(countBefore + 1);
    await screenshot(page, 'service-records');
  });
});

describe('待办中心', () => {
  it('opens from the header bell, shows every source with counts, filters by source and status, groups by organization', async () => {
    await page.getByTestId('header-reminders').click();
    await visible(page.getByTestId('reminders-page'));
    await visible(page.getByTestId('source-cards'), SLOW);
    const service = page.getByTestId('source-card').filter({ hasText: '设岗定责' });
    await visible(service);
    const n = Number(await service.getByTestId('source-total').innerText());
    expect(n, 'the demo has post reviews falling due').toBeGreaterThan(0);
    await service.click();
    await expect.poll(() => page.url()).toContain('source=service');
    // The list reloads for the filter (seconds on a busy machine): wait until it shows this source only.
    const kindsShown = () => page.getByTestId('reminder').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    await expect.poll(async () => { const k = await kindsShown(); return k.length > 0 && k.every((x) => x?.startsWith('service.')); }, { timeout: SLOW }).toBe(true);
    // Status: overdue only.
    await page.getByTestId('severity-filter').getByText(/^已逾期/).click();
    await expect.poll(() => page.url()).toContain('severity=overdue');
    await expect.poll(async () => (await page.getByTestId('reminder').evaluateAll((els) => els.map((e) => e.getAttribute('data-severity')))).every((x) => x === 'overdue'), { timeout: SLOW }).toBe(true);
    // Grouping by organization: one group per organization.
    await page.getByTestId('group-by').getByText('按组织').click();
    await visible(page.getByTestId('notice-group'));
    // An item opens its record on the service page.
    await page.locator('.reminder-link').first().click();
    await visible(page.getByTestId('posts-tab'), SLOW);
    expect(page.url()).toContain('/service?orgId=');
    await page.goBack();
    await visible(page.getByTestId('reminders-page'));
    await page.getByTestId('severity-filter').getByText('全部', { exact: true }).click();
    await settle(page);
    await screenshot(page, 'notice-centre');
  });

  it('works at phone width', async () => {
    const phone = await openBrowser({ viewport: { width: 390, height: 844 }, mobile: true });
    try {
      const p = phone.page;
      await p.goto(`${server.url}/`);
      await signIn(p, 'admin', NEW_PASSWORD);
      await visible(p.getByTestId('home-page'));
      await p.goto(`${server.url}/reminders`);
      await visible(p.getByTestId('source-cards'), SLOW);
      await settle(p);
      const width = await p.evaluate<number>('document.documentElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(390);
      await screenshot(p, 'notice-centre-phone');
      await p.goto(`${server.url}/service?orgId=${orgId}`);
      await visible(p.getByTestId('coverage-card'), SLOW);
      await settle(p);
      expect(await p.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await screenshot(p, 'service-phone');
    } finally {
      await phone.close();
    }
  });
});
