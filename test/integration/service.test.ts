// 无职党员设岗定责 and 记实卡: posts only for members without office (an office holder is refused with
// the office named), reviews falling due exactly on their date, record counts per member feeding the
// indicators, a member entering and seeing only their own records, and 404 for a sibling subtree.
import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayCN } from '../../src/lib/dates.ts';
import { indicatorByCode } from '../../src/modules/assessment/indicator.registry.ts';
import type { ReminderList } from '../../src/modules/reminders/reminders.schemas.ts';
import type { z } from 'zod';
import type { Assignment, MemberService, Post, PostList, RecordPage, ServiceRecord, ServiceSummary } from '../../src/modules/service/service.schemas.ts';
import type { OrgTree } from '../helpers/factories.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';

let ts: TestServer;
let tree: OrgTree;
let staff: Client;
let staffB: Client;
let memberA: Client;
const today = todayCN();
const monthsAgo = (n: number, extraDays = 0) => dayjs(today).subtract(n, 'month').subtract(extraDays, 'day').format('YYYY-MM-DD');
const yearStart = `${today.slice(0, 4)}-01-01`;

type PostOut = z.infer<typeof Post>;
type AssignmentOut = z.infer<typeof Assignment>;

async function createPost(orgId: number, name: string, reviewMonths?: number): Promise<PostOut> {
  const res = await staff.post(`/api/orgs/${orgId}/service/posts`, { name, duties: `${name}职责：每月入户不少于 4 次`, ...(reviewMonths ? { reviewMonths } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<PostOut>();
}

async function assign(postId: number, memberId: number, startsOn: string): Promise<AssignmentOut> {
  const res = await staff.post(`/api/service/posts/${postId}/assignments`, { memberId, startsOn });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<AssignmentOut>();
}

async function addRecord(c: Client, body: Record<string, unknown>) {
  return c.post('/api/service/records', { occurredOn: today, kind: 'visit', whom: '五保户张大伯', matter: '走访了解冬季取暖情况', ...body });
}

async function summary(orgId: number) {
  const res = await staff.get(`/api/orgs/${orgId}/service/summary`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<z.infer<typeof ServiceSummary>>();
}

const indicatorOrg = () => ({ id: tree.a.village.id, path: tree.a.village.path, name: tree.a.village.name, level: 'village', kind: 'general_branch', domain: 'rural' });

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  // The factories register members without their membership periods (the API and imports write them).
  await ts.db.insertInto('member_periods').values([...tree.a.members, ...tree.b.members].map((m) => ({ member_id: m.id, org_id: m.orgId, valid_from: '2001-07-01' }))).execute();
  // 甲秀英 is the branch secretary: an office holder.
  await ts.db.insertInto('org_posts').values({ org_id: tree.a.branch.id, post: 'secretary', member_id: tree.a.members[3]!.id, holder_name: tree.a.members[3]!.name, started_on: '2021-01-01' }).execute();
  const u = await ts.makeUser('org_staff', tree.a.township.id);
  const b = await ts.makeUser('org_staff', tree.b.township.id);
  const m = await ts.makeUser('member', tree.a.branch.id, undefined, { memberId: tree.a.members[2]!.id });
  staff = await login(ts.app, u.username, u.password);
  staffB = await login(ts.app, b.username, b.password);
  memberA = await login(ts.app, m.username, m.password);
});

afterAll(async () => {
  await ts?.close();
});

describe('posts for members without office', () => {
  it('refuses an office holder, naming the office; assigns a member without office and coverage follows', async () => {
    const before = await summary(tree.a.village.id);
    expect(before.coverage).toEqual({ members: 4, withoutOffice: 3, posted: 0, ratio: 0 });
    const post = await createPost(tree.a.village.id, '政策宣传岗');
    const refused = await staff.post(`/api/service/posts/${post.id}/assignments`, { memberId: tree.a.members[3]!.id, startsOn: monthsAgo(1) });
    expect(refused.statusCode).toBe(409);
    const p = refused.json<Problem>();
    expect([p.code, p.errors?.[0]?.field]).toEqual(['service.officeHolder', 'memberId']);
    expect(p.detail).toContain('书记');
    expect(p.detail).toContain(tree.a.members[3]!.name);
    // The candidates list shows the office so the picker can grey it out.
    const cands = (await staff.get(`/api/orgs/${tree.a.village.id}/service/candidates`)).json<{ items: { memberId: number; office: string | null }[] }>();
    expect(cands.items.find((c) => c.memberId === tree.a.members[3]!.id)?.office).toContain('书记');
    expect(cands.items.filter((c) => c.office === null).length).toBe(3);

    const a = await assign(post.id, tree.a.members[2]!.id, monthsAgo(1));
    expect([a.postName, a.memberName, a.active, a.office]).toEqual(['政策宣传岗', tree.a.members[2]!.name, true, null]);
    // The same member twice on the same post: refused.
    expect((await staff.post(`/api/service/posts/${post.id}/assignments`, { memberId: tree.a.members[2]!.id, startsOn: today })).json<Problem>().code).toBe('service.alreadyAssigned');
    const after = await summary(tree.a.village.id);
    expect(after.coverage).toEqual({ members: 4, withoutOffice: 3, posted: 1, ratio: 1 / 3 });
    const r = await indicatorByCode('service.post_coverage')!.compute(ts.db, indicatorOrg(), { from: yearStart, to: today }, {});
    expect([r.numerator, r.denominator]).toEqual([1, 3]);
    expect(r.evidence.find((e) => e.ok)?.label).toContain(tree.a.members[2]!.name);
    expect(r.evidence.every((e) => e.link?.startsWith('/service?orgId='))).toBe(true);
    // Audited in the same transaction.
    const audit = await ts.db.selectFrom('audit_log').select(['action', 'entity']).where('entity', '=', 'service_assignment').execute();
    expect(audit).toEqual([{ action: 'service.assign', entity: 'service_assignment' }]);
  });

  it('a review falls due on the interval’s date (due that day, overdue the day after), and a review clears it', async () => {
    const edge = await createPost(tree.a.village.id, '环境卫生监督岗');
    const late = await createPost(tree.a.village.id, '治安巡逻岗');
    const onTime = await assign(edge.id, tree.a.members[0]!.id, monthsAgo(6));
    const overdue = await assign(late.id, tree.a.members[1]!.id, monthsAgo(6, 1));
    expect(onTime.nextReviewOn).toBe(today);
    expect(onTime.reviewOverdue).toBe(false);
    expect(overdue.reviewOverdue).toBe(true);
    const list = async () => {
      const res = await staff.get(`/api/reminders?orgId=${tree.a.township.id}&source=service&horizonDays=0`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<ReminderList>();
    };
    const r = await list();
    expect(r.items.map((i) => [i.memberId, i.severity, i.dueOn])).toEqual([
      [tree.a.members[1]!.id, 'overdue', dayjs(today).subtract(1, 'day').format('YYYY-MM-DD')],
      [tree.a.members[0]!.id, 'due', today],
    ]);
    expect(r.items[0]!.link).toBe(`/service?orgId=${tree.a.village.id}&tab=posts&assignment=${overdue.id}`);
    expect((await summary(tree.a.village.id)).reviewsDue).toBe(1);

    const res = await staff.post(`/api/service/assignments/${overdue.id}/reviews`, { reviewedOn: today, grade: 'competent', comment: '巡逻到位' });
    expect(res.statusCode, res.body).toBe(201);
    const reviewed = res.json<AssignmentOut>();
    expect(reviewed.lastReview?.grade).toBe('competent');
    expect(reviewed.nextReviewOn).toBe(dayjs(today).add(6, 'month').format('YYYY-MM-DD'));
    expect((await list()).items.map((i) => i.memberId)).toEqual([tree.a.members[0]!.id]);
    // Bad input changes nothing: a future date, a second review the same day.
    const tomorrow = dayjs(today).add(1, 'day').format('YYYY-MM-DD');
    expect((await staff.post(`/api/service/assignments/${overdue.id}/reviews`, { reviewedOn: tomorrow, grade: 'competent' })).statusCode).toBe(400);
    expect((await staff.post(`/api/service/assignments/${overdue.id}/reviews`, { reviewedOn: today, grade: 'excellent' })).json<Problem>().code).toBe('service.reviewTwice');
    // The reviews done in the period count for the review indicator.
    const ind = await indicatorByCode('service.post_review')!.compute(ts.db, indicatorOrg(), { from: yearStart, to: today }, {});
    expect([ind.numerator, ind.denominator]).toEqual([1, 2]);
  });

  it('a post with members cannot be retired until they leave it', async () => {
    const lists = (await staff.get(`/api/orgs/${tree.a.township.id}/service/posts`)).json<z.infer<typeof PostList>>();
    const post = lists.items.find((p) => p.name === '治安巡逻岗')!;
    const res = await staff.patch(`/api/service/posts/${post.id}`, { retiredOn: today });
    expect(res.json<Problem>().code).toBe('service.postHasMembers');
    const ended = await staff.post(`/api/service/assignments/${post.assignments[0]!.id}/end`, { endsOn: today, reason: '外出务工' });
    expect(ended.statusCode, ended.body).toBe(200);
    const retired = await staff.patch(`/api/service/posts/${post.id}`, { retiredOn: today });
    expect(retired.statusCode, retired.body).toBe(200);
    expect((await staff.get(`/api/orgs/${tree.a.township.id}/service/posts`)).json<z.infer<typeof PostList>>().items.map((p) => p.name)).not.toContain('治安巡逻岗');
  });
});

describe('service records (记实卡)', () => {
  it('counts records per member, and the records indicator changes when a record is added', async () => {
    for (let i = 0; i < 2; i++) expect((await addRecord(staff, { memberId: tree.a.members[2]!.id })).statusCode).toBe(201);
    expect((await addRecord(staff, { memberId: tree.a.members[0]!.id, kind: 'mediation', hours: 1.5 })).statusCode).toBe(201);
    const orgRecord = await addRecord(staff, { orgId: tree.a.village.id, kind: 'volunteer', whom: '全村群众', matter: '主题党日清理河道' });
    expect(orgRecord.statusCode, orgRecord.body).toBe(201);
    expect(orgRecord.json<z.infer<typeof ServiceRecord>>().memberId).toBeNull();
    const s = await summary(tree.a.village.id);
    const count = (id: number) => s.members.find((m) => m.memberId === id)?.records;
    expect([count(tree.a.members[2]!.id), count(tree.a.members[0]!.id), count(tree.a.members[1]!.id)]).toEqual([2, 1, 0]);
    expect(s.records.total).toBe(4);
    expect(s.records.hours).toBe(1.5);
    expect(s.records.byKind.find((k) => k.kind === 'visit')?.count).toBe(2);
    const page = (await staff.get(`/api/orgs/${tree.a.village.id}/service/records?memberId=${tree.a.members[2]!.id}`)).json<z.infer<typeof RecordPage>>();
    expect(page.total).toBe(2);

    const ind = indicatorByCode('service.records')!;
    const period = { from: yearStart, to: today };
    const r1 = await ind.compute(ts.db, indicatorOrg(), period, { minRecords: 2 });
    expect([r1.numerator, r1.denominator]).toEqual([1, 4]);
    expect(r1.evidence.find((e) => e.ok)?.link).toContain(`memberId=${tree.a.members[2]!.id}`);
    expect((await addRecord(staff, { memberId: tree.a.members[0]!.id })).statusCode).toBe(201);
    const r2 = await ind.compute(ts.db, indicatorOrg(), period, { minRecords: 2 });
    expect([r2.numerator, r2.denominator]).toEqual([2, 4]);
  });

  it('refuses ID numbers in the text, future dates and a record without member or organization, changing nothing', async () => {
    const before = (await summary(tree.a.village.id)).records.total;
    const id = await addRecord(staff, { memberId: tree.a.members[2]!.id, whom: '张大伯 330402196001011234' });
    expect([id.statusCode, id.json<Problem>().code, id.json<Problem>().errors?.[0]?.field]).toEqual([400, 'service.idNumberInWhom', 'whom']);
    expect((await addRecord(staff, { memberId: tree.a.members[2]!.id, occurredOn: dayjs(today).add(1, 'day').format('YYYY-MM-DD') })).statusCode).toBe(400);
    expect((await addRecord(staff, {})).json<Problem>().code).toBe('service.recordTarget');
    expect((await summary(tree.a.village.id)).records.total).toBe(before);
  });

  it('a member adds their own records and sees only their own; never another member’s, nor the organization lists', async () => {
    const own = await addRecord(memberA, { memberId: tree.a.members[2]!.id, kind: 'errand', matter: '帮邻居代办医保缴费' });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json<z.infer<typeof ServiceRecord>>().enteredBy).toBe('self');
    expect((await addRecord(memberA, { memberId: tree.a.members[3]!.id })).statusCode).toBe(404);
    expect((await addRecord(memberA, { orgId: tree.a.branch.id })).statusCode).toBe(403);
    const me = await memberA.get('/api/me/service');
    expect(me.statusCode, me.body).toBe(200);
    const view = me.json<z.infer<typeof MemberService>>();
    expect(view.records.every((r) => r.memberId === tree.a.members[2]!.id)).toBe(true);
    expect(view.counts.total).toBe(3);
    // The member sees the post and what it asks of them.
    expect(view.assignments.map((a) => [a.postName, a.postDuties])).toEqual([['政策宣传岗', '政策宣传岗职责：每月入户不少于 4 次']]);
    for (const other of tree.a.members.filter((m) => m.id !== tree.a.members[2]!.id)) expect(me.body).not.toContain(other.name);
    expect((await memberA.get(`/api/orgs/${tree.a.branch.id}/service/records`)).statusCode).toBe(403);
    expect((await memberA.get(`/api/members/${tree.a.members[3]!.id}/service`)).statusCode).toBe(404);
    // Staff-entered records stay; the member's own may go.
    const staffEntered = view.records.find((r) => r.enteredBy === 'staff')!;
    expect((await memberA.delete(`/api/service/records/${staffEntered.id}`)).json<Problem>().code).toBe('service.recordNotOwn');
    expect((await memberA.delete(`/api/service/records/${own.json<{ id: number }>().id}`)).statusCode).toBe(204);
    expect((await memberA.get('/api/me/service')).json<z.infer<typeof MemberService>>().counts.total).toBe(2);
  });

  it('a user of the sibling subtree gets 404 for every organization, member, post and record of A, and changes nothing', async () => {
    const posts = (await staff.get(`/api/orgs/${tree.a.village.id}/service/posts`)).json<z.infer<typeof PostList>>();
    const post = posts.items[0]!;
    const record = (await staff.get(`/api/orgs/${tree.a.village.id}/service/records`)).json<z.infer<typeof RecordPage>>().items[0]!;
    const auditBefore = await ts.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const url of [`/api/orgs/${tree.a.village.id}/service/posts`, `/api/orgs/${tree.a.village.id}/service/summary`, `/api/orgs/${tree.a.village.id}/service/records`, `/api/orgs/${tree.a.village.id}/service/candidates`, `/api/members/${tree.a.members[2]!.id}/service`]) {
      expect((await staffB.get(url)).statusCode, url).toBe(404);
    }
    expect((await staffB.post(`/api/service/posts/${post.id}/assignments`, { memberId: tree.b.members[2]!.id, startsOn: today })).statusCode).toBe(404);
    expect((await staffB.post(`/api/service/assignments/${post.assignments[0]!.id}/reviews`, { reviewedOn: today, grade: 'excellent' })).statusCode).toBe(404);
    expect((await staffB.patch(`/api/service/posts/${post.id}`, { name: '乙改名' })).statusCode).toBe(404);
    expect((await staffB.delete(`/api/service/records/${record.id}`)).statusCode).toBe(404);
    expect((await addRecord(staffB, { memberId: tree.a.members[0]!.id })).statusCode).toBe(404);
    expect((await addRecord(staffB, { orgId: tree.a.village.id })).statusCode).toBe(404);
    // B's own post cannot take a member of A either.
    const bPost = (await staffB.post(`/api/orgs/${tree.b.village.id}/service/posts`, { name: '帮扶岗', duties: '结对帮扶' })).json<PostOut>();
    expect((await staffB.post(`/api/service/posts/${bPost.id}/assignments`, { memberId: tree.a.members[0]!.id, startsOn: today })).statusCode).toBe(404);
    const auditAfter = await ts.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n) + 1); // only B's own post
  });
});
