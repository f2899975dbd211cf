// Organization detail tabs (committee, units, history, reminders) and the statistics page, end to end:
// a real server with fresh demo data and headless Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, type BrowserSession } from './browser.ts';
import type { RunningServer } from './server.ts';
import { T, changePassword, settle, signIn, visible } from './ui.ts';
import { browserSuite } from './suite.ts';

const ADMIN_NEW_PASSWORD = 'Nanhu2024secure';
const FENGQIAO = '中共嘉兴市南湖区凤桥镇委员会';
const YUXIN = '中共嘉兴市南湖区余新镇委员会';
const SECRETARY = '沈国强';
const DEPUTY = '陆美华';

let server: RunningServer;
let desktop: BrowserSession;
let page: Page;
/** The township whose tabs and statistics are checked. */
let town: Org;
/** The server's today (Beijing time), as the statistics API reports it. */
let today = '';


interface Org {
  id: number;
  name: string;
  level: string;
  childCount: number;
}

interface Stats {
  asOf: string;
  organizations: { total: number; byKind: { code: string; count: number }[] };
  members: { total: number; byGender: { code: string; count: number }[]; byStatus: { code: string; count: number }[] };
}

/** Ask the API with the page's own session, to learn the seeded names and figures instead of hard-coding them. */
async function apiGet<T>(p: Page, path: string): Promise<T> {
  const res = await p.request.get(`${server.url}${path}`);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

/** Write through the API with the page's session and its CSRF token (test data the demo does not have). */
async function apiSend(p: Page, method: 'post' | 'put', path: string, data: unknown) {
  const { csrfToken } = await apiGet<{ csrfToken: string }>(p, '/api/auth/me');
  const res = await p.request[method](`${server.url}${path}`, { data, headers: { 'X-CSRF-Token': csrfToken } });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
}

/** YYYY-MM-DD plus a number of days (calendar arithmetic in UTC). */
function addDays(date: string, days: number) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const yearsBefore = (date: string, years: number) => `${Number(date.slice(0, 4)) - years}${date.slice(4)}`;

const count = (n: number) => n.toLocaleString('en-US');
const statValue = (p: Page, key: string) => p.getByTestId(`stats-${key}`).locator('.ant-statistic-content');

/** Pick a date in the antd DatePicker by typing it. */
async function pickDate(p: Page, date: string) {
  const input = p.locator('input#stats-asof');
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await expect.poll(() => p.getByTestId('stats-content').getAttribute('data-asof'), { timeout: T }).toBe(date);
  // The previous figures stay dimmed while the new ones load.
  await expect.poll(() => p.getByTestId('stats-content').getAttribute('style'), { timeout: T }).toContain('opacity: 1');
}

// A failed step leaves a picture of what the browser showed.
browserSuite('org', (s) => {
  server = s.server;
  desktop = s.desktop;
  page = s.page;
});

describe('Organization tabs and statistics', () => {
  it('signs in as admin and changes the initial password', async () => {
    await page.goto(`${server.url}/`);
    await visible(page.getByText('账号登录'));
    await signIn(page, 'admin', server.adminPassword);
    await changePassword(page, server.adminPassword, ADMIN_NEW_PASSWORD);
    await visible(page.getByTestId('home-page'));

    const { items: roots } = await apiGet<{ items: Org[] }>(page, '/api/orgs/roots');
    const { items: townships } = await apiGet<{ items: Org[] }>(page, `/api/orgs/${roots[0]!.id}/children`);
    town = townships.find((o) => o.name === FENGQIAO)!;
    expect(town, `${FENGQIAO} is seeded`).toBeDefined();
    today = (await apiGet<Stats>(page, `/api/stats/orgs/${town.id}`)).asOf;
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('shows the committee, units, history and reminders of a township', async () => {
    // The demo has no committee posts: appoint two, and register a term that ends in 30 days (5-year term).
    await apiSend(page, 'post', `/api/orgs/${town.id}/posts`, { post: 'secretary', holderName: SECRETARY, startedOn: yearsBefore(today, 2) });
    await apiSend(page, 'post', `/api/orgs/${town.id}/posts`, { post: 'deputy_secretary', holderName: DEPUTY, startedOn: yearsBefore(today, 1) });
    const termStart = addDays(yearsBefore(today, 5), 30);
    await apiSend(page, 'put', `/api/orgs/${town.id}/term`, { startedOn: termStart });
    const checks = await apiGet<{ items: { severity: string; message: string; source: string }[]; termEndsOn: string }>(page, `/api/orgs/${town.id}/checks`);
    expect(checks.items.length).toBeGreaterThan(0);
    const termWarning = checks.items.find((i) => i.message.includes('届满'))!;
    expect(termWarning, 'the term ends soon').toBeDefined();

    await page.goto(`${server.url}/orgs/${town.id}`);
    await visible(page.getByTestId('org-title').getByText(FENGQIAO, { exact: true }));

    // The sub-organizations tab exports the township and everything below it.
    await page.getByRole('tab', { name: /下级组织/ }).click();
    const [orgFile] = await Promise.all([page.waitForEvent('download', { timeout: T }), page.getByTestId('org-export').click()]);
    expect(orgFile.suggestedFilename()).toMatch(new RegExp(`^党组织名册-${FENGQIAO}-\\d{8}\\.xlsx$`));

    // 班子成员: posts with holders and dates; the term ends soon, so its tag warns.
    await page.getByRole('tab', { name: /班子成员/ }).click();
    const posts = page.getByTestId('org-posts');
    await visible(posts.locator('.ant-table-row').filter({ hasText: SECRETARY }).getByText('书记', { exact: true }));
    await visible(posts.locator('.ant-table-row').filter({ hasText: DEPUTY }).getByText('副书记', { exact: true }));
    await visible(posts.getByText(termStart));
    await visible(posts.getByText(checks.termEndsOn));
    await expect(page.getByTestId('term-tag').textContent()).resolves.toMatch(/还有 \d+ 天届满/);
    await settle(page);
    await screenshot(page, 'org-posts');

    // 所属单位: the township is not set up in one unit; the units below it are listed.
    const units = await apiGet<{ items: { name: string }[]; total: number }>(page, `/api/units?orgId=${town.id}&limit=10`);
    expect(units.total).toBeGreaterThan(0);
    await page.getByRole('tab', { name: /所属单位/ }).click();
    await visible(page.getByTestId('org-units').getByText('本组织没有关联具体单位'));
    await visible(page.getByTestId('units-under').getByText(units.items[0]!.name, { exact: true }));
    await visible(page.getByTestId('units-under').getByText(`共 ${units.total} 个单位`));
    await settle(page);
    await screenshot(page, 'org-units');

    // 沿革: the appointments and the new term, kind in Chinese, post codes shown as names.
    await page.getByRole('tab', { name: /沿革/ }).click();
    const history = page.getByTestId('org-history');
    await visible(history.getByText(`任职：${SECRETARY}（书记）`));
    await visible(history.getByText(/^换届：本届任期自/));
    await visible(history.getByText('换届与任职'));
    await expect(history.getByText('secretary').count()).resolves.toBe(0);
    await settle(page);
    await screenshot(page, 'org-history');

    // 提醒: the count on the tab, each warning with its plain message and rule source.
    await expect(page.getByTestId('checks-badge').textContent()).resolves.toContain(String(checks.items.length));
    await page.getByRole('tab', { name: /提醒/ }).click();
    const reminders = page.getByTestId('org-checks');
    await expect.poll(() => reminders.locator('.ant-alert').count(), { timeout: T }).toBe(checks.items.length);
    await visible(reminders.getByText(termWarning.message));
    await visible(reminders.getByText(`依据：${termWarning.source}`));
    await settle(page);
    await screenshot(page, 'org-checks');

    // A township with a fresh term has nothing to remind of: a friendly empty state, no badge.
    const { items: townships } = await apiGet<{ items: Org[] }>(page, `/api/orgs/${(await apiGet<{ items: Org[] }>(page, '/api/orgs/roots')).items[0]!.id}/children`);
    const other = townships.find((o) => o.name === YUXIN)!;
    await apiSend(page, 'put', `/api/orgs/${other.id}/term`, { startedOn: yearsBefore(today, 1) });
    const otherChecks = await apiGet<{ items: unknown[] }>(page, `/api/orgs/${other.id}/checks`);
    if (otherChecks.items.length === 0) {
      await page.goto(`${server.url}/orgs/${other.id}?tab=checks`);
      await visible(page.getByTestId('org-checks-empty').getByText('未发现需要注意的问题'));
      await expect(page.getByTestId('checks-badge').count()).resolves.toBe(0);
      await settle(page);
      await screenshot(page, 'org-checks-empty');
    }
  });

  it('opens the statistics page with charts and the real counts', async () => {
    const stats = await apiGet<Stats>(page, `/api/stats/orgs/${town.id}`);
    expect(stats.members.total).toBeGreaterThan(0);

    await page.goto(`${server.url}/orgs/${town.id}`);
    await page.getByTestId('org-stats-link').click();
    await page.waitForURL(new RegExp(`/orgs/${town.id}/stats$`));
    await visible(page.getByTestId('stats-page'));
    await visible(page.locator('.page-breadcrumb').getByText(FENGQIAO));
    // The tree keeps the organization selected on its statistics page.
    await visible(page.locator(`.org-tree .ant-tree-treenode-selected .org-tree-title[title="${FENGQIAO}"]`));
    await expect(page.locator('input#stats-asof').inputValue()).resolves.toBe(today);

    // The headline numbers are the API's.
    const status = (code: string) => stats.members.byStatus.find((c) => c.code === code)!.count;
    await expect.poll(() => statValue(page, 'orgs').textContent(), { timeout: T }).toBe(count(stats.organizations.total));
    await expect(statValue(page, 'members').textContent()).resolves.toBe(count(stats.members.total));
    await expect(statValue(page, 'full').textContent()).resolves.toBe(count(status('full')));
    await expect(statValue(page, 'probationary').textContent()).resolves.toBe(count(status('probationary')));

    // Ten charts are drawn, each with its table.
    await expect.poll(() => page.getByTestId('stats-content').locator('canvas').count(), { timeout: T }).toBe(10);
    const male = stats.members.byGender.find((c) => c.code === 'male')!.count;
    const genderRow = page.getByTestId('breakdown-gender').locator('.ant-table-row').filter({ hasText: '男' });
    await expect(genderRow.locator('td').nth(1).textContent()).resolves.toBe(count(male));
    await expect(genderRow.locator('td').nth(2).textContent()).resolves.toBe(`${((male / stats.members.total) * 100).toFixed(1)}%`);
    await expect(page.getByTestId('breakdown-gender-total').textContent()).resolves.toBe(count(stats.members.total));
    await expect(page.getByTestId('breakdown-kind-total').textContent()).resolves.toBe(count(stats.organizations.total));
    // Coverage lists, with their empty states when nothing is missing.
    await visible(page.getByTestId('coverage-units'));
    await visible(page.getByTestId('coverage-villages').getByText(/村（社区）党组织 \d+ 个/));
    await settle(page);
    await screenshot(page, 'stats-desktop');
    await page.getByTestId('coverage-units').scrollIntoViewIfNeeded();
    await settle(page);
    await screenshot(page, 'stats-desktop-coverage');
  });

  it('recounts for an earlier date, explains a date before the organization existed, and exports Excel', async () => {
    const now = await apiGet<Stats>(page, `/api/stats/orgs/${town.id}`);
    const earlierDate = '2015-06-30';
    const earlier = await apiGet<Stats>(page, `/api/stats/orgs/${town.id}?asOf=${earlierDate}`);
    expect(earlier.members.total).not.toBe(now.members.total);

    await pickDate(page, earlierDate);
    expect(page.url()).toContain(`asOf=${earlierDate}`);
    await expect(statValue(page, 'members').textContent()).resolves.toBe(count(earlier.members.total));
    await expect(statValue(page, 'orgs').textContent()).resolves.toBe(count(earlier.organizations.total));
    await expect(page.getByTestId('breakdown-gender-total').textContent()).resolves.toBe(count(earlier.members.total));

    // Excel for the same date.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: T }), page.getByTestId('stats-export').click()]);
    expect(download.suggestedFilename()).toBe(`统计_${FENGQIAO}_${earlierDate}.xlsx`);
    const file = path.join(os.tmpdir(), `tongchou-e2e-${Date.now()}.xlsx`);
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    fs.rmSync(file, { force: true });
    expect(bytes.length).toBeGreaterThan(2000);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip: xlsx
    await settle(page);
    await screenshot(page, 'stats-earlier');

    // Before the township was established: zeros and a plain explanation instead of empty charts.
    const org = await apiGet<{ establishedOn: string }>(page, `/api/orgs/${town.id}`);
    await pickDate(page, '1980-01-01');
    await expect(statValue(page, 'members').textContent()).resolves.toBe('0');
    await expect(statValue(page, 'orgs').textContent()).resolves.toBe('0');
    await visible(page.getByTestId('stats-empty').getByText(`截至 1980-01-01，本组织尚未成立（成立于 ${org.establishedOn}）`, { exact: false }));
    await expect(page.getByTestId('stats-content').locator('canvas').count()).resolves.toBe(0);
    await settle(page);
    await screenshot(page, 'stats-before-established');
  });

  it('reads in English too', async () => {
    await page.goto(`${server.url}/orgs/${town.id}/stats`);
    await page.getByTestId('lang-switch').click();
    await visible(page.getByRole('button', { name: /Export Excel/ }));
    await visible(page.getByText('By gender', { exact: true }));
    await settle(page);
    await screenshot(page, 'stats-desktop-en');
    await page.goto(`${server.url}/orgs/${town.id}?tab=checks`);
    await visible(page.getByRole('tab', { name: /Reminders/ }));
    await visible(page.getByRole('tab', { name: /Committee/ }));
    await page.getByTestId('lang-switch').click();
    await visible(page.getByRole('tab', { name: /提醒/ }));
  });

  it('stacks the charts on a phone', async () => {
    const phone = await openBrowser({ viewport: { width: 375, height: 812 }, mobile: true });
    try {
      const p = phone.page;
      await p.goto(`${server.url}/`);
      await visible(p.getByText('账号登录'));
      await signIn(p, 'admin', ADMIN_NEW_PASSWORD);
      await visible(p.getByTestId('home-page'));
      await p.goto(`${server.url}/orgs/${town.id}`);
      await visible(p.getByTestId('org-page'));
      // The original tabs keep their places (within the screen); the new ones follow in the scrolling
      // tab bar and its … menu. (The fourth, 党员, sits partly under the … button.)
      for (const name of [/基本信息/, /下级组织/, /统计概况/, /党员/]) {
        const box = await p.getByRole('tab', { name }).boundingBox();
        expect(box && box.x + box.width <= 375, String(name)).toBe(true);
      }
      await screenshot(p, 'phone-org-tabs');

      await p.goto(`${server.url}/orgs/${town.id}/stats`);
      await expect.poll(() => p.getByTestId('stats-content').locator('canvas').count(), { timeout: T }).toBe(10);
      const a = await p.getByTestId('breakdown-gender').boundingBox();
      const b = await p.getByTestId('breakdown-status').boundingBox();
      expect(a && b).toBeTruthy();
      expect(Math.abs(a!.x - b!.x)).toBeLessThan(2); // one above the other
      expect(b!.y).toBeGreaterThan(a!.y + a!.height - 1);
      expect(a!.x + a!.width).toBeLessThanOrEqual(375);
      // Nothing is wider than the screen.
      await expect(p.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(375);
      await settle(p);
      await screenshot(p, 'phone-stats');
      await p.getByTestId('breakdown-age').scrollIntoViewIfNeeded();
      await settle(p);
      await screenshot(p, 'phone-stats-age');
      expect(phone.problems).toEqual([]);
    } finally {
      await phone.close();
    }
    expect(desktop.problems).toEqual([]);
  });
});
