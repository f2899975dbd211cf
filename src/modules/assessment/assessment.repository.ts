import { sql, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { AssessmentSheetTable, AssessmentTargetTable, DB } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';
import type { AppliesTo } from './assessment.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

// ---- standards (reference data: the same for every scope) ----

const roundsUsing = sql<number>`(select count(*)::int from assessment_rounds r where r.standard_id = s.id)`.as('rounds');
const isLatest = sql<boolean>`not exists (select 1 from assessment_standards n where n.code = s.code and n.version > s.version)`.as('latest');

export async function listStandards(db: Db) {
  return db.selectFrom('assessment_standards as s').selectAll('s').select([roundsUsing, isLatest]).orderBy('s.code').orderBy('s.version', 'desc').execute();
}
export type StandardRow = Awaited<ReturnType<typeof listStandards>>[number];

export async function findStandard(db: Db, id: number) {
  return db.selectFrom('assessment_standards as s').selectAll('s').select([roundsUsing, isLatest]).where('s.id', '=', id).executeTakeFirst();
}

export async function latestStandard(db: Db, code: string) {
  return db.selectFrom('assessment_standards as s').selectAll('s').select([roundsUsing, isLatest]).where('s.code', '=', code).orderBy('s.version', 'desc').limit(1).executeTakeFirst();
}

export async function insertStandard(db: Db, row: { code: string; name: string; name_en: string; category_label: string; applies_to: AppliesTo; definition: unknown; source: string; created_by_name: string }) {
  return db
    .insertInto('assessment_standards')
    .values((eb) => ({
      ...row,
      applies_to: JSON.stringify(row.applies_to),
      definition: JSON.stringify(row.definition),
      version: eb.selectFrom('assessment_standards').select(sql<number>`coalesce(max(version), 0) + 1`.as('v')).where('code', '=', row.code),
    }))
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
}

// ---- organizations of a standard's category ----

export interface CategoryOrg {
  id: number;
  path: string;
  name: string;
  level: string;
  kind: string;
  domain: string;
}

/** Active organizations in the subtree of `path` that the standard applies to (`path` itself only when `includeSelf`). */
export async function categoryOrgs(db: Db, path: string, a: AppliesTo, includeSelf = false): Promise<CategoryOrg[]> {
  const words = a.nameKeywords ?? [];
  const r = await sql<CategoryOrg>`
    select o.id, o.path::text as path, o.name, o.level, o.kind, o.domain from organizations o
    where o.path <@ ${path}::ltree and (${sql.val(includeSelf)} or o.path <> ${path}::ltree) and o.status = 'active'
      and o.level = any(${sql.val(a.levels)}::text[])
      and (${sql.val((a.kinds ?? []).length === 0)} or o.kind = any(${sql.val(a.kinds ?? [])}::text[]))
      and (${sql.val((a.domains ?? []).length === 0)} or o.domain = any(${sql.val(a.domains ?? [])}::text[]))
      and (${sql.val(words.length === 0)} or exists (select 1 from unnest(${sql.val(words)}::text[]) w where strpos(o.name, w) > 0))
    order by o.path`.execute(db);
  return r.rows;
}

// ---- rounds ----

/**
 * Rounds seen from the subtree of `path` (inside the caller's scope): launched there, or with a
 * sheet there (a county round's village sheets are the township's to review). Counts and the
 * launching organization's path are of that view only.
 */
function roundQuery(db: Db, scope: Scope, path: string) {
  const inView = sql<boolean>`ho.path <@ ${path}::ltree`;
  return db
    .selectFrom('assessment_rounds as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .innerJoin('assessment_standards as s', 's.id', 'r.standard_id')
    .select([
      'r.id',
      'r.org_id',
      'o.name as org_name',
      sql<string>`o.path::text`.as('org_path'),
      'r.title',
      'r.cadence',
      'r.period_from',
      'r.period_to',
      'r.due_on',
      'r.standard_id',
      's.name as standard_name',
      's.version as standard_version',
      's.code as standard_code',
      's.definition',
      'r.created_by_name',
      sql<Record<string, number>>`(select coalesce(jsonb_object_agg(x.state, x.n), '{}'::jsonb) from (select h.state, count(*)::int n from assessment_sheets h join organizations ho on ho.id = h.org_id where h.round_id = r.id and ${inView} group by h.state) x)`.as('counts'),
      sql<number>`(select count(*)::int from assessment_sheets h join organizations ho on ho.id = h.org_id where h.round_id = r.id and ${inView} and h.state = 'final' and h.passed)`.as('passed'),
    ])
    .where((eb) => eb.or([eb.and([sql<boolean>`o.path <@ ${path}::ltree`, orgPathInScope(scope, 'o.path')]), sql<boolean>`exists (select 1 from assessment_sheets h join organizations ho on ho.id = h.org_id where h.round_id = r.id and ${inView})`]));
}

/** Rounds seen from the subtree of `path` (the caller checked `path` is in the scope), newest period first. */
export async function listRounds(db: Db, scope: Scope, path: string) {
  return roundQuery(db, scope, path).orderBy('r.period_to', 'desc').orderBy('r.id', 'desc').limit(500).execute();
}

/** One round as seen from the caller's scope: launched inside it or with a sheet inside it. */
export async function findRound(db: Db, scope: Scope, id: number) {
  const path = scope.kind === 'all' ? null : scope.path;
  if (path === null) {
    const root = await db.selectFrom('assessment_rounds as r').innerJoin('organizations as o', 'o.id', 'r.org_id').select(sql<string>`subpath(o.path, 0, 1)::text`.as('p')).where('r.id', '=', id).executeTakeFirst();
    if (!root) return undefined;
    return roundQuery(db, scope, root.p).where('r.id', '=', id).executeTakeFirst();
  }
  return roundQuery(db, scope, path).where('r.id', '=', id).executeTakeFirst();
}
export type RoundRow = NonNullable<Awaited<ReturnType<typeof findRound>>>;

export async function roundExists(db: Db, orgId: number, standardId: number, from: string, to: string) {
  return !!(await db.selectFrom('assessment_rounds').select('id').where('org_id', '=', orgId).where('standard_id', '=', standardId).where('period_from', '=', from).where('period_to', '=', to).executeTakeFirst());
}

export async function insertRound(db: Db, row: { org_id: number; standard_id: number; cadence: string; title: string; period_from: string; period_to: string; due_on: string; created_by_name: string }) {
  const { id } = await db.insertInto('assessment_rounds').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertSheets(db: Db, roundId: number, orgIds: number[]) {
  if (orgIds.length === 0) return;
  await db
    .insertInto('assessment_sheets')
    .values(orgIds.map((org_id) => ({ round_id: roundId, org_id })))
    .execute();
}

/** The sheets of a round for organizations inside the scope. */
export async function roundSheets(db: Db, scope: Scope, roundId: number) {
  return db
    .selectFrom('assessment_sheets as h')
    .innerJoin('organizations as o', 'o.id', 'h.org_id')
    .select(['h.id', 'h.org_id', 'o.name as org_name', 'h.state', 'h.total_pct', 'h.passed', 'h.stars', 'h.submitted_on', 'h.reviewed_on', 'h.finalized_on'])
    .where('h.round_id', '=', roundId)
    .where(orgPathInScope(scope, 'o.path'))
    .orderBy('o.path')
    .execute();
}

/** The round's sheets in the caller's view with their kept figures, for the workbook. */
export async function roundSheetsForExport(db: Db, scope: Scope, roundId: number) {
  return db
    .selectFrom('assessment_sheets as h')
    .innerJoin('organizations as o', 'o.id', 'h.org_id')
    .select(['o.name as org_name', 'h.state', 'h.computed', 'h.manual', 'h.submitted_on', 'h.reviewed_on', 'h.finalized_on'])
    .where('h.round_id', '=', roundId)
    .where(orgPathInScope(scope, 'o.path'))
    .orderBy('o.path')
    .execute();
}

// ---- sheets ----

/** One sheet inside the scope (the sheet's organization lies in the caller's subtree), with its round and standard. */
export async function findSheet(db: Db, scope: Scope, id: number, lock = false) {
  let q = db
    .selectFrom('assessment_sheets as h')
    .innerJoin('organizations as o', 'o.id', 'h.org_id')
    .innerJoin('assessment_rounds as r', 'r.id', 'h.round_id')
    .innerJoin('assessment_standards as s', 's.id', 'r.standard_id')
    .selectAll('h')
    .select(['o.name as org_name', sql<string>`o.path::text`.as('org_path'), 'o.level as org_level', 'o.kind as org_kind', 'o.domain as org_domain', 'r.title as round_title', 'r.period_from', 'r.period_to', 'r.due_on', 'r.org_id as round_org_id', 's.name as standard_name', 's.version as standard_version', 's.definition'])
    .where('h.id', '=', id)
    .where(orgPathInScope(scope, 'o.path'));
  if (lock) q = q.forUpdate('h');
  return q.executeTakeFirst();
}
export type SheetRow = NonNullable<Awaited<ReturnType<typeof findSheet>>>;

export async function updateSheet(db: Db, id: number, patch: Updateable<AssessmentSheetTable>) {
  await db.updateTable('assessment_sheets').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
}

// ---- targets ----

/** Targets set by the organization of `path`, its ancestors or organizations inside it. */
export async function listTargets(db: Db, path: string) {
  return db
    .selectFrom('assessment_targets as t')
    .innerJoin('organizations as o', 'o.id', 't.org_id')
    .selectAll('t')
    .select(['o.name as org_name', sql<string>`o.path::text`.as('org_path')])
    .where(sql<boolean>`(o.path @> ${path}::ltree or o.path <@ ${path}::ltree)`)
    .orderBy('t.deadline')
    .orderBy('t.id')
    .execute();
}

export async function insertTarget(db: Db, row: { org_id: number; standard_code: string; share_bp: number; deadline: string; title: string; source: string; created_by_name: string }) {
  const { id } = await db.insertInto('assessment_targets').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** One target whose setting organization lies inside the scope, with that organization's path. */
export async function findTarget(db: Db, scope: Scope, id: number, lock = false) {
  let q = db
    .selectFrom('assessment_targets as t')
    .innerJoin('organizations as o', 'o.id', 't.org_id')
    .selectAll('t')
    .select(['o.name as org_name', sql<string>`o.path::text`.as('org_path')])
    .where('t.id', '=', id)
    .where(orgPathInScope(scope, 'o.path'));
  if (lock) q = q.forUpdate('t');
  return q.executeTakeFirst();
}

export async function updateTarget(db: Db, id: number, patch: Updateable<AssessmentTargetTable>) {
  await db.updateTable('assessment_targets').set(patch).where('id', '=', id).execute();
}

export async function deleteTarget(db: Db, id: number) {
  await db.deleteFrom('assessment_targets').where('id', '=', id).execute();
}

/** Final sheets of a standard (any version) for organizations in the subtree of `path`, oldest period first. */
export async function finalSheets(db: Db, path: string, standardCode: string) {
  return db
    .selectFrom('assessment_sheets as h')
    .innerJoin('organizations as o', 'o.id', 'h.org_id')
    .innerJoin('assessment_rounds as r', 'r.id', 'h.round_id')
    .innerJoin('assessment_standards as s', 's.id', 'r.standard_id')
    .select(['h.id', 'h.org_id', 'h.passed', 'h.total_pct', 'h.finalized_on', 'r.period_to', 'r.title as round_title'])
    .where('h.state', '=', 'final')
    .where('s.code', '=', standardCode)
    .where(sql<boolean>`o.path <@ ${path}::ltree`)
    .orderBy('r.period_to')
    .orderBy('h.finalized_on')
    .orderBy('h.id')
    .execute();
}

/** Sheets in the subtree still to be self-checked (not started or returned) whose round falls due by `until` (reminders). */
export async function sheetsToSelfCheck(db: Db, scope: Scope, subtreePath: string, until: string, limit: number) {
  return db
    .selectFrom('assessment_sheets as h')
    .innerJoin('assessment_rounds as r', 'r.id', 'h.round_id')
    .innerJoin('organizations as o', 'o.id', 'h.org_id')
    .select(['h.id', 'h.state', 'h.org_id', 'o.name as org_name', 'r.title', 'r.due_on'])
    .where(orgPathInScope(scope, 'o.path'))
    .where(sql<boolean>`o.path <@ ${subtreePath}::ltree`)
    .where('h.state', 'in', ['not_started', 'returned'])
    .where('r.due_on', '<=', until)
    .orderBy('r.due_on')
    .orderBy('h.id')
    .limit(limit)
    .execute();
}

/** Sheets waiting for the organization that launched the round (inside the scope and subtree): to review (submitted) or to finalize (reviewed). */
export async function sheetsAwaitingReview(db: Db, scope: Scope, subtreePath: string, limit: number) {
  return db
    .selectFrom('assessment_sheets as h')
    .innerJoin('assessment_rounds as r', 'r.id', 'h.round_id')
    .innerJoin('organizations as o', 'o.id', 'h.org_id')
    .innerJoin('organizations as ro', 'ro.id', 'r.org_id')
    .select(['h.id', 'h.state', 'o.name as org_name', 'r.title', 'h.submitted_on', 'h.reviewed_on', 'r.org_id as reviewer_org_id', 'ro.name as reviewer_org_name'])
    .where(orgPathInScope(scope, 'ro.path'))
    .where(sql<boolean>`ro.path <@ ${subtreePath}::ltree`)
    .where('h.state', 'in', ['submitted', 'reviewed'])
    .orderBy('h.submitted_on')
    .orderBy('h.id')
    .limit(limit)
    .execute();
}
