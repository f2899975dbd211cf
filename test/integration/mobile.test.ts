// 流动党员: outflow / inflow registration, contacts, return, members.is_mobile kept in step, the
// six-month review flag at its edge, self-registration, scope, and the reminders provider.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { addMonths, todayCN } from '../../src/lib/dates.ts';
import { mobileReminders } from '../../src/modules/mobile/mobile.reminders.ts';
import type { OrgTree } from '../helpers/factories.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';

interface Rec {
  id: number;
  memberId: number | null;
  personName: string;
  since: string;
  returnedOn: string | null;
  lastContactOn: string | null;
  flagged: boolean;
  contactOverdue: boolean;
  contacts: { contactedOn: string; way: string }[];
}

let ts: TestServer;
let tree: OrgTree;
let staffA: Client;
let staffB: Client;
const today = todayCN();
const dayBefore = (d: string) => dayjs(d).subtract(1, 'day').format('YYYY-MM-DD');

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  const a = await ts.makeUser('org_staff', tree.a.township.id);
  const b = await ts.makeUser('org_staff', tree.b.township.id);
  [staffA, staffB] = [await login(ts.app, a.username, a.password), await login(ts.app, b.username, b.password)];
});
afterAll(async () => {
  await ts?.close();
});

const isMobile = async (id: number) => (await ts.db.selectFrom('members').select('is_mobile').where('id', '=', id).executeTakeFirstOrThrow()).is_mobile;
const outflow = async (c: Client, memberId: number, since: string, extra: Record<string, unknown> = {}) => {
  const r = await c.post('/api/mobile/outflows', { memberId, place: '广东省深圳市南山区', since, reason: '务工', ...extra });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<Rec>();
};
const get = async (c: Client, id: number) => (await c.get(`/api/mobile/${id}`)).json<Rec>();

describe('outflow, contact, return', () => {
  it('registering an outflow sets is_mobile; a second one is refused; the return clears it', async () => {
    const m = tree.a.members[0]!;
    const r = await outflow(staffA, m.id, '2026-10-08', { hostOrgName: '深圳市南山区流动党员临时党支部', hostIsTemporary: true, certificateNo: 'LD-2026-001', phone: '13900000001' });
    expect(r).toMatchObject({ memberId: m.id, personName: m.name, returnedOn: null, flagged: false });
    expect(await isMobile(m.id)).toBe(true);
    const again = await staffA.post('/api/mobile/outflows', { memberId: m.id, place: '浙江省杭州市', since: '2026-11-01' });
    expect(again.statusCode).toBe(409);
    expect(again.json<Problem>().detail).toContain('广东省深圳市南山区');
    // Contacts: not before the outflow, not in the future.
    expect((await staffA.post(`/api/mobile/${r.id}/contacts`, { contactedOn: '2026-10-07', way: 'phone' })).json<Problem>().errors![0]!.field).toBe('contactedOn');
    expect((await staffA.post(`/api/mobile/${r.id}/contacts`, { contactedOn: dayjs(today).add(1, 'day').format('YYYY-MM-DD'), way: 'phone' })).statusCode).toBe(400);
    const c = await staffA.post(`/api/mobile/${r.id}/contacts`, { contactedOn: '2026-10-08', way: 'wechat', note: '在深圳一切正常' });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json<Rec>()).toMatchObject({ lastContactOn: '2026-10-08', contacts: [{ contactedOn: '2026-10-08', way: 'wechat' }] });
    // Return: not before the outflow; then is_mobile is false and the record is closed.
    expect((await staffA.post(`/api/mobile/${r.id}/return`, { returnedOn: '2026-10-01' })).statusCode).toBe(400);
    const back = await staffA.post(`/api/mobile/${r.id}/return`, { returnedOn: today, note: '返乡' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json<Rec>().returnedOn).toBe(today);
    expect(await isMobile(m.id)).toBe(false);
    expect((await staffA.post(`/api/mobile/${r.id}/return`, { returnedOn: today })).statusCode).toBe(409);
    expect((await staffA.post(`/api/mobile/${r.id}/contacts`, { contactedOn: today, way: 'phone' })).statusCode).toBe(409);
    // After the return a new outflow is possible again.
    const r2 = await outflow(staffA, m.id, today);
    expect(await isMobile(m.id)).toBe(true);
    await staffA.post(`/api/mobile/${r2.id}/return`, { returnedOn: today });
  });

  it('a member registers their own outflow, not someone else’s', async () => {
    const self = tree.a.members[2]!;
    const u = await ts.makeUser('member', self.orgId, undefined, { memberId: self.id });
    const c = await login(ts.app, u.username, u.password);
    expect((await c.post('/api/mobile/outflows', { memberId: tree.a.members[3]!.id, place: '北京市', since: '2026-11-01' })).statusCode).toBe(404);
    const r = await outflow(c, self.id, '2026-11-01');
    expect(await isMobile(self.id)).toBe(true);
    expect((await c.get('/api/mobile')).json<{ items: Rec[] }>().items.map((x) => x.id)).toEqual([r.id]);
    // The member cannot close it or record contacts; the organization does.
    expect((await c.post(`/api/mobile/${r.id}/return`, { returnedOn: today })).statusCode).toBe(403);
    expect((await staffA.post(`/api/mobile/${r.id}/return`, { returnedOn: today })).statusCode).toBe(200);
  });

  it('inflow: a member of another place, linked to a local organization; a sibling subtree sees nothing', async () => {
    const r = await staffA.post('/api/mobile/inflows', { orgId: tree.a.village.id, personName: '外来党员甲', phone: '13700000000', place: '四川省广安市', since: '2026-09-01', homeOrgName: '中共广安市某村支部委员会' });
    expect(r.statusCode, r.body).toBe(201);
    const rec = r.json<Rec>();
    const inflows = (await staffA.get('/api/mobile?direction=inflow')).json<{ items: Rec[] }>().items;
    expect(inflows.map((x) => x.id)).toContain(rec.id);
    expect((await staffB.get(`/api/mobile/${rec.id}`)).statusCode).toBe(404);
    expect((await staffB.get('/api/mobile?direction=inflow')).json<{ items: Rec[] }>().items).toEqual([]);
    expect((await staffB.post(`/api/mobile/${rec.id}/contacts`, { contactedOn: today, way: 'phone' })).statusCode).toBe(404);
    expect((await staffB.post('/api/mobile/inflows', { orgId: tree.a.village.id, personName: '某人', place: '某地', since: '2026-09-01', homeOrgName: '某支部' })).statusCode).toBe(404);
    expect((await staffB.post('/api/mobile/outflows', { memberId: tree.a.members[1]!.id, place: '某地', since: '2026-09-01' })).statusCode).toBe(404);
  });
});

describe('the six-month review flag', () => {
  const exactly = addMonths(today, -6);
  // The rule: flagged when today is after since + 6 months (so exactly six months is not yet).
  it('exactly six months away: not flagged; six months and one day: flagged — and never removed', async () => {
    const [m1, m2] = [await ts.insertMember(tree.a.branch, { name: '流动甲' }), await ts.insertMember(tree.a.branch, { name: '流动乙' })];
    const six = await outflow(staffA, m1.id, exactly);
    const sixPlus = await outflow(staffA, m2.id, dayBefore(exactly));
    expect(addMonths(exactly, 6)).toBe(today); // the edge is meaningful today
    expect((await get(staffA, six.id)).flagged).toBe(false);
    expect((await get(staffA, sixPlus.id)).flagged).toBe(true);
    const flagged = (await staffA.get('/api/mobile?status=flagged')).json<{ items: Rec[] }>().items.map((x) => x.id);
    expect(flagged).toContain(sixPlus.id);
    expect(flagged).not.toContain(six.id);
    // Flagged only: the member is still on the roll and still away.
    const row = await ts.db.selectFrom('members').select(['left_on', 'is_mobile']).where('id', '=', m2.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ left_on: null, is_mobile: true });
  });

  it('a contact, a dues payment or a transfer within the last six months clears the flag', async () => {
    const ms = [await ts.insertMember(tree.a.branch, { name: '联系丙' }), await ts.insertMember(tree.a.branch, { name: '交费丁' }), await ts.insertMember(tree.a.branch, { name: '转接戊' }), await ts.insertMember(tree.a.branch, { name: '旧联系己' })];
    const since = '2025-01-10';
    const recs = [];
    for (const m of ms) recs.push(await outflow(staffA, m.id, since));
    expect((await Promise.all(recs.map((r) => get(staffA, r.id)))).map((r) => r.flagged)).toEqual([true, true, true, true]);
    await staffA.post(`/api/mobile/${recs[0]!.id}/contacts`, { contactedOn: addMonths(today, -6), way: 'visit' }); // first day of the window
    await ts.db.insertInto('dues_payments').values({ member_id: ms[1]!.id, org_id: tree.a.branch.id, paid_on: today, amount_fen: 120, method: 'cash', created_by_name: 't' }).execute();
    const t = await staffA.post('/api/transfers', { memberId: ms[2]!.id, toOrgCode: tree.a.village.code });
    expect(t.statusCode, t.body).toBe(201);
    await staffA.post(`/api/mobile/${recs[3]!.id}/contacts`, { contactedOn: dayBefore(addMonths(today, -6)), way: 'phone' }); // one day too old
    expect((await Promise.all(recs.map((r) => get(staffA, r.id)))).map((r) => r.flagged)).toEqual([false, false, false, true]);
    // A voided payment is no evidence.
    await ts.db.updateTable('dues_payments').set({ voided_at: new Date(), void_reason: '录错' }).where('member_id', '=', ms[1]!.id).execute();
    expect((await get(staffA, recs[1]!.id)).flagged).toBe(true);
  });

  it('the review and contact rules are rules-table data with sources', async () => {
    const rules = (await staffA.get('/api/rules')).json<{ items: { code: string; params: Record<string, number>; source: string }[] }>().items;
    expect(rules.find((r) => r.code === 'mobile.review_after')).toMatchObject({ params: { months: 6 } });
    expect(rules.find((r) => r.code === 'mobile.contact_interval')).toMatchObject({ params: { months: 3 } });
  });
});

describe('reminders', () => {
  it('no contact for three months, and flagged for review, inside the scope only', async () => {
    const m = await ts.insertMember(tree.a.branch, { name: '失联庚' });
    const r = await outflow(staffA, m.id, dayBefore(addMonths(today, -3)));
    const fresh = await ts.insertMember(tree.a.branch, { name: '刚走辛' });
    await outflow(staffA, fresh.id, addMonths(today, -3)); // exactly three months: not yet
    const q = { subtreePath: tree.a.township.path, today, horizonDays: 30, limit: 500 };
    const scopeA = { kind: 'subtree' as const, orgId: tree.a.township.id, path: tree.a.township.path };
    const items = await mobileReminders(ts.db, scopeA, q);
    const mine = items.filter((x) => x.memberId === m.id);
    expect(mine).toMatchObject([{ kind: 'mobile.no_contact', severity: 'overdue', orgId: tree.a.branch.id }]);
    expect(mine[0]!.title).toContain('失联庚');
    expect(items.some((x) => x.memberId === fresh.id)).toBe(false);
    expect(items.some((x) => x.kind === 'mobile.review')).toBe(true);
    const scopeB = { kind: 'subtree' as const, orgId: tree.b.township.id, path: tree.b.township.path };
    expect(await mobileReminders(ts.db, scopeB, { ...q, subtreePath: tree.b.township.path })).toEqual([]);
    // A contact today clears it.
    await staffA.post(`/api/mobile/${r.id}/contacts`, { contactedOn: today, way: 'phone' });
    expect((await mobileReminders(ts.db, scopeA, q)).some((x) => x.memberId === m.id)).toBe(false);
  });
});
