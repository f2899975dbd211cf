// Democratic appraisal (民主评议党员): participants from the roll on the start date, stages in
// order only, the one-third limit for 优秀 at its edges, 不合格 with reason and follow-up, results
// on the member's record, and nothing for a user of a sibling subtree.
import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayCN } from '../../src/lib/dates.ts';
import { checkChar } from '../../src/lib/idcard.ts';
import { seedAppraisalDemo } from '../../src/modules/appraisal/appraisal.demo.ts';
import { appraisalReminders } from '../../src/modules/appraisal/appraisal.reminders.ts';
import type { RoundDetail } from '../../src/modules/appraisal/appraisal.schemas.ts';
import { seedStatusDemo } from '../../src/modules/status/status.demo.ts';
import { seedRegion } from '../../src/seed/region.ts';
import type { OrgTree } from '../helpers/factories.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';
import type { z } from 'zod';

type Detail = z.infer<typeof RoundDetail>;

let ts: TestServer;
let tree: OrgTree;
let staff: Client;
let staffB: Client;
let seq = 300;
const today = todayCN();
const year = Number(today.slice(0, 4)) - 1;
const startsOn = `${year + 1}-01-02` <= today ? `${year + 1}-01-02` : today;

function idFor(birth: string, gender: 'male' | 'female'): string {
  seq++;
  const s = String(gender === 'male' ? seq * 2 + 1 : seq * 2).padStart(3, '0').slice(-3);
  const first17 = `330402${birth.replaceAll('-', '')}${s}`;
  return first17 + checkChar(first17);
}

async function createOrg(code: string, name: string) {
  const res = await staff.post('/api/orgs', { parentId: tree.a.village.id, code, name, kind: 'branch', level: 'grid', domain: 'rural', establishedOn: '2010-01-01' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number }>();
}

const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫';
async function createMember(orgId: number, i: number, joinedOn = '2015-07-01', fullMemberOn: string | null = '2016-07-01') {
  const res = await staff.post('/api/members', { orgId, name: `${SURNAMES[i % 12]}评${'一二三四五六七八九十'[i % 10]}`, gender: 'male', idNumber: idFor('1980-03-15', 'male'), education: 'college', category: 'farmer', joinedOn, fullMemberOn });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number; name: string }>();
}

/** A branch with n members on the roll since 2015, and a round for last year started on `startsOn`. */
async function branchWithRound(code: string, n: number) {
  const org = await createOrg(code, `中共评议测试${code}支部委员会`);
  const members = [];
  for (let i = 0; i < n; i++) members.push(await createMember(org.id, i));
  const res = await staff.post(`/api/orgs/${org.id}/appraisal-rounds`, { year, startsOn, endsOn: today });
  expect(res.statusCode, res.body).toBe(201);
  return { org, members, round: res.json<Detail>() };
}

async function advance(id: number, to: string) {
  const res = await staff.post(`/api/appraisal-rounds/${id}/transition`, { to });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Detail>();
}

async function toVoting(id: number) {
  for (const s of ['self_assessment', 'mutual_assessment', 'voting']) await advance(id, s);
}

const grades = (ids: number[], excellent: number) => ({ grades: ids.map((memberId, i) => ({ memberId, grade: i < excellent ? 'excellent' : 'qualified' })) });

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  const u = await ts.makeUser('org_staff', tree.a.township.id);
  const b = await ts.makeUser('org_staff', tree.b.township.id);
  staff = await login(ts.app, u.username, u.password);
  staffB = await login(ts.app, b.username, b.password);
});

afterAll(async () => {
  await ts?.close();
});

describe('starting a round', () => {
  it('takes the organization’s full and probationary members on the start date as participants', async () => {
    const org = await createOrg('PJ-ROLL', '中共评议名册支部委员会');
    const full = await createMember(org.id, 0);
    const probationary = await createMember(org.id, 1, startsOn, null);
    await createMember(org.id, 2, dayjs(startsOn).add(1, 'day').format('YYYY-MM-DD') <= today ? dayjs(startsOn).add(1, 'day').format('YYYY-MM-DD') : today, null);
    const joinedLater = dayjs(startsOn).add(1, 'day').format('YYYY-MM-DD') <= today;
    const res = await staff.post(`/api/orgs/${org.id}/appraisal-rounds`, { year, startsOn, endsOn: today, note: '结合组织生活会开展' });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json<Detail>();
    expect(d.state).toBe('open');
    const byId = new Map(d.participantList.map((p) => [p.memberId, p]));
    expect(byId.get(full.id)?.statusOnStart).toBe('full');
    expect(byId.get(probationary.id)?.statusOnStart).toBe('probationary');
    // Joined the day after the start: not a participant (when the calendar allows the check).
    expect(d.participants).toBe(joinedLater ? 2 : 3);
    expect(d.voters).toBe(1);
    expect(d.deadline).toBe(`${year + 1}-03-31`);

    const again = await staff.post(`/api/orgs/${org.id}/appraisal-rounds`, { year, startsOn, endsOn: today });
    expect(again.statusCode).toBe(409);
    expect(again.json<Problem>().code).toBe('appraisal.duplicateYear');
  });

  it('rejects an organization with no members on the start date (0 participants), and a start in the future', async () => {
    const org = await createOrg('PJ-EMPTY', '中共评议空支部委员会');
    const res = await staff.post(`/api/orgs/${org.id}/appraisal-rounds`, { year, startsOn, endsOn: today });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().code).toBe('appraisal.noParticipants');
    const tomorrow = dayjs(today).add(1, 'day').format('YYYY-MM-DD');
    const future = await staff.post(`/api/orgs/${org.id}/appraisal-rounds`, { year: Number(tomorrow.slice(0, 4)), startsOn: tomorrow, endsOn: tomorrow });
    expect(future.statusCode).toBe(400);
    expect(future.json<Problem>().code).toBe('appraisal.startInFuture');
  });
});

describe('stages', () => {
  it('go forward one at a time; skipping, going back and acting in the wrong stage are rejected', async () => {
    const { members, round } = await branchWithRound('PJ-STAGE', 3);
    const skip = await staff.post(`/api/appraisal-rounds/${round.id}/transition`, { to: 'voting' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json<Problem>().code).toBe('appraisal.badTransition');
    expect(skip.json<Problem>().detail).toContain('个人自评');

    const early = await staff.put(`/api/appraisal-rounds/${round.id}/self-assessments/${members[0]!.id}`, { text: '认真学习党章党规' });
    expect(early.statusCode).toBe(409);
    expect(early.json<Problem>().code).toBe('appraisal.wrongStage');

    await advance(round.id, 'self_assessment');
    const self = await staff.put(`/api/appraisal-rounds/${round.id}/self-assessments/${members[0]!.id}`, { text: '认真学习党章党规，带头参加村里的环境整治' });
    expect(self.statusCode, self.body).toBe(200);
    expect(self.json<Detail>().participantList.find((p) => p.memberId === members[0]!.id)?.selfAssessment).toContain('环境整治');
    const back = await staff.post(`/api/appraisal-rounds/${round.id}/transition`, { to: 'open' });
    expect(back.statusCode).toBe(409);

    await advance(round.id, 'mutual_assessment');
    const toSelf = await staff.post(`/api/appraisal-rounds/${round.id}/mutual`, { assessorId: members[0]!.id, assesseeId: members[0]!.id, grade: 'excellent' });
    expect(toSelf.statusCode).toBe(400);
    const mutual = await staff.post(`/api/appraisal-rounds/${round.id}/mutual`, { assessorId: members[0]!.id, assesseeId: members[1]!.id, grade: 'qualified', comment: '工作踏实' });
    expect(mutual.statusCode, mutual.body).toBe(200);
    const corrected = await staff.post(`/api/appraisal-rounds/${round.id}/mutual`, { assessorId: members[0]!.id, assesseeId: members[1]!.id, grade: 'excellent', comment: '工作踏实，热心帮助群众' });
    expect(corrected.json<Detail>().mutual).toEqual([expect.objectContaining({ assessorId: members[0]!.id, assesseeId: members[1]!.id, grade: 'excellent' })]);

    await advance(round.id, 'voting');
    const tooMany = await staff.put(`/api/appraisal-rounds/${round.id}/votes`, { ballots: 4, tallies: [] });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json<Problem>().code).toBe('appraisal.ballotsOverVoters');
    const overBallots = await staff.put(`/api/appraisal-rounds/${round.id}/votes`, { ballots: 3, tallies: [{ memberId: members[0]!.id, excellent: 2, qualified: 2, basically_qualified: 0, unqualified: 0 }] });
    expect(overBallots.statusCode).toBe(400);
    const votes = await staff.put(`/api/appraisal-rounds/${round.id}/votes`, { ballots: 3, tallies: members.map((m) => ({ memberId: m.id, excellent: 1, qualified: 2, basically_qualified: 0, unqualified: 0 })) });
    expect(votes.statusCode, votes.body).toBe(200);
    expect(votes.json<Detail>().participantList[0]!.votes).toEqual({ excellent: 1, qualified: 2, basically_qualified: 0, unqualified: 0 });

    const ungraded = await staff.post(`/api/appraisal-rounds/${round.id}/transition`, { to: 'published' });
    expect(ungraded.statusCode).toBe(409);
    expect(ungraded.json<Problem>().code).toBe('appraisal.ungraded');

    const noReason = await staff.put(`/api/appraisal-rounds/${round.id}/grades`, { grades: [{ memberId: members[2]!.id, grade: 'unqualified' }] });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<Problem>().code).toBe('appraisal.unqualifiedReason');
    const followUpElsewhere = await staff.put(`/api/appraisal-rounds/${round.id}/grades`, { grades: [{ memberId: members[1]!.id, grade: 'qualified', followUp: 'rectify' }] });
    expect(followUpElsewhere.statusCode).toBe(400);
    const set = await staff.put(`/api/appraisal-rounds/${round.id}/grades`, {
      grades: [
        { memberId: members[0]!.id, grade: 'excellent', reason: '带头致富' },
        { memberId: members[1]!.id, grade: 'basically_qualified' },
        { memberId: members[2]!.id, grade: 'unqualified', reason: '连续五个月无故不参加组织生活', followUp: 'rectify' },
      ],
    });
    expect(set.statusCode, set.body).toBe(200);

    const published = await advance(round.id, 'published');
    expect(published.publishedOn).toBe(today);
    const failing = published.participantList.find((p) => p.memberId === members[2]!.id)!;
    expect(failing.followUp).toBe('rectify');
    expect(failing.followUpDueOn).toBe(dayjs(today).add(6, 'month').format('YYYY-MM-DD'));
    const late = await staff.put(`/api/appraisal-rounds/${round.id}/grades`, grades([members[0]!.id], 0));
    expect(late.statusCode).toBe(409);

    // The results are on the members' records.
    const history = await staff.get(`/api/members/${members[2]!.id}/appraisals`);
    expect(history.statusCode).toBe(200);
    expect(history.json()).toMatchObject({ items: [{ roundId: round.id, year, grade: 'unqualified', followUp: 'rectify', gradeReason: '连续五个月无故不参加组织生活' }] });

    await advance(round.id, 'closed');
    const after = await staff.post(`/api/appraisal-rounds/${round.id}/transition`, { to: 'closed' });
    expect(after.statusCode).toBe(409);
    expect(after.json<Problem>().code).toBe('appraisal.finished');
  });
});

describe('优秀 at most one third of the participants', () => {
  it('9 participants: 3 accepted, 4 rejected with the numbers', async () => {
    const { members, round } = await branchWithRound('PJ-NINE', 9);
    expect(round.excellentLimit.max).toBe(3);
    await toVoting(round.id);
    const ids = members.map((m) => m.id);
    const four = await staff.put(`/api/appraisal-rounds/${round.id}/grades`, grades(ids, 4));
    expect(four.statusCode).toBe(400);
    const p = four.json<Problem>();
    expect(p.code).toBe('appraisal.excellentOverLimit');
    expect(p.detail).toBe('评为“优秀”的有 4 人，超过上限：参评党员 9 人的 1/3（向下取整）最多 3 人');
    const three = await staff.put(`/api/appraisal-rounds/${round.id}/grades`, grades(ids, 3));
    expect(three.statusCode, three.body).toBe(200);
    // One more 优秀 on top of the stored three is the same fourth one.
    const plusOne = await staff.put(`/api/appraisal-rounds/${round.id}/grades`, { grades: [{ memberId: ids[8]!, grade: 'excellent' }] });
    expect(plusOne.statusCode).toBe(400);
    expect(plusOne.json<Problem>().detail).toContain('4 人');
    expect((await advance(round.id, 'published')).state).toBe('published');
  });

  it('8 participants: 2 accepted, 3 rejected', async () => {
    const { members, round } = await branchWithRound('PJ-EIGHT', 8);
    expect(round.excellentLimit.max).toBe(2);
    await toVoting(round.id);
    const ids = members.map((m) => m.id);
    const three = await staff.put(`/api/appraisal-rounds/${round.id}/grades`, grades(ids, 3));
    expect(three.statusCode).toBe(400);
    expect(three.json<Problem>().detail).toContain('参评党员 8 人');
    const two = await staff.put(`/api/appraisal-rounds/${round.id}/grades`, grades(ids, 2));
    expect(two.statusCode, two.body).toBe(200);
  });
});

describe('scope', () => {
  it('a user of the sibling subtree gets 404 for the round, its organization and its writes; a member gets 403', async () => {
    const { org, members, round } = await branchWithRound('PJ-SCOPE', 2);
    for (const res of [
      await staffB.get(`/api/appraisal-rounds/${round.id}`),
      await staffB.get(`/api/orgs/${org.id}/appraisal-rounds`),
      await staffB.post(`/api/appraisal-rounds/${round.id}/transition`, { to: 'self_assessment' }),
      await staffB.post(`/api/orgs/${org.id}/appraisal-rounds`, { year: year - 1, startsOn: `${year - 1}-12-01`, endsOn: `${year - 1}-12-31` }),
      await staffB.get(`/api/members/${members[0]!.id}/appraisals`),
    ]) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.body).not.toContain('评议测试');
    }
    const list = await staff.get(`/api/orgs/${org.id}/appraisal-rounds`);
    expect(list.json<{ items: { id: number; state: string }[] }>().items).toEqual([expect.objectContaining({ id: round.id, state: 'open' })]);

    const memberUser = await ts.makeUser('member', org.id, undefined, { memberId: members[0]!.id });
    const member = await login(ts.app, memberUser.username, memberUser.password);
    expect((await member.get(`/api/appraisal-rounds/${round.id}`)).statusCode).toBe(403);
    expect((await member.get(`/api/members/${members[0]!.id}/appraisals`)).statusCode).toBe(200);
  });
});

describe('deadline reminders (rule appraisal.deadline: end of the first quarter after the year)', () => {
  it('due up to 31 March, overdue from 1 April, gone once published', async () => {
    const { org, round } = await branchWithRound('PJ-DUE', 2);
    const scope = { kind: 'subtree' as const, orgId: tree.a.township.id, path: tree.a.township.path };
    const at = async (day: string) => (await appraisalReminders(ts.db, scope, { subtreePath: tree.a.township.path, today: day, horizonDays: 30, limit: 100 })).filter((r) => r.orgId === org.id);
    expect(await at(`${year + 1}-02-28`)).toEqual([]);
    expect(await at(`${year + 1}-03-31`)).toEqual([expect.objectContaining({ kind: 'appraisal.round_due', severity: 'due', dueOn: `${year + 1}-03-31`, link: `/appraisal/rounds/${round.id}` })]);
    expect(await at(`${year + 1}-04-01`)).toEqual([expect.objectContaining({ severity: 'overdue' })]);
    const bScope = { kind: 'subtree' as const, orgId: tree.b.township.id, path: tree.b.township.path };
    expect(await appraisalReminders(ts.db, bScope, { subtreePath: tree.b.township.path, today: `${year + 1}-04-01`, horizonDays: 30, limit: 100 })).toEqual([]);
    await toVoting(round.id);
    await staff.put(`/api/appraisal-rounds/${round.id}/grades`, { grades: round.participantList.map((p) => ({ memberId: p.memberId, grade: 'qualified' })) });
    await advance(round.id, 'published');
    expect(await at(`${year + 1}-04-01`)).toEqual([]);
  });
});

describe('demo data', () => {
  it('seeds rounds inside the one-third limit and status records, deterministically', async () => {
    await seedRegion(ts.db, ts.cipher, '330402', { members: 600, seed: 11 });
    const a = await seedAppraisalDemo(ts.db, ts.cipher);
    const s = await seedStatusDemo(ts.db, ts.cipher);
    expect(a.rounds).toBeGreaterThan(3);
    expect(s.records).toBeGreaterThan(10);
    const rows = await ts.db.selectFrom('appraisal_participants').select(['round_id', 'grade']).execute();
    const byRound = new Map<number, { n: number; excellent: number }>();
    for (const r of rows) {
      const x = byRound.get(r.round_id) ?? { n: 0, excellent: 0 };
      x.n++;
      if (r.grade === 'excellent') x.excellent++;
      byRound.set(r.round_id, x);
    }
    for (const x of byRound.values()) expect(x.excellent).toBeLessThanOrEqual(Math.floor(x.n / 3));
    const states = await ts.db.selectFrom('appraisal_rounds').select('state').distinct().where('created_by_name', '=', '演示数据').execute();
    expect(states.map((x) => x.state).sort()).toEqual(['published', 'self_assessment', 'voting']);
    // Deaths in the demo end the membership and its period on the same day.
    const dead = await ts.db.selectFrom('member_status_records as s').innerJoin('members as m', 'm.id', 's.member_id').select(['m.left_on', 's.effective_on']).where('s.kind', '=', 'death').execute();
    for (const d of dead) expect(d.left_on).toBe(d.effective_on);
  });
});
