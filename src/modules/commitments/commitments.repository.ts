import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * What a caller sees of commitments: those of organizations in the scope; a member (self scope)
 * sees their own commitments and their organization's commitments, never another member's.
 */
function visible(scope: Scope) {
  const inScope = orgPathInScope(scope, 'o.path');
  if (scope.kind !== 'self') return inScope;
  return sql<boolean>`(${inScope} and (c.maker_type = 'org' or c.member_id = ${scope.memberId ?? -1}))`;
}

const base = (db: Db) =>
  db
    .selectFrom('commitments as c')
    .innerJoin('organizations as o', 'o.id', 'c.org_id')
    .leftJoin('members as m', 'm.id', 'c.member_id');

const columns = ['c.id', 'c.org_id', 'o.name as org_name', 'o.path as org_path', 'o.level as org_level', 'c.maker_type', 'c.member_id', 'm.name as member_name', 'c.year', 'c.title', 'c.announced_on', 'c.announce_way', 'c.note', 'c.created_by_name'] as const;

/** Counts of a commitment's items by where they stand, as of `today` (see commitments.rules.ts). */
function itemCounts(today: string) {
  return [
    sql<number>`(select count(*) from commitment_items i where i.commitment_id = c.id)`.as('items'),
    sql<number>`(select count(*) from commitment_items i where i.commitment_id = c.id and i.status = 'done' and i.done_on <= i.deadline)`.as('kept'),
    sql<number>`(select count(*) from commitment_items i where i.commitment_id = c.id and (i.status in ('done','not_done') or (i.status = 'in_progress' and i.deadline < ${today}::date)))`.as('due'),
    sql<number>`(select count(*) from commitment_items i where i.commitment_id = c.id and i.status = 'in_progress' and i.deadline < ${today}::date)`.as('overdue'),
    sql<number>`(select count(*) from commitment_items i where i.commitment_id = c.id and i.status = 'in_progress')`.as('open'),
  ];
}

export interface ListFilter {
  subtreePath?: string | undefined;
  year?: number | undefined;
  makerType?: string | undefined;
  status?: 'open' | 'overdue' | 'settled' | undefined;
  memberId?: number | undefined;
  limit: number;
}

/** Commitments in a subtree (inside the scope), newest year first, organizations before members. */
export async function listCommitments(db: Db, scope: Scope, f: ListFilter, today: string) {
  let q = base(db)
    .select([...columns, ...itemCounts(today)])
    .where(visible(scope));
  if (f.subtreePath) q = q.where(sql<boolean>`o.path <@ ${f.subtreePath}::ltree`);
  if (f.year !== undefined) q = q.where('c.year', '=', f.year);
  if (f.makerType) q = q.where('c.maker_type', '=', f.makerType);
  if (f.memberId !== undefined) q = q.where('c.member_id', '=', f.memberId);
  if (f.status === 'open') q = q.where(sql<boolean>`exists (select 1 from commitment_items i where i.commitment_id = c.id and i.status = 'in_progress')`);
  if (f.status === 'overdue') q = q.where(sql<boolean>`exists (select 1 from commitment_items i where i.commitment_id = c.id and i.status = 'in_progress' and i.deadline < ${today}::date)`);
  if (f.status === 'settled') q = q.where(sql<boolean>`not exists (select 1 from commitment_items i where i.commitment_id = c.id and i.status = 'in_progress')`);
  return q.orderBy('c.year', 'desc').orderBy('c.maker_type', 'desc').orderBy(sql`nlevel(o.path)`).orderBy('o.sort_order').orderBy('c.id').limit(f.limit).execute();
}
export type CommitmentRow = Awaited<ReturnType<typeof listCommitments>>[number];

/** One commitment the caller may see; `lock` serializes writes on it. */
export async function findCommitment(db: Db, scope: Scope, id: number, today: string, lock = false) {
  let q = base(db).select([...columns, ...itemCounts(today)]).where('c.id', '=', id).where(visible(scope));
  if (lock) q = q.forUpdate('c');
  return q.executeTakeFirst();
}

export async function items(db: Db, commitmentId: number) {
  return db.selectFrom('commitment_items').selectAll().where('commitment_id', '=', commitmentId).orderBy('deadline').orderBy('id').execute();
}
export type ItemRow = Awaited<ReturnType<typeof items>>[number];

export async function progressOf(db: Db, itemIds: number[]) {
  if (itemIds.length === 0) return [];
  return db.selectFrom('commitment_progress').select(['id', 'item_id', 'noted_on', 'text', 'recorded_by_name']).where('item_id', 'in', itemIds).orderBy('noted_on').orderBy('id').execute();
}

export async function evaluations(db: Db, commitmentId: number) {
  return db
    .selectFrom('commitment_evaluations as e')
    .leftJoin('members as m', 'm.id', 'e.member_id')
    .select(['e.id', 'e.held_on', 'e.evaluator_type', 'e.member_id', 'm.name as member_name', 'e.satisfied', 'e.basic', 'e.dissatisfied', 'e.note', 'e.recorded_by_name'])
    .where('e.commitment_id', '=', commitmentId)
    .orderBy('e.held_on')
    .orderBy('e.id')
    .execute();
}

export async function insertCommitment(db: Db, row: { org_id: number; maker_type: string; member_id: number | null; year: number; title: string; announced_on: string | null; announce_way: string | null; note: string | null; created_by_name: string }) {
  return db.insertInto('commitments').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateCommitment(db: Db, id: number, patch: { title?: string; announced_on?: string | null; announce_way?: string | null; note?: string | null }) {
  await db.updateTable('commitments').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
}

export interface NewItem {
  content: string;
  category: string;
  deadline: string;
  responsible: string | null;
}

export async function insertItems(db: Db, commitmentId: number, rows: NewItem[]) {
  if (rows.length === 0) return [];
  return db.insertInto('commitment_items').values(rows.map((r) => ({ commitment_id: commitmentId, ...r }))).returning('id').execute();
}

/** One item with its commitment, if the caller may see the commitment; `lock` locks the item. */
export async function findItem(db: Db, scope: Scope, itemId: number, lock = false) {
  let q = db
    .selectFrom('commitment_items as i')
    .innerJoin('commitments as c', 'c.id', 'i.commitment_id')
    .innerJoin('organizations as o', 'o.id', 'c.org_id')
    .selectAll('i')
    .select(['c.org_id', 'o.path as org_path', 'c.maker_type', 'c.member_id', 'c.year'])
    .where('i.id', '=', itemId)
    .where(visible(scope));
  if (lock) q = q.forUpdate('i');
  return q.executeTakeFirst();
}

export async function updateItem(
  db: Db,
  id: number,
  patch: { content?: string; category?: string; deadline?: string; responsible?: string | null; status?: string; done_on?: string | null; done_note?: string | null; reason?: string | null; status_on?: string | null },
) {
  await db.updateTable('commitment_items').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function insertProgress(db: Db, row: { item_id: number; noted_on: string; text: string; recorded_by_name: string }) {
  return db.insertInto('commitment_progress').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function insertEvaluation(db: Db, row: { commitment_id: number; held_on: string; evaluator_type: string; member_id: number | null; satisfied: number; basic: number; dissatisfied: number; note: string | null; recorded_by_name: string }) {
  return db.insertInto('commitment_evaluations').values(row).returning('id').executeTakeFirstOrThrow();
}

/** A member's own rating: one ballot per commitment, a second replaces the first. */
export async function upsertMemberRating(db: Db, row: { commitment_id: number; held_on: string; member_id: number; satisfied: number; basic: number; dissatisfied: number; recorded_by_name: string }) {
  return db
    .insertInto('commitment_evaluations')
    .values({ ...row, evaluator_type: 'member', note: null })
    .onConflict((oc) => oc.constraint('commitment_evaluations_member_once').doUpdateSet({ held_on: row.held_on, satisfied: row.satisfied, basic: row.basic, dissatisfied: row.dissatisfied, recorded_by_name: row.recorded_by_name }))
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function findEvaluation(db: Db, commitmentId: number, id: number) {
  return db.selectFrom('commitment_evaluations').selectAll().where('commitment_id', '=', commitmentId).where('id', '=', id).executeTakeFirst();
}

export async function deleteEvaluation(db: Db, id: number) {
  await db.deleteFrom('commitment_evaluations').where('id', '=', id).execute();
}

/** Open items in a subtree (inside the scope) due on or before `until`, for reminders; a member's own only when given. */
export async function openItemsDue(db: Db, scope: Scope, subtreePath: string, until: string, memberId: number | undefined, limit: number) {
  let q = db
    .selectFrom('commitment_items as i')
    .innerJoin('commitments as c', 'c.id', 'i.commitment_id')
    .innerJoin('organizations as o', 'o.id', 'c.org_id')
    .leftJoin('members as m', 'm.id', 'c.member_id')
    .select(['i.id', 'i.content', 'i.deadline', 'c.id as commitment_id', 'c.maker_type', 'c.member_id', 'm.name as member_name', 'c.org_id', 'o.name as org_name'])
    .where(visible(scope))
    .where('i.status', '=', 'in_progress')
    .where('i.deadline', '<=', until);
  if (subtreePath) q = q.where(sql<boolean>`o.path <@ ${subtreePath}::ltree`);
  if (memberId !== undefined) q = q.where('c.member_id', '=', memberId);
  return q.orderBy('i.deadline').orderBy('i.id').limit(limit).execute();
}
