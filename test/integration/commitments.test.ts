// 四级承诺一评议: commitments with items, the fulfillment rate at its edges (done on the deadline day
// counts, the day after does not; nothing due is no rate), targets from the rules, evaluations and
// satisfaction, indicators that follow the records, reminders, a member on their own commitments
// only, and nothing for a user of a sibling subtree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { todayCN } from '../../src/lib/dates.ts';
import { indicatorByCode } from '../../src/modules/assessment/indicator.registry.ts';
import { seedCommitmentsDemo } from '../../src/modules/commitments/commitments.demo.ts';
import type { CommitmentDetail, FulfillmentReply, MyCommitments } from '../../src/modules/commitments/commitments.schemas.ts';
import type { ReminderList } from '../../src/modules/reminders/reminders.schemas.ts';
import type { OrgTree } from '../helpers/factories.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';

type Detail = z.infer<typeof CommitmentDetail>;
type Fulfillment = z.infer<typeof FulfillmentReply>;

let ts: TestServer;
let tree: OrgTree;
let staff: Client;
let staffB: Client;
let member: Client;
const today = todayCN();
const year = Number(today.slice(0, 4)) - 1;
const next = Number(today.slice(0, 4)) + 1;

async function orgCommitment(orgId: number, items: { content: string; deadline: string; category?: string }[], y = year) {
  const res = await staff.post(`/api/orgs/${orgId}/commitments`, { year: y, title: `${y} 年度公开承诺`, announcedOn: `${y}-02-20`, items: items.map((i) => ({ category: 'infrastructure', responsible: '村党组织书记', ...i })) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Detail>();
}

async function setStatus(c: Client, itemId: number, body: Record<string, unknown>, expected = 200) {
  const res = await c.post(`/api/commitment-items/${itemId}/status`, body);
  expect(res.statusCode, res.body).toBe(expected);
  return res;
}

async function fulfillment(orgId: number, y = year) {
  const res = await staff.get(`/api/commitments/fulfillment?orgId=${orgId}&year=${y}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Fulfillment>();
}

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  const u = await ts.makeUser('org_staff', tree.a.township.id);
  const b = await ts.makeUser('org_staff', tree.b.township.id);
  const m = await ts.makeUser('member', tree.a.branch.id, undefined, { memberId: tree.a.members[2]!.id });
  staff = await login(ts.app, u.username, u.password);
  staffB = await login(ts.app, b.username, b.password);
  member = await login(ts.app, m.username, m.password);
});

afterAll(async () => {
  await ts?.close();
});

describe('fulfillment rate', () => {
  it('counts an item done on its deadline day as kept and one done the day after as not; pending and withdrawn items are left out', async () => {
    const c = await orgCommitment(tree.a.village.id, [
      { content: '修通村道 2.3 公里', deadline: `${year}-06-30` },
      { content: '建立村级农民专业合作社', deadline: `${year}-06-30` },
      { content: '帮扶 5 户困难户', deadline: `${year}-09-30` },
      { content: '新建村文化礼堂', deadline: `${year}-10-31` },
    ]);
    expect(c.itemList.map((i) => i.standing)).toEqual(['overdue', 'overdue', 'overdue', 'overdue']);
    const [road, coop, help, hall] = c.itemList;
    await setStatus(staff, road!.id, { status: 'done', on: `${year}-06-30`, note: '村道已硬化通车' });
    await setStatus(staff, coop!.id, { status: 'done', on: `${year}-07-01`, note: '合作社已注册' });
    await setStatus(staff, hall!.id, { status: 'cancelled', reason: '纳入市级项目统一建设' });
    const d = (await staff.get(`/api/commitments/${c.id}`)).json<Detail>();
    expect(d.itemList.map((i) => [i.content, i.standing])).toEqual([
      ['修通村道 2.3 公里', 'kept'],
      ['建立村级农民专业合作社', 'late'],
      ['帮扶 5 户困难户', 'overdue'],
      ['新建村文化礼堂', 'excluded'],
    ]);
    expect({ kept: d.kept, due: d.due, rate: d.rate }).toEqual({ kept: 1, due: 3, rate: 1 / 3 });

    const f = await fulfillment(tree.a.township.id);
    expect(f.total.org).toEqual({ kept: 1, due: 3, pending: 0, withdrawn: 1, rate: 1 / 3, meetsTarget: false });
    expect(f.rows.find((r) => r.orgId === tree.a.village.id)?.org.due).toBe(3);
    // Completing the overdue item on time (recorded late, dated on its deadline) raises the rate.
    await setStatus(staff, help!.id, { status: 'done', on: `${year}-09-30`, note: '5 户均已脱困' });
    expect((await fulfillment(tree.a.township.id)).total.org).toMatchObject({ kept: 2, due: 3 });
  });

  it('gives no rate (null, not 0 or 100) when nothing is due yet', async () => {
    const c = await orgCommitment(tree.a.village.id, [{ content: '整治村内河道 1.5 公里', deadline: `${next}-12-31` }], next - 1);
    expect(c.itemList[0]!.standing).toBe('pending');
    const f = await fulfillment(tree.a.township.id, next);
    expect(f.total.org).toEqual({ kept: 0, due: 0, pending: 1, withdrawn: 0, rate: null, meetsTarget: null });
    const ind = await indicatorByCode('commitments.org_fulfillment')!.compute(ts.db, { ...tree.a.township, level: 'township', kind: 'committee', domain: 'local', path: tree.a.township.path }, { from: `${next}-01-01`, to: `${next}-12-31` }, {});
    expect(ind.value).toBeNull();
    expect(ind.ratio).toBeNull();
    expect(ind.note).toContain('无法计算');
  });

  it('reads the targets from the rules: a new rule version moves the target line', async () => {
    const f = await fulfillment(tree.a.township.id);
    expect(f.targets).toMatchObject({ orgPercent: 95, memberPercent: 90 });
    expect(f.targets.source).toContain('95%');
    await ts.db.insertInto('rules').values({ code: 'commitment.targets', version: 99, effective_from: `${year}-01-01`, params: JSON.stringify({ orgPercent: 60, memberPercent: 50 }), source: '测试', note: null }).execute();
    try {
      const g = await fulfillment(tree.a.township.id);
      expect(g.targets).toMatchObject({ orgPercent: 60, memberPercent: 50 });
      expect(g.total.org.meetsTarget).toBe(true); // 2 of 3 ≥ 60%
    } finally {
      await ts.db.deleteFrom('rules').where('code', '=', 'commitment.targets').where('version', '=', 99).execute();
    }
  });
});

describe('indicators', () => {
  it('org fulfillment follows the records, with each item as evidence linking to its commitment', async () => {
    const provider = indicatorByCode('commitments.org_fulfillment')!;
    const org = { id: tree.a.branch.id, path: tree.a.branch.path, name: tree.a.branch.name, level: 'grid', kind: 'branch', domain: 'rural' };
    const period = { from: `${year}-01-01`, to: `${year}-12-31` };
    const c = await orgCommitment(tree.a.branch.id, [
      { content: '建设党群服务驿站', deadline: `${year}-05-31` },
      { content: '开展农业技术培训 4 期', deadline: `${year}-08-31` },
    ]);
    const before = await provider.compute(ts.db, org, period, {});
    expect(before).toMatchObject({ value: 0, numerator: 0, denominator: 2 });
    expect(before.evidence.every((e) => e.ok === false && e.link === `/commitments/${c.id}`)).toBe(true);
    await setStatus(staff, c.itemList[0]!.id, { status: 'done', on: `${year}-05-20`, note: '驿站已投入使用' });
    const after = await provider.compute(ts.db, org, period, {});
    expect(after).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(after.evidence.find((e) => e.id === c.itemList[0]!.id)).toMatchObject({ ok: true, kind: 'commitment_item' });
    expect(after.display).toContain('按期兑现 1 项');
  });

  it('satisfaction counts 满意 and 基本满意 over all ballots from members and the public', async () => {
    const c = await orgCommitment(tree.a.branch.id, [{ content: '为留守老人代购代办', deadline: `${year}-11-30`, category: 'livelihood' }]);
    const bad = await staff.post(`/api/commitments/${c.id}/evaluations`, { heldOn: `${year}-12-20`, evaluatorType: 'public', satisfied: 0, basic: 0, dissatisfied: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().code).toBe('commitment.noBallots');
    await staff.post(`/api/commitments/${c.id}/evaluations`, { heldOn: `${year}-12-20`, evaluatorType: 'public', satisfied: 6, basic: 2, dissatisfied: 2 });
    const d = (await staff.post(`/api/commitments/${c.id}/evaluations`, { heldOn: `${year}-12-20`, evaluatorType: 'member', satisfied: 0, basic: 0, dissatisfied: 1, note: '一张选票' })).json<Detail>();
    expect(d.ballots.public).toEqual({ satisfied: 6, basic: 2, dissatisfied: 2, total: 10, rate: 0.8 });
    expect(d.ballots.all.total).toBe(11);
    const ind = await indicatorByCode('commitments.satisfaction')!.compute(ts.db, { id: tree.a.branch.id, path: tree.a.branch.path, name: tree.a.branch.name, level: 'grid', kind: 'branch', domain: 'rural' }, { from: `${year}-01-01`, to: `${year}-12-31` }, {});
    expect(ind).toMatchObject({ numerator: 8, denominator: 11 });
    expect(ind.evidence[0]).toMatchObject({ link: `/commitments/${c.id}`, ok: true });
    // A wrongly entered ballot is deleted; the figure follows.
    const wrong = d.evaluations.find((e) => e.note === '一张选票')!;
    const after = (await staff.delete(`/api/commitments/${c.id}/evaluations/${wrong.id}`)).json<Detail>();
    expect(after.ballots.all.total).toBe(10);
  });
});

describe('rules on entries', () => {
  it('refuses a done item without what was done, a deadline outside the year, a future date — and changes nothing', async () => {
    const c = await orgCommitment(tree.a.village.id, [{ content: '安装太阳能路灯 60 盏', deadline: `${year}-04-30` }]);
    const id = c.itemList[0]!.id;
    expect((await setStatus(staff, id, { status: 'done', on: `${year}-04-30` }, 400)).json<Problem>().code).toBe('commitment.doneNote');
    expect((await setStatus(staff, id, { status: 'not_done' }, 400)).json<Problem>().code).toBe('commitment.reasonRequired');
    expect((await setStatus(staff, id, { status: 'done', on: `${next}-01-01`, note: '已完成' }, 400)).json<Problem>().code).toBe('commitment.futureDate');
    const far = await staff.post(`/api/commitments/${c.id}/items`, { content: '远期事项', category: 'other', deadline: `${year + 2}-01-01` });
    expect(far.json<Problem>()).toMatchObject({ code: 'commitment.deadlineYear' });
    const d = (await staff.get(`/api/commitments/${c.id}`)).json<Detail>();
    expect(d.itemList).toHaveLength(1);
    expect(d.itemList[0]).toMatchObject({ status: 'in_progress', doneOn: null });
    // Settled items are corrected by putting them back in progress first.
    await setStatus(staff, id, { status: 'not_done', reason: '资金未到位' });
    expect((await setStatus(staff, id, { status: 'done', on: `${year}-04-30`, note: '已完成' }, 409)).json<Problem>().code).toBe('commitment.itemSettled');
    await setStatus(staff, id, { status: 'in_progress' });
  });
});

describe('reminders', () => {
  it('lists overdue and due items for the subtree, and a member their own', async () => {
    const res = await staff.get(`/api/reminders?orgId=${tree.a.township.id}&horizonDays=30`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json<ReminderList>();
    const overdue = list.items.filter((r) => r.kind === 'commitment.item_overdue');
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue[0]!.link).toMatch(/^\/commitments\/\d+$/);
    // A member's list holds their own items only, not their neighbour's nor the branch's.
    const [self, neighbour] = [tree.a.members[2]!, tree.a.members[3]!];
    const body = (content: string) => ({ year, title: '党员承诺', items: [{ content, category: 'service', deadline: `${year}-10-31` }] });
    expect((await staff.post(`/api/members/${self.id}/commitments`, body('参与网格巡查每月 2 次'))).statusCode).toBe(201);
    expect((await staff.post(`/api/members/${neighbour.id}/commitments`, body('为留守老人代购代办'))).statusCode).toBe(201);
    const mine = (await member.get('/api/me/reminders?horizonDays=30')).json<ReminderList>();
    const own = mine.items.filter((r) => r.kind.startsWith('commitment.'));
    expect(own.map((r) => [r.title.includes('参与网格巡查'), r.memberId])).toEqual([[true, self.id]]);
    expect(JSON.stringify(mine)).not.toContain(neighbour.name);
  });
});

describe('a member', () => {
  it('makes and keeps their own commitment, rates their organization’s, and reaches nobody else’s', async () => {
    const self = tree.a.members[2]!;
    const neighbour = tree.a.members[3]!;
    const body = { year: year + 1, title: '本人年度承诺', items: [{ content: '结对帮扶 1 户困难户', category: 'support', deadline: `${year + 1}-12-31` }] };
    const mine = await member.post(`/api/members/${self.id}/commitments`, body);
    expect(mine.statusCode, mine.body).toBe(201);
    const c = mine.json<Detail>();
    expect(c).toMatchObject({ makerType: 'member', memberName: self.name, canEdit: true, canRate: false });
    expect([403, 404]).toContain((await member.post(`/api/members/${neighbour.id}/commitments`, body)).statusCode);
    // Staff record a commitment for the neighbour: the member cannot see or touch it.
    const theirs = (await staff.post(`/api/members/${neighbour.id}/commitments`, body)).json<Detail>();
    expect((await member.get(`/api/commitments/${theirs.id}`)).statusCode).toBe(404);
    expect((await member.post(`/api/commitment-items/${theirs.itemList[0]!.id}/status`, { status: 'done', note: '完成' })).statusCode).toBe(404);
    const listed = await member.get(`/api/commitments?orgId=${tree.a.branch.id}`);
    expect(listed.body).not.toContain(neighbour.name);
    // Their own item: progress and done; withdrawing is for staff.
    expect((await member.post(`/api/commitment-items/${c.itemList[0]!.id}/progress`, { text: '已走访联系户两次' })).statusCode).toBe(200);
    expect((await setStatus(member, c.itemList[0]!.id, { status: 'cancelled', reason: '不想做了' }, 403)).json<Problem>().code).toBe('commitment.staffOnly');
    const done = (await setStatus(member, c.itemList[0]!.id, { status: 'done', note: '联系户已脱困' })).json<Detail>();
    expect(done.itemList[0]).toMatchObject({ status: 'done', doneOn: today });
    // Rating the branch's commitment: once, changed by rating again; the entries are not shown to a member.
    const branchC = await orgCommitment(tree.a.branch.id, [{ content: '建设党员活动室', deadline: `${year}-12-31` }]);
    const r1 = (await member.put(`/api/commitments/${branchC.id}/my-rating`, { rating: 'basic' })).json<Detail>();
    expect(r1).toMatchObject({ myRating: 'basic', evaluations: [] });
    const r2 = (await member.put(`/api/commitments/${branchC.id}/my-rating`, { rating: 'satisfied' })).json<Detail>();
    expect(r2.ballots.member).toMatchObject({ satisfied: 1, basic: 0, total: 1 });
    expect((await member.put(`/api/commitments/${c.id}/my-rating`, { rating: 'satisfied' })).statusCode).toBe(400);
    expect((await member.post(`/api/commitments/${branchC.id}/evaluations`, { heldOn: today, evaluatorType: 'public', satisfied: 1, basic: 0, dissatisfied: 0 })).statusCode).toBe(403);
    const me = (await member.get('/api/me/commitments')).json<z.infer<typeof MyCommitments>>();
    expect(me.own.map((x) => x.id)).toContain(c.id);
    expect(new Set(me.own.map((x) => x.memberId))).toEqual(new Set([self.id]));
    expect(me.ofMyOrg.find((x) => x.id === branchC.id)?.myRating).toBe('satisfied');
    expect(JSON.stringify(me)).not.toContain(neighbour.name);
    // The fulfillment overview is staff business.
    expect((await member.get('/api/commitments/fulfillment')).statusCode).toBe(403);
  });
});

describe('a user of a sibling subtree', () => {
  it('gets 404 for A’s commitments, items, rates and members', async () => {
    const c = await orgCommitment(tree.a.village.id, [{ content: '改造农村饮水管网', deadline: `${year}-08-31` }]);
    expect((await staffB.get(`/api/commitments/${c.id}`)).statusCode).toBe(404);
    expect((await staffB.post(`/api/commitment-items/${c.itemList[0]!.id}/status`, { status: 'done', note: '完成' })).statusCode).toBe(404);
    expect((await staffB.post(`/api/commitments/${c.id}/evaluations`, { heldOn: today, evaluatorType: 'public', satisfied: 1, basic: 0, dissatisfied: 0 })).statusCode).toBe(404);
    expect((await staffB.get(`/api/commitments/fulfillment?orgId=${tree.a.township.id}`)).statusCode).toBe(404);
    expect((await staffB.get(`/api/commitments?orgId=${tree.a.village.id}`)).statusCode).toBe(404);
    expect((await staffB.post(`/api/orgs/${tree.a.village.id}/commitments`, { year, title: '越权承诺', items: [{ content: '越权事项', category: 'other', deadline: `${year}-12-31` }] })).statusCode).toBe(404);
    const own = (await staffB.get('/api/commitments')).json<{ items: unknown[] }>();
    expect(own.items).toEqual([]);
    expect((await staff.get(`/api/commitments/${c.id}`)).json<Detail>().itemList[0]!.status).toBe('in_progress');
  });
});

describe('demo data', () => {
  it('seeds the county, township and village commitments quickly, leaving a database that has some alone', async () => {
    await ts.db.deleteFrom('commitments').execute();
    const t0 = Date.now();
    const r = await seedCommitmentsDemo(ts.db, ts.cipher);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r.commitments).toBeGreaterThanOrEqual(4);
    const rows = await ts.db.selectFrom('commitments as c').innerJoin('organizations as o', 'o.id', 'c.org_id').select(['o.level', 'c.maker_type']).execute();
    expect(new Set(rows.filter((x) => x.maker_type === 'org').map((x) => x.level))).toEqual(new Set(['county', 'township', 'village']));
    expect(rows.some((x) => x.maker_type === 'member')).toBe(true);
    expect((await seedCommitmentsDemo(ts.db, ts.cipher)).commitments).toBe(0);
  });
});
