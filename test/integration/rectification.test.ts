// 软弱涣散排查整顿: criteria at their thresholds, an indicator not registered reported as not
// evaluated (never passed), confirming candidates, listing by hand and withdrawing before work
// begins, tasks with progress, and leaving the list only by a passed acceptance of the level above;
// nothing for a sibling subtree, nothing for a member.
import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayCN } from '../../src/lib/dates.ts';
import { indicatorProviders } from '../../src/modules/assessment/indicator.registry.ts';
import type { IndicatorProvider, IndicatorResult } from '../../src/modules/assessment/indicator.types.ts';
import { rectificationReminders } from '../../src/modules/rectification/rectification.reminders.ts';
import type { EntryDetail, OrgRectification, ScreeningDetail, ScreeningList } from '../../src/modules/rectification/rectification.schemas.ts';
import type { OrgTree } from '../helpers/factories.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';
import type { z } from 'zod';

type Screening = z.infer<typeof ScreeningDetail>;
type Entry = z.infer<typeof EntryDetail>;

let ts: TestServer;
let tree: OrgTree;
let staff: Client;
let staffB: Client;
let branchStaff: Client;
let member: Client;
const today = todayCN();
const year = Number(today.slice(0, 4));
const saved: IndicatorProvider[] = [];

/** Figures the fake providers return, by organization id. */
const compliance = new Map<number, number>();
const regular = new Map<number, number>();

function fake(code: string, figure: (orgId: number) => { value: number | null; ratio: number | null }): IndicatorProvider {
  return {
    code,
    name: `测试指标 ${code}`,
    nameEn: code,
    description: '测试用',
    compute: (_db, org): Promise<IndicatorResult> => {
      const f = figure(org.id);
      return Promise.resolve({
        ...f,
        display: f.value === null ? '无数据' : `测试数值 ${f.value}`,
        displayEn: 'test',
        numerator: null,
        denominator: null,
        evidence: [
          { kind: 'meeting', id: 1, label: '2026-03-01 支部委员会', date: '2026-03-01', link: '/orglife/meetings/1', ok: true },
          { kind: 'meeting_slot', id: 'm-2026-04', label: '2026 年 4 月支部委员会未召开', date: '2026-04-30', link: '/orglife/compliance', ok: false },
        ],
        evidenceTotal: 2,
        note: f.value === null ? '没有记录' : null,
      });
    },
  };
}

beforeAll(async () => {
  // The registry as these tests need it: fakes for the meeting indicators, the real secretaries
  // ones, and no commitments indicator (not registered).
  saved.push(...indicatorProviders.splice(0));
  indicatorProviders.push(
    fake('orglife.compliance', (id) => ({ value: compliance.get(id) ?? null, ratio: compliance.get(id) ?? null })),
    fake('orglife.activity', (id) => ({ value: regular.get(id) ?? null, ratio: regular.get(id) ?? null })),
    ...saved.filter((p) => p.code.startsWith('secretaries.')),
  );
  ts = await testServer();
  tree = await ts.makeOrgTree();
  const { a, b } = tree;
  // Both A organizations have a secretary; the figures put the branch just below the compliance threshold and the village exactly on it.
  for (const org of [a.village, a.branch]) await ts.db.insertInto('org_posts').values({ org_id: org.id, post: 'secretary', member_id: null, holder_name: `书记${org.id}`, started_on: '2020-01-01', ended_on: null }).execute();
  compliance.set(a.village.id, 0.5);
  regular.set(a.village.id, 1);
  compliance.set(a.branch.id, 0.49);
  regular.set(a.branch.id, 0);
  staff = await login(ts.app, ...(await user('org_staff', a.township.id)));
  staffB = await login(ts.app, ...(await user('org_staff', b.township.id)));
  branchStaff = await login(ts.app, ...(await user('org_staff', a.branch.id)));
  const m = await ts.makeUser('member', a.branch.id, undefined, { memberId: a.members[2]!.id });
  member = await login(ts.app, m.username, m.password);
}, 180_000);

async function user(role: 'org_staff', orgId: number): Promise<[string, string]> {
  const u = await ts.makeUser(role, orgId);
  return [u.username, u.password];
}

afterAll(async () => {
  indicatorProviders.splice(0, indicatorProviders.length, ...saved);
  await ts?.close();
});

let screening: Screening;

async function screen(orgId: number) {
  const res = await staff.post(`/api/orgs/${orgId}/rectification/screenings`, { year });
  expect(res.statusCode, res.body).toBe(201);
  let s = res.json<Screening>();
  for (let i = 0; s.state === 'running' && i < 20; i++) s = (await staff.post(`/api/rectification/screenings/${s.id}/continue`, {})).json<Screening>();
  return s;
}

describe('screening', () => {
  it('flags an organization just past a threshold and not one exactly on it', async () => {
    screening = await screen(tree.a.township.id);
    expect(screening.state).toBe('done');
    expect(screening.total).toBe(2);
    expect(screening.done).toBe(2);
    expect(screening.candidates.map((c) => c.orgId)).toEqual([tree.a.branch.id]);
    const hits = screening.candidates[0]!.hits;
    expect(hits.map((h) => [h.key, h.figure])).toEqual([
      ['meeting_compliance', 49],
      ['irregular_life', 0],
    ]);
    expect(hits[0]!.description).toBe('组织生活按期完成率低于 50%');
    // The records against the figure come first, with their links.
    expect(hits[0]!.evidence[0]).toMatchObject({ ok: false, link: '/orglife/compliance' });
  });

  it('reports a criterion whose indicator is not registered, or has no data, as not evaluated — for every organization, the passing village too', async () => {
    const ne = new Map(screening.notEvaluated.map((n) => [n.key, n]));
    expect(ne.get('commitment_fulfillment')?.orgs).toBe(2);
    expect(ne.get('commitment_fulfillment')?.reasons[0]).toContain('commitments.org_fulfillment 未注册');
    // No rated report yet: the rating criterion cannot be judged either.
    expect(ne.get('secretary_poor')?.orgs).toBe(2);
    expect(screening.candidates[0]!.notEvaluated.map((n) => n.key)).toEqual(['secretary_poor', 'commitment_fulfillment']);
    const crit = (await staff.get('/api/rectification/criteria')).json<{ items: { key: string; indicatorName: string | null; threshold: number; source: string }[] }>();
    const c = crit.items.find((x) => x.key === 'commitment_fulfillment')!;
    expect(c.indicatorName).toBeNull();
    expect(c.threshold).toBe(60);
    expect(c.source).toContain('95%');
  });

  it('the latest screening is shown again with its candidates; a sibling gets 404', async () => {
    const res = await staff.get(`/api/orgs/${tree.a.township.id}/rectification/screenings?year=${year}`);
    expect(res.json<z.infer<typeof ScreeningList>>().latest?.id).toBe(screening.id);
    expect((await staffB.get(`/api/orgs/${tree.a.township.id}/rectification/screenings?year=${year}`)).statusCode).toBe(404);
    expect((await staffB.post(`/api/rectification/screenings/${screening.id}/confirm`, { orgIds: [tree.a.branch.id] })).statusCode).toBe(404);
  });
});

describe('the list and rectification', () => {
  let entry: Entry;

  it('confirms a candidate with its reasons; a non-candidate needs the by-hand route; twice is refused', async () => {
    const notCand = await staff.post(`/api/rectification/screenings/${screening.id}/confirm`, { orgIds: [tree.a.village.id] });
    expect(notCand.statusCode).toBe(400);
    expect(notCand.json<Problem>().code).toBe('rectification.notCandidate');
    const res = await staff.post(`/api/rectification/screenings/${screening.id}/confirm`, { orgIds: [tree.a.branch.id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ created: number }>().created).toBe(1);
    const again = await staff.post(`/api/rectification/screenings/${screening.id}/confirm`, { orgIds: [tree.a.branch.id] });
    expect(again.statusCode).toBe(409);
    const page = (await staff.get(`/api/orgs/${tree.a.branch.id}/rectification?year=${year}`)).json<z.infer<typeof OrgRectification>>();
    entry = page.entry!;
    expect(entry.state).toBe('listed');
    expect(entry.origin).toBe('screening');
    expect(entry.reason).toContain('组织生活按期完成率低于 50%（测试数值 0.49）');
    expect(entry.hits[0]!.evidence.length).toBe(2);
    const s = (await staff.get(`/api/orgs/${tree.a.township.id}/rectification/screenings?year=${year}`)).json<z.infer<typeof ScreeningList>>();
    expect(s.latest?.candidates[0]?.listed).toEqual({ entryId: entry.id, state: 'listed' });
  });

  it('leaves the list only by a passed acceptance of the level above, once every task is done', async () => {
    const noTasks = await staff.post(`/api/rectification/entries/${entry.id}/acceptances`, { result: 'pass', comment: '验收' });
    expect(noTasks.json<Problem>().code).toBe('rectification.noTasks');
    const leader = await staff.put(`/api/rectification/entries/${entry.id}/leader`, { name: '王建华', title: '镇党委副书记' });
    expect(leader.json<Entry>().leaderName).toBe('王建华');
    const added = await staff.post(`/api/rectification/entries/${entry.id}/tasks`, { content: '每月召开支部委员会，补齐组织生活', ownerName: '李书记', ownerPost: '支部书记', ownerOrgId: tree.a.branch.id, deadline: dayjs(today).add(30, 'day').format('YYYY-MM-DD') });
    expect(added.statusCode, added.body).toBe(200);
    const task = added.json<Entry>().taskList[0]!;
    expect(task.ownerOrgName).toBe(tree.a.branch.name);
    const outside = await staff.post(`/api/rectification/entries/${entry.id}/tasks`, { content: '任务', ownerName: '某人', ownerOrgId: tree.b.branch.id, deadline: today });
    expect(outside.json<Problem>().code).toBe('rectification.ownerOrgOutOfScope');
    const note = await staff.post(`/api/rectification/tasks/${task.id}/notes`, { text: '已召开专题组织生活会，查摆问题 5 条' });
    expect(note.json<Entry>().taskList[0]!.notes[0]!.text).toContain('查摆问题');

    const open = await staff.post(`/api/rectification/entries/${entry.id}/acceptances`, { result: 'pass', comment: '验收通过' });
    expect(open.statusCode).toBe(409);
    expect(open.json<Problem>().code).toBe('rectification.tasksOpen');
    const failed = await staff.post(`/api/rectification/entries/${entry.id}/acceptances`, { result: 'fail', comment: '整改不到位，组织生活仍不正常' });
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json<Entry>().state).toBe('listed');
    expect(failed.json<Entry>().lastAcceptance).toEqual({ on: today, result: 'fail' });
    // Withdrawing is for a listing by mistake, before work begins.
    expect((await staff.post(`/api/rectification/entries/${entry.id}/remove`, { reason: '不想整顿了' })).json<Problem>().code).toBe('rectification.removeAfterStart');

    await staff.put(`/api/rectification/tasks/${task.id}/done`, { doneOn: today });
    // The organization itself is not the level above.
    const own = await branchStaff.post(`/api/rectification/entries/${entry.id}/acceptances`, { result: 'pass', comment: '自己验收' });
    expect(own.statusCode).toBe(403);
    expect(own.json<Problem>().code).toBe('rectification.notLevelAbove');
    const passed = await staff.post(`/api/rectification/entries/${entry.id}/acceptances`, { result: 'pass', comment: '整改到位，同意销号' });
    expect(passed.json<Entry>()).toMatchObject({ state: 'closed', closedOn: today });
    expect(passed.json<Entry>().acceptances.map((a) => a.result)).toEqual(['fail', 'pass']);
    const after = await staff.post(`/api/rectification/entries/${entry.id}/tasks`, { content: '再加一项', ownerName: '李书记', ownerOrgId: tree.a.branch.id, deadline: today });
    expect(after.json<Problem>().code).toBe('rectification.entryFinished');
    const list = (await staff.get(`/api/orgs/${tree.a.township.id}/rectification/entries?year=${year}`)).json<{ counts: { closed: number } }>();
    expect(list.counts.closed).toBe(1);
  });

  it('adds an organization by hand with a reason, withdraws it with a reason before work begins, and may list it again', async () => {
    const add = await staff.post(`/api/orgs/${tree.a.village.id}/rectification`, { year, reason: '班子不团结，群众反映强烈' });
    expect(add.statusCode, add.body).toBe(201);
    const e = add.json<Entry>();
    expect(e).toMatchObject({ origin: 'manual', reason: '班子不团结，群众反映强烈', state: 'listed' });
    expect((await staff.post(`/api/orgs/${tree.a.village.id}/rectification`, { year, reason: '重复列入' })).statusCode).toBe(409);
    const noReason = await staff.post(`/api/rectification/entries/${e.id}/remove`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    const removed = await staff.post(`/api/rectification/entries/${e.id}/remove`, { reason: '经核实系误列' });
    expect(removed.json<Entry>()).toMatchObject({ state: 'removed', removedReason: '经核实系误列' });
    expect((await staff.post(`/api/orgs/${tree.a.village.id}/rectification`, { year, reason: '复查后确认列入' })).statusCode).toBe(201);
    // The organization itself cannot list itself.
    expect((await branchStaff.post(`/api/orgs/${tree.a.branch.id}/rectification`, { year, reason: '自行列入' })).statusCode).toBe(403);
  });

  it('shows an overdue task as a reminder and marks it on the list', async () => {
    const village = (await staff.get(`/api/orgs/${tree.a.village.id}/rectification?year=${year}`)).json<z.infer<typeof OrgRectification>>().entry!;
    const t = (await staff.post(`/api/rectification/entries/${village.id}/tasks`, { content: '调整充实村党组织班子', ownerName: '张镇长', ownerOrgId: tree.a.township.id, deadline: today })).json<Entry>().taskList[0]!;
    await ts.db.updateTable('rect_tasks').set({ deadline: dayjs(today).subtract(3, 'day').format('YYYY-MM-DD') }).where('id', '=', t.id).execute();
    const list = (await staff.get(`/api/orgs/${tree.a.township.id}/rectification/entries?year=${year}`)).json<{ items: { orgId: number; state: string; tasks: { overdue: number } }[] }>();
    expect(list.items.find((i) => i.orgId === tree.a.village.id && i.state === 'listed')?.tasks.overdue).toBe(1);
    const r = await rectificationReminders(ts.db, { kind: 'subtree', orgId: tree.a.township.id, path: tree.a.township.path }, { subtreePath: tree.a.township.path, today, horizonDays: 30, limit: 50 });
    expect(r).toEqual([expect.objectContaining({ kind: 'rectification.task_due', severity: 'overdue', orgId: tree.a.village.id, link: `/rectification/orgs/${tree.a.village.id}?year=${year}` })]);
    expect(r[0]!.title).toContain('已逾期 3 天');
    const none = await rectificationReminders(ts.db, { kind: 'subtree', orgId: tree.b.township.id, path: tree.b.township.path }, { subtreePath: tree.b.township.path, today, horizonDays: 30, limit: 50 });
    expect(none).toEqual([]);
  });
});

describe('access', () => {
  it('a user of the sibling subtree gets 404 for every A record and sees none of it in lists', async () => {
    const page = (await staff.get(`/api/orgs/${tree.a.branch.id}/rectification?year=${year}`)).json<z.infer<typeof OrgRectification>>();
    const task = page.entry!.taskList[0]!;
    for (const url of [`/api/orgs/${tree.a.branch.id}/rectification`, `/api/orgs/${tree.a.township.id}/rectification/entries`]) expect((await staffB.get(url)).statusCode).toBe(404);
    expect((await staffB.post(`/api/rectification/tasks/${task.id}/notes`, { text: '越权登记' })).statusCode).toBe(404);
    expect((await staffB.post(`/api/rectification/entries/${page.entry!.id}/acceptances`, { result: 'fail', comment: '越权验收' })).statusCode).toBe(404);
    const own = await staffB.get(`/api/orgs/${tree.b.township.id}/rectification/entries?year=${year}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain(tree.a.branch.name);
  });

  it('a member sees no rectification list, not even of their own branch', async () => {
    for (const url of [`/api/orgs/${tree.a.branch.id}/rectification`, `/api/orgs/${tree.a.branch.id}/rectification/entries`, `/api/orgs/${tree.a.branch.id}/rectification/screenings`]) expect((await member.get(url)).statusCode).toBe(403);
    expect((await member.post(`/api/orgs/${tree.a.branch.id}/rectification/screenings`, { year })).statusCode).toBe(403);
  });
});
