import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Organizations a screening looks at: active villages/communities and branches (总支, 支部, 联合支部) of a subtree. */
export async function screenableOrgs(db: Db, rootPath: string) {
  return db
    .selectFrom('organizations as o')
    .select(['o.id', 'o.path', 'o.name', 'o.level', 'o.kind', 'o.domain'])
    .where(sql<boolean>`o.path <@ ${rootPath}::ltree`)
    .where('o.status', '=', 'active')
    .where((eb) => eb.or([eb('o.level', '=', 'village'), eb('o.kind', 'in', ['general_branch', 'branch', 'joint_branch'])]))
    .orderBy('o.path')
    .execute();
}

export async function insertScreening(db: Db, row: { org_id: number; year: number; period_from: string; period_to: string; criteria: string; total: number; created_by_name: string }) {
  return db.insertInto('rect_screenings').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function insertScreeningOrgs(db: Db, screeningId: number, orgIds: number[]) {
  for (let i = 0; i < orgIds.length; i += 500) {
    await db
      .insertInto('rect_screening_orgs')
      .values(orgIds.slice(i, i + 500).map((org_id, k) => ({ screening_id: screeningId, org_id, seq: i + k })))
      .execute();
  }
}

const screeningColumns = ['s.id', 's.org_id', 'o.name as org_name', 'o.path as org_path', 's.year', 's.period_from', 's.period_to', 's.state', 's.criteria', 's.total', 's.created_by_name', 's.created_at'] as const;
const doneCount = sql<number>`(select count(*) from rect_screening_orgs x where x.screening_id = s.id and x.evaluated_at is not null)`.as('done');
const candidateCount = sql<number>`(select count(*) from rect_screening_orgs x where x.screening_id = s.id and x.flagged)`.as('candidates');

export async function findScreening(db: Db, scope: Scope, id: number) {
  return db.selectFrom('rect_screenings as s').innerJoin('organizations as o', 'o.id', 's.org_id').select([...screeningColumns, doneCount]).where('s.id', '=', id).where(orgPathInScope(scope, 'o.path')).executeTakeFirst();
}
export type ScreeningRow = NonNullable<Awaited<ReturnType<typeof findScreening>>>;

/** Screenings run on exactly this organization for a year, newest first. */
export async function listScreenings(db: Db, orgId: number, year: number) {
  return db.selectFrom('rect_screenings as s').innerJoin('organizations as o', 'o.id', 's.org_id').select([...screeningColumns, doneCount, candidateCount]).where('s.org_id', '=', orgId).where('s.year', '=', year).orderBy('s.id', 'desc').limit(20).execute();
}

/** The next organizations still to evaluate, in order. */
export async function pendingOrgs(db: Db, screeningId: number, limit: number) {
  return db
    .selectFrom('rect_screening_orgs as x')
    .innerJoin('organizations as o', 'o.id', 'x.org_id')
    .select(['o.id', 'o.path', 'o.name', 'o.level', 'o.kind', 'o.domain'])
    .where('x.screening_id', '=', screeningId)
    .where('x.evaluated_at', 'is', null)
    .orderBy('x.seq')
    .limit(limit)
    .execute();
}

/** Store one organization's result unless a concurrent step already did. */
export async function saveResult(db: Db, screeningId: number, orgId: number, flagged: boolean, results: unknown) {
  await db.updateTable('rect_screening_orgs').set({ evaluated_at: new Date(), flagged, results: JSON.stringify(results) }).where('screening_id', '=', screeningId).where('org_id', '=', orgId).where('evaluated_at', 'is', null).execute();
}

export async function finishScreening(db: Db, id: number) {
  await db.updateTable('rect_screenings').set({ state: 'done', finished_at: new Date() }).where('id', '=', id).where('state', '=', 'running').execute();
}

/** Evaluated organizations of a screening that are flagged or have a criterion not evaluated, inside the scope. */
export async function screeningResults(db: Db, scope: Scope, screeningId: number) {
  return db
    .selectFrom('rect_screening_orgs as x')
    .innerJoin('organizations as o', 'o.id', 'x.org_id')
    .select(['x.org_id', 'o.name as org_name', 'x.flagged', 'x.results'])
    .where('x.screening_id', '=', screeningId)
    .where('x.evaluated_at', 'is not', null)
    .where(orgPathInScope(scope, 'o.path'))
    .orderBy('x.flagged', 'desc')
    .orderBy('x.seq')
    .execute();
}

const entryColumns = [
  'e.id', 'e.org_id', 'o.name as org_name', 'o.path as org_path', 'e.year', 'e.origin', 'e.screening_id', 'e.reason', 'e.reasons', 'e.state', 'e.listed_on',
  'e.leader_name', 'e.leader_title', 'e.closed_on', 'e.removed_on', 'e.removed_reason',
] as const;
const taskCounts = (today: string) =>
  [
    sql<number>`(select count(*) from rect_tasks t where t.entry_id = e.id)`.as('tasks_total'),
    sql<number>`(select count(*) from rect_tasks t where t.entry_id = e.id and t.done_on is not null)`.as('tasks_done'),
    sql<number>`(select count(*) from rect_tasks t where t.entry_id = e.id and t.done_on is null and t.deadline < ${today}::date)`.as('tasks_overdue'),
    sql<string | null>`(select a.reviewed_on::text || '|' || a.result from rect_acceptances a where a.entry_id = e.id order by a.reviewed_on desc, a.id desc limit 1)`.as('last_acceptance'),
  ] as const;

/** Entries of a subtree for a year (removed ones too: the page shows them apart). */
export async function listEntries(db: Db, scope: Scope, rootPath: string, year: number, today: string) {
  return db
    .selectFrom('rect_entries as e')
    .innerJoin('organizations as o', 'o.id', 'e.org_id')
    .select([...entryColumns, ...taskCounts(today)])
    .where(orgPathInScope(scope, 'o.path'))
    .where(sql<boolean>`o.path <@ ${rootPath}::ltree`)
    .where('e.year', '=', year)
    .orderBy('e.state')
    .orderBy('o.path')
    .execute();
}

export async function orgEntries(db: Db, scope: Scope, orgId: number, today: string) {
  return db.selectFrom('rect_entries as e').innerJoin('organizations as o', 'o.id', 'e.org_id').select([...entryColumns, ...taskCounts(today)]).where('e.org_id', '=', orgId).where(orgPathInScope(scope, 'o.path')).orderBy('e.year', 'desc').orderBy('e.id', 'desc').execute();
}

export async function findEntry(db: Db, scope: Scope, id: number, today: string, lock = false) {
  let q = db.selectFrom('rect_entries as e').innerJoin('organizations as o', 'o.id', 'e.org_id').select([...entryColumns, ...taskCounts(today)]).where('e.id', '=', id).where(orgPathInScope(scope, 'o.path'));
  if (lock) q = q.forUpdate('e');
  return q.executeTakeFirst();
}
export type EntryRow = NonNullable<Awaited<ReturnType<typeof findEntry>>>;

/** Entries still on the list (not removed) for these organizations and year. */
export async function activeEntries(db: Db, orgIds: number[], year: number) {
  if (orgIds.length === 0) return [];
  return db.selectFrom('rect_entries').select(['id', 'org_id', 'state']).where('org_id', 'in', orgIds).where('year', '=', year).where('state', '<>', 'removed').execute();
}

export async function insertEntry(db: Db, row: { org_id: number; year: number; origin: string; screening_id: number | null; reason: string; reasons: string; listed_on: string; created_by_name: string }) {
  return db.insertInto('rect_entries').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateEntry(db: Db, id: number, patch: { leader_name?: string; leader_title?: string | null; state?: string; closed_on?: string; removed_on?: string; removed_reason?: string }) {
  await db.updateTable('rect_entries').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function tasksOf(db: Db, entryId: number) {
  return db
    .selectFrom('rect_tasks as t')
    .innerJoin('organizations as o', 'o.id', 't.owner_org_id')
    .select(['t.id', 't.entry_id', 't.content', 't.owner_name', 't.owner_post', 't.owner_org_id', 'o.name as owner_org_name', 't.deadline', 't.done_on'])
    .where('t.entry_id', '=', entryId)
    .orderBy('t.deadline')
    .orderBy('t.id')
    .execute();
}

export async function notesOf(db: Db, taskIds: number[]) {
  if (taskIds.length === 0) return [];
  return db.selectFrom('rect_task_notes').select(['id', 'task_id', 'noted_on', 'text', 'by_name']).where('task_id', 'in', taskIds).orderBy('noted_on').orderBy('id').execute();
}

export async function acceptancesOf(db: Db, entryId: number) {
  return db
    .selectFrom('rect_acceptances as a')
    .innerJoin('organizations as o', 'o.id', 'a.reviewer_org_id')
    .select(['a.id', 'a.reviewed_on', 'a.result', 'a.comment', 'a.reviewer_name', 'o.name as reviewer_org_name'])
    .where('a.entry_id', '=', entryId)
    .orderBy('a.reviewed_on')
    .orderBy('a.id')
    .execute();
}

/** A task with its entry, the entry's organization inside the scope; `lock` locks the entry row. */
export async function findTask(db: Db, scope: Scope, id: number, lock = false) {
  let q = db
    .selectFrom('rect_tasks as t')
    .innerJoin('rect_entries as e', 'e.id', 't.entry_id')
    .innerJoin('organizations as o', 'o.id', 'e.org_id')
    .select(['t.id', 't.entry_id', 't.content', 't.owner_name', 't.owner_post', 't.owner_org_id', 't.deadline', 't.done_on', 'e.state as entry_state', 'e.listed_on', 'o.path as org_path'])
    .where('t.id', '=', id)
    .where(orgPathInScope(scope, 'o.path'));
  if (lock) q = q.forUpdate('e');
  return q.executeTakeFirst();
}

export async function insertTask(db: Db, row: { entry_id: number; content: string; owner_name: string; owner_post: string | null; owner_org_id: number; deadline: string; created_by_name: string }) {
  return db.insertInto('rect_tasks').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateTask(db: Db, id: number, patch: { content?: string; owner_name?: string; owner_post?: string | null; owner_org_id?: number; deadline?: string; done_on?: string | null }) {
  await db.updateTable('rect_tasks').set(patch).where('id', '=', id).execute();
}

export async function insertNote(db: Db, row: { task_id: number; noted_on: string; text: string; by_name: string }) {
  await db.insertInto('rect_task_notes').values(row).execute();
}

export async function insertAcceptance(db: Db, row: { entry_id: number; reviewed_on: string; result: string; comment: string; reviewer_name: string; reviewer_org_id: number }) {
  return db.insertInto('rect_acceptances').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Open tasks of listed entries in a subtree due by `until` (for reminders). */
export async function dueTasks(db: Db, scope: Scope, subtreePath: string, until: string, limit: number) {
  return db
    .selectFrom('rect_tasks as t')
    .innerJoin('rect_entries as e', 'e.id', 't.entry_id')
    .innerJoin('organizations as o', 'o.id', 'e.org_id')
    .select(['t.id', 't.content', 't.deadline', 't.owner_name', 'e.org_id', 'e.year', 'o.name as org_name'])
    .where(orgPathInScope(scope, 'o.path'))
    .where(sql<boolean>`o.path <@ ${subtreePath}::ltree`)
    .where('e.state', '=', 'listed')
    .where('t.done_on', 'is', null)
    .where('t.deadline', '<=', until)
    .orderBy('t.deadline')
    .orderBy('t.id')
    .limit(limit)
    .execute();
}
