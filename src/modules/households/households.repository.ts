import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Households of an organization (village, grid or group) with the members who keep in touch with them. */
export async function listHouseholds(db: Db, orgId: number) {
  return db
    .selectFrom('households as h')
    .select([
      'h.id',
      'h.head_name',
      'h.address',
      'h.size',
      sql<{ id: number; name: string; since: string }[]>`coalesce((select json_agg(json_build_object('id', m.id, 'name', m.name, 'since', mh.since) order by m.id)
        from member_households mh join members m on m.id = mh.member_id where mh.household_id = h.id), '[]'::json)`.as('members'),
    ])
    .where('h.org_id', '=', orgId)
    .orderBy('h.id')
    .execute();
}

export async function findHousehold(db: Db, scope: Scope, id: number) {
  return db
    .selectFrom('households as h')
    .innerJoin('organizations as o', 'o.id', 'h.org_id')
    .select(['h.id', 'h.org_id', 'h.head_name', 'o.path as org_path'])
    .where('h.id', '=', id)
    .where(orgPathInScope(scope, 'o.path'))
    .executeTakeFirst();
}

export async function insertHousehold(db: Db, h: { orgId: number; headName: string; address: string | null; size: number | null }) {
  return db.insertInto('households').values({ org_id: h.orgId, head_name: h.headName, address: h.address, size: h.size }).returning('id').executeTakeFirstOrThrow();
}

export async function linkMember(db: Db, householdId: number, memberId: number, since: string) {
  await db
    .insertInto('member_households')
    .values({ household_id: householdId, member_id: memberId, since })
    .onConflict((oc) => oc.columns(['member_id', 'household_id']).doUpdateSet({ since }))
    .execute();
}
