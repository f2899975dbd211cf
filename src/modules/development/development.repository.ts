import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { DB, DevCaseTable, DevStepTable } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Cases the scope sees: those whose admitting organization or training organization (urban–rural
 * joint cultivation) lies in the subtree; a member sees only the case that made them a member.
 */
function scoped(db: Db, scope: Scope) {
  const q = db
    .selectFrom('dev_cases as c')
    .innerJoin('organizations as o', 'o.id', 'c.org_id')
    .leftJoin('organizations as t', 't.id', 'c.training_org_id')
    .where((eb) => eb.or([orgPathInScope(scope, 'o.path'), sql<boolean>`t.path is not null and ${orgPathInScope(scope, 't.path')}`]));
  return scope.kind === 'self' ? q.where('c.member_id', '=', scope.memberId ?? -1) : q;
}

const caseColumns = ['o.name as org_name', 'o.path as org_path', 'o.status as org_status', 't.name as training_org_name'] as const;

export async function findCase(db: Db, scope: Scope, id: number) {
  return scoped(db, scope).selectAll('c').select(caseColumns).where('c.id', '=', id).executeTakeFirst();
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

/** Lock a case row for the rest of the transaction (two clerks recording the same step). */
export async function lockCase(trx: Transaction<DB>, id: number) {
  return trx.selectFrom('dev_cases').select(['id', 'last_step', 'status', 'member_id', 'probation_extension_months']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

export interface CaseFilter {
  subtreePath?: string | undefined;
  status?: string | undefined;
  q?: string | undefined;
}

/** Cases in the scope (and in a subtree of it, if given), newest application last. */
export async function listCases(db: Db, scope: Scope, f: CaseFilter, limit = 2000) {
  let q = scoped(db, scope).selectAll('c').select(caseColumns);
  if (f.subtreePath) q = q.where((eb) => eb.or([sql<boolean>`o.path <@ ${f.subtreePath}::ltree`, sql<boolean>`t.path is not null and t.path <@ ${f.subtreePath}::ltree`]));
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.q) q = q.where('c.name', 'like', `%${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
  return q.orderBy('c.applied_on').orderBy('c.id').limit(limit).execute();
}

/** Step dates of several cases at once. */
export async function stepDates(db: Db, caseIds: number[]) {
  if (caseIds.length === 0) return [];
  return db.selectFrom('dev_steps').select(['case_id', 'step', 'done_on']).where('case_id', 'in', caseIds).execute();
}

export async function listSteps(db: Db, caseId: number) {
  return db.selectFrom('dev_steps').selectAll().where('case_id', '=', caseId).orderBy('done_on').orderBy('id').execute();
}

export async function findOpenCaseByHash(db: Db, hash: string) {
  return db.selectFrom('dev_cases').select(['id']).where('id_number_hash', '=', hash).where('status', '=', 'open').executeTakeFirst();
}

export async function insertCase(db: Db, row: Insertable<DevCaseTable>) {
  return db.insertInto('dev_cases').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateCase(db: Db, id: number, patch: Updateable<DevCaseTable>) {
  await db.updateTable('dev_cases').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function insertStep(db: Db, row: Insertable<DevStepTable>) {
  return db.insertInto('dev_steps').values(row).returning('id').executeTakeFirstOrThrow();
}

/** End a member's register entry (probation cancelled): left date, reason, and the open period closed. */
export async function endMembership(db: Db, memberId: number, on: string): Promise<boolean> {
  const r = await db.updateTable('members').set({ left_on: on, left_reason: 'probation_cancelled', updated_at: new Date() }).where('id', '=', memberId).where('left_on', 'is', null).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return false;
  await db.updateTable('member_periods').set({ valid_to: on }).where('member_id', '=', memberId).where('valid_to', 'is', null).execute();
  return true;
}
