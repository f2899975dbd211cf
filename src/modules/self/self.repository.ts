import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * The member a self-service caller is: their record and its current organization. A member's
 * scope is their own record (`m.id` from the session), so one moved to another branch still
 * finds it; nobody else's row can be reached through this query.
 */
export async function selfMember(db: Db, memberId: number) {
  return db
    .selectFrom('members as m')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .selectAll('m')
    .select(['o.name as org_name', 'o.path as org_path', 'o.code as org_code', 'o.kind as org_kind'])
    .where('m.id', '=', memberId)
    .executeTakeFirst();
}

/** The member's organization memberships over time (member_periods), newest first. */
export async function selfPeriods(db: Db, memberId: number) {
  return db
    .selectFrom('member_periods as p')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .select(['p.org_id', 'o.name as org_name', 'p.valid_from', 'p.valid_to'])
    .where('p.member_id', '=', memberId)
    .orderBy('p.valid_from', 'desc')
    .execute();
}

