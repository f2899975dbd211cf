import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Which organizations a history write covers: explicit ids, or a whole subtree by path. */
export type OrgSet = { ids: number[] } | { subtree: string };

function orgIds(set: OrgSet) {
  return 'ids' in set
    ? sql`select unnest(${sql.val(set.ids)}::int[])`
    : sql`select id from organizations where path <@ ${set.subtree}::ltree`;
}

/** Latest start date among the open versions of the set (a change may not be dated before it). */
export async function latestVersionStart(db: Db, set: OrgSet): Promise<string | null> {
  const r = await sql<{ d: string | null }>`select max(valid_from)::text as d from org_versions where valid_to is null and org_id in (${orgIds(set)})`.execute(db);
  return r.rows[0]?.d ?? null;
}

/**
 * Record the current state of the set as of `effectiveOn`: close their open versions at that date
 * and open new ones copied from `organizations` (dissolved organizations get no new version).
 * A second change on the same day replaces that day's version.
 */
export async function snapshotVersions(db: Db, set: OrgSet, effectiveOn: string) {
  const ids = orgIds(set);
  await sql`delete from org_versions where valid_to is null and valid_from = ${effectiveOn}::date and org_id in (${ids})`.execute(db);
  await sql`update org_versions set valid_to = ${effectiveOn}::date where valid_to is null and org_id in (${ids})`.execute(db);
  await sql`
    insert into org_versions (org_id, valid_from, parent_id, path, name, kind, level, domain, urban_rural, division_code)
    select id, ${effectiveOn}::date, parent_id, path, name, kind, level, domain, urban_rural, division_code
    from organizations where status = 'active' and id in (${ids})`.execute(db);
}

export async function recordEvent(db: Db, e: { orgId: number; kind: string; effectiveOn: string; summary: string; details?: unknown; actorName: string }) {
  await db
    .insertInto('org_events')
    .values({ org_id: e.orgId, kind: e.kind, effective_on: e.effectiveOn, summary: e.summary, details: e.details === undefined ? null : JSON.stringify(e.details), actor_name: e.actorName })
    .execute();
}

export async function listEvents(db: Db, orgId: number) {
  return db.selectFrom('org_events').select(['id', 'kind', 'effective_on', 'summary', 'details', 'actor_name', 'created_at']).where('org_id', '=', orgId).orderBy('effective_on', 'desc').orderBy('id', 'desc').execute();
}

/**
 * Move the direct members of `fromOrgIds` to `toOrgId` as of a date, keeping their periods:
 * the open period ends at the date and a new one starts there.
 */
export async function moveMembers(db: Db, fromOrgIds: number[], toOrgId: number, effectiveOn: string, memberIds?: number[]) {
  const filter = memberIds ? sql`and m.id = any(${sql.val(memberIds)}::int[])` : sql``;
  const moved = await sql<{ id: number }>`
    update members m set org_id = ${toOrgId}, updated_at = now()
    where m.org_id = any(${sql.val(fromOrgIds)}::int[]) and m.left_on is null ${filter}
    returning m.id`.execute(db);
  const ids = moved.rows.map((r) => r.id);
  if (ids.length === 0) return 0;
  await sql`delete from member_periods where valid_to is null and valid_from = ${effectiveOn}::date and member_id = any(${sql.val(ids)}::int[])`.execute(db);
  await sql`update member_periods set valid_to = ${effectiveOn}::date where valid_to is null and member_id = any(${sql.val(ids)}::int[])`.execute(db);
  await sql`insert into member_periods (member_id, org_id, valid_from) select unnest(${sql.val(ids)}::int[]), ${toOrgId}, ${effectiveOn}::date`.execute(db);
  return ids.length;
}

/** Members (not left) directly in an organization, and active children. */
export async function occupancy(db: Db, orgId: number) {
  const r = await db
    .selectNoFrom([
      sql<number>`(select count(*) from members where org_id = ${orgId} and left_on is null)`.as('members'),
      sql<number>`(select count(*) from organizations where parent_id = ${orgId} and status = 'active')`.as('children'),
    ])
    .executeTakeFirstOrThrow();
  return r;
}

/** Latest start of an open membership period among the direct members of these organizations. */
export async function latestMemberPeriodStart(db: Db, orgIds: number[]): Promise<string | null> {
  const r = await sql<{ d: string | null }>`
    select max(p.valid_from)::text as d from member_periods p join members m on m.id = p.member_id
    where p.valid_to is null and m.org_id = any(${sql.val(orgIds)}::int[])`.execute(db);
  return r.rows[0]?.d ?? null;
}
