import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The facts the setup rules look at, for one organization, as of a date. */
export async function setupFacts(db: Kysely<DB>, orgId: number, path: string, onDate: string) {
  const r = await sql<{
    direct_members: number;
    direct_full: number;
    subtree_members: number;
    committee_posts: number;
    units: number;
  }>`
    select
      (select count(*) from members where org_id = ${orgId} and left_on is null and joined_on <= ${onDate}::date) as direct_members,
      (select count(*) from members where org_id = ${orgId} and left_on is null and full_member_on <= ${onDate}::date) as direct_full,
      (select count(*) from members m where m.left_on is null and m.org_id in (select id from organizations where path <@ ${path}::ltree and status = 'active')) as subtree_members,
      (select count(*) from org_posts where org_id = ${orgId} and started_on <= ${onDate}::date and (ended_on is null or ended_on > ${onDate}::date)
         and post in ('secretary','deputy_secretary','organization','propaganda','discipline','youth','women','committee_member')) as committee_posts,
      (select count(*) from organization_units where org_id = ${orgId}) as units`.execute(db);
  return r.rows[0]!;
}

/** Units this organization is responsible for that have enough members but no organization. */
export async function unitsWithoutOrganization(db: Kysely<DB>, path: string, minMembers: number) {
  const r = await sql<{ id: number; name: string; members: number }>`
    select u.id, u.name, count(m.id)::int as members
    from units u
    join organizations o on o.id = u.org_id and o.path <@ ${path}::ltree
    join members m on m.unit_id = u.id and m.left_on is null
    where u.dissolved_on is null and not exists (select 1 from organization_units ou where ou.unit_id = u.id)
    group by u.id, u.name having count(m.id) >= ${minMembers}
    order by members desc limit 50`.execute(db);
  return r.rows;
}
