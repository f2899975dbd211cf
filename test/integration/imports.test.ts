// Excel import and export: templates, all-or-nothing member and organization imports run as
// background jobs (progress in import_jobs), the per-row error workbook, job visibility by
// scope, the streamed member export with masked ID numbers, and the command line.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { FieldCipher } from '../../src/lib/secrets.ts';
import { fakeIdNumber } from '../../src/seed/synthetic.ts';
import { insertOrg, makeUser, type OrgTree, type TestOrg, type TestUser } from '../helpers/factories.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

const MEMBER_HEADERS = ['姓名', '性别', '民族', '身份证号', '出生日期', '学历', '人员类别', '工作单位', '职务', '入党日期', '转正日期', '联系电话', '户籍类型(城镇/农村)', '户籍所在地', '家庭住址', '流动党员(是/否)', '所在党组织代码'];
const ORG_HEADERS = ['组织代码', '组织名称', '上级组织代码', '组织类别', '层级', '领域', '行政区划代码', '城乡分类', '成立日期'];

type Cell = string | number | Date | null;
type MemberRow = Partial<Record<(typeof MEMBER_HEADERS)[number], Cell>>;

interface Job {
  id: string;
  status: string;
  rowsTotal: number | null;
  rowsProcessed: number;
  created: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  errors: { row: number; field: string; message: string }[];
  hasErrorReport: boolean;
  message: string | null;
  fileName: string;
  fileSha256: string;
}

let ts: TestServer;
let tree: OrgTree;
let staffA: Client;
let staffB: Client;
let secA: Client;
let admin: Client;
let staffAUser: TestUser;
let serial = 0;

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  staffAUser = await ts.makeUser('org_staff', tree.a.township.id);
  const b = await ts.makeUser('org_staff', tree.b.township.id);
  const sec = await ts.makeUser('secretary', tree.a.village.id);
  const adm = await ts.makeUser('admin', tree.root.id);
  [staffA, staffB, secA, admin] = await Promise.all([login(ts.app, staffAUser.username, staffAUser.password), login(ts.app, b.username, b.password), login(ts.app, sec.username, sec.password), login(ts.app, adm.username, adm.password)]);
});
afterAll(async () => {
  await ts?.close();
});

// ---------------------------------------------------------------------------------------------
// Helpers

/** A valid member row for an organization: unique checksum-valid ID, adult at joining. */
function person(org: TestOrg, over: MemberRow = {}): MemberRow {
  const n = ++serial;
  const gender = n % 2 ? 'male' : 'female';
  const birth = `19${70 + (n % 25)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 27)).padStart(2, '0')}`;
  const id = fakeIdNumber('330402', birth, gender, 100 + n * 2);
  return {
    姓名: `导入${'甲乙丙丁戊己庚辛'[n % 8]}${'一二三四五六七八九十'[n % 10]}${n}`.slice(0, 8),
    性别: gender === 'male' ? '男' : '女',
    民族: '汉族',
    身份证号: id,
    出生日期: n % 3 === 0 ? new Date(`${birth}T00:00:00Z`) : null,
    学历: '大学本科',
    人员类别: '农牧渔民',
    工作单位: '竹林村股份经济合作社',
    职务: null,
    // Excel dates and the two text forms, mixed.
    入党日期: n % 3 === 0 ? new Date(Date.UTC(2012, 6, 1)) : n % 3 === 1 ? '2012-07-01' : '2012/7/1',
    转正日期: n % 4 === 0 ? null : '2013/7/1',
    联系电话: `139${String(n).padStart(8, '0')}`,
    '户籍类型(城镇/农村)': '农村',
    户籍所在地: '浙江省嘉兴市南湖区',
    家庭住址: `竹林村 ${n} 号`,
    '流动党员(是/否)': n % 5 === 0 ? '是' : '否',
    所在党组织代码: org.code,
    ...over,
  };
}

async function workbook(headers: string[], rows: Partial<Record<string, Cell>>[], sheetName = '党员信息'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(headers);
  ws.getColumn(4).numFmt = '@';
  for (const r of rows) {
    const row = ws.addRow(headers.map((h) => r[h] ?? null));
    headers.forEach((h, i) => {
      if (r[h] instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const memberBook = (rows: MemberRow[]) => workbook(MEMBER_HEADERS, rows);

function multipart(fileName: string, content: Buffer) {
  const boundary = `----tongchou${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`);
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(c: Client, kind: 'members' | 'orgs', fileName: string, content: Buffer) {
  const { payload, headers } = multipart(fileName, content);
  return c.request({ method: 'POST', url: `/api/imports/${kind}`, payload, headers });
}

async function waitJob(c: Client, id: string): Promise<Job> {
  for (let i = 0; i < 600; i++) {
    const res = await c.get(`/api/imports/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json<Job>();
    if (['done', 'rejected', 'failed'].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} did not finish`);
}

async function importFile(c: Client, kind: 'members' | 'orgs', fileName: string, content: Buffer): Promise<Job> {
  const res = await upload(c, kind, fileName, content);
  expect(res.statusCode, res.body).toBe(202);
  return waitJob(c, res.json<{ jobId: string }>().jobId);
}

async function counts() {
  const r = await sql<{ members: number; periods: number; audit: number; orgs: number; versions: number; events: number }>`
    select (select count(*) from members)::int as members, (select count(*) from member_periods)::int as periods,
      (select count(*) from audit_log)::int as audit, (select count(*) from organizations)::int as orgs,
      (select count(*) from org_versions)::int as versions, (select count(*) from org_events)::int as events`.execute(ts.db);
  return r.rows[0]!;
}

/**
 * Load a workbook for assertions. exceljs's full reader expands every data-validation range
 * into one entry per cell (the template's whole-column dropdowns would be millions), so the
 * <dataValidations> elements are dropped first; `validationsOf` reads them from the raw XML.
 */
async function readBook(body: Buffer | string) {
  const zip = await JSZip.loadAsync(typeof body === 'string' ? Buffer.from(body, 'binary') : body);
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async('string');
    zip.file(name, xml.replace(/<dataValidations\b[\s\S]*?<\/dataValidations>/g, ''));
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await zip.generateAsync({ type: 'nodebuffer' })) as unknown as ArrayBuffer);
  return wb;
}

/** The data validations of the first worksheet, as written: type, range and first formula. */
async function validationsOf(body: Buffer): Promise<{ type: string; sqref: string; formula: string }[]> {
  const zip = await JSZip.loadAsync(body);
  const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  return [...xml.matchAll(/<dataValidation\b([^>]*)>([\s\S]*?)<\/dataValidation>/g)].map((m) => ({
    type: /\btype="([^"]*)"/.exec(m[1]!)?.[1] ?? '',
    sqref: /\bsqref="([^"]*)"/.exec(m[1]!)?.[1] ?? '',
    formula: (/<formula1>([\s\S]*?)<\/formula1>/.exec(m[2]!)?.[1] ?? '').replace(/&apos;/g, "'"),
  }));
}

/** Rows of the first sheet as objects keyed by header. */
function sheetObjects(ws: ExcelJS.Worksheet): Record<string, unknown>[] {
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const v = row.values as unknown[];
    out.push(Object.fromEntries(headers.map((h, i) => [h, v[i + 1] ?? null])));
  });
  return out;
}

// ---------------------------------------------------------------------------------------------

describe('templates', () => {
  it('the member template has the Chinese headers, dropdowns, an example row and 填写说明', async () => {
    const res = await staffA.get('/api/imports/templates/members.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('党员信息导入模板.xlsx')}`);
    const wb = await readBook(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['党员信息', '填写说明', '代码表']);
    const ws = wb.getWorksheet('党员信息')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(MEMBER_HEADERS);
    expect(String(ws.getCell('A2').value)).toMatch(/^（示例）/);
    const lists = (await validationsOf(res.rawPayload)).filter((v) => v.type === 'list');
    // 性别, 民族, 学历, 人员类别, 户籍类型, 流动党员 have dropdowns, each down the whole column.
    expect(lists.map((v) => v.sqref.replace(/\d+/g, '').split(':')[0]).sort()).toEqual(['B', 'C', 'F', 'G', 'M', 'P']);
    expect(lists.find((v) => v.sqref.startsWith('B'))!.sqref).toBe('B2:B1048576');
    const codes = wb.getWorksheet('代码表')!;
    const genderList = lists.find((v) => v.sqref.startsWith('B'))!.formula;
    expect(genderList).toContain('代码表');
    expect([codes.getCell('A2').value, codes.getCell('A3').value]).toEqual(['男', '女']);
    const guide = sheetObjects(wb.getWorksheet('填写说明')!);
    expect(guide.map((g) => g['列名']).slice(0, MEMBER_HEADERS.length)).toEqual(MEMBER_HEADERS.map((h) => h.replace(/\(.*\)/, '')));
  });

  it('the organization template, and who may download it', async () => {
    const res = await staffA.get('/api/imports/templates/orgs.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = await readBook(res.rawPayload);
    expect((wb.getWorksheet('组织信息')!.getRow(1).values as unknown[]).slice(1)).toEqual(ORG_HEADERS);
    // A secretary may import members but not organizations.
    expect((await secA.get('/api/imports/templates/members.xlsx')).statusCode).toBe(200);
    expect((await secA.get('/api/imports/templates/orgs.xlsx')).statusCode).toBe(403);
  });
});

describe('member import', () => {
  let good: MemberRow[];
  let goodFile: Buffer;
  let firstJob: Job;

  it('imports every row of a valid file in one go, with periods and one audit entry', async () => {
    good = [...Array.from({ length: 20 }, () => person(tree.a.village)), ...Array.from({ length: 10 }, () => person(tree.a.branch))];
    goodFile = await memberBook(good);
    const before = await counts();
    firstJob = await importFile(staffA, 'members', '南湖区党员.xlsx', goodFile);
    expect(firstJob).toMatchObject({ status: 'done', rowsTotal: 30, rowsProcessed: 30, created: 30, updated: 0, unchanged: 0, errorCount: 0, fileName: '南湖区党员.xlsx' });
    const after = await counts();
    expect(after.members - before.members).toBe(30);
    expect(after.periods - before.periods).toBe(30);
    expect(after.audit - before.audit).toBe(1);
    const audit = await ts.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'member.import', entity: 'import_job', entity_id: firstJob.id, actor_id: staffA.me.id, scope_path: tree.a.village.path });
    expect(audit.after).toMatchObject({ file: '南湖区党员.xlsx', created: 30, updated: 0, unchanged: 0, sha256: firstJob.fileSha256 });
    expect(firstJob.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(audit)).not.toContain(String(good[0]!['身份证号']));
  });

  it('stores labels as codes, dates from Excel or text, the number encrypted', async () => {
    const p = good[4]!; // n % 3 varies across the first rows
    const id = String(p['身份证号']);
    const row = await ts.db.selectFrom('members').selectAll().where('id_number_hash', '=', ts.cipher.lookupHash(id)).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: p['姓名'], org_id: tree.a.village.id, education: 'bachelor', category: 'farmer', joined_on: '2012-07-01', household: 'rural', ethnicity: '汉族', birth_date: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}` });
    expect(row.status).toBe(p['转正日期'] ? 'full' : 'probationary');
    expect(ts.cipher.decrypt(row.id_number_cipher)).toBe(id);
    expect(row.id_number_masked).toBe(`${id.slice(0, 6)}********${id.slice(14)}`);
    const period = await ts.db.selectFrom('member_periods').selectAll().where('member_id', '=', row.id).execute();
    expect(period).toHaveLength(1);
    expect(period[0]).toMatchObject({ org_id: tree.a.village.id, valid_to: null });
    // And the list API finds them.
    const list = await staffA.get(`/api/members?q=${encodeURIComponent(String(p['姓名']))}`);
    expect(list.json<{ items: { id: number }[] }>().items.map((m) => m.id)).toContain(row.id);
  });

  it('importing the same file again creates nothing: 0 created, all unchanged', async () => {
    const before = await counts();
    const job = await importFile(staffA, 'members', '南湖区党员.xlsx', goodFile);
    expect(job).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 30 });
    const after = await counts();
    expect(after.members).toBe(before.members);
    expect(after.periods).toBe(before.periods);
    expect(after.audit).toBe(before.audit + 1);
  });

  it('a row for a member already in scope updates that member only where something changed', async () => {
    const changed = good.map((r, i) => (i === 3 ? { ...r, 联系电话: '13700000000', 职务: '会计' } : r));
    // An existing member of the same organization, from the factories.
    const existing = tree.a.members.find((m) => m.orgId === tree.a.village.id)!;
    const extra = person(tree.a.village, { 姓名: existing.name, 身份证号: existing.idNumber, 性别: existing.idNumber[16]! === '1' || Number(existing.idNumber[16]) % 2 ? '男' : '女', 入党日期: '2001-07-01', 转正日期: '2002-07-01' });
    const job = await importFile(staffA, 'members', 'changed.xlsx', await memberBook([...changed, extra]));
    expect(job).toMatchObject({ status: 'done', created: 0, updated: 2, unchanged: 29 });
    const row = await ts.db.selectFrom('members').select(['phone', 'post']).where('id_number_hash', '=', ts.cipher.lookupHash(String(good[3]!['身份证号']))).executeTakeFirstOrThrow();
    expect(row).toEqual({ phone: '13700000000', post: '会计' });
    const m = await ts.db.selectFrom('members').selectAll().where('id', '=', existing.id).executeTakeFirstOrThrow();
    expect(m).toMatchObject({ phone: extra['联系电话'], work_unit: '竹林村股份经济合作社' });
  });

  describe('a file with errors', () => {
    let job: Job;
    let before: Awaited<ReturnType<typeof counts>>;
    let rows: MemberRow[];
    const firstData = 2;

    it('is rejected as a whole: nothing written, not even the valid rows', async () => {
      const badChecksum = person(tree.a.village);
      const id = String(badChecksum['身份证号']);
      badChecksum['身份证号'] = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
      const young = person(tree.a.village);
      // Born 2010: joined 2012 at two years old.
      const youngId = fakeIdNumber('330402', '2010-03-04', young['性别'] === '男' ? 'male' : 'female', 777);
      young['身份证号'] = youngId;
      young['出生日期'] = null;
      const dupA = person(tree.a.branch);
      const dupB = person(tree.a.branch, { 身份证号: dupA['身份证号'], 性别: dupA['性别'] });
      const outside = person(tree.b.village);
      rows = [person(tree.a.village), badChecksum, person(tree.a.village), young, dupA, person(tree.a.branch), dupB, outside, person(tree.a.village)];
      before = await counts();
      job = await importFile(staffA, 'members', 'bad.xlsx', await memberBook(rows));
      expect(job.status).toBe('rejected');
      expect(job.errorCount).toBe(5);
      expect(job.rowsTotal).toBe(rows.length);
      expect(await counts()).toEqual(before);
    });

    it('the job lists the problems by row, field and message', async () => {
      const byRow = (n: number) => job.errors.filter((e) => e.row === n).map((e) => `${e.field}:${e.message}`);
      expect(byRow(firstData + 1)).toEqual(['身份证号:身份证号校验位不正确，请核对']);
      expect(byRow(firstData + 3)).toEqual(['入党日期:入党时未满 18 周岁']);
      expect(byRow(firstData + 4)).toEqual([`身份证号:与第 ${firstData + 6} 行的身份证号重复`]);
      expect(byRow(firstData + 6)).toEqual([`身份证号:与第 ${firstData + 4} 行的身份证号重复`]);
      expect(byRow(firstData + 7)).toEqual([`所在党组织代码:组织代码“${tree.b.village.code}”不存在或不在您的管辖范围内`]);
      expect(job.errors.map((e) => e.row)).toEqual([3, 5, 6, 8, 9]);
    });

    it('the error workbook repeats exactly the bad rows, in row order, with 错误说明', async () => {
      expect(job.hasErrorReport).toBe(true);
      const res = await staffA.get(`/api/imports/${job.id}/errors.xlsx`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('bad-错误报告.xlsx')}`);
      const ws = (await readBook(res.rawPayload)).worksheets[0]!;
      expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['原行号', ...MEMBER_HEADERS, '错误说明']);
      const out = sheetObjects(ws);
      expect(out.map((r) => r['原行号'])).toEqual([3, 5, 6, 8, 9]);
      expect(out.map((r) => String(r['错误说明']).split('：')[0])).toEqual(['身份证号', '入党日期', '身份证号', '身份证号', '所在党组织代码']);
      // The original cells come back as uploaded (including the rows named only later, by the duplicate).
      expect(out.map((r) => r['姓名'])).toEqual([rows[1]!['姓名'], rows[3]!['姓名'], rows[4]!['姓名'], rows[6]!['姓名'], rows[7]!['姓名']]);
      expect(out[0]!['身份证号']).toBe(rows[1]!['身份证号']);
      expect(out[4]!['所在党组织代码']).toBe(tree.b.village.code);
    });

    it('jobs are visible to their creator and to scopes containing theirs, else 404', async () => {
      expect((await staffB.get(`/api/imports/${job.id}`)).statusCode).toBe(404);
      expect((await staffB.get(`/api/imports/${job.id}/errors.xlsx`)).statusCode).toBe(404);
      // A secretary lower in the tree does not contain the township's job.
      expect((await secA.get(`/api/imports/${job.id}`)).statusCode).toBe(404);
      expect((await admin.get(`/api/imports/${job.id}`)).statusCode).toBe(200);
      expect((await admin.get(`/api/imports/${job.id}/errors.xlsx`)).statusCode).toBe(200);
      expect((await staffA.get(`/api/imports/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`)).statusCode).toBe(404);
      expect((await staffA.get('/api/imports/not-a-uuid')).statusCode).toBe(400);
    });

    it('the recent-jobs list shows the same jobs as the single reads, newest first', async () => {
      const ids = async (c: Client, q = '') => (await c.get(`/api/imports${q}`)).json<{ items: Job[] }>().items.map((j) => j.id);
      const mine = await staffA.get('/api/imports');
      expect(mine.statusCode).toBe(200);
      const items = mine.json<{ items: (Job & { createdAt: string })[] }>().items;
      expect(items.map((j) => j.id)).toContain(job.id);
      expect(items.find((j) => j.id === job.id)).toMatchObject({ status: 'rejected', errorCount: job.errorCount, hasErrorReport: true, errors: [] });
      const times = items.map((j) => j.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
      expect(await ids(admin)).toContain(job.id);
      expect(await ids(staffB)).not.toContain(job.id);
      expect(await ids(secA)).not.toContain(job.id);
      expect(await ids(staffA, '?limit=1')).toHaveLength(1);
      expect((await staffA.get('/api/imports?limit=0')).statusCode).toBe(400);
    });
  });

  it('ID numbers held outside the scope or in another organization are errors, not updates', async () => {
    const inA = tree.a.members.find((m) => m.orgId === tree.a.branch.id)!;
    const inB = tree.b.members[0]!;
    const gender = (id: string) => (Number(id[16]) % 2 ? '男' : '女');
    const before = await counts();
    const job = await importFile(staffA, 'members', 'elsewhere.xlsx', await memberBook([
      person(tree.a.village, { 身份证号: inA.idNumber, 性别: gender(inA.idNumber), 出生日期: null, 入党日期: '2001-07-01', 转正日期: null }),
      person(tree.a.village, { 身份证号: inB.idNumber, 性别: gender(inB.idNumber), 出生日期: null, 入党日期: '2001-07-01', 转正日期: null }),
    ]));
    expect(job.status).toBe('rejected');
    expect(job.errors.map((e) => [e.row, e.field, e.message])).toEqual([
      [2, '所在党组织代码', `该党员已登记在“${tree.a.branch.name}”（代码 ${tree.a.branch.code}）；调整所在党组织请办理组织关系转接`],
      [3, '身份证号', '该身份证号已登记在您管辖范围以外的党员名下，请与上级组织部门核实'],
    ]);
    // B's member is not named to A.
    expect(JSON.stringify(job)).not.toContain(inB.name);
    expect(await counts()).toEqual(before);
  });

  it('checks enumerations, dates, required fields, the header and the file type', async () => {
    const job = await importFile(staffA, 'members', 'fields.xlsx', await memberBook([
      person(tree.a.village, { 性别: '男性', 学历: '博士', 入党日期: '2012-13-01' }),
      person(tree.a.village, { 姓名: null, 所在党组织代码: null }),
    ]));
    expect(job.status).toBe('rejected');
    const messages = job.errors.map((e) => `${e.row} ${e.field}:${e.message}`);
    expect(messages, JSON.stringify(job)).toContain('2 性别:“男性”不是可选项；可选：男、女');
    expect(messages.some((m) => m.startsWith('2 学历:“博士”不是可选项'))).toBe(true);
    expect(messages).toContain('2 入党日期:“2012-13-01”不是有效日期（请用 Excel 日期，或 2024-07-01、2024/7/1 的写法）');
    expect(messages).toContain('3 姓名:必填项，不能为空');
    expect(messages).toContain('3 所在党组织代码:必填项，不能为空');

    const noId = await importFile(staffA, 'members', 'cols.xlsx', await workbook(MEMBER_HEADERS.filter((h) => h !== '身份证号'), [person(tree.a.village)]));
    expect(noId.status).toBe('rejected');
    expect(noId.errors).toEqual([{ row: 1, column: 'file', field: '文件', message: '缺少必需的列：身份证号（请使用导入模板，表头在第 1 行）' }]);

    const xls = await upload(staffA, 'members', 'old.xls', Buffer.from('not excel'));
    expect(xls.statusCode).toBe(400);
    expect(xls.json<Problem>().code).toBe('import.notXlsx');
    const fake = await upload(staffA, 'members', 'fake.xlsx', Buffer.from('name,idNumber\n'));
    expect(fake.statusCode).toBe(400);
    const json = await staffA.post('/api/imports/members', {});
    expect(json.statusCode).toBe(400);
    expect(json.json<Problem>().code).toBe('import.uploadRequired');
    // Permission: a unit contact cannot import.
    const contact = await ts.makeUser('unit_contact', tree.a.township.id);
    const cc = await login(ts.app, contact.username, contact.password);
    expect((await upload(cc, 'members', 'x.xlsx', await memberBook([person(tree.a.village)]))).statusCode).toBe(403);
  });

  it('a job whose node stopped sending heartbeats is failed when read', async () => {
    const id = '11111111-2222-4333-8444-555555555555';
    await ts.db.insertInto('import_jobs').values({ id, kind: 'members', status: 'validating', file_name: 'x.xlsx', file_sha256: 'x', file_size: 1, created_by: staffA.me.id, created_by_name: staffA.me.username, scope_path: tree.a.township.path, node: 'gone:1', rows_total: null, error_sample: null, error_report: null, message: null, started_at: null, finished_at: null, heartbeat_at: sql`now() - interval '3 minutes'` as never }).execute();
    const job = (await staffA.get(`/api/imports/${id}`)).json<Job>();
    expect(job.status).toBe('failed');
    expect(job.message).toContain('中断');
  });
});

describe('organization import', () => {
  it('creates organizations parents first, with versions and events, then re-import changes nothing', async () => {
    const rows = [
      // The child comes before its parent in the file.
      { 组织代码: 'IMP-A-G1', 组织名称: '中共竹林村第一网格党小组', 上级组织代码: 'IMP-A-BR', 组织类别: '党小组', 层级: '网格（村民小组）', 领域: '农村', 成立日期: '2024/3/1' },
      { 组织代码: 'IMP-A-BR', 组织名称: '中共竹林村第三支部委员会', 上级组织代码: tree.a.village.code, 组织类别: '党支部', 层级: '单位', 领域: '农村', 行政区划代码: '330402100201', 城乡分类: '村庄', 成立日期: new Date(Date.UTC(2023, 0, 15)) },
    ];
    const file = await workbook(ORG_HEADERS, rows, '组织信息');
    const before = await counts();
    const job = await importFile(staffA, 'orgs', 'orgs.xlsx', file);
    expect(job).toMatchObject({ status: 'done', created: 2, updated: 0, unchanged: 0 });
    const after = await counts();
    expect(after.orgs - before.orgs).toBe(2);
    expect(after.versions - before.versions).toBe(2);
    expect(after.events - before.events).toBe(2);
    expect(after.audit - before.audit).toBe(1);
    const br = await ts.db.selectFrom('organizations').selectAll().where('code', '=', 'IMP-A-BR').executeTakeFirstOrThrow();
    const g1 = await ts.db.selectFrom('organizations').selectAll().where('code', '=', 'IMP-A-G1').executeTakeFirstOrThrow();
    expect(br).toMatchObject({ parent_id: tree.a.village.id, path: `${tree.a.village.path}.${br.id}`, kind: 'branch', level: 'unit', domain: 'rural', urban_rural: 'village', division_code: '330402100201', established_on: '2023-01-15' });
    expect(g1).toMatchObject({ parent_id: br.id, path: `${br.path}.${g1.id}`, kind: 'group', established_on: '2024-03-01' });
    const ev = await ts.db.selectFrom('org_events').selectAll().where('org_id', '=', g1.id).executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ kind: 'establish', summary: '成立，隶属中共竹林村第三支部委员会' });
    const v = await ts.db.selectFrom('org_versions').selectAll().where('org_id', '=', br.id).executeTakeFirstOrThrow();
    expect(v).toMatchObject({ valid_from: '2023-01-15', valid_to: null, name: br.name });

    const again = await importFile(staffA, 'orgs', 'orgs.xlsx', file);
    expect(again).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 2 });
    expect((await counts()).orgs).toBe(after.orgs);

    const renamed = await importFile(staffA, 'orgs', 'orgs2.xlsx', await workbook(ORG_HEADERS, [{ ...rows[0], 组织名称: '中共竹林村第一网格党小组（改）' }], '组织信息'));
    expect(renamed).toMatchObject({ status: 'done', created: 0, updated: 1 });
    const evs = await ts.db.selectFrom('org_events').select(['kind', 'summary']).where('org_id', '=', g1.id).orderBy('id').execute();
    expect(evs.at(-1)).toEqual({ kind: 'rename', summary: '更名：中共竹林村第一网格党小组 → 中共竹林村第一网格党小组（改）' });
  });

  it('refuses parents outside the scope, taken codes, cycles — and writes nothing', async () => {
    const before = await counts();
    const job = await importFile(staffA, 'orgs', 'bad-orgs.xlsx', await workbook(ORG_HEADERS, [
      { 组织代码: 'IMP-X1', 组织名称: '中共某支部委员会', 上级组织代码: tree.b.village.code, 组织类别: '党支部', 层级: '单位' },
      { 组织代码: tree.b.branch.code, 组织名称: '中共另一支部委员会', 上级组织代码: tree.a.village.code, 组织类别: '党支部', 层级: '单位' },
      { 组织代码: 'IMP-C1', 组织名称: '中共环一支部委员会', 上级组织代码: 'IMP-C2', 组织类别: '党支部', 层级: '单位' },
      { 组织代码: 'IMP-C2', 组织名称: '中共环二支部委员会', 上级组织代码: 'IMP-C1', 组织类别: '党支部', 层级: '单位' },
      { 组织代码: 'IMP-OK', 组织名称: '中共正常支部委员会', 上级组织代码: tree.a.village.code, 组织类别: '党支部', 层级: '单位' },
    ], '组织信息'));
    expect(job.status).toBe('rejected');
    expect(job.errors.map((e) => [e.row, e.field, e.message])).toEqual([
      [2, '上级组织代码', `上级组织代码“${tree.b.village.code}”不存在、不在您的管辖范围内或已撤销，文件中也没有这个组织`],
      [3, '组织代码', `组织代码“${tree.b.branch.code}”已被使用`],
      [4, '上级组织代码', '上级组织关系成环：组织不能是自己的下级'],
      [5, '上级组织代码', '上级组织关系成环：组织不能是自己的下级'],
    ]);
    expect(await counts()).toEqual(before);
  });
});

describe('organization export', () => {
  it('exports the subtree in the template columns, parents first, and the file imports back unchanged', async () => {
    const res = await staffA.get(`/api/exports/orgs.xlsx?orgId=${tree.a.village.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent(`党组织名册-${tree.a.village.name}-`));
    const rows = sheetObjects((await readBook(res.rawPayload)).getWorksheet('组织信息')!);
    const codes = rows.map((r) => String(r['组织代码']));
    expect(codes[0]).toBe(tree.a.village.code);
    expect(codes).toContain(tree.a.branch.code);
    expect(codes).not.toContain(tree.a.township.code);
    expect(codes.some((c) => c.startsWith('TB'))).toBe(false);
    // Every parent row comes before its children.
    rows.forEach((r, i) => {
      const parent = codes.indexOf(String(r['上级组织代码']));
      if (i > 0) expect(parent, String(r['组织代码'])).toBeGreaterThanOrEqual(0);
      expect(parent).toBeLessThan(i);
    });
    const branch = rows.find((r) => r['组织代码'] === tree.a.branch.code)!;
    expect(branch).toMatchObject({ 组织名称: tree.a.branch.name, 上级组织代码: tree.a.village.code, 上级组织名称: tree.a.village.name });
    // Labels, not codes: the import reads them back.
    expect(String(branch['组织类别'])).toMatch(/^[\u4e00-\u9fa5]+$/);

    const back = await importFile(staffA, 'orgs', 'export.xlsx', res.rawPayload);
    expect(back).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: rows.length });
  });

  it('defaults to the top of the scope; another subtree is 404 and shows nothing', async () => {
    const mine = sheetObjects((await readBook((await staffB.get('/api/exports/orgs.xlsx')).rawPayload)).worksheets[0]!);
    expect(mine[0]!['组织代码']).toBe(tree.b.township.code);
    expect(mine.map((r) => String(r['组织代码'])).some((c) => c.startsWith('TA'))).toBe(false);
    const other = await staffB.get(`/api/exports/orgs.xlsx?orgId=${tree.a.village.id}`);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain(tree.a.village.name);
  });
});

describe('member export', () => {
  it('streams the filtered rows of the scope with masked ID numbers', async () => {
    const res = await staffA.get(`/api/exports/members.xlsx?orgId=${tree.a.branch.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="members-\d{8}\.xlsx"; filename\*=UTF-8''%E5%85%9A%E5%91%98/);
    const rows = sheetObjects((await readBook(res.rawPayload)).worksheets[0]!);
    const expected = await ts.db.selectFrom('members').select(['name', 'id_number_masked']).where('org_id', '=', tree.a.branch.id).where('left_on', 'is', null).orderBy('id').execute();
    expect(rows.map((r) => r['姓名'])).toEqual(expected.map((m) => m.name));
    expect(rows.map((r) => r['身份证号'])).toEqual(expected.map((m) => m.id_number_masked));
    for (const r of rows) {
      expect(String(r['身份证号'])).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      expect(r['所在党组织代码']).toBe(tree.a.branch.code);
      expect(['男', '女']).toContain(r['性别']);
    }
    for (const m of [...tree.a.members, ...tree.b.members]) expect(res.rawPayload.includes(Buffer.from(m.idNumber))).toBe(false);
    // The name filter narrows it; outside the scope is 404.
    const one = tree.a.members.find((m) => m.orgId === tree.a.branch.id)!;
    const byName = sheetObjects((await readBook((await staffA.get(`/api/exports/members.xlsx?q=${encodeURIComponent(one.name)}`)).rawPayload)).worksheets[0]!);
    expect(byName.map((r) => r['姓名'])).toEqual([one.name]);
    expect((await staffA.get(`/api/exports/members.xlsx?orgId=${tree.b.village.id}`)).statusCode).toBe(404);
    // B's staff sees none of A.
    const b = sheetObjects((await readBook((await staffB.get('/api/exports/members.xlsx')).rawPayload)).worksheets[0]!);
    expect(b.map((r) => r['姓名']).sort()).toEqual(tree.b.members.map((m) => m.name).sort());
  });

  it('full ID numbers need member.revealId and are audited', async () => {
    const seq = async () => Number((await sql<{ s: number }>`select max(seq)::int as s from audit_log`.execute(ts.db)).rows[0]!.s);
    const s0 = await seq();
    expect((await secA.get(`/api/exports/members.xlsx?orgId=${tree.a.branch.id}&fullIdNumbers=true`)).statusCode).toBe(403);
    expect(await seq()).toBe(s0);
    const res = await staffA.get(`/api/exports/members.xlsx?orgId=${tree.a.branch.id}&fullIdNumbers=true`);
    expect(res.statusCode).toBe(200);
    const rows = sheetObjects((await readBook(res.rawPayload)).worksheets[0]!);
    const inBranch = tree.a.members.filter((m) => m.orgId === tree.a.branch.id);
    for (const m of inBranch) expect(rows.map((r) => r['身份证号'])).toContain(m.idNumber);
    const audit = await ts.db.selectFrom('audit_log').selectAll().where('seq', '>', s0).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'member.exportIdNumbers', actor_id: staffA.me.id, scope_path: tree.a.branch.path });
  });
});

describe('command line', () => {
  // The CLI runs as its own process on its own database: a PGlite directory prepared here, or a
  // scratch database on the PostgreSQL server when the suite runs there.
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let org: TestOrg;
  const key = randomBytes(32);

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongchou-cli-import-'));
    env = { ...process.env, TONGCHOU_DATA_DIR: dataDir, TONGCHOU_SECRET_KEY: key.toString('base64'), TONGCHOU_SEED_DEMO: '0' };
    delete env.DATABASE_URL;
    const database = ts.databaseUrl ? await openDatabase({ databaseUrl: ts.databaseUrl }) : await openDatabase({ pgliteDir: path.join(dataDir, 'pglite') });
    if (ts.databaseUrl) env.DATABASE_URL = ts.databaseUrl;
    try {
      await migrateToLatest(database.db);
      const ctx = { db: database.db, cipher: new FieldCipher(key) };
      const root = await insertOrg(ctx, null, { code: `CLI-ROOT-${serial}`, name: '中共命令行县委员会', kind: 'committee', level: 'county' });
      org = await insertOrg(ctx, root, { code: `CLI-BR-${serial}`, name: '中共命令行支部委员会', kind: 'branch', level: 'unit' });
      await makeUser(ctx, 'org_staff', root.id, undefined, { prefix: 'cli' });
    } finally {
      await database.close();
    }
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'bin/tongchou.js'), ...args], { cwd: ROOT, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('a bad file exits 1, prints the rows to stderr and writes FILE.errors.xlsx', async () => {
    const bad = person(org);
    const id = String(bad['身份证号']);
    bad['身份证号'] = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    const file = path.join(dataDir, '有错误.xlsx');
    fs.writeFileSync(file, await memberBook([person(org), bad]));
    const r = await cli(['import', 'members', file]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toContain('第 3 行');
    expect(r.stderr).toContain('身份证号');
    expect(r.stderr).toContain('校验位不正确');
    const errorsFile = path.join(dataDir, '有错误.errors.xlsx');
    expect(fs.existsSync(errorsFile)).toBe(true);
    const rows = sheetObjects((await readBook(fs.readFileSync(errorsFile))).worksheets[0]!);
    expect(rows.map((x) => x['原行号'])).toEqual([3]);
  });

  it('a good file imports and prints the counts; export writes a masked workbook', async () => {
    const file = path.join(dataDir, 'good.xlsx');
    const rows = [person(org), person(org), person(org)];
    fs.writeFileSync(file, await memberBook(rows));
    const r = await cli(['import', 'members', file]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/新增 3/);
    const again = await cli(['import', 'members', file]);
    expect(again.stdout).toMatch(/新增 0.*未变 3/);
    const out = path.join(dataDir, 'export.xlsx');
    const e = await cli(['export', 'members', '--org', org.code, '--out', out]);
    expect(e.code, e.stdout + e.stderr).toBe(0);
    const exported = sheetObjects((await readBook(fs.readFileSync(out))).worksheets[0]!);
    expect(exported.map((x) => x['姓名'])).toEqual(rows.map((x) => x['姓名']));
    expect(exported.every((x) => /\*{8}/.test(String(x['身份证号'])))).toBe(true);
  });
});
