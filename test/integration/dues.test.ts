// 党费: bases, computed months, payments (prepaid, on behalf, extra, duplicate), exemptions,
// arrears 5 vs 6 months, the organization summary and its Excel files, and scope.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayCN } from '../../src/lib/dates.ts';
import { duesReminders } from '../../src/modules/dues/dues.reminders.ts';
import { addMonth, monthOf } from '../../src/modules/dues/months.ts';
import type { OrgTree, TestMember } from '../helpers/factories.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';

interface MonthItem {
  month: string;
  dueFen: number;
  standardFen: number;
  status: string;
  overdue: boolean;
  relief: string | null;
  rateBp: number | null;
  ruleVersion: number;
  paidFen: number | null;
}
interface Account {
  member: { id: number; name: string };
  firstDueMonth: string | null;
  paidUntil: string | null;
  prepayUntil: string;
  current: MonthItem | null;
  months: MonthItem[];
  payments: { id: number; amountFen: number; extraFen: number; months: string[]; payerMemberId: number | null; payerName: string | null; voidedAt: string | null }[];
  arrears: { months: { month: string; dueFen: number }[]; amountFen: number; longestRun: number; flagged: boolean };
  totals: { dueFen: number; paidFen: number; extraFen: number };
}

let ts: TestServer;
let tree: OrgTree;
let admin: Client;
let staffA: Client;
let secA: Client;
let staffB: Client;
let self: Client;
let extra: TestMember[];

const cur = monthOf(todayCN());
const m = (n: number) => addMonth(cur, n);
const today = todayCN();

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  extra = [];
  for (const name of ['甲党费一', '甲党费二', '甲党费三', '甲党费四', '甲党费五', '甲党费六']) extra.push(await ts.insertMember(tree.a.branch, { name }));
  const [ad, s, sec, sb, me] = [
    await ts.makeUser('admin', tree.root.id),
    await ts.makeUser('org_staff', tree.a.township.id),
    await ts.makeUser('secretary', tree.a.village.id),
    await ts.makeUser('org_staff', tree.b.township.id),
    await ts.makeUser('member', tree.a.branch.id, undefined, { memberId: tree.a.members[2]!.id }),
  ];
  const signIn = (u: { username: string; password: string }) => login(ts.app, u.username, u.password);
  [admin, staffA, secA, staffB, self] = [await signIn(ad), await signIn(s), await signIn(sec), await signIn(sb), await signIn(me)];
});
afterAll(async () => {
  await ts?.close();
});

const account = async (c: Client, id: number) => {
  const res = await c.get(`/api/dues/members/${id}/account`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Account>();
};
const addBase = (c: Client, id: number, body: object) => c.post(`/api/dues/members/${id}/bases`, body);
const pay = (c: Client, id: number, body: object) => c.post(`/api/dues/members/${id}/payments`, { paidOn: today, method: 'cash', ...body });
const problem = (res: { json: <T>() => T }) => res.json<Problem>();
const lastSeq = async () => Number((await sql<{ s: number | null }>`select max(seq)::int as s from audit_log`.execute(ts.db)).rows[0]!.s ?? 0);

describe('bases and computed months', () => {
  it('computes each month in integer fen from the base (1.5% of 6666.67 yuan = 100.00)', async () => {
    const id = tree.a.members[0]!.id;
    const res = await addBase(staffA, id, { effectiveMonth: m(-5), category: 'employed', baseFen: 666667 });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json<Account>();
    expect(a.firstDueMonth).toBe(m(-5));
    expect(a.months.map((x) => x.month)).toEqual([m(-5), m(-4), m(-3), m(-2), m(-1), m(0)]);
    expect(a.months.every((x) => x.dueFen === 10000 && x.rateBp === 150)).toBe(true);
    expect(a.current).toMatchObject({ month: cur, dueFen: 10000, overdue: false });
    expect(a.arrears).toMatchObject({ amountFen: 50000, longestRun: 5, flagged: false });
    expect(a.paidUntil).toBeNull();
  });

  it('a new base (retired from this month) applies from its month; 0.5% of 4321.50 yuan rounds half up to 21.61', async () => {
    const id = tree.a.members[0]!.id;
    const a = (await addBase(staffA, id, { effectiveMonth: m(-1), category: 'retired', baseFen: 432150 })).json<Account>();
    expect(a.months.find((x) => x.month === m(-2))!.dueFen).toBe(10000);
    expect(a.months.find((x) => x.month === m(-1))!).toMatchObject({ dueFen: 2161, rateBp: 50 });
  });

  it('refuses an employed base without wage, and a second base for the same month', async () => {
    const id = tree.a.members[0]!.id;
    const r1 = await addBase(staffA, id, { effectiveMonth: m(0), category: 'retired' });
    expect(r1.statusCode).toBe(400);
    expect(problem(r1)).toMatchObject({ code: 'dues.baseRequired' });
    const r2 = await addBase(staffA, id, { effectiveMonth: m(-1), category: 'student' });
    expect(r2.statusCode).toBe(409);
    expect(problem(r2).code).toBe('dues.baseExists');
  });

  it('probationary members pay from the month of admission, not before', async () => {
    const mem = extra[0]!;
    await ts.db.updateTable('members').set({ joined_on: `${m(-2)}-28`, full_member_on: null, status: 'probationary' }).where('id', '=', mem.id).execute();
    const a = (await addBase(secA, mem.id, { effectiveMonth: m(-6), category: 'student' })).json<Account>();
    expect(a.firstDueMonth).toBe(m(-2));
    expect(a.months.map((x) => [x.month, x.dueFen])).toEqual([[m(-2), 20], [m(-1), 20], [m(0), 20]]);
    const early = await pay(secA, mem.id, { fromMonth: m(-3), toMonth: m(-2), amountFen: 40 });
    expect(early.statusCode).toBe(400);
    expect(problem(early)).toMatchObject({ code: 'dues.monthNotDue' });
  });
});

describe('payments', () => {
  it('records months paid; paidUntil follows; the amount must cover the dues; an excess is voluntary extra', async () => {
    const id = tree.a.members[0]!.id;
    const low = await pay(staffA, id, { fromMonth: m(-5), toMonth: m(-3), amountFen: 29999 });
    expect(low.statusCode).toBe(400);
    expect(problem(low)).toMatchObject({ code: 'dues.amountTooLow', errors: [{ field: 'amountFen' }] });
    expect(problem(low).detail).toContain('300.00');
    const seq = await lastSeq();
    const res = await pay(staffA, id, { fromMonth: m(-5), toMonth: m(-3), amountFen: 35000, receiptNo: 'DF-001' });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json<Account>();
    expect(a.paidUntil).toBe(m(-3));
    expect(a.payments[0]).toMatchObject({ amountFen: 35000, extraFen: 5000, months: [m(-5), m(-4), m(-3)] });
    expect(a.arrears.months.map((x) => x.month)).toEqual([m(-2), m(-1)]);
    expect(a.arrears.amountFen).toBe(10000 + 2161);
    const audit = await ts.db.selectFrom('audit_log').selectAll().where('seq', '>', seq).execute();
    expect(audit.map((r) => r.action)).toEqual(['dues.payment.record']);
  });

  it('refuses paying a month twice (409), also when two requests race', async () => {
    const id = tree.a.members[0]!.id;
    const dup = await pay(staffA, id, { fromMonth: m(-3), toMonth: m(-2), amountFen: 20000 });
    expect(dup.statusCode).toBe(409);
    expect(problem(dup)).toMatchObject({ code: 'dues.monthPaid' });
    expect(problem(dup).detail).toContain(m(-3));
    const mem = extra[1]!.id;
    await addBase(staffA, mem, { effectiveMonth: m(-1), category: 'farmer' });
    const both = await Promise.all([pay(staffA, mem, { fromMonth: m(-1), amountFen: 20 }), pay(secA, mem, { fromMonth: m(-1), amountFen: 20 })]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const rows = await ts.db.selectFrom('dues_payment_months').selectAll().where('member_id', '=', mem).execute();
    expect(rows.length).toBe(1);
  });

  it('prepays future months up to the limit; they count for paidUntil and leave no arrears', async () => {
    const id = tree.a.members[0]!.id;
    const tooFar = await pay(staffA, id, { fromMonth: m(-2), toMonth: m(13), amountFen: 999999 });
    expect(tooFar.statusCode).toBe(400);
    expect(problem(tooFar)).toMatchObject({ code: 'dues.prepayTooFar', errors: [{ field: 'toMonth' }] });
    const res = await pay(staffA, id, { fromMonth: m(-2), toMonth: m(3), amountFen: 10000 + 2161 * 5 });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json<Account>();
    expect(a.paidUntil).toBe(m(3));
    expect(a.arrears.months).toEqual([]);
    expect(a.months.at(-1)).toMatchObject({ month: m(3), status: 'paid', paidFen: 2161 });
    expect(a.prepayUntil).toBe(m(12));
  });

  it('quotes what months would cost, defaulting to the first unpaid month, with the reason a month cannot be paid', async () => {
    const id = tree.a.members[0]!.id;
    const q = (await staffA.get(`/api/dues/members/${id}/quote`)).json<{ fromMonth: string; months: { month: string; dueFen: number }[]; totalFen: number; problem: string | null }>();
    expect(q).toMatchObject({ fromMonth: m(4), months: [{ month: m(4), dueFen: 2161 }], totalFen: 2161, problem: null });
    const bad = (await staffA.get(`/api/dues/members/${id}/quote?fromMonth=${m(2)}&toMonth=${m(4)}`)).json<{ totalFen: number; problem: string | null }>();
    expect(bad.totalFen).toBe(0);
    expect(bad.problem).toContain(`${m(2)} 的党费已经交纳`);
  });

  it('records a payment made on behalf of the member by another member in scope', async () => {
    const id = tree.a.members[1]!.id;
    const payer = tree.a.members[0]!;
    await addBase(staffA, id, { effectiveMonth: m(-1), category: 'retired', baseFen: 500000 });
    const selfPay = await pay(staffA, id, { fromMonth: m(-1), amountFen: 2500, payerMemberId: id });
    expect(problem(selfPay)).toMatchObject({ code: 'dues.payerSelf' });
    const outside = await pay(staffA, id, { fromMonth: m(-1), amountFen: 2500, payerMemberId: tree.b.members[0]!.id });
    expect(outside.statusCode).toBe(400);
    expect(problem(outside).code).toBe('dues.payerOutOfScope');
    const res = await pay(staffA, id, { fromMonth: m(-1), toMonth: m(0), amountFen: 5000, payerMemberId: payer.id, method: 'wechat' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Account>().payments[0]).toMatchObject({ payerMemberId: payer.id, payerName: payer.name, months: [m(-1), m(0)] });
  });

  it('takes a voluntary extra payment without months', async () => {
    const id = tree.a.members[1]!.id;
    expect((await pay(staffA, id, { amountFen: 0 })).statusCode).toBe(400);
    const a = (await pay(staffA, id, { amountFen: 100000, note: '自愿多交' })).json<Account>();
    expect(a.payments[0]).toMatchObject({ amountFen: 100000, extraFen: 100000, months: [] });
    expect(a.totals.extraFen).toBe(100000);
  });

  it('voids a payment: its months are unpaid again, the record stays, a second void is refused', async () => {
    const id = tree.a.members[1]!.id;
    const before = await account(staffA, id);
    const p = before.payments.find((x) => x.months.length === 2)!;
    const res = await staffA.post(`/api/dues/payments/${p.id}/void`, { reason: '金额登记错误' });
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json<Account>();
    expect(a.payments.find((x) => x.id === p.id)).toMatchObject({ voidedAt: expect.any(String), months: [m(-1), m(0)] });
    expect(a.months.find((x) => x.month === m(-1))!.status).toBe('unpaid');
    expect((await staffA.post(`/api/dues/payments/${p.id}/void`, { reason: '再次' })).statusCode).toBe(409);

    // Paid again, then two voids of that payment at the same moment: one succeeds, one is refused,
    // one audit entry, and the record still says which months it had settled.
    const again = (await pay(staffA, id, { fromMonth: m(-1), toMonth: m(0), amountFen: p.amountFen }));
    expect(again.statusCode, again.body).toBe(201);
    const q = again.json<Account>().payments.find((x) => !x.voidedAt && x.months.includes(m(-1)))!;
    const seq = await lastSeq();
    const codes = (await Promise.all([1, 2].map((n) => staffA.post(`/api/dues/payments/${q.id}/void`, { reason: `并发${n}` })))).map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    expect(await lastSeq()).toBe(seq + 1);
    expect((await account(staffA, id)).payments.find((x) => x.id === q.id)).toMatchObject({ voidedAt: expect.any(String), months: [m(-1), m(0)] });
  });
});

describe('reductions and exemptions', () => {
  it('an approved exemption makes months nothing due; they cannot be paid; paid months cannot be exempted', async () => {
    const id = extra[2]!.id;
    await addBase(staffA, id, { effectiveMonth: m(-4), category: 'low_income' });
    await pay(staffA, id, { fromMonth: m(-4), amountFen: 20 });
    const body = { kind: 'exempt', fromMonth: m(-3), toMonth: m(-2), reason: '因病生活困难', approvedBy: '中共甲溪镇委员会', approvedOn: today };
    const overPaid = await staffA.post(`/api/dues/members/${id}/reliefs`, { ...body, fromMonth: m(-4) });
    expect(overPaid.statusCode).toBe(409);
    expect(problem(overPaid).code).toBe('dues.reliefPaid');
    const res = await staffA.post(`/api/dues/members/${id}/reliefs`, body);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json<Account>();
    expect(a.months.find((x) => x.month === m(-3))).toMatchObject({ dueFen: 0, standardFen: 20, relief: 'exempt', status: 'exempt' });
    expect(a.paidUntil).toBe(m(-2));
    expect(a.arrears.months.map((x) => x.month)).toEqual([m(-1)]);
    const payExempt = await pay(staffA, id, { fromMonth: m(-2), amountFen: 20 });
    expect(problem(payExempt).code).toBe('dues.monthExempt');
    const overlap = await staffA.post(`/api/dues/members/${id}/reliefs`, { ...body, fromMonth: m(-2), toMonth: m(-1) });
    expect(problem(overlap).code).toBe('dues.reliefOverlap');
  });

  it('a reduction needs its monthly amount and lowers the dues', async () => {
    const id = tree.a.members[0]!.id;
    const body = { kind: 'reduce', fromMonth: m(4), toMonth: m(5), reason: '家庭遭灾', approvedBy: '中共甲溪镇委员会', approvedOn: today };
    expect(problem(await staffA.post(`/api/dues/members/${id}/reliefs`, body)).code).toBe('dues.reliefAmount');
    const a = (await staffA.post(`/api/dues/members/${id}/reliefs`, { ...body, monthlyFen: 500 })).json<Account>();
    expect(a.months.find((x) => x.month === m(4))).toBeUndefined(); // not yet shown: beyond the current and paid months
    const r = await pay(staffA, id, { fromMonth: m(4), toMonth: m(5), amountFen: 1000 });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json<Account>().months.find((x) => x.month === m(5))).toMatchObject({ dueFen: 500, standardFen: 2161, relief: 'reduce' });
  });
});

describe('arrears: six consecutive months are flagged, five are not', () => {
  beforeAll(async () => {
    await addBase(staffA, extra[3]!.id, { effectiveMonth: m(-5), category: 'farmer' });
    await addBase(staffA, extra[4]!.id, { effectiveMonth: m(-6), category: 'farmer' });
  });

  it('lists the members with arrears, flagged first, with minMonths and flaggedOnly', async () => {
    const five = await account(staffA, extra[3]!.id);
    expect(five.arrears).toMatchObject({ longestRun: 5, flagged: false, amountFen: 100 });
    const six = await account(staffA, extra[4]!.id);
    expect(six.arrears).toMatchObject({ longestRun: 6, flagged: true, amountFen: 120 });
    const list = (await staffA.get(`/api/dues/arrears?orgId=${tree.a.township.id}&minMonths=5`)).json<{ items: { memberId: number; monthCount: number; flagged: boolean }[] }>().items;
    expect(list.map((x) => [x.memberId, x.monthCount, x.flagged])).toEqual([[extra[4]!.id, 6, true], [extra[3]!.id, 5, false]]);
    const flagged = (await staffA.get(`/api/dues/arrears?orgId=${tree.a.township.id}&flaggedOnly=true`)).json<{ items: { memberId: number }[] }>().items;
    expect(flagged.map((x) => x.memberId)).toEqual([extra[4]!.id]);
  });

  it('reminds of arrears of three months or more, and of the six-month flag instead', async () => {
    const { a, b } = tree;
    const q = { subtreePath: a.township.path, today, horizonDays: 30, limit: 100 };
    const r = await duesReminders(ts.db, { kind: 'subtree', orgId: a.township.id, path: a.township.path }, q);
    expect(r.map((x) => [x.memberId, x.kind, x.severity]).sort()).toEqual([[extra[3]!.id, 'dues.arrears', 'overdue'], [extra[4]!.id, 'dues.six_months', 'overdue']].sort());
    expect(r.find((x) => x.kind === 'dues.six_months')!.title).toContain('应按规定处理');
    expect(r.find((x) => x.kind === 'dues.arrears')!.title).toContain('1.00 元');
    const own = await duesReminders(ts.db, { kind: 'subtree', orgId: a.township.id, path: a.township.path }, { ...q, memberId: extra[3]!.id });
    expect(own.map((x) => x.memberId)).toEqual([extra[3]!.id]);
    expect(await duesReminders(ts.db, { kind: 'subtree', orgId: b.township.id, path: b.township.path }, q)).toEqual([]);
  });

  it('paying the oldest month breaks the run below six and lifts the flag', async () => {
    const id = extra[4]!.id;
    const a = (await pay(staffA, id, { fromMonth: m(-6), amountFen: 20 })).json<Account>();
    expect(a.arrears).toMatchObject({ longestRun: 5, flagged: false });
    await staffA.post(`/api/dues/payments/${a.payments[0]!.id}/void`, { reason: '测试恢复' });
  });
});

describe('organization summary and Excel', () => {
  it('sums the month per child organization and in total', async () => {
    const res = await staffA.get(`/api/dues/summary?orgId=${tree.a.township.id}&month=${m(-1)}`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json<{ totals: Record<string, number>; rows: { orgId: number; own: boolean; members: number }[] }>();
    // month −1: members[0] 21.61 paid; members[1] 25.00 unpaid (voided); extra[0] 0.20 unpaid; extra[1] 0.20 paid;
    // extra[2] 0.20 unpaid; extra[3] 0.20 unpaid; extra[4] 0.20 unpaid.
    expect(s.totals).toMatchObject({ members: 10, noBase: 3, dueMembers: 7, paidMembers: 2, unpaidMembers: 5, dueFen: 2161 + 2500 + 100, receivedFen: 2161 + 20, flaggedMembers: 1 });
    expect(s.rows.map((r) => r.orgId)).toEqual([tree.a.village.id]);
    expect(s.rows[0]!.members).toBe(10);
    const village = (await staffA.get(`/api/dues/summary?orgId=${tree.a.village.id}&month=${m(-1)}`)).json<{ rows: { orgId: number; own: boolean; members: number }[] }>();
    expect(village.rows.map((r) => [r.orgId, r.own, r.members])).toEqual([[tree.a.village.id, true, 2], [tree.a.branch.id, false, 8]]);
  });

  it('exports the summary and the arrears list as workbooks with the same figures', async () => {
    const res = await staffA.get(`/api/dues/summary.xlsx?orgId=${tree.a.township.id}&month=${m(-1)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('filename*=UTF-8');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).getCell(1).value).toBe('党组织');
    expect(ws.getRow(1).getCell(8).value).toBe('应交金额（元）');
    const total = ws.getRow(3);
    expect(total.getCell(1).value).toBe(`合计：${tree.a.township.name}`);
    expect(total.getCell(8).value).toBe(47.61);
    expect(total.getCell(8).numFmt).toBe('#,##0.00');
    expect(total.getCell(9).value).toBe(21.81);

    const ar = await staffA.get(`/api/dues/arrears.xlsx?orgId=${tree.a.township.id}`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(ar.rawPayload as unknown as ArrayBuffer);
    const ws2 = wb2.worksheets[0]!;
    expect(ws2.getRow(1).values).toEqual([undefined, '姓名', '所在党组织', '党费交至', '欠交月数', '欠交起止', '欠交金额（元）', '最长连续未交（月）', '处理提示']);
    expect(ws2.getRow(2).getCell(1).value).toBe(extra[4]!.name);
    expect(ws2.getRow(2).getCell(6).value).toBe(1.2);
    expect(String(ws2.getRow(2).getCell(8).value)).toContain('应按规定处理');
  });
});

describe('scope', () => {
  it('a user of another subtree gets 404 for A’s members and organizations and writes nothing', async () => {
    const id = tree.a.members[0]!.id;
    expect((await staffB.get(`/api/dues/members/${id}/account`)).statusCode).toBe(404);
    expect((await staffB.get(`/api/dues/summary?orgId=${tree.a.township.id}`)).statusCode).toBe(404);
    expect((await staffB.get(`/api/dues/arrears.xlsx?orgId=${tree.a.township.id}`)).statusCode).toBe(404);
    expect((await pay(staffB, id, { fromMonth: m(6), amountFen: 2161 })).statusCode).toBe(404);
  });

  it('a member sees their own account only, cannot record payments and gets no organization figures', async () => {
    const own = tree.a.members[2]!.id;
    await addBase(staffA, own, { effectiveMonth: m(-2), category: 'farmer' });
    const a = await account(self, own);
    expect(a.member.id).toBe(own);
    expect(a.arrears.months.length).toBe(2);
    expect((await self.get(`/api/dues/members/${tree.a.members[3]!.id}/account`)).statusCode).toBe(404);
    expect((await pay(self, own, { fromMonth: m(-2), amountFen: 20 })).statusCode).toBe(403);
    expect((await self.get(`/api/dues/summary?orgId=${tree.a.branch.id}`)).statusCode).toBe(403);
  });
});

describe('rate versions', () => {
  it('a new rate version applies from its effective month; earlier months keep the old rate', async () => {
    const res = await admin.post('/api/rules/dues.employed_rates/versions', { effectiveFrom: `${m(1)}-15`, params: { b1UpToYuan: 3000, b1RateBp: 50, b2RateBp: 100 }, source: '测试：新的党费比例' });
    expect(res.statusCode, res.body).toBe(201);
    const id = tree.a.members[0]!.id;
    await addBase(staffA, id, { effectiveMonth: m(6), category: 'employed', baseFen: 666667 });
    const r = await pay(staffA, id, { fromMonth: m(6), amountFen: 6667 });
    expect(r.statusCode, r.body).toBe(201);
    const a = r.json<Account>();
    expect(a.months.find((x) => x.month === m(0))).toMatchObject({ dueFen: 2161, ruleVersion: 1 });
    expect(a.months.find((x) => x.month === m(6))).toMatchObject({ dueFen: 6667, rateBp: 100, ruleVersion: 2 });
    const rates = (await staffA.get(`/api/dues/rates?month=${m(1)}`)).json<{ items: { code: string; version: number }[] }>();
    expect(rates.items.find((x) => x.code === 'dues.employed_rates')!.version).toBe(2);
  });
});
