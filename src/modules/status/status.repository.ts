import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB, MemberStatusRecordTable } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** The member row inside the scope (self scope: only oneself), locked when writing. */
export async function findMemberForUpdate(db: Db, scope: Scope, id: number) {
  let q = db
    .selectFrom('members as m')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.name', 'm.org_id', 'm.joined_on', 'm.left_on', 'm.left_reason', 'o.path as org_path'])
    .where('m.id', '=', id)
    .where(orgPathInScope(scope, 'o.path'))
    .forUpdate('m');
  if (scope.kind === 'self') q = q.where('m.id', '=', scope.memberId ?? -1);
  return q.executeTakeFirst();
}

/** A member's records, oldest first, with what reversed or restored each and its legal basis. */
export async function listRecords(db: Db, memberId: number) {
  return db
    .selectFrom('member_status_records as s')
    .innerJoin('organizations as o', 'o.id', 's.org_id')
    .leftJoin('rules as r', (j) => j.onRef('r.code', '=', 's.rule_code').onRef('r.version', '=', 's.rule_version'))
    .selectAll('s')
    .select([
      'o.name as org_name',
      'r.source as legal_basis',
      sql<number | null>`(select x.id from member_status_records x where x.relates_to_id = s.id and x.kind = 'reversal')`.as('reversed_by_id'),
      sql<number | null>`(select min(x.id) from member_status_records x where x.relates_to_id = s.id and x.kind = 'restore'
        and not exists (select 1 from member_status_records y where y.relates_to_id = x.id and y.kind = 'reversal'))`.as('restored_by_id'),
    ])
    .where('s.member_id', '=', memberId)
    .orderBy('s.effective_on')
    .orderBy('s.id')
    .execute();
}
export type RecordRow = Awaited<ReturnType<typeof listRecords>>[number];

export async function insertRecord(db: Db, row: Insertable<MemberStatusRecordTable>) {
  return db.insertInto('member_status_records').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Start of the member's open membership period (a record ending it cannot be dated earlier). */
export async function openPeriodStart(db: Db, memberId: number): Promise<string | null> {
  const r = await db.selectFrom('member_periods').select('valid_from').where('member_id', '=', memberId).where('valid_to', 'is', null).executeTakeFirst();
  return r?.valid_from ?? null;
}

/**
 * End the membership on a date: members.left_on / left_reason, and the open period closed there,
 * so "as of" counts include the member the day before and not from that day.
 */
export async function endMembership(db: Db, memberId: number, on: string, reason: string) {
  await db.updateTable('members').set({ left_on: on, left_reason: reason, updated_at: new Date() }).where('id', '=', memberId).execute();
  // A period opened that very day has no days left: drop it (the previous one ends on the day).
  await db.deleteFrom('member_periods').where('member_id', '=', memberId).where('valid_to', 'is', null).where('valid_from', '=', on).execute();
  await db.updateTable('member_periods').set({ valid_to: on }).where('member_id', '=', memberId).where('valid_to', 'is', null).execute();
}

/** Undo endMembership (a reversal of the record that ended it): the period continues in the current organization. */
export async function restoreMembership(db: Db, memberId: number, orgId: number, leftOn: string) {
  await db.updateTable('members').set({ left_on: null, left_reason: null, updated_at: new Date() }).where('id', '=', memberId).execute();
  const reopened = await db.updateTable('member_periods').set({ valid_to: null }).where('member_id', '=', memberId).where('valid_to', '=', leftOn).where('org_id', '=', orgId).executeTakeFirst();
  if (Number(reopened.numUpdatedRows) === 0) await db.insertInto('member_periods').values({ member_id: memberId, org_id: orgId, valid_from: leftOn }).execute();
}

/** 留党察看 periods ending (however long ago, until restored) and allowance periods ending since `from`, in a subtree (for reminders). */
export async function periodsEnding(db: Db, scope: Scope, subtreePath: string, from: string, until: string, memberId: number | undefined, limit: number) {
  let q = db
    .selectFrom('member_status_records as s')
    .innerJoin('members as m', 'm.id', 's.member_id')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .select(['s.id', 's.kind', 's.subtype', 's.effective_on', 's.ends_on', 's.amount_fen', 'm.id as member_id', 'm.name as member_name', 'o.id as org_id', 'o.name as org_name'])
    .where(orgPathInScope(scope, 'o.path'))
    .where(sql<boolean>`o.path <@ ${subtreePath}::ltree`)
    .where('m.left_on', 'is', null)
    .where((eb) => eb.or([eb.and([eb('s.kind', '=', 'discipline'), eb('s.subtype', '=', 'probation')]), eb('s.kind', '=', 'allowance')]))
    .where((eb) => eb.or([eb('s.kind', '=', 'discipline'), eb('s.ends_on', '>=', from)]))
    .where('s.ends_on', '<=', until)
    // not reversed, not followed by a restoration (probation) or a later allowance period
    .where(sql<boolean>`not exists (select 1 from member_status_records x where x.relates_to_id = s.id and x.kind in ('reversal', 'restore'))`)
    .where(sql<boolean>`not exists (select 1 from member_status_records x where s.kind = 'allowance' and x.member_id = s.member_id and x.kind = 'allowance' and x.effective_on > s.effective_on
      and not exists (select 1 from member_status_records y where y.relates_to_id = x.id and y.kind = 'reversal'))`);
  if (scope.kind === 'self') q = q.where('m.id', '=', scope.memberId ?? -1);
  if (memberId !== undefined) q = q.where('m.id', '=', memberId);
  return q.orderBy('s.ends_on').orderBy('s.id').limit(limit).execute();
}
