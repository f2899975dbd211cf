// Status changes (奖惩与变动): death and leaving end the membership on their date, so "as of"
// counts include the member the day before and not on the day; dates are checked at their edges
// (today accepted, tomorrow rejected, before joining rejected); a member who has left takes only
// a reversal, which puts them back on the roll; care amounts are integer fen; 留党察看 has its period.
import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { todayCN } from '../../src/lib/dates.ts';
import { checkChar } from '../../src/lib/idcard.ts';
import { statusReminders } from '../../src/modules/status/status.reminders.ts';
import type { StatusRecord, StatusRecordList } from '../../src/modules/status/status.schemas.ts';
import type { OrgStatistics } from '../../src/modules/statistics/statistics.schemas.ts';
import type { OrgTree } from '../helpers/factories.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';

type Item = z.infer<typeof StatusRecord>;

let ts: TestServer;
let tree: OrgTree;
let staff: Client;
let staffB: Client;
let branch: { id: number; path: string };
let seq = 500;
const today = todayCN();
const yesterday = dayjs(today).subtract(1, 'day').format('YYYY-MM-DD');
const tomorrow = dayjs(today).add(1, 'day').format('YYYY-MM-DD');

function idFor(birth: string, gender: 'male' | 'female'): string {
  seq++;
  const s = String(gender === 'male' ? seq * 2 + 1 : seq * 2).padStart(3, '0').slice(-3);
  const first17 = `330402${birth.replaceAll('-', '')}${s}`;
  return first17 + checkChar(first17);
}

let n = 0;
async function createMember(name = `变动党员${++n}`) {
  const res = await staff.post('/api/members', { orgId: branch.id, name, gender: 'male', idNumber: idFor('1950-05-20', 'male'), education: 'middle_school', category: 'retired', joinedOn: '1975-07-01', fullMemberOn: '1976-07-01' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number }>();
}

const record = (memberId: number, body: Record<string, unknown>, c: Client = staff) => c.post(`/api/members/${memberId}/status-records`, body);
async function ok(memberId: number, body: Record<string, unknown>) {
  const res = await record(memberId, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Item>();
}
const memberTotal = async (asOf: string) => {
  const res = await staff.get(`/api/stats/orgs/${branch.id}?asOf=${asOf}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<OrgStatistics>().members.total;
};

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  const u = await ts.makeUser('org_staff', tree.a.township.id);
  const b = await ts.makeUser('org_staff', tree.b.township.id);
  staff = await login(ts.app, u.username, u.password);
  staffB = await login(ts.app, b.username, b.password);
  const res = await staff.post('/api/orgs', { parentId: tree.a.village.id, code: 'ZT-BR', name: '中共变动测试第一支部委员会', kind: 'branch', level: 'grid', domain: 'rural', establishedOn: '2010-01-01' });
  expect(res.statusCode, res.body).toBe(201);
  branch = res.json();
});

afterAll(async () => {
  await ts?.close();
});

describe('death ends the membership on its date', () => {
  it('today is accepted; the statistics count the member as of yesterday and not as of today', async () => {
    const others = await createMember();
    const m = await createMember('逝世测试甲');
    const before = await memberTotal(yesterday);
    expect(await memberTotal(today)).toBe(before);
    const r = await ok(m.id, { kind: 'death', subtype: 'death', effectiveOn: today, reason: '病故', docNumber: '村支〔2026〕3号' });
    expect(r.endsMembership).toBe(true);
    expect(r.legalBasis).toContain('逝世');
    expect(await memberTotal(yesterday)).toBe(before);
    expect(await memberTotal(today)).toBe(before - 1);
    const detail = await staff.get(`/api/members/${m.id}`);
    expect(detail.json<{ leftOn: string }>().leftOn).toBe(today);
    const periods = await ts.db.selectFrom('member_periods').select(['valid_to']).where('member_id', '=', m.id).execute();
    expect(periods).toEqual([{ valid_to: today }]);

    // A second death, or anything else, on a member who has left is refused.
    const again = await record(m.id, { kind: 'death', subtype: 'death', effectiveOn: today });
    expect(again.statusCode).toBe(409);
    expect(again.json<Problem>().code).toBe('status.memberLeft');
    const award = await record(m.id, { kind: 'award', subtype: 'excellent_member', effectiveOn: today });
    expect(award.statusCode).toBe(409);
    expect((await ts.db.selectFrom('members').select('left_on').where('id', '=', others.id).executeTakeFirstOrThrow()).left_on).toBeNull();
  });

  it('a death dated yesterday: counted the day before yesterday, gone yesterday (history path)', async () => {
    const m = await createMember('逝世测试乙');
    const dayBefore = dayjs(yesterday).subtract(1, 'day').format('YYYY-MM-DD');
    const b1 = await memberTotal(dayBefore);
    const b2 = await memberTotal(yesterday);
    await ok(m.id, { kind: 'death', subtype: 'death', effectiveOn: yesterday });
    expect(await memberTotal(dayBefore)).toBe(b1);
    expect(await memberTotal(yesterday)).toBe(b2 - 1);
  });

  it('rejects tomorrow and a date before joining', async () => {
    const m = await createMember();
    const future = await record(m.id, { kind: 'death', subtype: 'death', effectiveOn: tomorrow });
    expect(future.statusCode).toBe(400);
    expect(future.json<Problem>().code).toBe('status.futureDate');
    const early = await record(m.id, { kind: 'discipline', subtype: 'warning', effectiveOn: '1975-06-30' });
    expect(early.statusCode).toBe(400);
    expect(early.json<Problem>().errors?.[0]?.field).toBe('effectiveOn');
    const onJoining = await record(m.id, { kind: 'award', subtype: 'commendation', effectiveOn: '1975-07-01', awardLevel: 'grassroots' });
    expect(onJoining.statusCode, onJoining.body).toBe(201);
  });
});

describe('出党 and discipline', () => {
  it('each form of leaving ends the membership and carries its legal basis', async () => {
    for (const [kind, subtype, reason, basis] of [
      ['exit', 'removed', 'removed', '除名'],
      ['exit', 'withdrew', 'withdrew', '退党的自由'],
      ['exit', 'lapsed', 'lapsed', '连续六个月'],
      ['discipline', 'expelled', 'expelled', '开除党籍'],
    ] as const) {
      const m = await createMember();
      const r = await ok(m.id, { kind, subtype, effectiveOn: today, docNumber: '镇纪〔2026〕1号' });
      expect(r.legalBasis).toContain(basis);
      const row = await ts.db.selectFrom('members').select(['left_on', 'left_reason']).where('id', '=', m.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ left_on: today, left_reason: reason });
    }
  });

  it('a warning does not end the membership; a wrong subtype is refused', async () => {
    const m = await createMember();
    const r = await ok(m.id, { kind: 'discipline', subtype: 'warning', effectiveOn: today, issuer: '镇纪委' });
    expect(r.endsMembership).toBe(false);
    expect((await ts.db.selectFrom('members').select('left_on').where('id', '=', m.id).executeTakeFirstOrThrow()).left_on).toBeNull();
    const bad = await record(m.id, { kind: 'exit', subtype: 'warning', effectiveOn: today });
    expect(bad.statusCode).toBe(400);
  });

  it('留党察看 takes one or two years, shows up in reminders as it ends, and is settled by restoring the rights', async () => {
    const m = await createMember('察看测试');
    const bad = await record(m.id, { kind: 'discipline', subtype: 'probation', effectiveOn: '2025-12-01', periodMonths: 18 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().code).toBe('status.probationPeriod');
    const start = dayjs(today).subtract(12, 'month').add(10, 'day').format('YYYY-MM-DD');
    const p = await ok(m.id, { kind: 'discipline', subtype: 'probation', effectiveOn: start, periodMonths: 12 });
    expect(p.endsOn).toBe(dayjs(start).add(12, 'month').format('YYYY-MM-DD'));
    const q = { subtreePath: tree.a.township.path, today, horizonDays: 30, limit: 100 };
    const scope = { kind: 'subtree' as const, orgId: tree.a.township.id, path: tree.a.township.path };
    const due = (await statusReminders(ts.db, scope, q)).filter((r) => r.memberId === m.id);
    expect(due).toEqual([expect.objectContaining({ kind: 'status.probation_ending', severity: 'due', dueOn: p.endsOn })]);
    // Nothing for the sibling subtree.
    const bScope = { kind: 'subtree' as const, orgId: tree.b.township.id, path: tree.b.township.path };
    expect((await statusReminders(ts.db, bScope, { ...q, subtreePath: tree.b.township.path })).filter((r) => r.memberId === m.id)).toEqual([]);

    const restored = await ok(m.id, { kind: 'restore', subtype: 'probation_ended', effectiveOn: today, relatesToId: p.id });
    expect(restored.relatesToId).toBe(p.id);
    expect((await statusReminders(ts.db, scope, q)).filter((r) => r.memberId === m.id)).toEqual([]);
    const twice = await record(m.id, { kind: 'restore', subtype: 'probation_ended', effectiveOn: today, relatesToId: p.id });
    expect(twice.statusCode).toBe(409);
  });
});

describe('corrections', () => {
  it('reversing a wrong death record puts the member back on the roll; the reversal is listed', async () => {
    const m = await createMember('更正测试');
    const before = await memberTotal(today);
    const death = await ok(m.id, { kind: 'death', subtype: 'death', effectiveOn: today });
    expect(await memberTotal(today)).toBe(before - 1);
    const reversal = await ok(m.id, { kind: 'reversal', subtype: 'reversal', effectiveOn: today, relatesToId: death.id, reason: '误报，本人健在' });
    expect(reversal.kind).toBe('reversal');
    expect(await memberTotal(today)).toBe(before);
    const periods = await ts.db.selectFrom('member_periods').select(['valid_to']).where('member_id', '=', m.id).execute();
    expect(periods).toEqual([{ valid_to: null }]);
    const list = (await staff.get(`/api/members/${m.id}/status-records`)).json<z.infer<typeof StatusRecordList>>();
    expect(list.leftOn).toBeNull();
    expect(list.items.find((i) => i.id === death.id)?.reversedById).toBe(reversal.id);
    const again = await record(m.id, { kind: 'reversal', subtype: 'reversal', effectiveOn: today, relatesToId: death.id });
    expect(again.statusCode).toBe(409);
    const ofReversal = await record(m.id, { kind: 'reversal', subtype: 'reversal', effectiveOn: today, relatesToId: reversal.id });
    expect(ofReversal.statusCode).toBe(400);
  });

  it('relatesToId only with a reversal or restoration, and only to the member’s own records', async () => {
    const m = await createMember();
    const other = await createMember();
    const award = await ok(other.id, { kind: 'award', subtype: 'excellent_member', effectiveOn: today, awardLevel: 'county', issuer: '县委' });
    const stray = await record(m.id, { kind: 'award', subtype: 'red_star', effectiveOn: today, relatesToId: award.id });
    expect(stray.statusCode).toBe(400);
    const foreign = await record(m.id, { kind: 'reversal', subtype: 'reversal', effectiveOn: today, relatesToId: award.id });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json<Problem>().code).toBe('status.relatesNotFound');
  });
});

describe('care and allowances', () => {
  it('records amounts in fen; an allowance needs its period and reminds as it ends', async () => {
    const m = await createMember('补助测试');
    const care = await ok(m.id, { kind: 'care', subtype: 'old_member', effectiveOn: today, amountFen: 50_000, issuer: '镇党委', note: '七一走访慰问' });
    expect(care.amountFen).toBe(50_000);
    const noAmount = await record(m.id, { kind: 'care', subtype: 'illness', effectiveOn: today });
    expect(noAmount.statusCode).toBe(400);
    const noEnd = await record(m.id, { kind: 'allowance', subtype: 'retired_village_cadre', effectiveOn: '2026-01-01', amountFen: 30_000 });
    expect(noEnd.statusCode).toBe(400);
    const endsOn = dayjs(today).add(20, 'day').format('YYYY-MM-DD');
    const a = await ok(m.id, { kind: 'allowance', subtype: 'retired_village_cadre', effectiveOn: '2026-01-01', endsOn, amountFen: 30_000, issuer: '县委组织部' });
    expect(a.amountFen).toBe(30_000);
    const scope = { kind: 'subtree' as const, orgId: tree.a.township.id, path: tree.a.township.path };
    const rs = (await statusReminders(ts.db, scope, { subtreePath: tree.a.township.path, today, horizonDays: 30, limit: 100 })).filter((r) => r.memberId === m.id);
    expect(rs).toEqual([expect.objectContaining({ kind: 'status.allowance_ending', dueOn: endsOn })]);
  });
});

describe('scope', () => {
  it('a user of the sibling subtree gets 404 reading or writing a member’s records', async () => {
    const m = await createMember('范围测试');
    await ok(m.id, { kind: 'award', subtype: 'excellent_member', effectiveOn: today });
    expect((await staffB.get(`/api/members/${m.id}/status-records`)).statusCode).toBe(404);
    const w = await record(m.id, { kind: 'death', subtype: 'death', effectiveOn: today }, staffB);
    expect(w.statusCode).toBe(404);
    expect((await ts.db.selectFrom('members').select('left_on').where('id', '=', m.id).executeTakeFirstOrThrow()).left_on).toBeNull();
  });
});
