// The member roster (党员名册) end to end: filters kept in the URL, sorting, "load more", the
// member drawer and the Excel export of exactly the filtered list, against a real server with
// fresh demo data in headless Chromium — on a desktop and on a 375px phone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, type BrowserSession } from './browser.ts';
import type { RunningServer } from './server.ts';
import { T, changePassword, openFromMenu, settle, signIn, visible } from './ui.ts';
import { browserSuite, choose } from './suite.ts';

const ADMIN_NEW_PASSWORD = 'Nanhu2024secure';
const FENGQIAO = '中共嘉兴市南湖区凤桥镇委员会';

let server: RunningServer;
let desktop: BrowserSession;
let page: Page;
let town: { id: number; name: string };


interface Summary {
  id: number;
  name: string;
  gender: string;
  education: string;
  joinedOn: string;
}

async function apiGet<T>(p: Page, urlPath: string): Promise<T> {
  const res = await p.request.get(`${server.url}${urlPath}`);
  expect(res.status(), urlPath).toBe(200);
  return (await res.json()) as T;
}

/** Every member the API lists for a query, through all its pages. */
async function apiAll(p: Page, query: Record<string, string>): Promise<Summary[]> {
  const out: Summary[] = [];
  let cursor: string | null = null;
  do {
    const qs: URLSearchParams = new URLSearchParams({ ...query, limit: '200', ...(cursor ? { cursor } : {}) });
    const r: { items: Summary[]; nextCursor: string | null } = await apiGet(p, `/api/members?${qs.toString()}`);
    out.push(...r.items);
    cursor = r.nextCursor;
  } while (cursor);
  return out;
}


const rows = (p: Page) => p.getByTestId('roster-table').locator('.ant-table-tbody .ant-table-row');

/** Press "加载更多" until everything is shown. */
async function loadAll(p: Page) {
  for (;;) {
    await visible(p.getByTestId('roster-more').or(p.getByTestId('roster-all-loaded')));
    if (await p.getByTestId('roster-all-loaded').isVisible()) return;
    const before = await rows(p).count();
    await p.getByTestId('roster-more').click();
    await expect.poll(() => rows(p).count(), { timeout: T }).toBeGreaterThan(before);
  }
}

/** A workbook for assertions (data validations dropped first: exceljs expands them per cell). */
async function readBook(body: Buffer) {
  const zip = await JSZip.loadAsync(body);
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async('string');
    zip.file(name, xml.replace(/<dataValidations\b[\s\S]*?<\/dataValidations>/g, ''));
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await zip.generateAsync({ type: 'nodebuffer' })) as unknown as ArrayBuffer);
  return wb;
}

browserSuite('members', (s) => {
  server = s.server;
  desktop = s.desktop;
  page = s.page;
});

describe('党员名册', () => {
  it('opens from the top menu with the user’s own organization', async () => {
    await page.goto(`${server.url}/`);
    await signIn(page, 'admin', server.adminPassword);
    await changePassword(page, server.adminPassword, ADMIN_NEW_PASSWORD);
    await visible(page.getByTestId('home-page'));
    await openFromMenu(page, '党员管理', '党员名册');
    await visible(page.getByTestId('members-page'));
    expect(new URL(page.url()).pathname).toBe('/members');
    const me = await apiGet<{ orgName: string }>(page, '/api/auth/me');
    await visible(page.getByTestId('org-picker').getByText(me.orgName));
    await expect.poll(() => rows(page).count(), { timeout: T }).toBe(50);
    await visible(page.getByTestId('roster-export-note').getByText('身份证号已脱敏', { exact: false }));
    await settle(page);
    await screenshot(page, 'members-desktop');
  });

  it('filters a township by gender 女 and education 大学本科; every row matches and the count agrees with the API', async () => {
    const found = await apiGet<{ items: { id: number; name: string }[] }>(page, `/api/orgs/search?q=${encodeURIComponent('凤桥镇')}`);
    town = found.items.find((o) => o.name === FENGQIAO)!;
    expect(town, '凤桥镇 is seeded').toBeDefined();
    await page.getByTestId('org-picker').click();
    await page.keyboard.type('凤桥镇');
    await page.locator('.ant-select-item-option').filter({ has: page.locator('.org-search-option-text').getByText(FENGQIAO, { exact: true }) }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('orgId')).toBe(String(town.id));
    await settle(page); // the organization dropdown closes

    await choose(page, page.getByTestId('filter-gender'), '女');
    await choose(page, page.getByTestId('filter-education'), '大学本科');
    await page.getByTestId('filter-apply').click();
    await expect.poll(() => new URL(page.url()).searchParams.toString()).toContain('gender=female');
    const sp = new URL(page.url()).searchParams;
    expect(sp.get('education')).toBe('bachelor');

    const expected = await apiAll(page, { orgId: String(town.id), gender: 'female', education: 'bachelor' });
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(async () => (await rows(page).allTextContents()).every((r) => r.includes('女') && r.includes('大学本科')), { timeout: T }).toBe(true);
    await loadAll(page);
    const genders = await page.getByTestId('cell-gender').allTextContents();
    const educations = await page.getByTestId('cell-education').allTextContents();
    expect(genders.length).toBe(expected.length);
    expect(new Set(genders)).toEqual(new Set(['女']));
    expect(new Set(educations)).toEqual(new Set(['大学本科']));
    expect(await page.getByTestId('member-name').allTextContents()).toEqual(expected.map((m) => m.name));
    await visible(page.getByTestId('roster-count').getByText(`共 ${expected.length} 名`));

    // The link is shareable: a reload shows the same list and the same filters.
    await page.reload();
    await visible(page.getByTestId('members-page'));
    await visible(page.getByTestId('filter-gender').getByText('女', { exact: true }));
    await visible(page.getByTestId('org-picker').getByText(FENGQIAO));
    await expect.poll(async () => (await page.getByTestId('cell-gender').allTextContents()).every((g) => g === '女'), { timeout: T }).toBe(true);
  });

  it('sorts by joining date, both ways', async () => {
    const header = page.getByTestId('roster-table').locator('th').filter({ hasText: '入党日期' });
    await header.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('joinedOn');
    const expected = await apiAll(page, { orgId: String(town.id), gender: 'female', education: 'bachelor', sort: 'joinedOn', order: 'asc' });
    await expect.poll(async () => (await page.getByTestId('cell-joined').allTextContents()).slice(0, 10), { timeout: T }).toEqual(expected.slice(0, 10).map((m) => m.joinedOn));
    const asc = await page.getByTestId('cell-joined').allTextContents();
    expect(asc).toEqual([...asc].sort());

    await header.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('order')).toBe('desc');
    await expect.poll(async () => (await page.getByTestId('cell-joined').allTextContents())[0], { timeout: T }).toBe(expected.at(-1)!.joinedOn);
    const desc = await page.getByTestId('cell-joined').allTextContents();
    expect(desc).toEqual([...desc].sort().reverse());
    await settle(page);
    await screenshot(page, 'members-filtered-sorted');

    // A name opens the member drawer.
    const first = page.getByTestId('member-name').first();
    const name = (await first.textContent())!.trim();
    await first.click();
    await visible(page.getByTestId('member-drawer').getByText(name, { exact: true }));
    await settle(page);
    await screenshot(page, 'members-drawer');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('member-drawer').isVisible()).toBe(false);
  });

  it('exports exactly the filtered members, ID numbers masked', async () => {
    const expected = await apiAll(page, { orgId: String(town.id), gender: 'female', education: 'bachelor' });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: T }), page.getByTestId('roster-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^党员名册-中共嘉兴市南湖区凤桥镇委员会-\d{8}\.xlsx$/);
    const file = path.join(os.tmpdir(), `tongchou-e2e-roster-${Date.now()}.xlsx`);
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    fs.rmSync(file, { force: true });
    const ws = (await readBook(bytes)).worksheets[0]!;
    const headers = (ws.getRow(1).values as unknown[]).map((v) => (v === undefined ? '' : String(v)));
    const col = (h: string) => {
      const i = headers.indexOf(h);
      expect(i, h).toBeGreaterThan(0);
      return i;
    };
    const [nameCol, genderCol, eduCol, idCol] = [col('姓名'), col('性别'), col('学历'), col('身份证号')];
    const book: { name: string; gender: string; education: string; id: string }[] = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const v = row.values as unknown[];
      book.push({ name: String(v[nameCol]), gender: String(v[genderCol]), education: String(v[eduCol]), id: String(v[idCol]) });
    });
    expect(book.length).toBe(expected.length);
    expect(book.map((r) => r.name)).toEqual(expected.map((m) => m.name)); // both in id order
    for (const r of book) {
      expect(r.gender).toBe('女');
      expect(r.education).toBe('大学本科');
      expect(r.id).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    }
  });

  it('explains an empty result and resets the filters', async () => {
    await page.getByTestId('filter-name').fill('查无此人');
    await page.getByTestId('filter-apply').click();
    await visible(page.getByTestId('roster-empty').getByText('没有符合条件的党员'));
    await settle(page);
    await screenshot(page, 'members-empty');
    await page.getByTestId('filter-reset').click();
    await expect.poll(() => rows(page).count(), { timeout: T }).toBe(50);
    const sp = new URL(page.url()).searchParams;
    expect([...sp.keys()].filter((k) => !['orgId', 'sort', 'order'].includes(k))).toEqual([]);
    expect(desktop.problems).toEqual([]);
  });

  it('works on a 375px phone: filters in a drawer', async () => {
    const phone = await openBrowser({ viewport: { width: 375, height: 812 }, mobile: true });
    try {
      const p = phone.page;
      // A shared link opens the same filtered list, after signing in.
      const link = `/members?orgId=${town.id}&gender=female`;
      await p.goto(`${server.url}${link}`);
      await visible(p.getByTestId('login-submit'));
      await signIn(p, 'admin', ADMIN_NEW_PASSWORD);
      await visible(p.getByTestId('members-page'));
      expect(new URL(p.url()).pathname + new URL(p.url()).search).toBe(link);
      await expect.poll(async () => (await p.getByTestId('cell-gender').allTextContents()).length, { timeout: T }).toBeGreaterThan(0);
      expect(new Set(await p.getByTestId('cell-gender').allTextContents())).toEqual(new Set(['女']));
      // Nothing sticks out sideways (the table scrolls inside its own box).
      const overflow = await p.evaluate('document.documentElement.scrollWidth - window.innerWidth');
      expect(overflow).toBeLessThanOrEqual(0);
      await settle(p);
      await screenshot(p, 'members-phone');
      await p.getByTestId('roster-open-filters').click();
      await visible(p.getByTestId('roster-filter-drawer').getByTestId('filter-apply'));
      await settle(p);
      await screenshot(p, 'members-phone-filters');
      await choose(p, p.getByTestId('filter-education'), '大学本科');
      await p.getByTestId('filter-apply').click();
      await expect.poll(() => new URL(p.url()).searchParams.get('education')).toBe('bachelor');
      await expect.poll(async () => (await p.getByTestId('cell-education').allTextContents()).every((e) => e === '大学本科'), { timeout: T }).toBe(true);
      expect(phone.problems).toEqual([]);
    } catch (err) {
      await screenshot(phone.page, 'failed-members-phone').catch(() => undefined);
      throw err;
    } finally {
      await phone.close();
    }
  });
});
