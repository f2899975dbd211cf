import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * `member_tallies` (migration 20261201T1450): current members counted by tally anchor (nearest
 * province/city/county/township ancestor-or-self) × gender × education × status, kept current by
 * triggers on `members`. Only organization moves need help from here.
 */

/** Levels that are tally anchors; a roll-up can group by any of them. */
export const ANCHOR_LEVELS = ['province', 'city', 'county', 'township'] as const;
export type AnchorLevel = (typeof ANCHOR_LEVELS)[number];
export const isAnchorLevel = (level: string | undefined): level is AnchorLevel => (ANCHOR_LEVELS as readonly string[]).includes(level ?? '');

/** The tally anchor of an organization path. */
export async function anchorOf(db: Db, path: string): Promise<number> {
  const r = await sql<{ a: number }>`select tc_tally_anchor(${path}::ltree) as a`.execute(db);
  return Number(r.rows[0]!.a);
}

/**
 * Recount the tallies of some anchors from the members table: after a subtree moved between
 * anchors, its members count under a different key. Reads the anchors' subtrees only.
 */
export async function retally(db: Db, anchorIds: number[]): Promise<void> {
  const ids = [...new Set(anchorIds)];
  if (ids.length === 0) return;
  await sql`delete from member_tallies where anchor_id = any(${sql.val(ids)}::int[])`.execute(db);
  await sql`
    insert into member_tallies (anchor_id, gender, education, status, n)
    select x.anchor_id, m.gender, m.education, m.status, count(*)::int
    from (
      select distinct o.id, tc_tally_anchor(o.path) as anchor_id
      from organizations a join organizations o on o.path <@ a.path
      where a.id = any(${sql.val(ids)}::int[])
    ) x
    join members m on m.org_id = x.id and m.left_on is null
    where x.anchor_id = any(${sql.val(ids)}::int[])
    group by 1, 2, 3, 4 order by 1, 2, 3, 4`.execute(db);
}

/**
 * Count every tally again from the members table (after a restore or a bulk load). Each
 * organization's anchor is found once, set-based (its deepest anchor-level ancestor through the
 * GiST path index), and the members are grouped straight into anchors: one pass over members.
 */
export async function rebuildTallies(db: Db): Promise<void> {
  await sql`delete from member_tallies`.execute(db);
  await sql`
    with anchors as (
      select distinct on (o.id) o.id as org_id, a.id as anchor_id
      from organizations a join organizations o on o.path <@ a.path
      where a.level in ('province', 'city', 'county', 'township')
      order by o.id, nlevel(a.path) desc
    ), orgs as (
      select o.id as org_id, coalesce(x.anchor_id, ltree2text(subpath(o.path, 0, 1))::int) as anchor_id
      from organizations o left join anchors x on x.org_id = o.id
    )
    insert into member_tallies (anchor_id, gender, education, status, n)
    select g.anchor_id, m.gender, m.education, m.status, count(*)::int
    from members m join orgs g on g.org_id = m.org_id
    where m.left_on is null
    group by 1, 2, 3, 4`.execute(db);
}

export interface RollupCell {
  org_id: number;
  gender: string;
  education: string;
  status: string;
  n: number;
}

/**
 * Current members by gender × education × status for every organization of `level` inside the
 * subtree at `path` (and the scope), from the tallies: one row per non-empty cell. A county's
 * figure is the sum of the anchors in its subtree (its townships and itself): each anchor finds
 * its ancestor of that level through its path labels (primary-key look-ups, once per anchor),
 * so the cost grows with the number of anchors, not with organizations or members.
 */
export async function rollupByLevel(db: Db, scope: Scope, path: string, level: AnchorLevel): Promise<RollupCell[]> {
  const r = await sql<RollupCell>`
    with anchors as materialized (
      select distinct anchor_id from member_tallies where n <> 0
    ), grouping as materialized (
      select x.anchor_id, g.id as org_id
      from anchors x
      join organizations a on a.id = x.anchor_id
      join organizations g on g.id = any(string_to_array(ltree2text(a.path), '.')::int[]) and g.level = ${level}
      where g.path <@ ${path}::ltree and ${orgPathInScope(scope, 'g.path')}
    )
    select p.org_id, t.gender, t.education, t.status, sum(t.n)::int as n
    from member_tallies t join grouping p on p.anchor_id = t.anchor_id
    where t.n <> 0
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4`.execute(db);
  return r.rows.map((x) => ({ ...x, n: Number(x.n) }));
}

/** The organizations of `level` in the subtree (and the scope), with names, for labelling a roll-up. */
export async function levelOrgs(db: Db, scope: Scope, path: string, level: AnchorLevel) {
  return db
    .selectFrom('organizations as o')
    .select(['o.id', 'o.code', 'o.name'])
    .where('o.level', '=', level)
    .where(sql<boolean>`o.path <@ ${path}::ltree`)
    .where(orgPathInScope(scope, 'o.path'))
    .where('o.status', '=', 'active')
    .orderBy('o.path')
    .execute();
}
