// 组织关系转接: the approval chain by the tree, letters (number, validity, expiry, PDF), who may do
// what, illegal transitions, two confirmations at once, batches, member requests, incoming letters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import dayjs from 'dayjs';
import { addMonths, todayCN } from '../../src/lib/dates.ts';
import type { TestMember, TestOrg } from '../helpers/factories.ts';
import { fakeIdNumber } from '../../src/seed/synthetic.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';

interface Transfer {
  id: number;
  kind: string;
  scopeCase: string;
  state: string;
  memberId: number | null;
  memberName: string;
  toOrgId: number | null;
  letterNumber: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  duesPaidUntil: string | null;
  batchId: string | null;
  waitingFor: { role: string; orgId: number; orgName: string } | null;
  steps: { seq: number; role: string; orgId: number; decision: string | null }[];
  letters: { number: string; supersededOn: string | null; content: Record<string, unknown> }[];
  actions: string[];
}

let ts: TestServer;
const today = todayCN();
const o: Record<string, TestOrg> = {};
const m: Record<string, TestMember> = {};
let admin: Client;
let townA1: Client; // sending side (township committee in county A1)
let countyA1: Client; // sending county organization department
let provA: Client; // sending province
let townA2: Client; // receiving side in another county of the same province
let townA1b: Client; // another township of county A1
let townB: Client; // receiving side in another province
let secA2: Client; // a second receiving user for the concurrency test

beforeAll(async () => {
  ts = await testServer();
  const org = (parent: TestOrg | null, key: string, name: string, level: string, kind = 'committee') => ts.insertOrg(parent, { code: `TR-${key}`, name, kind, level, domain: 'local' }).then((x) => (o[key] = x));
  await org(null, 'provA', '中共南江省委员会', 'province');
  await org(o.provA!, 'cityA', '中共南湖市委员会', 'city');
  await org(o.cityA!, 'countyA1', '中共东城县委员会', 'county');
  await org(o.countyA1!, 'townA1', '中共东关镇委员会', 'township');
  await org(o.townA1!, 'brA1', '中共东关村支部委员会', 'village', 'branch');
  await org(o.countyA1!, 'townA1b', '中共东坪镇委员会', 'township');
  await org(o.townA1b!, 'brA1b', '中共东坪村支部委员会', 'village', 'branch');
  await org(o.cityA!, 'countyA2', '中共西城县委员会', 'county');
  await org(o.countyA2!, 'townA2', '中共西关镇委员会', 'township');
  await org(o.townA2!, 'brA2', '中共西关村支部委员会', 'village', 'branch');
  await org(null, 'provB', '中共北岭省委员会', 'province');
  await org(o.provB!, 'countyB', '中共北山县委员会', 'county');
  await org(o.countyB!, 'townB', '中共北山镇委员会', 'township');
  await org(o.townB!, 'brB', '中共北山村支部委员会', 'village', 'branch');
  const names = ['王建国', '李秀英', '张志强', '刘海燕', '陈明', '杨帆', '赵磊', '黄丽', '周杰', '吴芳', '徐涛', '孙悦'];
  for (const [i, n] of names.entries()) m[`a${i}`] = await ts.insertMember(o.brA1!, { name: n, gender: i % 2 ? 'female' : 'male' });
  const user = async (role: 'admin' | 'org_staff' | 'secretary', orgKey: string) => {
    const u = await ts.makeUser(role, o[orgKey]!.id);
    return login(ts.app, u.username, u.password);
  };
  admin = await user('admin', 'provA');
  townA1 = await user('org_staff', 'townA1');
  countyA1 = await user('org_staff', 'countyA1');
  provA = await user('org_staff', 'provA');
  townA2 = await user('org_staff', 'townA2');
  townA1b = await user('org_staff', 'townA1b');
  townB = await user('org_staff', 'townB');
  secA2 = await user('secretary', 'brA2');
});
afterAll(async () => {
  await ts?.close();
});

const ok = async (p: Promise<{ statusCode: number; body: string; json: <T>() => T }>, status = 200) => {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json<Transfer>();
};
const problem = async (p: Promise<{ statusCode: number; json: <T>() => T }>, status: number) => {
  const r = await p;
  expect(r.statusCode).toBe(status);
  return r.json<Problem>();
};
const create = (c: Client, memberId: number, toKey: string, extra: Record<string, unknown> = {}) => ok(c.post('/api/transfers', { memberId, toOrgCode: o[toKey]!.code, ...extra }), 201);
const orgOf = async (memberId: number) => (await ts.db.selectFrom('members').select(['org_id', 'left_on', 'left_reason', 'is_mobile']).where('id', '=', memberId).executeTakeFirstOrThrow());
const openPeriods = (memberId: number) => ts.db.selectFrom('member_periods').select(['org_id', 'valid_from']).where('member_id', '=', memberId).where('valid_to', 'is', null).execute();
/** Age the current letter: issued three months before its (new) last valid day. */
const setValidUntil = (id: number, d: string) => ts.db.updateTable('transfer_letters').set({ valid_until: d, issued_on: addMonths(d, -3) }).where('transfer_id', '=', id).where('superseded_on', 'is', null).execute();
const yesterday = dayjs(today).subtract(1, 'day').format('YYYY-MM-DD');

describe('the case and the approval chain come from the tree', () => {
  it('within a county: submitted → letter issued at once by the basic committee, valid 3 months, numbered per issuer and year', async () => {
    const t = await create(townA1, m.a0!.id, 'brA1b', { submit: true });
    expect(t).toMatchObject({ kind: 'internal', scopeCase: 'within_county', state: 'issued', steps: [], issuedOn: today, validUntil: addMonths(today, 3) });
    expect(t.letterNumber).toBe(`东党介〔${today.slice(0, 4)}〕第0001号`);
    const t2 = await create(townA1, m.a1!.id, 'brA1b', { submit: true });
    expect(t2.letterNumber).toBe(`东党介〔${today.slice(0, 4)}〕第0002号`);
    await ok(townA1.post(`/api/transfers/${t2.id}/cancel`, {}));
  });

  it('across counties: the sending county organization department approves, then the letter (组介) is issued', async () => {
    const t = await create(townA1, m.a2!.id, 'brA2', { submit: true });
    expect(t).toMatchObject({ scopeCase: 'cross_county', state: 'pending', letterNumber: null, waitingFor: { role: 'county', orgId: o.countyA1!.id } });
    expect(t.actions).not.toContain('approve'); // a township cannot approve for the county
    expect((await problem(townA1.post(`/api/transfers/${t.id}/approve`, {}), 403)).code).toBe('transfer.stepOrg');
    // The receiving side does not see it before a letter exists.
    expect((await townA2.get(`/api/transfers/${t.id}`)).statusCode).toBe(404);
    const approved = await ok(countyA1.post(`/api/transfers/${t.id}/approve`, { note: '同意' }));
    expect(approved).toMatchObject({ state: 'issued', validUntil: addMonths(today, 3) });
    expect(approved.letterNumber).toMatch(new RegExp(`^东组介〔${today.slice(0, 4)}〕第\\d{4}号$`));
    expect(approved.steps).toMatchObject([{ role: 'county', decision: 'approved' }]);
    // Now the receiving side sees it (the member is not theirs yet) and may confirm.
    const seen = await ok(townA2.get(`/api/transfers/${t.id}`));
    expect(seen.actions).toEqual(expect.arrayContaining(['confirm', 'reject']));
    expect((await townA2.get(`/api/members/${m.a2!.id}`)).statusCode).toBe(404);
    const done = await ok(townA2.post(`/api/transfers/${t.id}/confirm`, {}));
    expect(done.state).toBe('confirmed');
    expect((await orgOf(m.a2!.id)).org_id).toBe(o.brA2!.id);
    expect(await openPeriods(m.a2!.id)).toEqual([{ org_id: o.brA2!.id, valid_from: today }]);
    expect((await townA2.get(`/api/members/${m.a2!.id}`)).statusCode).toBe(200);
  });

  it('across provinces: county then province approve; the letter is valid 6 months', async () => {
    const t = await create(townA1, m.a3!.id, 'brB', { submit: true });
    expect(t).toMatchObject({ scopeCase: 'cross_province', state: 'pending' });
    expect(t.steps.map((s) => [s.role, s.orgId])).toEqual([['county', o.countyA1!.id], ['province', o.provA!.id]]);
    // Steps are decided in order: the county first (the province, being above it, could act for it).
    const s1 = await ok(countyA1.post(`/api/transfers/${t.id}/approve`, {}));
    expect(s1).toMatchObject({ state: 'pending', waitingFor: { role: 'province' } });
    expect((await problem(countyA1.post(`/api/transfers/${t.id}/approve`, {}), 403)).code).toBe('transfer.stepOrg');
    const s2 = await ok(provA.post(`/api/transfers/${t.id}/approve`, {}));
    expect(s2).toMatchObject({ state: 'issued', issuedOn: today, validUntil: addMonths(today, 6) });
    await ok(townB.post(`/api/transfers/${t.id}/confirm`, {}));
    expect((await orgOf(m.a3!.id)).org_id).toBe(o.brB!.id);
  });
});

describe('letter validity and expiry', () => {
  it('a letter expiring today is still valid today; one that expired yesterday cannot be confirmed and must be re-issued', async () => {
    const t = await create(townA1, m.a4!.id, 'brA1b', { submit: true });
    await setValidUntil(t.id, today);
    expect((await ok(townA1b.get(`/api/transfers/${t.id}`))).state).toBe('issued');
    await setValidUntil(t.id, yesterday);
    const expired = await ok(townA1b.get(`/api/transfers/${t.id}`));
    expect(expired.state).toBe('expired');
    expect(expired.actions).not.toContain('confirm');
    const p = await problem(townA1b.post(`/api/transfers/${t.id}/confirm`, {}), 409);
    expect(p.code).toBe('transfer.letterExpired');
    expect(p.detail).toContain(yesterday);
    expect((await orgOf(m.a4!.id)).org_id).toBe(o.brA1!.id);
    // Listed under 已过期, not under 待接收.
    const expiredList = (await townA1.get('/api/transfers?state=expired')).json<{ items: Transfer[] }>().items.map((x) => x.id);
    const issuedList = (await townA1.get('/api/transfers?state=issued')).json<{ items: Transfer[] }>().items.map((x) => x.id);
    expect(expiredList).toContain(t.id);
    expect(issuedList).not.toContain(t.id);
    // Re-issue: a new number and validity; the old letter is kept as superseded.
    const re = await ok(townA1.post(`/api/transfers/${t.id}/reissue`, {}));
    expect(re).toMatchObject({ state: 'issued', validUntil: addMonths(today, 3) });
    expect(re.letters).toHaveLength(2);
    expect(re.letters[0]!.supersededOn).toBe(today);
    expect(re.letters[1]!.number).not.toBe(re.letters[0]!.number);
    expect((await problem(townA1.post(`/api/transfers/${t.id}/reissue`, {}), 409)).code).toBe('transfer.notExpired');
    await ok(townA1b.post(`/api/transfers/${t.id}/confirm`, {}));
    expect((await orgOf(m.a4!.id)).org_id).toBe(o.brA1b!.id);
  });

  it('the validity is rules-table data: 3 months, 6 across provinces (with its source)', async () => {
    const rules = (await admin.get('/api/rules')).json<{ items: { code: string; params: Record<string, number>; source: string }[] }>().items;
    const r = rules.find((x) => x.code === 'transfer.letter_validity')!;
    expect(r.params).toEqual({ months: 3, crossProvinceMonths: 6 });
    expect(r.source).toContain('6个月');
  });
});

describe('illegal transitions are refused with 409 and a message', () => {
  it('draft cannot be approved or confirmed; confirmed cannot be cancelled, rejected or confirmed again', async () => {
    const t = await create(townA1, m.a5!.id, 'brA1b');
    expect(t.state).toBe('draft');
    const p = await problem(townA1.post(`/api/transfers/${t.id}/approve`, {}), 409);
    expect(p).toMatchObject({ code: 'transfer.illegal' });
    expect(p.detail).toBe('转接当前为“草稿”，不能审批');
    expect((await problem(townA1.post(`/api/transfers/${t.id}/confirm`, {}), 409)).code).toBe('transfer.illegal');
    await ok(townA1.post(`/api/transfers/${t.id}/submit`, {}));
    expect((await problem(townA1.post(`/api/transfers/${t.id}/submit`, {}), 409)).code).toBe('transfer.illegal');
    await ok(townA1b.post(`/api/transfers/${t.id}/confirm`, {}));
    for (const a of ['cancel', 'submit', 'approve']) expect((await problem(townA1.post(`/api/transfers/${t.id}/${a}`, {}), 409)).code).toBe('transfer.illegal');
    expect((await problem(townA1b.post(`/api/transfers/${t.id}/reject`, { note: '不接收' }), 409)).code).toBe('transfer.illegal');
    expect((await problem(townA1b.post(`/api/transfers/${t.id}/confirm`, {}), 409)).code).toBe('transfer.alreadyConfirmed');
  });

  it('a rejected or cancelled transfer stays closed; a member has at most one open transfer', async () => {
    const t = await create(townA1, m.a6!.id, 'brA2', { submit: true });
    expect((await problem(townA1.post('/api/transfers', { memberId: m.a6!.id, toOrgCode: o.brB!.code }), 409)).code).toBe('transfer.alreadyOpen');
    const r = await ok(countyA1.post(`/api/transfers/${t.id}/reject`, { note: '材料不全' }));
    expect(r).toMatchObject({ state: 'rejected', steps: [{ decision: 'rejected' }] });
    expect((await problem(countyA1.post(`/api/transfers/${t.id}/approve`, {}), 409)).code).toBe('transfer.illegal');
    // Closed: a new transfer for the same member is possible again.
    const again = await create(townA1, m.a6!.id, 'brA1b');
    await ok(townA1.post(`/api/transfers/${again.id}/cancel`, { note: '暂缓' }));
    expect((await problem(townA1.post(`/api/transfers/${again.id}/submit`, {}), 409)).code).toBe('transfer.illegal');
  });

  it('validation: one destination, an existing receiving organization, not the current one', async () => {
    const both = await problem(townA1.post('/api/transfers', { memberId: m.a7!.id, toOrgCode: o.brA2!.code, toOrgName: '外省某支部' }), 400);
    expect(both.errors![0]!.field).toBe('toOrgCode');
    expect((await problem(townA1.post('/api/transfers', { memberId: m.a7!.id }), 400)).code).toBe('validation');
    expect((await problem(townA1.post('/api/transfers', { memberId: m.a7!.id, toOrgCode: 'NO-SUCH' }), 400)).errors![0]).toMatchObject({ field: 'toOrgCode' });
    expect((await problem(townA1.post('/api/transfers', { memberId: m.a7!.id, toOrgCode: o.brA1!.code }), 400)).errors![0]!.message).toContain('现在所在');
  });
});

describe('two receiving confirmations at the same time', () => {
  it('one succeeds, the other gets 409, and the member is in one place with one open period', async () => {
    const t = await create(townA1, m.a7!.id, 'brA2', { submit: true });
    await ok(countyA1.post(`/api/transfers/${t.id}/approve`, {}));
    const [r1, r2] = await Promise.all([townA2.post(`/api/transfers/${t.id}/confirm`, {}), secA2.post(`/api/transfers/${t.id}/confirm`, {})]);
    const codes = [r1.statusCode, r2.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = r1.statusCode === 409 ? r1 : r2;
    expect(loser.json<Problem>().code).toBe('transfer.alreadyConfirmed');
    expect((await orgOf(m.a7!.id)).org_id).toBe(o.brA2!.id);
    expect(await openPeriods(m.a7!.id)).toEqual([{ org_id: o.brA2!.id, valid_from: today }]);
    const audits = await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'transfer.confirm' and entity_id = ${String(t.id)}`.execute(ts.db);
    expect(audits.rows[0]!.n).toBe(1);
  });
});

describe('scope: who sees what', () => {
  it('a sibling subtree gets 404; the receiving side sees incoming transfers only once a letter is issued', async () => {
    const t = await create(townA1, m.a8!.id, 'brA2');
    expect((await townA1b.get(`/api/transfers/${t.id}`)).statusCode).toBe(404);
    expect((await townA1b.post(`/api/transfers/${t.id}/cancel`, {})).statusCode).toBe(404);
    expect((await townA2.get(`/api/transfers/${t.id}`)).statusCode).toBe(404);
    expect((await townA2.get('/api/transfers?side=in')).json<{ items: Transfer[] }>().items.map((x) => x.id)).not.toContain(t.id);
    await ok(townA1.post(`/api/transfers/${t.id}/submit`, {}));
    await ok(countyA1.post(`/api/transfers/${t.id}/approve`, {}));
    const incoming = (await townA2.get('/api/transfers?side=in')).json<{ items: Transfer[] }>().items.map((x) => x.id);
    expect(incoming).toContain(t.id);
    // The sibling still sees nothing, not even by name search.
    expect((await townA1b.get(`/api/transfers?q=${encodeURIComponent(m.a8!.name)}`)).json<{ items: Transfer[] }>().items).toEqual([]);
    expect((await townA1b.get(`/api/transfers/${t.id}/letter.pdf`)).statusCode).toBe(404);
    // A user outside the sending subtree cannot start a transfer of someone else's member.
    expect((await townA1b.post('/api/transfers', { memberId: m.a9!.id, toOrgCode: o.brA1b!.code })).statusCode).toBe(404);
    await ok(townA2.post(`/api/transfers/${t.id}/reject`, { note: '不属于本单位' }));
  });
});

describe('batch transfers', () => {
  it('all or nothing: one bad member refuses the whole batch; a good batch gives one letter each', async () => {
    const before = await ts.db.selectFrom('transfers').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const outsider = await ts.insertMember(o.brB!, { name: '钱外省' });
    const bad = await problem(townA1.post('/api/transfers/batch', { memberIds: [m.a9!.id, outsider.id, m.a10!.id, m.a9!.id], toOrgCode: o.brA1b!.code }), 400);
    expect(bad.errors!.map((e) => e.field)).toEqual(['memberIds.1', 'memberIds.3']);
    const after = await ts.db.selectFrom('transfers').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const r = await townA1.post('/api/transfers/batch', { memberIds: [m.a9!.id, m.a10!.id], toOrgCode: o.brA1b!.code });
    expect(r.statusCode, r.body).toBe(201);
    const b = r.json<{ batchId: string; items: Transfer[] }>();
    expect(b.items.map((x) => x.state)).toEqual(['issued', 'issued']);
    expect(new Set(b.items.map((x) => x.letterNumber)).size).toBe(2);
    expect(b.items.every((x) => x.batchId === b.batchId)).toBe(true);
  });
});

describe('member request, out of and into the system, dues, PDF', () => {
  it('a member requests their own transfer; the sending organization sees and submits it', async () => {
    const me = m.a11!;
    const u = await ts.makeUser('member', o.brA1!.id, undefined, { memberId: me.id });
    const c = await login(ts.app, u.username, u.password);
    expect((await c.post(`/api/transfers/request/${m.a0!.id}`, { toOrgCode: o.brA2!.code, reason: '工作调动' })).statusCode).toBe(404);
    const t = await ok(c.post(`/api/transfers/request/${me.id}`, { toOrgCode: o.brA2!.code, reason: '工作调动' }), 201);
    expect(t).toMatchObject({ state: 'requested', actions: ['cancel'] });
    expect((await c.post(`/api/transfers/${t.id}/submit`, {})).statusCode).toBe(403);
    const seen = await ok(townA1.get(`/api/transfers/${t.id}`));
    expect(seen.actions).toEqual(expect.arrayContaining(['submit', 'reject', 'cancel']));
    const sub = await ok(townA1.post(`/api/transfers/${t.id}/submit`, {}));
    expect(sub.state).toBe('pending');
    expect((await c.get('/api/transfers')).json<{ items: Transfer[] }>().items.map((x) => x.id)).toEqual([t.id]);
  });

  it('out of the system: departure confirmed ends membership (left_on, transferred_out) and any open outflow', async () => {
    const x = await ts.insertMember(o.brA1!, { name: '郑远行' });
    await ok(townA1.post('/api/mobile/outflows', { memberId: x.id, place: '上海市浦东新区', since: '2026-01-02' }), 201);
    const t = await ok(townA1.post('/api/transfers', { memberId: x.id, toOrgName: '中共上海市某街道委员会', toOrgAddress: '上海市浦东新区某路1号', crossProvince: true, submit: true, duesPaidUntil: '2026-02' }), 201);
    expect(t).toMatchObject({ kind: 'outgoing', scopeCase: 'cross_province', state: 'pending', duesPaidUntil: '2026-02' });
    await ok(countyA1.post(`/api/transfers/${t.id}/approve`, {}));
    const issued = await ok(provA.post(`/api/transfers/${t.id}/approve`, {}));
    expect(issued.validUntil).toBe(addMonths(today, 6));
    expect(issued.actions).toContain('confirm');
    await ok(townA1.post(`/api/transfers/${t.id}/confirm`, {}));
    expect(await orgOf(x.id)).toMatchObject({ left_on: today, left_reason: 'transferred_out', is_mobile: false });
    expect(await openPeriods(x.id)).toEqual([]);
    const rec = await ts.db.selectFrom('mobile_records').select('returned_on').where('member_id', '=', x.id).executeTakeFirstOrThrow();
    expect(rec.returned_on).toBe(today);
  });

  it('into the system: the letter is registered, then confirmed with full registry data', async () => {
    const t = await ok(townA2.post('/api/transfers/incoming', { toOrgId: o.brA2!.id, fromOrgName: '中共外省某县委组织部', letterNumber: '外组介〔2026〕第0099号', issuedOn: today, memberName: '冯新来' }), 201);
    expect(t).toMatchObject({ kind: 'incoming', state: 'issued', letterNumber: '外组介〔2026〕第0099号', validUntil: addMonths(today, 3), actions: expect.arrayContaining(['confirm']) });
    expect((await problem(townA2.post(`/api/transfers/${t.id}/confirm`, {}), 400)).errors![0]!.field).toBe('member');
    const idNumber = fakeIdNumber('330402', '1990-05-06', 'male', 4242);
    const member = { name: '冯新来', gender: 'male', idNumber, education: 'bachelor', category: 'worker', joinedOn: '2015-07-01', fullMemberOn: '2016-07-01' };
    const done = await ok(townA2.post(`/api/transfers/${t.id}/confirm`, { member }));
    expect(done.state).toBe('confirmed');
    expect((await orgOf(done.memberId!)).org_id).toBe(o.brA2!.id);
    expect(await openPeriods(done.memberId!)).toEqual([{ org_id: o.brA2!.id, valid_from: today }]);
    // The same ID number cannot come in twice while on the roll.
    const t2 = await ok(townA2.post('/api/transfers/incoming', { toOrgId: o.brA2!.id, fromOrgName: '某单位', letterNumber: 'X-1', issuedOn: today, memberName: '冯新来' }), 201);
    const refused = await problem(townA2.post(`/api/transfers/${t2.id}/confirm`, { member }), 409);
    expect(refused.code).toBe('transfer.incomingRegistered');
    expect(refused.detail).not.toContain('冯新来'); // the holder may be outside the caller's scope: not named
    // Nor can an incoming letter take over the record of someone who left the roll other than by transferring out.
    await ts.db.updateTable('members').set({ left_on: today, left_reason: 'death' }).where('id', '=', done.memberId!).execute();
    expect((await problem(townA2.post(`/api/transfers/${t2.id}/confirm`, { member }), 409)).code).toBe('transfer.incomingRegistered');
    expect(await orgOf(done.memberId!)).toMatchObject({ left_reason: 'death' });
    // Outside the caller's subtree: 404.
    expect((await townA1.post('/api/transfers/incoming', { toOrgId: o.brA2!.id, fromOrgName: '某单位', letterNumber: 'X-2', issuedOn: today, memberName: '某人' })).statusCode).toBe(404);
  });

  it('dues paid until is prefilled from the dues records and printed on the letter', async () => {
    const x = await ts.insertMember(o.brA1!, { name: '褚交费' });
    const month = today.slice(0, 7);
    await ts.db.insertInto('dues_bases').values({ member_id: x.id, effective_month: '2026-01', category: 'farmer', base_fen: null, created_by_name: 't' }).execute();
    const p = await ts.db.insertInto('dues_payments').values({ member_id: x.id, org_id: o.brA1!.id, paid_on: '2026-01-05', amount_fen: 60, method: 'cash', created_by_name: 't' }).returning('id').executeTakeFirstOrThrow();
    await ts.db.insertInto('dues_payment_months').values(['2026-01', '2026-02', '2026-03'].map((mo) => ({ member_id: x.id, month: mo, payment_id: p.id, amount_fen: 20 }))).execute();
    const t = await ok(townA1.post('/api/transfers', { memberId: x.id, toOrgCode: o.brA1b!.code, submit: true }), 201);
    expect(t.duesPaidUntil).toBe('2026-03');
    expect(t.letters[0]!.content.duesPaidUntil).toBe('2026-03');
    const given = await ts.insertMember(o.brA1!, { name: '卫交费' });
    const t2 = await ok(townA1.post('/api/transfers', { memberId: given.id, toOrgCode: o.brA1b!.code, submit: true, duesPaidUntil: month }), 201);
    expect(t2.letters[0]!.content.duesPaidUntil).toBe(month);
  });

  it('the letter PDF is a PDF carrying the letter number, with the Chinese text embedded as a font subset', async () => {
    const x = await ts.insertMember(o.brA1!, { name: '蒋印信' });
    const t = await ok(townA1.post('/api/transfers', { memberId: x.id, toOrgCode: o.brA1b!.code, submit: true, duesPaidUntil: '2026-03' }), 201);
    const r = await townA1.get(`/api/transfers/${t.id}/letter.pdf`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const pdf = r.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    // The number is in the document information (UTF-16BE, as PDF text strings are).
    const utf16 = Buffer.from('\ufeff' + t.letterNumber!, 'utf16le').swap16();
    expect(pdf.includes(utf16)).toBe(true);
    // A subset, not the whole 20 MB font.
    expect(pdf.length).toBeLessThan(400_000);
    expect(pdf.toString('latin1')).toMatch(/\/FontFile[23]?/);
    // Receiving side may print it too; a draft has no letter.
    expect((await townA1b.get(`/api/transfers/${t.id}/letter.pdf`)).statusCode).toBe(200);
    const d = await ok(townA1.post('/api/transfers', { memberId: (await ts.insertMember(o.brA1!, { name: '沈草稿' })).id, toOrgCode: o.brA1b!.code }), 201);
    expect((await problem(townA1.get(`/api/transfers/${d.id}/letter.pdf`), 409)).code).toBe('transfer.noLetter');
  });

  it('the receiving-organization directory lists names and codes system-wide, nothing about members', async () => {
    const r = (await townA1.get(`/api/transfers/receiving-orgs?name=${encodeURIComponent('北山')}`)).json<{ items: { id: number; code: string; name: string }[] }>().items;
    expect(r.map((x) => x.code)).toEqual(expect.arrayContaining([o.countyB!.code, o.townB!.code, o.brB!.code]));
    expect(Object.keys(r[0]!).sort()).toEqual(['code', 'id', 'level', 'name', 'parentName']);
    expect((await townA1.get('/api/transfers/receiving-orgs')).statusCode).toBe(400);
  });
});

describe('reminders', () => {
  it('letters expiring within 15 days (receiving side), expired letters (sending side), approvals waiting (county) — inside the scope only', async () => {
    const { transferReminders } = await import('../../src/modules/transfers/transfers.reminders.ts');
    const mk = async (name: string) => (await ts.insertMember(o.brA1!, { name })).id;
    const expiring = await create(townA1, await mk('提醒甲'), 'brA1b', { submit: true });
    await setValidUntil(expiring.id, dayjs(today).add(15, 'day').format('YYYY-MM-DD'));
    const later = await create(townA1, await mk('提醒乙'), 'brA1b', { submit: true });
    await setValidUntil(later.id, dayjs(today).add(16, 'day').format('YYYY-MM-DD'));
    const expired = await create(townA1, await mk('提醒丙'), 'brA1b', { submit: true });
    await setValidUntil(expired.id, yesterday);
    const pending = await create(townA1, await mk('提醒丁'), 'brA2', { submit: true });
    const q = (path: string) => ({ subtreePath: path, today, horizonDays: 30, limit: 500 });
    const scope = (key: string) => ({ kind: 'subtree' as const, orgId: o[key]!.id, path: o[key]!.path });
    const byId = (items: { link: string | null; kind: string; orgId: number }[], id: number) => items.filter((r) => r.link === `/transfers?id=${id}`);
    const receiving = await transferReminders(ts.db, scope('townA1b'), q(o.townA1b!.path));
    expect(byId(receiving, expiring.id)).toMatchObject([{ kind: 'transfer.letter_expiring', orgId: o.brA1b!.id }]);
    expect(byId(receiving, later.id).map((r) => r.kind)).toEqual(['transfer.confirm_pending']);
    expect(byId(receiving, expired.id)).toEqual([]);
    const sending = await transferReminders(ts.db, scope('townA1'), q(o.townA1!.path));
    expect(byId(sending, expired.id)).toMatchObject([{ kind: 'transfer.letter_expired', severity: 'overdue', orgId: o.brA1!.id }]);
    const county = await transferReminders(ts.db, scope('countyA1'), q(o.countyA1!.path));
    expect(byId(county, pending.id)).toMatchObject([{ kind: 'transfer.approval_pending', orgId: o.countyA1!.id }]);
    expect(await transferReminders(ts.db, scope('townB'), q(o.townB!.path))).toEqual([]);
  });
});
