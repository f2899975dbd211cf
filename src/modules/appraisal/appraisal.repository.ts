import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';

type Db = Kysely<DB> | Transaction<DB>;

const roundColumns = [
  'r.id',
  'r.org_id',
  'o.name as org_name',
  'o.path as org_path',
  'r.year',
  'r.starts_on',
  'r.ends_on',
  'r.state',
  'r.ballots',
  'r.published_on',
  'r.closed_on',
  'r.note',
] as const;

const participantCount = sql<number>`(select count(*) from appraisal_participants p where p.round_id = r.id)`.as('participants');
const gradedCount = sql<number>`(select count(*) from appraisal_participants p where p.round_id = r.id and p.grade is not null)`.as('graded');

/** Rounds of one organization, newest year first (the organization must lie in the scope). */
export async function listRounds(db: Db, scope: Scope, orgId: number) {
  return db
    .selectFrom('appraisal_rounds as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .select([...roundColumns, participantCount, gradedCount])
    .where('r.org_id', '=', orgId)
    .where(orgPathInScope(scope, 'o.path'))
    .orderBy('r.year', 'desc')
    .execute();
}

/** One round inside the scope; `lock` takes a row lock so stage changes and entries serialize. */
export async function findRound(db: Db, scope: Scope, id: number, lock = false) {
  let q = db
    .selectFrom('appraisal_rounds as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .select([...roundColumns, participantCount, gradedCount])
    .where('r.id', '=', id)
    .where(orgPathInScope(scope, 'o.path'));
  if (lock) q = q.forUpdate('r');
  return q.executeTakeFirst();
}
export type RoundRow = NonNullable<Awaited<ReturnType<typeof findRound>>>;

export async function roundExists(db: Db, orgId: number, year: number) {
  return !!(await db.selectFrom('appraisal_rounds').select('id').where('org_id', '=', orgId).where('year', '=', year).executeTakeFirst());
}

/**
 * The organization's direct members on a date, from member_periods (a member is in exactly one
 * organization at every instant): on the roll that day, with their status on that day.
 */
export async function membersOn(db: Db, orgId: number, onDate: string) {
  const r = await sql<{ member_id: number; status: 'full' | 'probationary' }>`
    select m.id as member_id, case when m.full_member_on is not null and m.full_member_on <= ${onDate}::date then 'full' else 'probationary' end as status
    from member_periods p join members m on m.id = p.member_id
    where p.org_id = ${orgId} and p.valid_from <= ${onDate}::date and (p.valid_to is null or p.valid_to > ${onDate}::date)
      and m.joined_on <= ${onDate}::date and (m.left_on is null or m.left_on > ${onDate}::date)
    order by m.id`.execute(db);
  return r.rows;
}

export async function insertRound(db: Db, row: { org_id: number; year: number; starts_on: string; ends_on: string; note: string | null; created_by_name: string }) {
  return db.insertInto('appraisal_rounds').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function insertParticipants(db: Db, roundId: number, members: { member_id: number; status: string }[]) {
  if (members.length === 0) return;
  await db
    .insertInto('appraisal_participants')
    .values(members.map((m) => ({ round_id: roundId, member_id: m.member_id, status_on_start: m.status })))
    .execute();
}

export async function updateRound(db: Db, id: number, patch: { state?: string; published_on?: string; closed_on?: string; ballots?: number }) {
  await db.updateTable('appraisal_rounds').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function participants(db: Db, roundId: number) {
  return db
    .selectFrom('appraisal_participants as p')
    .innerJoin('members as m', 'm.id', 'p.member_id')
    .select(['p.member_id', 'm.name', 'p.status_on_start', 'p.self_assessment', 'p.self_assessed_on', 'p.grade', 'p.grade_reason', 'p.follow_up', 'p.follow_up_due_on'])
    .where('p.round_id', '=', roundId)
    .orderBy('m.name')
    .orderBy('p.member_id')
    .execute();
}

export async function votes(db: Db, roundId: number) {
  return db.selectFrom('appraisal_votes').select(['member_id', 'grade', 'votes']).where('round_id', '=', roundId).execute();
}

export async function mutualEntries(db: Db, roundId: number) {
  return db
    .selectFrom('appraisal_mutual as x')
    .innerJoin('members as a', 'a.id', 'x.assessor_id')
    .innerJoin('members as b', 'b.id', 'x.assessee_id')
    .select(['x.id', 'x.assessor_id', 'a.name as assessor_name', 'x.assessee_id', 'b.name as assessee_name', 'x.grade', 'x.comment'])
    .where('x.round_id', '=', roundId)
    .orderBy('x.id')
    .execute();
}

export async function setSelfAssessment(db: Db, roundId: number, memberId: number, text: string, on: string) {
  await db.updateTable('appraisal_participants').set({ self_assessment: text, self_assessed_on: on }).where('round_id', '=', roundId).where('member_id', '=', memberId).execute();
}

/** One entry per assessor and assessee: a second entry replaces the first. */
export async function upsertMutual(db: Db, e: { round_id: number; assessor_id: number; assessee_id: number; grade: string; comment: string | null }) {
  return db
    .insertInto('appraisal_mutual')
    .values(e)
    .onConflict((oc) => oc.constraint('appraisal_mutual_once').doUpdateSet({ grade: e.grade, comment: e.comment }))
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function replaceVotes(db: Db, roundId: number, rows: { member_id: number; grade: string; votes: number }[]) {
  await db.deleteFrom('appraisal_votes').where('round_id', '=', roundId).execute();
  if (rows.length) await db.insertInto('appraisal_votes').values(rows.map((r) => ({ round_id: roundId, ...r }))).execute();
}

export async function setGrade(db: Db, roundId: number, memberId: number, g: { grade: string | null; grade_reason: string | null; follow_up: string | null; follow_up_due_on: string | null }) {
  await db.updateTable('appraisal_participants').set(g).where('round_id', '=', roundId).where('member_id', '=', memberId).execute();
}

/** A member's published results, newest first; the member must be visible in the scope. */
export async function memberAppraisals(db: Db, memberId: number) {
  return db
    .selectFrom('appraisal_participants as p')
    .innerJoin('appraisal_rounds as r', 'r.id', 'p.round_id')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .select(['r.id as round_id', 'r.year', 'r.org_id', 'o.name as org_name', 'r.state', 'r.published_on', 'p.grade', 'p.grade_reason', 'p.follow_up', 'p.follow_up_due_on'])
    .where('p.member_id', '=', memberId)
    .where('r.state', 'in', ['published', 'closed'])
    .where('p.grade', 'is not', null)
    .orderBy('r.year', 'desc')
    .execute();
}

/** Unfinished rounds in a subtree whose deadline falls on or before `until` (for reminders). */
export async function unfinishedRounds(db: Db, scope: Scope, subtreePath: string, maxYear: number, limit: number) {
  return db
    .selectFrom('appraisal_rounds as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .select(['r.id', 'r.year', 'r.state', 'r.org_id', 'o.name as org_name'])
    .where(orgPathInScope(scope, 'o.path'))
    .where(sql<boolean>`o.path <@ ${subtreePath}::ltree`)
    .where('r.state', 'not in', ['published', 'closed'])
    .where('r.year', '<=', maxYear)
    .orderBy('r.year')
    .orderBy('r.id')
    .limit(limit)
    .execute();
}
