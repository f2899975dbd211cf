// The notice centre's review sources: 考核评价 (sheets to self-check by the round's due date, sheets
// waiting for the launching organization), 书记述职评议 (reports waiting for the level above) and
// 评先评优 (nomination deadlines, nominations waiting). Edges: due today is "due", yesterday
// "overdue", beyond the horizon absent; the level above sees the waiting work, the organization's
// own staff and the other township do not.
import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayCN } from '../../src/lib/dates.ts';
import type { ReminderList } from '../../src/modules/reminders/reminders.schemas.ts';
import type { OrgTree } from '../helpers/factories.ts';
import { login, testServer, type Client, type TestServer } from '../helpers/server.ts';

let ts: TestServer;
let tree: OrgTree;
let county: Client;
let townA: Client;
let townB: Client;
const today = todayCN();
const day = (n: number) => dayjs(today).add(n, 'day').format('YYYY-MM-DD');
const year = Number(today.slice(0, 4));

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  const { root, a } = tree;
  const signIn = async (role: 'org_staff', orgId: number) => {
    const u = await ts.makeUser(role, orgId);
    return login(ts.app, u.username, u.password);
  };
  [county, townA, townB] = [await signIn('org_staff', root.id), await signIn('org_staff', a.township.id), await signIn('org_staff', tree.b.township.id)];
});
afterAll(async () => {
  await ts?.close();
});

const list = async (c: Client, qs = 'horizonDays=30') => {
  const res = await c.get(`/api/reminders?${qs}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ReminderList>();
};
const of = (r: ReminderList, kind: string) => r.items.filter((i) => i.kind === kind);

async function round(orgId: number, title: string, dueOn: string, periodFrom: string) {
  const std = await ts.db.selectFrom('assessment_standards').select('id').where('code', '=', 'five_good_village').executeTakeFirstOrThrow();
  const r = await ts.db
    .insertInto('assessment_rounds')
    .values({ org_id: orgId, standard_id: std.id, cadence: 'quarter', title, period_from: periodFrom, period_to: dayjs(periodFrom).add(2, 'month').endOf('month').format('YYYY-MM-DD'), due_on: dueOn, created_by_name: '测试' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
const sheet = async (roundId: number, orgId: number, state: string, extra: Record<string, unknown> = {}) =>
  (await ts.db.insertInto('assessment_sheets').values({ round_id: roundId, org_id: orgId, state, ...extra }).returning('id').executeTakeFirstOrThrow()).id;

describe('考核评价', () => {
  it('a sheet to self-check is due on the round’s due date, overdue the day after, absent beyond the horizon', async () => {
    const { a, b } = tree;
    const dueToday = await sheet(await round(a.township.id, '甲季度自查（今天截止）', today, '2020-01-01'), a.village.id, 'not_started');
    const late = await sheet(await round(a.township.id, '甲季度自查（昨天截止）', day(-1), '2020-04-01'), a.village.id, 'returned');
    const far = await sheet(await round(a.township.id, '甲季度自查（远期）', day(31), '2020-07-01'), a.village.id, 'not_started');
    await sheet(await round(b.township.id, '乙季度自查', today, '2020-01-01'), b.village.id, 'not_started');

    const r = await list(townA);
    const items = of(r, 'assessment.self_check_due');
    expect(items.map((i) => [i.link, i.severity])).toEqual([
      [`/assessment/sheets/${late}`, 'overdue'],
      [`/assessment/sheets/${dueToday}`, 'due'],
    ]);
    expect(items[0]!.title).toContain('已逾期 1 天');
    expect(items[0]!.title).toContain('已退回修改');
    expect(items.some((i) => i.link === `/assessment/sheets/${far}`)).toBe(false);
    // With a 31-day horizon the far one is in; the other township's sheet never is.
    const wide = of(await list(townA, 'horizonDays=31'), 'assessment.self_check_due');
    expect(wide.map((i) => i.link)).toContain(`/assessment/sheets/${far}`);
    expect(wide.every((i) => i.orgId === a.village.id)).toBe(true);
    expect(of(await list(townB), 'assessment.self_check_due').map((i) => i.orgId)).toEqual([b.village.id]);
  });

  it('a submitted sheet waits at the organization that launched the round, not at the other township', async () => {
    const { root, a } = tree;
    const rid = await round(root.id, '县级半年考评', day(10), '2019-01-01');
    const snap = { computed: JSON.stringify({}), computed_at: new Date() };
    const submitted = await sheet(rid, a.township.id, 'submitted', { ...snap, submitted_on: day(-2), submitted_by_name: '甲' });
    const reviewed = await sheet(rid, tree.b.township.id, 'reviewed', { ...snap, submitted_on: day(-5), reviewed_on: day(-1) });
    const c = await list(county);
    expect(of(c, 'assessment.review_pending').map((i) => [i.link, i.orgId, i.dueOn])).toEqual([[`/assessment/sheets/${submitted}`, root.id, null]]);
    expect(of(c, 'assessment.final_pending').map((i) => i.link)).toEqual([`/assessment/sheets/${reviewed}`]);
    // The township that submitted has nothing to do about it.
    expect(of(await list(townA), 'assessment.review_pending')).toEqual([]);
    const sources = c.sources.find((s) => s.source === 'assessment')!;
    expect(sources.total).toBeGreaterThanOrEqual(2);
  });
});

describe('书记述职评议', () => {
  it('a submitted report waits for rating at the report organization’s parent; a rated one no longer does', async () => {
    const { a, b } = tree;
    const post = async (orgId: number, name: string) => (await ts.db.insertInto('org_posts').values({ org_id: orgId, post: 'secretary', member_id: null, holder_name: name, started_on: '2021-03-01', ended_on: null }).returning('id').executeTakeFirstOrThrow()).id;
    const report = async (orgId: number, postId: number, name: string, state: string) =>
      (
        await ts.db
          .insertInto('sec_reports')
          .values({ org_id: orgId, year: year - 1, post_id: postId, member_id: null, holder_name: name, state, report_text: '述职', submitted_on: state === 'draft' ? null : day(-3), created_by_name: '测试', ...(state === 'rated' ? { rating: 'good', rated_on: day(-1) } : {}) })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    await report(a.branch.id, await post(a.branch.id, '甲书记'), '甲书记', 'submitted');
    await report(a.village.id, await post(a.village.id, '甲村书记'), '甲村书记', 'rated');
    await report(b.branch.id, await post(b.branch.id, '乙书记'), '乙书记', 'draft');
    const r = of(await list(townA), 'secretaries.rating_pending');
    expect(r.map((i) => [i.orgId, i.link])).toEqual([[a.village.id, `/secretary-reports/orgs/${a.branch.id}?year=${year - 1}`]]);
    expect(r[0]!.title).toContain('甲书记');
    expect(of(await list(townB), 'secretaries.rating_pending')).toEqual([]);
  });
});

describe('评先评优', () => {
  it('a campaign closing within the window is listed with its nominations so far; one closing after it is not; waiting nominations are', async () => {
    const { root, a } = tree;
    const camp = async (orgId: number, y: number, until: string) =>
      (await ts.db.insertInto('recognition_campaigns').values({ awarding_org_id: orgId, year: y, state: 'open', nominate_until: until, created_by_name: '测试' }).returning('id').executeTakeFirstOrThrow()).id;
    const closing = await camp(root.id, year, day(30));
    await camp(a.township.id, year, day(31));
    await ts.db
      .insertInto('recognition_nominations')
      .values([
        { campaign_id: closing, year, kind: 'model_branch', org_id: a.branch.id, nominated_by_org_id: a.township.id, nominated_by_name: '甲', nominated_on: day(-1), reasons: '组织生活规范' },
        { campaign_id: closing, year, kind: 'model_branch', org_id: tree.b.branch.id, nominated_by_org_id: tree.b.township.id, nominated_by_name: '乙', nominated_on: day(-1), reasons: '服务群众好', state: 'withdrawn', closed_reason: '撤回', closed_on: today, closed_by_name: '乙' },
      ])
      .execute();
    const c = await list(county);
    const cl = of(c, 'recognition.nominations_closing');
    expect(cl.map((i) => [i.orgId, i.dueOn, i.severity])).toEqual([[root.id, day(30), 'due']]);
    expect(cl[0]!.title).toContain('已推荐 1 个');
    const waiting = of(c, 'recognition.nomination_waiting');
    expect(waiting.map((i) => i.orgId)).toEqual([root.id]);
    expect(waiting[0]!.title).toContain('待审核');
    // The township sees neither: the county's campaign is not its business.
    expect(of(await list(townA), 'recognition.nomination_waiting')).toEqual([]);
    expect(of(await list(townA), 'recognition.nominations_closing')).toEqual([]);
  });
});
