import { sql, type Kysely, type Transaction } from 'kysely';
import type { Insertable, Updateable } from 'kysely';
import type { DB, OrganizationTable } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';
import { anchorOf, isAnchorLevel, retally } from '../statistics/tallies.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

const childCount = sql<number>`(select count(*) from organizations c where c.parent_id = o.id and c.status = 'active')`.as('child_count');
const nodeColumns = ['o.id', 'o.parent_id', 'o.code', 'o.name', 'o.kind', 'o.level', 'o.domain', 'o.path'] as const;

/** One organization, only if it lies inside the scope. */
export async function findOrg(db: Db, scope: Scope, id: number) {
  return db.selectFrom('organizations as o').selectAll('o').select(childCount).where('o.id', '=', id).where(orgPathInScope(scope, 'o.path')).executeTakeFirst();
}

/** The top of what the scope sees: the scope's own organization, or every root for `all`. */
export async function listRoots(db: Db, scope: Scope) {
  const q = db.selectFrom('organizations as o').select([...nodeColumns, childCount]);
  return (scope.kind === 'all' ? q.where('o.parent_id', 'is', null) : q.where('o.id', '=', scope.orgId)).orderBy('o.sort_order').orderBy('o.id').execute();
}

/** Direct children in display order (the parent's scope check is the caller's). */
export async function listChildren(db: Db, parentId: number, offset: number, limit: number) {
  const [items, total] = await Promise.all([
    db.selectFrom('organizations as o').select([...nodeColumns, childCount]).where('o.parent_id', '=', parentId).where('o.status', '=', 'active').orderBy('o.sort_order').orderBy('o.id').offset(offset).limit(limit).execute(),
    db.selectFrom('organizations').select(sql<number>`count(*)`.as('n')).where('parent_id', '=', parentId).where('status', '=', 'active').executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/** Ancestors of a path that are inside the scope, root first (for breadcrumbs). */
export async function listAncestors(db: Db, scope: Scope, path: string) {
  return db
    .selectFrom('organizations as o')
    .select(['o.id', 'o.name'])
    .where(sql<boolean>`o.path @> ${path}::ltree and o.path <> ${path}::ltree`)
    .where(orgPathInScope(scope, 'o.path'))
    .orderBy(sql`nlevel(o.path)`)
    .execute();
}

/**
 * Organization and member counts of a subtree. A subtree rooted at a tally anchor (township and
 * above) counts its members from `member_tallies`: every member below it is counted at an anchor
 * inside it, so the sum over those anchors is exact and reads a few hundred rows however large
 * the subtree. Below a township the ids-first count on the members index is already small.
 */
export async function subtreeCounts(db: Db, orgId: number, path: string, level?: string) {
  const members = isAnchorLevel(level)
    ? sql<number>`(with s as materialized (select anchor_id, sum(n) as n from member_tallies group by 1)
        select coalesce(sum(s.n), 0)::int from s join organizations a on a.id = s.anchor_id where a.path <@ ${path}::ltree)`
    : // ids first, then the members index (decision 0002: a join here misestimates and scans)
      sql<number>`(select count(*) from members m where m.left_on is null and m.org_id = any(array(select id from organizations where path <@ ${path}::ltree)))`;
  const r = await db
    .selectNoFrom([
      sql<number>`(select count(*) from organizations where path <@ ${path}::ltree and status = 'active')`.as('orgs'),
      members.as('members'),
      sql<number>`(select count(*) from members where org_id = ${orgId} and left_on is null)`.as('direct'),
    ])
    .executeTakeFirstOrThrow();
  return r;
}

/** Name (substring, trigram-indexed) or code (prefix) search inside the scope. */
export async function searchOrgs(db: Db, scope: Scope, q: string, limit: number) {
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  const like = `%${escaped}%`;
  const rows = await db
    .selectFrom('organizations as o')
    .select([...nodeColumns, childCount])
    .select(sql<string[]>`(select array_agg(a.name order by nlevel(a.path)) from organizations a where a.path @> o.path and a.path <> o.path)`.as('path_names'))
    // Two index lookups (name trigrams, code prefix) instead of one OR, which the PostgreSQL
    // planner answers with a scan of the whole table (72 ms on 100,000 organizations).
    .where('o.id', 'in', (eb) =>
      eb
        .selectFrom('organizations')
        .select('id')
        .where('name', 'ilike', like)
        .unionAll(eb.selectFrom('organizations').select('id').where('code', 'like', `${escaped}%`)),
    )
    .where(orgPathInScope(scope, 'o.path'))
    .where('o.status', '=', 'active')
    .orderBy(sql`nlevel(o.path)`)
    .orderBy('o.name')
    .limit(limit)
    .execute();
  return rows;
}

/**
 * One page of a subtree's active organizations for export, parents before children (ltree
 * order), keyset on the path; with the parent's code so the rows import back unchanged.
 */
export async function exportOrgPage(db: Db, scope: Scope, rootPath: string, afterPath: string | null, limit: number) {
  let q = db
    .selectFrom('organizations as o')
    .leftJoin('organizations as p', 'p.id', 'o.parent_id')
    .select(['o.id', 'o.path', 'o.code', 'o.name', 'o.kind', 'o.level', 'o.domain', 'o.division_code', 'o.urban_rural', 'o.established_on', 'p.code as parent_code', 'p.name as parent_name'])
    .where(sql<boolean>`o.path <@ ${rootPath}::ltree`)
    .where(orgPathInScope(scope, 'o.path'))
    .where('o.status', '=', 'active');
  if (afterPath !== null) q = q.where(sql<boolean>`o.path > ${afterPath}::ltree`);
  return q.orderBy('o.path').limit(limit).execute();
}

export async function nextOrgId(db: Db): Promise<number> {
  const r = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('organizations', 'id'))::int as id`.execute(db);
  return r.rows[0]!.id;
}

export type NewOrg = Insertable<OrganizationTable> & { id: number };

export async function insertOrg(db: Db, org: NewOrg) {
  await db.insertInto('organizations').values(org).execute();
}

export async function updateOrg(db: Db, id: number, patch: Omit<Updateable<OrganizationTable>, 'id' | 'path' | 'parent_id'>) {
  await db.updateTable('organizations').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
}

/**
 * Move a subtree under a new parent: one UPDATE rewrites every descendant's path
 * (new parent path + the subtree's own suffix). Runs inside the caller's transaction.
 */
export async function moveSubtree(db: Db, id: number, oldPath: string, newParentId: number, newParentPath: string) {
  const anchorBefore = await anchorOf(db, oldPath);
  await db.updateTable('organizations').set({ parent_id: newParentId }).where('id', '=', id).execute();
  const r = await db
    .updateTable('organizations')
    .set({ path: sql`${newParentPath}::ltree || subpath(path, nlevel(${oldPath}::ltree) - 1)`, updated_at: new Date() })
    .where(sql<boolean>`path <@ ${oldPath}::ltree`)
    .executeTakeFirst();
  // Members below a village-level root now count under another township's (or county's) tallies.
  const anchorAfter = await anchorOf(db, `${newParentPath}.${id}`);
  if (anchorAfter !== anchorBefore) await retally(db, [anchorBefore, anchorAfter]);
  return Number(r.numUpdatedRows);
}
