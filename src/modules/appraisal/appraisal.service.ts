import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { addMonths, todayCN } from '../../lib/dates.ts';
import { APPRAISAL_GRADE, APPRAISAL_STATE } from '../../shared/enums.ts';
import type { RequestContext } from '../../server/context.ts';
import { badRequest, conflict, forbidden, notFound } from '../../server/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findMember } from '../members/members.repository.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import * as repo from './appraisal.repository.ts';
import { excellentMax, isFinished, nextState, roundDeadline, ruleParam, type AppraisalState } from './appraisal.rules.ts';
import type { CreateRoundBody, GradesBody, MemberAppraisal, MutualBody, Participant, RoundDetail, RoundSummary, SelfAssessmentBody, TransitionBody, VotesBody } from './appraisal.schemas.ts';

type Summary = z.infer<typeof RoundSummary>;
type Detail = z.infer<typeof RoundDetail>;
type Grade = (typeof APPRAISAL_GRADE.values)[number];
type Db = Kysely<DB> | Transaction<DB>;

const stateLabel = (ctx: RequestContext, s: string) => APPRAISAL_STATE.table[s as AppraisalState]?.[ctx.locale === 'en' ? 'en' : 'zh'] ?? s;

/** Rounds show organization members' assessments: organization staff only, never the self scope. */
function requireStaff(ctx: RequestContext) {
  if (ctx.scope.kind === 'self') throw forbidden();
}

async function deadlineOf(db: Db, year: number) {
  const rules = await rulesInForce(db, `${year}-12-31`);
  return roundDeadline(year, ruleParam(rules, 'appraisal.deadline', 'monthsAfterYearEnd'));
}

function presentSummary(r: repo.RoundRow, deadline: string, today: string): Summary {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    year: r.year,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    state: r.state as AppraisalState,
    deadline,
    overdue: !isFinished(r.state) && today > deadline,
    participants: Number(r.participants),
    graded: Number(r.graded),
    publishedOn: r.published_on,
    closedOn: r.closed_on,
    note: r.note,
  };
}

export async function listRounds(db: Kysely<DB>, ctx: RequestContext, orgId: number) {
  requireStaff(ctx);
  if (!(await findOrg(db, ctx.scope, orgId))) throw notFound();
  const today = todayCN();
  const rows = await repo.listRounds(db, ctx.scope, orgId);
  return { items: await Promise.all(rows.map(async (r) => presentSummary(r, await deadlineOf(db, r.year), today))) };
}

/** The limit for 优秀 under the rule in force on the round's start date. */
async function excellentLimit(db: Db, startsOn: string, participants: number) {
  const rules = await rulesInForce(db, startsOn);
  const numerator = ruleParam(rules, 'appraisal.excellent_max_share', 'numerator');
  const denominator = ruleParam(rules, 'appraisal.excellent_max_share', 'denominator');
  const rule = rules.get('appraisal.excellent_max_share')!;
  return { max: excellentMax(participants, numerator, denominator), numerator, denominator, source: rule.source, ruleVersion: rule.version };
}

export async function detail(db: Db, ctx: RequestContext, id: number): Promise<Detail> {
  requireStaff(ctx);
  const r = await repo.findRound(db, ctx.scope, id);
  if (!r) throw notFound();
  const [people, tallies, mutual] = await Promise.all([repo.participants(db, id), repo.votes(db, id), repo.mutualEntries(db, id)]);
  const byMember = new Map<number, Record<Grade, number>>();
  for (const v of tallies) {
    const t = byMember.get(v.member_id) ?? { excellent: 0, qualified: 0, basically_qualified: 0, unqualified: 0 };
    t[v.grade as Grade] = v.votes;
    byMember.set(v.member_id, t);
  }
  const participantList: z.infer<typeof Participant>[] = people.map((p) => ({
    memberId: p.member_id,
    name: p.name,
    statusOnStart: p.status_on_start as 'full' | 'probationary',
    selfAssessment: p.self_assessment,
    selfAssessedOn: p.self_assessed_on,
    votes: byMember.get(p.member_id) ?? null,
    grade: p.grade as Grade | null,
    gradeReason: p.grade_reason,
    followUp: p.follow_up as z.infer<typeof Participant>['followUp'],
    followUpDueOn: p.follow_up_due_on,
  }));
  return {
    ...presentSummary(r, await deadlineOf(db, r.year), todayCN()),
    ballots: r.ballots,
    voters: people.filter((p) => p.status_on_start === 'full').length,
    nextState: nextState(r.state as AppraisalState),
    excellentLimit: await excellentLimit(db, r.starts_on, people.length),
    participantList,
    mutual: mutual.map((m) => ({ id: m.id, assessorId: m.assessor_id, assessorName: m.assessor_name, assesseeId: m.assessee_id, assesseeName: m.assessee_name, grade: m.grade as Grade, comment: m.comment })),
  };
}

export async function createRound(db: Kysely<DB>, ctx: RequestContext, orgId: number, body: CreateRoundBody) {
  requireStaff(ctx);
  const org = await findOrg(db, ctx.scope, orgId);
  if (!org) throw notFound();
  if (org.status !== 'active') throw conflict('org.dissolved');
  const today = todayCN();
  if (body.startsOn > today) throw badRequest('appraisal.startInFuture', 'startsOn');
  const startYear = Number(body.startsOn.slice(0, 4));
  if (startYear !== body.year && startYear !== body.year + 1) throw badRequest('appraisal.startYear', 'startsOn', { year: body.year, next: body.year + 1 });
  if (body.endsOn < body.startsOn) throw badRequest('appraisal.dateBeforeStart', 'endsOn', { date: body.startsOn });
  return db.transaction().execute(async (trx) => {
    if (await repo.roundExists(trx, orgId, body.year)) throw conflict('appraisal.duplicateYear', { year: body.year }, 'year');
    const people = await repo.membersOn(trx, orgId, body.startsOn);
    if (people.length === 0) throw badRequest('appraisal.noParticipants', 'startsOn', { date: body.startsOn });
    const row = { org_id: orgId, year: body.year, starts_on: body.startsOn, ends_on: body.endsOn, note: body.note ?? null, created_by_name: ctx.actor.displayName };
    const { id } = await repo.insertRound(trx, row);
    await repo.insertParticipants(trx, id, people);
    await appendAudit(trx, ctx, { action: 'appraisal.create', entity: 'appraisal_round', entityId: id, scopePath: org.path, after: { ...row, participants: people.map((p) => p.member_id) } });
    return detail(trx, ctx, id);
  });
}

/** Lock the round (inside the scope) for an entry. */
async function locked(trx: Transaction<DB>, ctx: RequestContext, id: number) {
  const r = await repo.findRound(trx, ctx.scope, id, true);
  if (!r) throw notFound();
  return r;
}

/** Entries belong to one stage each; checked after the ids, so a wrong id is a 400 whatever the stage. */
function atStage(ctx: RequestContext, r: repo.RoundRow, stage: AppraisalState) {
  if (r.state !== stage) throw conflict('appraisal.wrongStage', { stage: stateLabel(ctx, stage), current: stateLabel(ctx, r.state) });
}

function checkDate(on: string, r: repo.RoundRow, field: string) {
  if (on > todayCN()) throw badRequest('status.futureDate', field, { today: todayCN() });
  if (on < r.starts_on) throw badRequest('appraisal.dateBeforeStart', field, { date: r.starts_on });
}

export async function transition(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof TransitionBody>) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const r = await repo.findRound(trx, ctx.scope, id, true);
    if (!r) throw notFound();
    const next = nextState(r.state as AppraisalState);
    if (!next) throw conflict('appraisal.finished');
    if (body.to !== next) throw conflict('appraisal.badTransition', { from: stateLabel(ctx, r.state), to: stateLabel(ctx, body.to), next: stateLabel(ctx, next) }, 'to');
    const on = body.on ?? todayCN();
    checkDate(on, r, 'on');
    const patch: Parameters<typeof repo.updateRound>[2] = { state: next };
    if (next === 'published') {
      const people = await repo.participants(trx, id);
      const ungraded = people.filter((p) => !p.grade).length;
      if (ungraded) throw conflict('appraisal.ungraded', { count: ungraded });
      await assertExcellentLimit(trx, r.starts_on, people.length, people.filter((p) => p.grade === 'excellent').length);
      // 限期改正 gets its deadline from the publication date (recorded only; nothing acts on it).
      const months = ruleParam(await rulesInForce(trx, on), 'appraisal.rectify_months', 'months');
      for (const p of people.filter((x) => x.follow_up === 'rectify')) {
        await repo.setGrade(trx, id, p.member_id, { grade: p.grade, grade_reason: p.grade_reason, follow_up: p.follow_up, follow_up_due_on: addMonths(on, months) });
      }
      patch.published_on = on;
    }
    if (next === 'closed') {
      if (r.published_on && on < r.published_on) throw badRequest('appraisal.dateBeforeStart', 'on', { date: r.published_on });
      patch.closed_on = on;
    }
    await repo.updateRound(trx, id, patch);
    await appendAudit(trx, ctx, { action: 'appraisal.transition', entity: 'appraisal_round', entityId: id, scopePath: r.org_path, before: { state: r.state }, after: { ...patch, on } });
    return detail(trx, ctx, id);
  });
}

async function assertExcellentLimit(db: Db, startsOn: string, total: number, count: number) {
  const limit = await excellentLimit(db, startsOn, total);
  if (count > limit.max) throw badRequest('appraisal.excellentOverLimit', 'grades', { count, total, max: limit.max, numerator: limit.numerator, denominator: limit.denominator });
}

async function participantIds(trx: Db, id: number) {
  return new Set((await repo.participants(trx, id)).map((p) => p.member_id));
}

export async function saveSelfAssessment(db: Kysely<DB>, ctx: RequestContext, id: number, memberId: number, body: z.infer<typeof SelfAssessmentBody>) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const r = await locked(trx, ctx, id);
    if (!(await participantIds(trx, id)).has(memberId)) throw badRequest('appraisal.notParticipant', 'memberId', { id: memberId });
    atStage(ctx, r, 'self_assessment');
    const on = body.on ?? todayCN();
    checkDate(on, r, 'on');
    await repo.setSelfAssessment(trx, id, memberId, body.text, on);
    await appendAudit(trx, ctx, { action: 'appraisal.selfAssessment', entity: 'appraisal_round', entityId: id, scopePath: r.org_path, after: { memberId, on, text: body.text } });
    return detail(trx, ctx, id);
  });
}

export async function addMutual(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof MutualBody>) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const r = await locked(trx, ctx, id);
    const ids = await participantIds(trx, id);
    for (const [field, m] of [['assessorId', body.assessorId], ['assesseeId', body.assesseeId]] as const) if (!ids.has(m)) throw badRequest('appraisal.notParticipant', field, { id: m });
    if (body.assessorId === body.assesseeId) throw badRequest('appraisal.selfMutual', 'assesseeId');
    atStage(ctx, r, 'mutual_assessment');
    const e = { round_id: id, assessor_id: body.assessorId, assessee_id: body.assesseeId, grade: body.grade, comment: body.comment ?? null };
    await repo.upsertMutual(trx, e);
    await appendAudit(trx, ctx, { action: 'appraisal.mutual', entity: 'appraisal_round', entityId: id, scopePath: r.org_path, after: e });
    return detail(trx, ctx, id);
  });
}

export async function saveVotes(db: Kysely<DB>, ctx: RequestContext, id: number, body: VotesBody) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const r = await locked(trx, ctx, id);
    atStage(ctx, r, 'voting');
    const people = await repo.participants(trx, id);
    const voters = people.filter((p) => p.status_on_start === 'full').length;
    if (body.ballots > voters) throw badRequest('appraisal.ballotsOverVoters', 'ballots', { ballots: body.ballots, voters });
    const ids = new Set(people.map((p) => p.member_id));
    const rows: { member_id: number; grade: string; votes: number }[] = [];
    body.tallies.forEach((t, i) => {
      if (!ids.has(t.memberId)) throw badRequest('appraisal.notParticipant', `tallies.${i}.memberId`, { id: t.memberId });
      const sum = APPRAISAL_GRADE.values.reduce((s, g) => s + t[g], 0);
      if (sum > body.ballots) throw badRequest('appraisal.votesOverBallots', `tallies.${i}`, { id: t.memberId, sum, ballots: body.ballots });
      for (const g of APPRAISAL_GRADE.values) rows.push({ member_id: t.memberId, grade: g, votes: t[g] });
    });
    await repo.replaceVotes(trx, id, rows);
    await repo.updateRound(trx, id, { ballots: body.ballots });
    await appendAudit(trx, ctx, { action: 'appraisal.votes', entity: 'appraisal_round', entityId: id, scopePath: r.org_path, before: { ballots: r.ballots }, after: body });
    return detail(trx, ctx, id);
  });
}

/**
 * Grades are set in the voting stage, a few or all at once; the whole resulting set must keep the
 * 优秀 limit, and 不合格 needs its reason and suggested follow-up.
 */
export async function saveGrades(db: Kysely<DB>, ctx: RequestContext, id: number, body: GradesBody) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const r = await locked(trx, ctx, id);
    atStage(ctx, r, 'voting');
    const people = await repo.participants(trx, id);
    const result = new Map(people.map((p) => [p.member_id, p.grade]));
    body.grades.forEach((g, i) => {
      if (!result.has(g.memberId)) throw badRequest('appraisal.notParticipant', `grades.${i}.memberId`, { id: g.memberId });
      if (g.grade === 'unqualified' && (!g.reason || !g.followUp)) throw badRequest('appraisal.unqualifiedReason', `grades.${i}.reason`);
      if (g.grade !== 'unqualified' && g.followUp) throw badRequest('appraisal.followUpOnlyUnqualified', `grades.${i}.followUp`);
      result.set(g.memberId, g.grade);
    });
    await assertExcellentLimit(trx, r.starts_on, people.length, [...result.values()].filter((g) => g === 'excellent').length);
    for (const g of body.grades) {
      await repo.setGrade(trx, id, g.memberId, { grade: g.grade, grade_reason: g.grade ? (g.reason ?? null) : null, follow_up: g.grade === 'unqualified' ? (g.followUp ?? null) : null, follow_up_due_on: null });
    }
    const before = body.grades.map((g) => ({ memberId: g.memberId, grade: people.find((p) => p.member_id === g.memberId)?.grade ?? null }));
    await appendAudit(trx, ctx, { action: 'appraisal.grades', entity: 'appraisal_round', entityId: id, scopePath: r.org_path, before, after: body.grades });
    return detail(trx, ctx, id);
  });
}

/** A member's published appraisal results (their own, for a member signed in). */
export async function memberHistory(db: Kysely<DB>, ctx: RequestContext, memberId: number): Promise<{ items: z.infer<typeof MemberAppraisal>[] }> {
  const m = await findMember(db, ctx.scope, memberId);
  if (!m) throw notFound();
  const rows = await repo.memberAppraisals(db, memberId);
  return {
    items: rows.map((r) => ({
      roundId: r.round_id,
      year: r.year,
      orgId: r.org_id,
      orgName: r.org_name,
      state: r.state as AppraisalState,
      publishedOn: r.published_on,
      grade: r.grade as Grade,
      gradeReason: r.grade_reason,
      followUp: r.follow_up as z.infer<typeof MemberAppraisal>['followUp'],
      followUpDueOn: r.follow_up_due_on,
    })),
  };
}

