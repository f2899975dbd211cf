// Statistics of a subtree as of a date: the figures agree with counts made here from the rows,
// dates are honoured at their edges (joining day, full-membership day, a move), coverage lists
// the right villages, the Excel export and the command line give the same figures, and a user
// of a sibling subtree gets nothing.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayCN } from '../../src/lib/dates.ts';
import { checkChar } from '../../src/lib/idcard.ts';
import { statsCommand } from '../../src/modules/statistics/statistics.cli.ts';
import type { OrgStatistics } from '../../src/modules/statistics/statistics.schemas.ts';
import type { OrgTree } from '../helpers/factories.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';

let ts: TestServer;
let tree: OrgTree;
let staff: Client;
let staffB: Client;
let town: { id: number; code: string };
let village: { id: number };
let community: { id: number };
let otherTown: { id: number };
let seq = 100;

/** A checksum-valid ID number for a birth date and gender (17th digit odd = male). */
function idFor(birth: string, gender: 'male' | 'female'): string {
  seq++;
  const s = String(gender === 'male' ? seq * 2 + 1 : seq * 2).padStart(3, '0').slice(-3);
  const first17 = `330402${birth.replaceAll('-', '')}${s}`;
  return first17 + checkChar(first17);
}

async function createOrg(parentId: number, code: string, name: string, kind: string, level: string, domain: string) {
  const res = await staff.post('/api/orgs', { parentId, code, name, kind, level, domain, establishedOn: '2010-01-01' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number; code: string }>();
}

async function createMember(orgId: number, name: string, gender: 'male' | 'female', birth: string, education: string, joinedOn: string, fullMemberOn: string | null) {
  const res = await staff.post('/api/members', { orgId, name, gender, idNumber: idFor(birth, gender), birthDate: birth, education, category: 'farmer', joinedOn, fullMemberOn });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number }>();
}

const stats = async (c: Client, id: number, asOf?: string) => {
  const res = await c.get(`/api/stats/orgs/${id}${asOf ? `?asOf=${asOf}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<OrgStatistics>();
};
const count = (list: { code: string | null; count: number }[], code: string | null) => list.find((x) => x.code === code)?.count ?? 0;

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  const u = await ts.makeUser('org_staff', tree.a.township.id);
  const b = await ts.makeUser('org_staff', tree.b.township.id);
  staff = await login(ts.app, u.username, u.password);
  staffB = await login(ts.app, b.username, b.password);
  town = await createOrg(tree.a.township.id, 'ST-TWN', '中共统计镇委员会', 'committee', 'township', 'local');
  village = await createOrg(town.id, 'ST-VIL', '中共统计镇东村委员会', 'general_branch', 'village', 'rural');
  community = await createOrg(town.id, 'ST-COM', '中共统计镇南社区支部委员会', 'branch', 'village', 'community');
  otherTown = await createOrg(tree.a.township.id, 'ST-TWN2', '中共统计二镇委员会', 'committee', 'township', 'local');
  // Village: a graduate who became full on 2016-07-01; a high-school member still probationary.
  await createMember(village.id, '统计甲', 'male', '1985-04-02', 'bachelor', '2015-07-01', '2016-07-01');
  await createMember(village.id, '统计乙', 'female', '1999-09-09', 'high_school', '2024-05-04', null);
  // Community: no college graduate at all.
  await createMember(community.id, '统计丙', 'female', '1960-01-15', 'middle_school', '1990-07-01', '1991-07-01');
});
afterAll(async () => {
  await ts?.close();
});

describe('figures today', () => {
  it('agree with counts made from the rows of the subtree', async () => {
    const s = await stats(staff, town.id);
    expect(s.asOf).toBe(todayCN());
    const rows = await sql<{ gender: string; education: string; n: number }>`
      select m.gender, m.education, count(*)::int as n from members m join organizations o on o.id = m.org_id
      where o.path <@ (select path from organizations where id = ${town.id}) and m.left_on is null group by 1, 2`.execute(ts.db);
    const total = rows.rows.reduce((a, r) => a + r.n, 0);
    expect(total).toBe(3);
    expect(s.members.total).toBe(total);
    expect(count(s.members.byGender, 'female')).toBe(rows.rows.filter((r) => r.gender === 'female').reduce((a, r) => a + r.n, 0));
    expect(count(s.members.byEducation, 'bachelor')).toBe(1);
    expect(count(s.members.byStatus, 'probationary')).toBe(1);
    expect(count(s.members.byStatus, 'full')).toBe(2);
    // Every breakdown sums to the total: nothing counted goes missing.
    for (const list of [s.members.byGender, s.members.byAgeBand, s.members.byEducation, s.members.byCategory, s.members.byStatus]) {
      expect(list.reduce((a, x) => a + x.count, 0)).toBe(total);
    }
    expect(s.organizations.total).toBe(3);
    expect(count(s.organizations.byLevel, 'village')).toBe(2);
    expect(count(s.organizations.byDomain, 'community')).toBe(1);
  });

  it('lists the community without a college graduate, not the village with one', async () => {
    const cov = (await stats(staff, town.id)).coverage.villagesWithoutGraduate;
    expect(cov).toMatchObject({ villages: 2, covered: 1, lacking: 1, rate: 0.5 });
    expect(cov.items.map((v) => v.id)).toEqual([community.id]);
    // A college (大专) graduate joining the community closes the gap.
    await createMember(community.id, '统计丁', 'male', '1995-06-06', 'college', '2020-07-01', '2021-07-01');
    const after = (await stats(staff, town.id)).coverage.villagesWithoutGraduate;
    expect(after).toMatchObject({ covered: 2, lacking: 0, rate: 1 });
    expect(after.items).toEqual([]);
  });
});

describe('as of a past date', () => {
  it('counts a member from the joining day on, probationary until the full-membership day', async () => {
    const on = async (d: string) => (await stats(staff, village.id, d)).members;
    expect((await on('2015-06-30')).total).toBe(0);
    const joined = await on('2015-07-01');
    expect(joined.total).toBe(1);
    expect(count(joined.byStatus, 'probationary')).toBe(1);
    expect(count((await on('2016-06-30')).byStatus, 'probationary')).toBe(1);
    const full = await on('2016-07-01');
    expect([count(full.byStatus, 'full'), count(full.byStatus, 'probationary')]).toEqual([1, 0]);
    // The second member joined 2024-05-04.
    expect((await on('2024-05-03')).total).toBe(1);
    expect((await on('2024-05-04')).total).toBe(2);
  });

  it('after a subtree move, past dates count it where it was and today where it is', async () => {
    const moved = await createOrg(town.id, 'ST-MOV', '中共统计镇西村委员会', 'branch', 'village', 'rural');
    await createMember(moved.id, '统计戊', 'male', '1980-08-08', 'bachelor', '2012-07-01', '2013-07-01');
    const yesterday = (await sql<{ d: string }>`select (${todayCN()}::date - 1)::text as d`.execute(ts.db)).rows[0]!.d;
    const res = await staff.post(`/api/orgs/${moved.id}/move`, { newParentId: otherTown.id, effectiveOn: todayCN() });
    expect(res.statusCode, res.body).toBe(200);
    const [townBefore, townNow, otherBefore, otherNow] = await Promise.all([
      stats(staff, town.id, yesterday),
      stats(staff, town.id),
      stats(staff, otherTown.id, yesterday),
      stats(staff, otherTown.id),
    ]);
    expect(townBefore.members.total - townNow.members.total).toBe(1);
    expect(townBefore.organizations.total - townNow.organizations.total).toBe(1);
    expect([otherBefore.members.total, otherNow.members.total]).toEqual([0, 1]);
  });

  it('refuses a future date and a date that does not exist, naming asOf', async () => {
    const future = await staff.get(`/api/stats/orgs/${town.id}?asOf=2999-01-01`);
    expect(future.statusCode).toBe(400);
    expect(future.json<Problem>().errors?.[0]?.field).toBe('asOf');
    const bad = await staff.get(`/api/stats/orgs/${town.id}?asOf=2025-02-30`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().detail).toContain('asOf');
  });
});

describe('scope', () => {
  it('a user of the sibling subtree gets 404 for the figures and the export', async () => {
    expect((await staffB.get(`/api/stats/orgs/${town.id}`)).statusCode).toBe(404);
    const exp = await staffB.get(`/api/stats/orgs/${town.id}/export`);
    expect(exp.statusCode).toBe(404);
    expect(exp.body).not.toContain('统计');
  });
});

describe('Excel export and command line', () => {
  it('the workbook carries the same figures as the API, one sheet per table', async () => {
    const s = await stats(staff, town.id);
    const res = await staff.get(`/api/stats/orgs/${town.id}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('统计_中共统计镇委员会_'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['党员-按性别', '党员-按学历', '无大学生的村（社区）']));
    const gender = wb.getWorksheet('党员-按性别')!;
    const cells: Record<string, unknown> = {};
    gender.eachRow((row) => {
      const v = row.values as unknown[];
      cells[String(v[1])] = v[2];
    });
    expect(cells['女']).toBe(count(s.members.byGender, 'female'));
    expect(cells['男']).toBe(count(s.members.byGender, 'male'));
  });

  it('`tongchou stats --org CODE --json` prints exactly the API figures; an unknown code is an error', async () => {
    const api = await stats(staff, town.id, '2020-01-01');
    const lines: string[] = [];
    await statsCommand(ts.db, { org: town.code, asOf: '2020-01-01', json: true }, (l) => lines.push(l));
    expect(JSON.parse(lines.join('\n'))).toEqual(api);
    const text: string[] = [];
    await statsCommand(ts.db, { org: town.code, asOf: '2020-01-01' }, (l) => text.push(l));
    expect(text.join('\n')).toContain(`党员 ${api.members.total} 名`);
    await expect(statsCommand(ts.db, { org: 'NO-SUCH', json: true }, () => undefined)).rejects.toThrow('组织代码 NO-SUCH 不存在');
    await expect(statsCommand(ts.db, { org: town.code, asOf: '2999-01-01' }, () => undefined)).rejects.toThrow('晚于今天');
  });
});
