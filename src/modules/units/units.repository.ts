import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { DB, UnitTable } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';

type Db = Kysely<DB> | Transaction<DB>;

const columns = ['u.id', 'u.code', 'u.name', 'u.kind', 'u.org_id', 'o.name as org_name', 'o.path as org_path', 'u.division_code', 'u.urban_rural', 'u.employees', 'u.established_on', 'u.dissolved_on'] as const;

/** Units whose responsible organization lies in the scope. */
function scoped(db: Db, scope: Scope) {
  return db.selectFrom('units as u').innerJoin('organizations as o', 'o.id', 'u.org_id').where(orgPathInScope(scope, 'o.path'));
}

const memberCount = sql<number>`(select count(*) from members m where m.unit_id = u.id and m.left_on is null)`.as('members');
const orgCount = sql<number>`(select count(*) from organization_units ou where ou.unit_id = u.id)`.as('orgs');

export async function findUnit(db: Db, scope: Scope, id: number) {
  return scoped(db, scope).select([...columns, memberCount, orgCount]).where('u.id', '=', id).executeTakeFirst();
}

export async function listUnits(db: Db, scope: Scope, f: { subtreePath?: string | undefined; q?: string | undefined; withoutOrg?: boolean; offset: number; limit: number }) {
  let q = scoped(db, scope);
  if (f.subtreePath) q = q.where(sql<boolean>`o.path <@ ${f.subtreePath}::ltree`);
  if (f.q) q = q.where('u.name', 'like', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.withoutOrg) q = q.where(sql<boolean>`not exists (select 1 from organization_units ou where ou.unit_id = u.id)`);
  const [items, total] = await Promise.all([
    q.select([...columns, memberCount, orgCount]).orderBy('u.id').offset(f.offset).limit(f.limit).execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export async function insertUnit(db: Db, row: Insertable<UnitTable>) {
  return db.insertInto('units').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateUnit(db: Db, id: number, patch: Updateable<UnitTable>) {
  await db.updateTable('units').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
}

/** Units an organization is set up in (primary first). */
export async function unitsOfOrg(db: Db, orgId: number) {
  return db
    .selectFrom('organization_units as ou')
    .innerJoin('units as u', 'u.id', 'ou.unit_id')
    .innerJoin('organizations as o', 'o.id', 'u.org_id')
    .select([...columns, 'ou.is_primary', memberCount, orgCount])
    .where('ou.org_id', '=', orgId)
    .orderBy('ou.is_primary', 'desc')
    .orderBy('u.id')
    .execute();
}

export async function replaceOrgUnits(db: Db, orgId: number, unitIds: number[], primaryId: number | null) {
  await db.deleteFrom('organization_units').where('org_id', '=', orgId).execute();
  if (unitIds.length) await db.insertInto('organization_units').values(unitIds.map((u) => ({ org_id: orgId, unit_id: u, is_primary: u === primaryId }))).execute();
}
