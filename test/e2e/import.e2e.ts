// The Excel import wizard end to end: a real server (fresh demo data) and headless Chromium.
// A bad members file is refused as a whole with its row errors and a downloadable error report;
// a good one is imported; importing it again adds nothing.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fakeIdNumber } from '../../src/seed/synthetic.ts';
import { openBrowser, screenshot, type BrowserSession } from './browser.ts';
import type { RunningServer } from './server.ts';
import { T, changePassword, openFromMenu, settle, signIn, visible } from './ui.ts';
import { browserSuite } from './suite.ts';

const ADMIN_NEW_PASSWORD = 'Nanhu2024secure';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let server: RunningServer;
let desktop: BrowserSession;
let page: Page;
/** A village Party organization of the demo region, learned from the API. */
let village: Org;


interface Org {
  id: number;
  name: string;
  code: string;
  level: string;
  childCount: number;
}

async function apiGet<T>(p: Page, path: string): Promise<T> {
  const res = await p.request.get(`${server.url}${path}`);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

// ---------------------------------------------------------------------------------------------
// Workbooks, built the way a person fills in the template

const MEMBER_HEADERS = ['姓名', '性别', '民族', '身份证号', '出生日期', '学历', '人员类别', '工作单位', '职务', '入党日期', '转正日期', '联系电话', '户籍类型(城镇/农村)', '户籍所在地', '家庭住址', '流动党员(是/否)', '所在党组织代码'];
const BIRTH = '1979-05-20';
type MemberRow = Partial<Record<(typeof MEMBER_HEADERS)[number], string>>;

/** A valid member of an organization. The ID numbers use a Beijing region code, so they cannot clash with the seeded 南湖区 members. */
function person(name: string, orgCode: string, serial: number, over: MemberRow = {}): MemberRow {
  const gender = serial % 2 ? 'male' : 'female';
  return {
    姓名: name,
    性别: gender === 'male' ? '男' : '女',
    民族: '汉族',
    身份证号: fakeIdNumber('110101', BIRTH, gender, serial),
    学历: '大学本科',
    人员类别: '农牧渔民',
    工作单位: '村股份经济合作社',
    入党日期: '2005-07-01',
    转正日期: '2006-07-01',
    联系电话: `1390573${String(serial).padStart(4, '0')}`,
    '户籍类型(城镇/农村)': '农村',
    '流动党员(是/否)': '否',
    所在党组织代码: orgCode,
    ...over,
  };
}

/** Members of the village with this name and the test rows' birth date (a seeded namesake would have another). */
async function imported(p: Page, name: string): Promise<string[]> {
  const found = await apiGet<{ items: { name: string; birthDate: string }[] }>(p, `/api/members?orgId=${village.id}&q=${encodeURIComponent(name)}&limit=200`);
  return found.items.filter((m) => m.birthDate === BIRTH).map((m) => m.name);
}

async function memberBook(rows: MemberRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员信息');
  ws.addRow(MEMBER_HEADERS);
  ws.getColumn(4).numFmt = '@';
  for (const r of rows) ws.addRow(MEMBER_HEADERS.map((h) => r[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(p: Page, name: string, buffer: Buffer, mimeType = XLSX) {
  await p.getByTestId('import-dropzone').locator('input[type=file]').setInputFiles({ name, mimeType, buffer });
}

// ---------------------------------------------------------------------------------------------

browserSuite('import', (s) => {
  server = s.server;
  desktop = s.desktop;
  page = s.page;
});

describe('Excel import wizard', () => {
  it('signs in as admin and opens 数据导入 from the menu', async () => {
    await page.goto(`${server.url}/`);
    await visible(page.getByText('账号登录'));
    await signIn(page, 'admin', server.adminPassword);
    await changePassword(page, server.adminPassword, ADMIN_NEW_PASSWORD);
    await visible(page.getByTestId('home-page'));

    await openFromMenu(page, '系统管理', '数据导入');
    await page.waitForURL(/\/imports$/);
    await visible(page.getByTestId('import-page'));
    await visible(page.getByText('全部正确才导入'));
    // The admin may import both kinds; each has its own template.
    const template = page.getByTestId('import-template');
    await expect(template.getAttribute('href')).resolves.toBe('/api/imports/templates/members.xlsx');
    await page.getByTestId('import-kind').getByText('党组织信息').click();
    await expect.poll(() => template.getAttribute('href')).toBe('/api/imports/templates/orgs.xlsx');
    await page.getByTestId('import-kind').getByText('党员信息').click();
    await expect.poll(() => template.getAttribute('href')).toBe('/api/imports/templates/members.xlsx');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: T }), template.click()]);
    expect(download.suggestedFilename()).toBe('党员信息导入模板.xlsx');
    await settle(page);
    await screenshot(page, 'import-desktop-start');

    // The region's villages, to fill in a real organization code.
    const { items: roots } = await apiGet<{ items: Org[] }>(page, '/api/orgs/roots');
    const { items: townships } = await apiGet<{ items: Org[] }>(page, `/api/orgs/${roots[0]!.id}/children`);
    const town = townships.find((o) => o.name === '中共嘉兴市南湖区凤桥镇委员会')!;
    expect(town).toBeDefined();
    const { items: villages } = await apiGet<{ items: Org[] }>(page, `/api/orgs/${town.id}/children`);
    village = villages.find((o) => o.level === 'village')!;
    expect(village?.code).toMatch(/^[0-9A-Za-z-]+$/);
  });

  it('refuses a file that is not .xlsx before sending it', async () => {
    await upload(page, '党员名单.csv', Buffer.from('姓名,性别\n张三,男\n'), 'text/csv');
    await visible(page.getByTestId('import-refused').getByText('“党员名单.csv”不是 .xlsx 文件', { exact: false }));
  });

  it('rejects a bad members file as a whole, lists the row errors and offers the error report', async () => {
    const good = person('王建华', village.code, 101);
    const badChecksum = person('李秀英', village.code, 102);
    badChecksum['身份证号'] = badChecksum['身份证号']!.slice(0, 17) + (badChecksum['身份证号']!.endsWith('0') ? '1' : '0');
    const unknownOrg = person('赵志强', 'NO-SUCH-ORG-9', 103);
    await upload(page, '党员导入-有错误.xlsx', await memberBook([good, badChecksum, unknownOrg]));

    const rejected = page.getByTestId('import-rejected');
    await visible(rejected.getByText('文件有错误，未导入任何数据'));
    await visible(rejected.getByText('有 2 行有问题', { exact: false }));
    const table = page.getByTestId('import-errors');
    const rows = table.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    await expect(rows.nth(0).innerText()).resolves.toMatch(/^3\s+身份证号\s+身份证号校验位不正确，请核对$/);
    await expect(rows.nth(1).innerText()).resolves.toMatch(/^4\s+所在党组织代码\s+组织代码“NO-SUCH-ORG-9”不存在或不在您的管辖范围内$/);
    await settle(page);
    await screenshot(page, 'import-desktop-rejected');

    // Nothing was written, not even the good row.
    await expect(imported(page, '王建华')).resolves.toEqual([]);

    // The error report: just the bad rows, with their original row number and the reason.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: T }), page.getByTestId('import-report').click()]);
    expect(download.suggestedFilename()).toBe('党员导入-有错误-错误报告.xlsx');
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header[0]).toBe('原行号');
    expect(header.at(-1)).toBe('错误说明');
    const out: { row: unknown; name: unknown; why: string }[] = [];
    ws.eachRow((r, n) => {
      if (n > 1) out.push({ row: r.getCell(1).value, name: r.getCell(header.indexOf('姓名') + 1).value, why: String(r.getCell(header.length).value) });
    });
    expect(out.map((r) => [r.row, r.name])).toEqual([
      [3, '李秀英'],
      [4, '赵志强'],
    ]);
    expect(out[0]!.why).toContain('身份证号');
    expect(out[1]!.why).toContain('所在党组织代码');
  });

  it('shows the progress while the server works', async () => {
    await page.getByTestId('import-again').click();
    await visible(page.getByTestId('import-dropzone'));
    // Hold the job at "校验中" for a moment (the real one finishes too fast to look at).
    let hold = true;
    await page.route(/\/api\/imports\/[0-9a-f-]{36}$/, async (route) => {
      const res = await route.fetch();
      const job = (await res.json()) as Record<string, unknown>;
      await route.fulfill({ response: res, json: hold ? { ...job, status: 'validating', rowsTotal: 3000, rowsProcessed: 1260, created: 0, updated: 0, unchanged: 0 } : job });
    });
    try {
      await upload(page, '党员导入.xlsx', await memberBook([person('王建华', village.code, 101)]));
      const progress = page.getByTestId('import-progress');
      await visible(progress.getByText('校验中'));
      await visible(progress.getByText('已处理 1,260 / 3,000 行'));
      await visible(progress.locator('.ant-progress'));
      await settle(page);
      await screenshot(page, 'import-desktop-progress');
      hold = false;

      // The good file: done, one added.
      const done = page.getByTestId('import-done');
      await visible(done.getByText('导入成功'));
      await expect(done.getByTestId('import-created').innerText()).resolves.toMatch(/^新增\s*1$/);
      await expect(done.getByTestId('import-updated').innerText()).resolves.toMatch(/^更新\s*0$/);
      await expect(done.getByTestId('import-unchanged').innerText()).resolves.toMatch(/^无变化\s*0$/);
      await settle(page);
      await screenshot(page, 'import-desktop-done');
    } finally {
      await page.unroute(/\/api\/imports\/[0-9a-f-]{36}$/);
    }
    await expect(imported(page, '王建华')).resolves.toEqual(['王建华']);
  });

  it('importing the same file again adds no one', async () => {
    await page.getByTestId('import-again').click();
    await upload(page, '党员导入.xlsx', await memberBook([person('王建华', village.code, 101)]));
    const done = page.getByTestId('import-done');
    await visible(done.getByText('导入成功'));
    await expect(done.getByTestId('import-created').innerText()).resolves.toMatch(/^新增\s*0$/);
    await expect(done.getByTestId('import-unchanged').innerText()).resolves.toMatch(/^无变化\s*1$/);
    // The recent list has all three files, newest first: this one, the first good one, the bad one.
    const recent = page.getByTestId('import-recent').locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => recent.count(), { timeout: T }).toBe(3);
    await expect(recent.nth(0).innerText()).resolves.toMatch(/已导入[\s\S]*新增 0，更新 0，无变化 1/);
    await expect(recent.nth(2).innerText()).resolves.toMatch(/未导入[\s\S]*2 行有问题/);
    await visible(recent.nth(2).getByText('错误报告'));
    await done.scrollIntoViewIfNeeded();

    // The same page in English.
    await page.getByTestId('lang-switch').click();
    await visible(page.getByTestId('main-menu').getByText('System', { exact: true }));
    await visible(done.getByText('Import complete'));
    await expect(done.getByTestId('import-unchanged').innerText()).resolves.toMatch(/^Unchanged\s*1$/);
    await page.getByTestId('import-again').click();
    // The menu fits in the English header too (not folded into its overflow, where it could not be clicked).
    await openFromMenu(page, 'System', 'Data import');
    await visible(page.getByTestId('import-rules').getByText('All or nothing', { exact: false }));
    await visible(page.getByTestId('import-dropzone').getByText('Click to choose, or drag an Excel file here'));
    await page.evaluate('window.scrollTo(0, 0)');
    await settle(page);
    await screenshot(page, 'import-desktop-en');
    await page.getByTestId('lang-switch').click();
    await visible(page.getByTestId('main-menu').getByText('系统管理'));
    expect(desktop.problems).toEqual([]);
  });

  it('works on a phone', async () => {
    const phone = await openBrowser({ viewport: { width: 375, height: 740 }, mobile: true });
    try {
      const p = phone.page;
      await p.goto(`${server.url}/`);
      await visible(p.getByText('账号登录'));
      await signIn(p, 'admin', ADMIN_NEW_PASSWORD);
      await visible(p.getByTestId('home-page'));
      await p.getByTestId('open-nav').click();
      await p.locator('.nav-drawer .drawer-menu').getByText('数据导入').click();
      await p.waitForURL(/\/imports$/);
      await visible(p.getByTestId('import-page'));
      await settle(p);
      await screenshot(p, 'import-phone-start');
      // Nothing sticks out sideways.
      await expect(p.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(375);

      const bad = person('李秀英', 'NO-SUCH-ORG-9', 105);
      await upload(p, '党员导入-有错误.xlsx', await memberBook([bad]));
      await visible(p.getByTestId('import-rejected').getByText('文件有错误，未导入任何数据'));
      await visible(p.getByTestId('import-errors').getByText('组织代码“NO-SUCH-ORG-9”不存在', { exact: false }));
      await settle(p);
      await screenshot(p, 'import-phone-rejected');
      await p.getByTestId('import-errors').scrollIntoViewIfNeeded();
      await screenshot(p, 'import-phone-rejected-table');
      await expect(p.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(375);

      await p.getByTestId('import-again').click();
      await upload(p, '党员导入-手机.xlsx', await memberBook([person('陈美玲', village.code, 106)]));
      await visible(p.getByTestId('import-done').getByText('导入成功'));
      await expect(p.getByTestId('import-created').innerText()).resolves.toMatch(/^新增\s*1$/);
      await settle(p);
      await screenshot(p, 'import-phone-done');
      expect(phone.problems).toEqual([]);
    } catch (err) {
      await screenshot(phone.page, 'import-failed-phone').catch(() => undefined);
      throw err;
    } finally {
      await phone.close();
    }
  });
});
