// Development of members: every rule at its edges, illegal transitions, admission into the
// registry and conversion, the board, reminders, and the subtree scope.
import dayjs from 'dayjs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayCN } from '../../src/lib/dates.ts';
import { developmentReminders } from '../../src/modules/development/development.reminders.ts';
import { fakeIdNumber } from '../../src/seed/synthetic.ts';
import type { OrgTree, TestOrg } from '../helpers/factories.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';

interface Detail {
  id: number;
  status: string;
  stage: string;
  lastStep: string;
  memberId: number | null;
  probationEndOn: string | null;
  next: { step: string; dueOn: string | null; earliestOn: string | null; overdue: boolean } | null;
  steps: { step: string; doneOn: string; votes: unknown; introducers: { id: number; name: string }[] | null }[];
  orgName: string;
  trainingOrgName: string | null;
}
interface BoardReply {
  stages: { stage: string; count: number }[];
  overdue: number;
  items: (Omit<Detail, 'steps'> & { name: string })[];
}

let ts: TestServer;
let tree: OrgTree;
let admin: Client;
let staffA: Client;
let staffB: Client;
let secA: Client;
let serial = 0;

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  const [a, s, sb, sec] = [await ts.makeUser('admin', tree.root.id), await ts.makeUser('org_staff', tree.a.township.id), await ts.makeUser('org_staff', tree.b.township.id), await ts.makeUser('secretary', tree.a.village.id)];
  [admin, staffA, staffB, secA] = [await login(ts.app, a.username, a.password), await login(ts.app, s.username, s.password), await login(ts.app, sb.username, sb.password), await login(ts.app, sec.username, sec.password)];
});
afterAll(async () => {
  await ts?.close();
});

/** The happy-path dates: every limit met, several exactly at the edge. */
const DATES: Record<string, string> = {
  talk: '2023-03-20',
  activist: '2023-04-10',
  activist_filing: '2023-04-15',
  contacts: '2023-04-20',
  cultivation: '2024-03-01',
  target: '2024-04-10',
  target_filing: '2024-04-15',
  introducers: '2024-04-20',
  political_review: '2024-05-01',
  training: '2024-05-10',
  committee_review: '2024-05-20',
  pre_review: '2024-05-25',
  application_form: '2024-06-01',
  branch_meeting: '2024-06-10',
  committee_talk: '2024-06-20',
  approval: '2024-09-10',
  record_filing: '2024-09-15',
  assignment: '2024-09-20',
  oath: '2024-10-01',
  probation_education: '2025-05-01',
  full_application: '2025-06-01',
  full_meeting: '2025-06-10',
  full_approval: '2025-07-01',
  archive: '2025-07-10',
};
const ORDER = ['apply', ...Object.keys(DATES)];

function bodyFor(step: string, doneOn: string, extra: Record<string, unknown> = {}) {
  const b: Record<string, unknown> = { step, doneOn, documents: [{ name: `${step} 材料` }] };
  if (step === 'branch_meeting' || step === 'full_meeting') b.votes = { entitled: 10, present: 8, for: 6, against: 1, abstain: 1 };
  if (step === 'introducers') b.introducerIds = [tree.a.members[2]!.id, tree.a.members[3]!.id];
  if (step === 'training') b.trainingDays = 3;
  if (step === 'approval' || step === 'full_approval') b.approver = '中共测试县委员会';
  return { ...b, ...extra };
}

async function newCase(c: Client, f: { birthDate?: string; appliedOn?: string; league?: boolean; org?: TestOrg; trainingOrg?: TestOrg; name?: string } = {}) {
  const idNumber = fakeIdNumber('330402', f.birthDate ?? '1995-05-05', 'male', 501 + 2 * serial++);
  const res = await c.post('/api/development/cases', {
    orgId: (f.org ?? tree.a.branch).id,
    trainingOrgId: f.trainingOrg?.id ?? null,
    name: f.name ?? `申请人${serial}`,
    gender: 'male',
    idNumber,
    education: 'bachelor',
    isLeagueMember: f.league ?? false,
    appliedOn: f.appliedOn ?? '2023-03-01',
  });
  return { res, idNumber, id: res.statusCode === 201 ? res.json<Detail>().id : 0 };
}

const step = (c: Client, id: number, s: string, doneOn: string, extra?: Record<string, unknown>) => c.post(`/api/development/cases/${id}/steps`, bodyFor(s, doneOn, extra));

/** Record every step after the current one up to and including `last`, on the happy-path dates. */
async function advance(id: number, last: string, dates: Record<string, string> = DATES, c: Client = staffA) {
  const current = (await c.get(`/api/development/cases/${id}`)).json<Detail>().lastStep;
  for (const s of ORDER.slice(ORDER.indexOf(current) + 1, ORDER.indexOf(last) + 1)) {
    const res = await step(c, id, s, dates[s]!);
    expect(res.statusCode, `${s}: ${res.body}`).toBe(200);
  }
}

/** Expect a 422 naming the rule, with its source, that changed nothing. */
async function expectRule(res: Awaited<ReturnType<typeof step>>, rule: string, field?: string) {
  expect(res.statusCode, res.body).toBe(422);
  const p = res.json<Problem>();
  expect(p.code).toBe('development.rule');
  expect(p.detail).toContain(rule);
  expect(p.detail).toContain('依据');
  expect(p.detail).toMatch(/细则|章程/);
  if (field) expect(p.errors?.[0]?.field).toBe(field);
  return p;
}

const lastSeq = async () => Number((await sql<{ s: number | null }>`select max(seq)::int as s from audit_log`.execute(ts.db)).rows[0]!.s ?? 0);

describe('application (step 1)', () => {
  it('needs the applicant to be 18 on the application date: 17 years 364 days is rejected, 18 exactly passes', async () => {
    const before = await ts.db.selectFrom('dev_cases').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const young = await newCase(staffA, { birthDate: '2005-03-02', appliedOn: '2023-03-01' });
    const p = await expectRule(young.res, 'dev.min_age', 'appliedOn');
    expect(p.detail).toContain('未满 18 周岁');
    expect(p.detail).toContain('2023-03-02');
    const after = await ts.db.selectFrom('dev_cases').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const ok = await newCase(staffA, { birthDate: '2005-03-01', appliedOn: '2023-03-01' });
    expect(ok.res.statusCode, ok.res.body).toBe(201);
    const d = ok.res.json<Detail & { idNumberMasked: string }>();
    expect(d.stage).toBe('applicant');
    expect(d.lastStep).toBe('apply');
    expect(d.next).toMatchObject({ step: 'talk', dueOn: '2023-04-01', overdue: true });
    // The ID number is stored encrypted and shown masked only.
    expect(ok.res.body).not.toContain(ok.idNumber);
    const row = await ts.db.selectFrom('dev_cases').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(row.id_number_cipher).not.toContain(ok.idNumber.slice(6, 14));
    expect(ts.cipher.decrypt(row.id_number_cipher)).toBe(ok.idNumber);
  });

  it('rejects a bad ID number, a second open case, an existing member, and an organization outside the scope', async () => {
    const bad = await staffA.post('/api/development/cases', { orgId: tree.a.branch.id, name: '错号码', gender: 'male', idNumber: '330402199505050010', education: 'bachelor', appliedOn: '2023-03-01' });
    expect(bad.statusCode).toBe(400);
    const first = await newCase(staffA);
    const again = await staffA.post('/api/development/cases', { orgId: tree.a.branch.id, name: '重复', gender: 'male', idNumber: first.idNumber, education: 'bachelor', appliedOn: '2023-03-01' });
    expect(again.statusCode).toBe(409);
    expect(again.json<Problem>().code).toBe('development.openCase');
    const m = tree.a.members[0]!;
    const member = await staffA.post('/api/development/cases', { orgId: tree.a.branch.id, name: m.name, gender: 'male', idNumber: m.idNumber, education: 'bachelor', appliedOn: '2023-03-01' });
    expect(member.statusCode).toBe(409);
    expect(member.json<Problem>().code).toBe('development.alreadyMember');
    expect((await newCase(staffA, { org: tree.b.branch })).res.statusCode).toBe(404);
    expect((await newCase(staffA, { trainingOrg: tree.b.branch })).res.statusCode).toBe(404);
  });
});

describe('rules at their edges', () => {
  it('talk within one month: 30 days after an application on 1 April passes, 31 days is rejected', async () => {
    const { id } = await newCase(staffA, { appliedOn: '2025-04-01' });
    const seq = await lastSeq();
    const p = await expectRule(await step(staffA, id, 'talk', '2025-05-02'), 'dev.talk_within', 'doneOn');
    expect(p.detail).toContain('2025-05-01');
    expect(await lastSeq()).toBe(seq);
    expect((await staffA.get(`/api/development/cases/${id}`)).json<Detail>().steps).toHaveLength(1);
    expect((await step(staffA, id, 'talk', '2025-05-01')).statusCode).toBe(200);
  });

  it('a year as activist: one day short is rejected, a full year passes', async () => {
    const { id } = await newCase(staffA);
    await advance(id, 'cultivation');
    expect((await staffA.get(`/api/development/cases/${id}`)).json<Detail>().next).toMatchObject({ step: 'target', earliestOn: '2024-04-10' });
    await expectRule(await step(staffA, id, 'target', '2024-04-09'), 'dev.activist_min', 'doneOn');
    expect((await step(staffA, id, 'target', '2024-04-10')).statusCode).toBe(200);
  });

  it('a League member aged 27 needs 推优; at 28 it is not required', async () => {
    const dates = { ...DATES, talk: '2024-03-10', activist: '2024-05-09' };
    const young = await newCase(staffA, { league: true, birthDate: '1996-05-10', appliedOn: '2024-03-01' });
    await advance(young.id, 'talk', dates);
    const p = await expectRule(await step(staffA, young.id, 'activist', '2024-05-09'), 'dev.league_recommend', 'leagueRecommended');
    expect(p.detail).toContain('27 周岁');
    expect((await step(staffA, young.id, 'activist', '2024-05-09', { leagueRecommended: true })).statusCode).toBe(200);
    const older = await newCase(staffA, { league: true, birthDate: '1996-05-10', appliedOn: '2024-03-01' });
    await advance(older.id, 'talk', dates);
    expect((await step(staffA, older.id, 'activist', '2024-05-10')).statusCode).toBe(200);
  });

  it('two introducers who are full members: a 预备 member, one introducer, one who left, or someone outside the scope are rejected', async () => {
    const { id } = await newCase(staffA);
    await advance(id, 'target_filing');
    const prob = await ts.insertMember(tree.a.branch, { name: '甲预备' });
    await ts.db.updateTable('members').set({ status: 'probationary', full_member_on: null, joined_on: '2024-01-10' }).where('id', '=', prob.id).execute();
    const gone = await ts.insertMember(tree.a.branch, { name: '甲离开' });
    await ts.db.updateTable('members').set({ left_on: '2023-01-01', left_reason: 'death' }).where('id', '=', gone.id).execute();
    const full = tree.a.members[2]!.id;
    const p = await expectRule(await step(staffA, id, 'introducers', DATES.introducers!, { introducerIds: [full, prob.id] }), 'dev.introducers', 'introducerIds');
    expect(p.detail).toContain('甲预备是预备党员');
    await expectRule(await step(staffA, id, 'introducers', DATES.introducers!, { introducerIds: [full] }), 'dev.introducers');
    await expectRule(await step(staffA, id, 'introducers', DATES.introducers!, { introducerIds: [full, full] }), 'dev.introducers');
    await expectRule(await step(staffA, id, 'introducers', DATES.introducers!, { introducerIds: [full, gone.id] }), 'dev.introducers');
    const outside = await expectRule(await step(staffA, id, 'introducers', DATES.introducers!, { introducerIds: [full, tree.b.members[2]!.id] }), 'dev.introducers');
    expect(outside.detail).not.toContain(tree.b.members[2]!.name);
    const ok = await step(staffA, id, 'introducers', DATES.introducers!);
    expect(ok.statusCode).toBe(200);
    expect(ok.json<Detail>().steps.at(-1)!.introducers!.map((x) => x.name)).toEqual([tree.a.members[2]!.name, tree.a.members[3]!.name]);
  });

  it('training of 3 days or 24 hours; political review older than a year at the branch meeting is rejected', async () => {
    const { id } = await newCase(staffA);
    await advance(id, 'political_review');
    await expectRule(await step(staffA, id, 'training', DATES.training!, { trainingDays: 2, trainingHours: 23 }), 'dev.training_min', 'trainingDays');
    expect((await step(staffA, id, 'training', DATES.training!, { trainingDays: 0, trainingHours: 24 })).statusCode).toBe(200);
    await advance(id, 'application_form');
    await expectRule(await step(staffA, id, 'branch_meeting', '2025-05-02'), 'dev.political_review_valid', 'doneOn');
    expect((await step(staffA, id, 'branch_meeting', '2025-05-01')).statusCode).toBe(200);
  });

  it('branch meeting: exactly half of those entitled voting for is rejected, half + 1 passes; quorum and vote sums are checked', async () => {
    const { id } = await newCase(staffA);
    await advance(id, 'application_form');
    const half = await expectRule(await step(staffA, id, 'branch_meeting', DATES.branch_meeting!, { votes: { entitled: 10, present: 9, for: 5, against: 3, abstain: 1 } }), 'dev.meeting_majority', 'votes.for');
    expect(half.detail).toContain('至少需 6 票');
    await expectRule(await step(staffA, id, 'branch_meeting', DATES.branch_meeting!, { votes: { entitled: 10, present: 5, for: 5, against: 0, abstain: 0 } }), 'dev.meeting_quorum', 'votes.present');
    expect((await step(staffA, id, 'branch_meeting', DATES.branch_meeting!, { votes: { entitled: 10, present: 6, for: 5, against: 2, abstain: 0 } })).statusCode).toBe(400);
    expect((await step(staffA, id, 'branch_meeting', DATES.branch_meeting!, { votes: null })).statusCode).toBe(400);
    const ok = await step(staffA, id, 'branch_meeting', DATES.branch_meeting!, { votes: { entitled: 10, present: 6, for: 6, against: 0, abstain: 0 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Detail>().stage).toBe('target');
  });

  it('approval within 3 months: 3 months + 1 day rejected; up to 6 months when flagged special with a reason; at 3 months the applicant joins the registry as 预备', async () => {
    const { id, idNumber } = await newCase(staffA, { name: '审批甲' });
    await advance(id, 'committee_talk');
    expect((await staffA.get(`/api/development/cases/${id}`)).json<Detail>().next).toMatchObject({ step: 'approval', dueOn: '2024-09-10' });
    await expectRule(await step(staffA, id, 'approval', '2024-09-11'), 'dev.approval_within', 'doneOn');
    expect((await step(staffA, id, 'approval', '2024-09-11', { special: true })).statusCode).toBe(400); // special needs a note
    await expectRule(await step(staffA, id, 'approval', '2024-12-11', { special: true, note: '上级党委集中审批' }), 'dev.approval_within');
    expect(await ts.db.selectFrom('members').select('id').where('name', '=', '审批甲').executeTakeFirst()).toBeUndefined();
    const ok = await step(staffA, id, 'approval', '2024-09-10');
    expect(ok.statusCode, ok.body).toBe(200);
    const d = ok.json<Detail>();
    expect(d.stage).toBe('probationary');
    expect(d.probationEndOn).toBe('2025-06-10');
    const m = (await staffA.get(`/api/members/${d.memberId}`)).json<{ status: string; joinedOn: string; orgId: number; idNumberMasked: string; fullMemberOn: string | null }>();
    expect(m).toMatchObject({ status: 'probationary', joinedOn: '2024-06-10', orgId: tree.a.branch.id, fullMemberOn: null });
    expect((await staffA.get(`/api/members?idNumber=${idNumber}`)).json<{ items: { id: number }[] }>().items.map((x) => x.id)).toEqual([d.memberId]);
    const periods = await ts.db.selectFrom('member_periods').selectAll().where('member_id', '=', d.memberId!).execute();
    expect(periods.map((p) => [p.org_id, p.valid_from, p.valid_to])).toEqual([[tree.a.branch.id, '2024-06-10', null]]);
    const audit = await ts.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'member').where('entity_id', '=', String(d.memberId)).execute();
    expect(audit.map((a) => a.action)).toEqual(['member.create']);
    expect(JSON.stringify(audit[0]!.after)).not.toContain(idNumber);
  });

  it('special approval within 6 months passes', async () => {
    const { id } = await newCase(staffA);
    await advance(id, 'committee_talk');
    expect((await step(staffA, id, 'approval', '2024-12-10', { special: true, note: '疫情原因延期审批' })).statusCode).toBe(200);
  });

  it('probation: extension of 5 or 13 months rejected, 6 accepted once; conversion meeting only after the extended end; the member becomes 正式 from the end of probation', async () => {
    const { id } = await newCase(staffA);
    expect((await staffA.post(`/api/development/cases/${id}/extension`, { decidedOn: '2023-03-02', months: 6, reason: '未接收' })).statusCode).toBe(409);
    await advance(id, 'full_application');
    const ext = (months: number) => staffA.post(`/api/development/cases/${id}/extension`, { decidedOn: '2025-06-10', months, reason: '表现不够理想，延长考察' });
    await expectRule(await ext(5), 'dev.probation', 'months');
    await expectRule(await ext(13), 'dev.probation', 'months');
    const ok = await ext(6);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Detail>().probationEndOn).toBe('2025-12-10');
    await expectRule(await ext(6), 'dev.probation');
    const p = await expectRule(await step(staffA, id, 'full_meeting', '2025-12-09'), 'dev.probation', 'doneOn');
    expect(p.detail).toContain('2025-12-10');
    await advance(id, 'full_meeting', { ...DATES, full_meeting: '2025-12-10' });
    // Conversion approval within 3 months of the meeting.
    await expectRule(await step(staffA, id, 'full_approval', '2026-03-11'), 'dev.full_approval_within', 'doneOn');
    const done = await step(staffA, id, 'full_approval', '2026-03-10');
    expect(done.statusCode, done.body).toBe(200);
    const d = done.json<Detail>();
    expect(d.stage).toBe('full');
    const m = (await staffA.get(`/api/members/${d.memberId}`)).json<{ status: string; fullMemberOn: string }>();
    expect(m).toMatchObject({ status: 'full', fullMemberOn: '2025-12-10' });
    const again = await ext(6);
    expect(again.statusCode).toBe(409);
    expect(again.json<Problem>().code).toBe('development.extensionTooLate');
  });
});

describe('transitions', () => {
  it('a full run from application to archive; no step can be skipped, repeated, dated backwards or recorded on a closed case', async () => {
    const { id } = await newCase(staffA, { name: '全程甲' });
    const skip = await step(staffA, id, 'activist', DATES.activist!);
    expect(skip.statusCode).toBe(409);
    expect(skip.json<Problem>().detail).toContain('党组织派人谈话');
    expect((await step(staffA, id, 'talk', '2023-02-28')).statusCode).toBe(400); // before the application
    expect((await step(staffA, id, 'talk', dayjs(todayCN()).add(1, 'day').format('YYYY-MM-DD'))).statusCode).toBe(400); // China's tomorrow
    await advance(id, 'activist');
    const back = await step(staffA, id, 'talk', DATES.talk!);
    expect(back.statusCode).toBe(409);
    expect(back.json<Problem>().code).toBe('development.wrongStep');
    await advance(id, 'archive');
    const d = (await staffA.get(`/api/development/cases/${id}`)).json<Detail>();
    expect(d).toMatchObject({ status: 'completed', stage: 'full', next: null });
    expect(d.steps.map((s) => s.step)).toEqual(ORDER);
    const m = (await staffA.get(`/api/members/${d.memberId}`)).json<{ status: string; joinedOn: string; fullMemberOn: string }>();
    expect(m).toMatchObject({ status: 'full', joinedOn: '2024-06-10', fullMemberOn: '2025-06-10' });
    const closed = await step(staffA, id, 'archive', '2025-07-11');
    expect(closed.statusCode).toBe(409);
    expect(closed.json<Problem>().code).toBe('development.notOpen');
  });

  it('two clerks recording the same step at once: one succeeds, the other is told the step is done', async () => {
    const { id } = await newCase(staffA);
    const results = await Promise.all([step(staffA, id, 'talk', '2023-03-10'), step(secA, id, 'talk', '2023-03-11')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const steps = await ts.db.selectFrom('dev_steps').select('step').where('case_id', '=', id).execute();
    expect(steps.map((s) => s.step)).toEqual(['apply', 'talk']);
  });

  it('closing: withdrawn before admission; after admission only cancelling the probation, which takes the member off the register', async () => {
    const a = await newCase(staffA);
    expect((await staffA.post(`/api/development/cases/${a.id}/close`, { kind: 'probation_cancelled', closedOn: '2023-04-01', reason: '无' })).statusCode).toBe(409);
    const closed = await staffA.post(`/api/development/cases/${a.id}/close`, { kind: 'withdrawn', closedOn: '2023-04-01', reason: '本人外出务工，申请暂缓' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json<Detail>().status).toBe('closed');
    expect((await step(staffA, a.id, 'talk', '2023-04-01')).json<Problem>().code).toBe('development.notOpen');
    // The same person may apply again later.
    const b = await newCase(staffA);
    await advance(b.id, 'oath');
    expect((await staffA.post(`/api/development/cases/${b.id}/close`, { kind: 'rejected', closedOn: '2024-11-01', reason: '无' })).statusCode).toBe(409);
    const cancel = await staffA.post(`/api/development/cases/${b.id}/close`, { kind: 'probation_cancelled', closedOn: '2024-11-01', reason: '不履行党员义务' });
    expect(cancel.statusCode, cancel.body).toBe(200);
    const memberId = cancel.json<Detail>().memberId!;
    const m = await ts.db.selectFrom('members').select(['left_on', 'left_reason']).where('id', '=', memberId).executeTakeFirstOrThrow();
    expect(m).toEqual({ left_on: '2024-11-01', left_reason: 'probation_cancelled' });
    const periods = await ts.db.selectFrom('member_periods').select(['valid_to']).where('member_id', '=', memberId).execute();
    expect(periods.map((p) => p.valid_to)).toEqual(['2024-11-01']);
  });

  it('a secretary of the village records steps too; a member-role user cannot', async () => {
    const { id } = await newCase(secA);
    expect((await step(secA, id, 'talk', '2023-03-10')).statusCode).toBe(200);
    const u = await ts.makeUser('member', tree.a.branch.id, undefined, { memberId: tree.a.members[2]!.id });
    const c = await login(ts.app, u.username, u.password);
    expect((await step(c, id, 'activist', '2023-04-10')).statusCode).toBe(403);
    expect((await c.get(`/api/development/cases/${id}`)).statusCode).toBe(404);
  });
});

describe('board, reminders and scope', () => {
  it('groups by stage with what is due and overdue, in the subtree only', async () => {
    const today = dayjs(todayCN());
    const late = await newCase(staffA, { org: tree.a.village, appliedOn: today.subtract(40, 'day').format('YYYY-MM-DD'), name: '逾期甲' });
    const fresh = await newCase(staffA, { org: tree.a.village, appliedOn: today.subtract(5, 'day').format('YYYY-MM-DD'), name: '新申请甲' });
    const board = (await staffA.get(`/api/development/board?orgId=${tree.a.village.id}`)).json<BoardReply>();
    const byId = new Map(board.items.map((i) => [i.id, i]));
    expect(byId.get(late.id)!.next).toMatchObject({ step: 'talk', overdue: true });
    expect(byId.get(fresh.id)!.next).toMatchObject({ step: 'talk', overdue: false });
    expect(board.stages.map((s) => s.stage)).toEqual(['applicant', 'activist', 'target', 'probationary', 'full']);
    expect(board.stages.reduce((n, s) => n + s.count, 0)).toBe(board.items.length);
    expect(board.overdue).toBe(board.items.filter((i) => i.next?.overdue).length);
    const applicants = (await staffA.get(`/api/development/board?orgId=${tree.a.village.id}&stage=applicant&q=${encodeURIComponent('逾期')}`)).json<BoardReply>();
    expect(applicants.items.map((i) => i.id)).toEqual([late.id]);
    // B's staff: 404 on A's organization, and nothing of A on their own board.
    expect((await staffB.get(`/api/development/board?orgId=${tree.a.village.id}`)).statusCode).toBe(404);
    const bBoard = await staffB.get('/api/development/board?status=all');
    expect(bBoard.statusCode).toBe(200);
    expect(bBoard.json<BoardReply>().items).toEqual([]);
    expect(bBoard.body).not.toContain('逾期甲');
    // The reminders provider reports the overdue talk.
    const reminders = await developmentReminders(ts.db, { kind: 'subtree', orgId: tree.a.township.id, path: tree.a.township.path }, { subtreePath: tree.a.village.path, today: today.format('YYYY-MM-DD'), horizonDays: 30, limit: 100 });
    const r = reminders.find((x) => x.link === `/development/${late.id}`)!;
    expect(r).toMatchObject({ kind: 'development.step_due', severity: 'overdue', memberName: '逾期甲', orgId: tree.a.village.id });
    expect(r.title).toContain('党组织派人谈话');
    expect(reminders.find((x) => x.link === `/development/${fresh.id}`)).toMatchObject({ severity: 'due' });
    expect(await developmentReminders(ts.db, { kind: 'subtree', orgId: tree.b.township.id, path: tree.b.township.path }, { subtreePath: tree.b.township.path, today: today.format('YYYY-MM-DD'), horizonDays: 30, limit: 100 })).toEqual([]);
  });

  it('a user of the sibling subtree gets 404 for every case action', async () => {
    const { id } = await newCase(staffA);
    const seq = await lastSeq();
    expect((await staffB.get(`/api/development/cases/${id}`)).statusCode).toBe(404);
    expect((await step(staffB, id, 'talk', '2023-03-10')).statusCode).toBe(404);
    expect((await staffB.post(`/api/development/cases/${id}/extension`, { decidedOn: '2024-01-01', months: 6, reason: '越权' })).statusCode).toBe(404);
    expect((await staffB.post(`/api/development/cases/${id}/close`, { kind: 'withdrawn', closedOn: '2024-01-01', reason: '越权' })).statusCode).toBe(404);
    expect(await lastSeq()).toBe(seq);
    expect((await staffA.get(`/api/development/cases/${id}`)).json<Detail>().status).toBe('open');
  });

  it('urban–rural joint cultivation: the training organization’s side sees the case too', async () => {
    const { res, id } = await newCase(admin, { org: tree.a.branch, trainingOrg: tree.b.branch, name: '共育甲' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Detail>()).toMatchObject({ orgName: tree.a.branch.name, trainingOrgName: tree.b.branch.name });
    expect((await staffB.get(`/api/development/cases/${id}`)).statusCode).toBe(200);
    expect((await staffB.get('/api/development/board')).json<BoardReply>().items.map((i) => i.id)).toContain(id);
    expect((await step(staffB, id, 'talk', '2023-03-10')).statusCode).toBe(200);
  });
});

describe('demo data', () => {
  it('seeds cases at every stage that obey the rules, with admitted applicants on the register', async () => {
    const { seedDevelopmentDemo } = await import('../../src/modules/development/development.demo.ts');
    const { checkStep } = await import('../../src/modules/development/checks.ts');
    const { rulesInForce } = await import('../../src/modules/rules/rules.repository.ts');
    await ts.insertMember(tree.b.branch, { name: '乙补充' });
    const before = await ts.db.selectFrom('dev_cases').select('id').execute();
    const { cases } = await seedDevelopmentDemo(ts.db, ts.cipher, { branches: 10 });
    expect(cases).toBe(6); // three per branch with three full members (A's and B's branch)
    const demo = await ts.db.selectFrom('dev_cases').selectAll().where('id', 'not in', before.length ? before.map((b) => b.id) : [0]).execute();
    expect(new Set(demo.map((c) => c.last_step)).size).toBeGreaterThanOrEqual(5);
    for (const c of demo) {
      const steps = await ts.db.selectFrom('dev_steps').selectAll().where('case_id', '=', c.id).orderBy('id').execute();
      const done: Record<string, string> = {};
      for (const s of steps) {
        const rules = await rulesInForce(ts.db, s.done_on);
        const introducers = ((s.introducers ?? []) as { id: number }[]).map((x) => ({ id: x.id, name: 'x', status: 'full', leftOn: null, fullMemberOn: '2000-01-01' }));
        const details = (s.details ?? {}) as Record<string, number | boolean>;
        const facts = { name: c.name, birthDate: c.birth_date, isLeagueMember: c.is_league_member, appliedOn: c.applied_on, done, extensionMonths: null };
        expect(checkStep(rules, facts, { step: s.step, doneOn: s.done_on, votes: s.votes as never, introducers, trainingDays: details.trainingDays as number, leagueRecommended: details.leagueRecommended as boolean }), `${c.name} ${s.step}`).toEqual([]);
        done[s.step] = s.done_on;
      }
      if (c.member_id) {
        const m = await ts.db.selectFrom('members').select(['status', 'joined_on']).where('id', '=', c.member_id).executeTakeFirstOrThrow();
        expect(m.joined_on).toBe(done.branch_meeting);
        expect(m.status).toBe(done.full_approval ? 'full' : 'probationary');
      }
    }
    const board = (await admin.get('/api/development/board?status=all')).json<BoardReply>();
    expect(board.items.filter((i) => demo.some((d) => d.id === i.id)).some((i) => i.next?.overdue)).toBe(true);
  });
});
