import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';
import { AGE_BAND_FROM, GRADUATE_EDUCATION } from './statistics.codes.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Where the figures come from.
 * - `current` (the as-of date is today): the live tables — `organizations.path` (GiST `<@`),
 *   `members.org_id`. The scope is part of the query as everywhere else.
 * - `history` (a past date): `org_versions` valid on the date (the subtree under the root's path
 *   *on that date*, GiST `<@` on org_versions.path) and `member_periods` valid on the date. The
 *   caller has checked that the root lies in the scope today; the subtree is then the root's own
 *   history, including organizations that have been moved elsewhere since.
 */
export type Source = { kind: 'current'; scope: Scope; path: string; asOf: string } | { kind: 'history'; orgId: number; asOf: string };

/** A version or period row valid on day d: valid_from <= d < valid_to (open-ended when null). */
function validOn(alias: string, d: string) {
  return sql<boolean>`${sql.ref(`${alias}.valid_from`)} <= ${d}::date and (${sql.ref(`${alias}.valid_to`)} is null or ${sql.ref(`${alias}.valid_to`)} > ${d}::date)`;
}

/** On the register on day d: joined on or before it, not left by it. */
function onRegister(d: string) {
  return sql<boolean>`m.joined_on <= ${d}::date and (m.left_on is null or m.left_on > ${d}::date)`;
}

/** The organizations of the subtree active on the date (the root included): id, code, name, kind, level, domain, urban_rural, path. */
function orgSet(src: Source): RawBuilder<unknown> {
  if (src.kind === 'current') {
    return sql`
      select o.id, o.code, o.name, o.kind, o.level, o.domain, o.urban_rural, o.path
      from organizations o
      where o.path <@ ${src.path}::ltree and o.status = 'active' and ${orgPathInScope(src.scope, 'o.path')}`;
  }
  return sql`
    select v.org_id as id, c.code, v.name, v.kind, v.level, v.domain, v.urban_rural, v.path
    from org_versions v join organizations c on c.id = v.org_id
    where v.path <@ (select r.path from org_versions r where r.org_id = ${src.orgId} and ${validOn('r', src.asOf)})
      and ${validOn('v', src.asOf)}`;
}

/** The members of the org set `o` on the date, with their organization's path (for village roll-ups). */
function memberSet(src: Source): RawBuilder<unknown> {
  const cols = sql`m.id, m.gender, m.ethnicity, m.birth_date, m.education, m.category, m.household, m.full_member_on, o.path`;
  if (src.kind === 'current') return sql`select ${cols} from o join members m on m.org_id = o.id where ${onRegister(src.asOf)}`;
  return sql`
    select ${cols} from o
    join member_periods p on p.org_id = o.id and ${validOn('p', src.asOf)}
    join members m on m.id = p.member_id
    where ${onRegister(src.asOf)}`;
}

export interface DimRow {
  dim: string;
  code: string | null;
  n: number;
}

/** Organizations by kind, domain, urban–rural class and level, and the total: one pass (grouping sets). */
export async function orgBreakdown(db: Db, src: Source): Promise<DimRow[]> {
  const r = await sql<DimRow>`
    with o as (${orgSet(src)})
    select case when grouping(o.kind) = 0 then 'kind' when grouping(o.domain) = 0 then 'domain'
                when grouping(o.urban_rural) = 0 then 'urbanRural' when grouping(o.level) = 0 then 'level' else 'total' end as dim,
           coalesce(o.kind, o.domain, o.urban_rural, o.level) as code,
           count(*)::int as n
    from o
    group by grouping sets ((o.kind), (o.domain), (o.urban_rural), (o.level), ())`.execute(db);
  return r.rows;
}

/** Members by gender, age band, ethnicity, education, category, status and household, and the total: one pass. */
export async function memberBreakdown(db: Db, src: Source): Promise<DimRow[]> {
  const d = src.asOf;
  // Oldest band first: born on or before (d − N years) means N or older on d.
  const ageBand = sql`case ${sql.join(
    [...AGE_BAND_FROM].reverse().map(([code, years]) => sql`when x.birth_date <= (${d}::date - make_interval(years => ${sql.lit(years)}))::date then ${sql.lit(code)}`),
    sql` `,
  )} else 'le30' end`;
  const r = await sql<DimRow>`
    with o as (${orgSet(src)}),
    x as (
      select m.gender, m.ethnicity, m.education, m.category, m.household, m.birth_date,
             case when m.full_member_on <= ${d}::date then 'full' else 'probationary' end as status
      from (${memberSet(src)}) m
    ),
    y as (select x.*, ${ageBand} as age_band from x)
    select case when grouping(y.gender) = 0 then 'gender' when grouping(y.age_band) = 0 then 'ageBand'
                when grouping(y.ethnicity) = 0 then 'ethnicity' when grouping(y.education) = 0 then 'education'
                when grouping(y.category) = 0 then 'category' when grouping(y.status) = 0 then 'status'
                when grouping(y.household) = 0 then 'household' else 'total' end as dim,
           coalesce(y.gender, y.age_band, y.ethnicity, y.education, y.category, y.status, y.household) as code,
           count(*)::int as n
    from y
    group by grouping sets ((y.gender), (y.age_band), (y.ethnicity), (y.education), (y.category), (y.status), (y.household), ())`.execute(db);
  return r.rows;
}

export interface UnitRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  org_id: number;
  org_name: string;
  members: number;
  total_units: number;
  total_members: number;
}

/**
 * Units the subtree's organizations are responsible for, existing on the date, that no
 * organization covers (no `organization_units` row), with their members on the register;
 * the totals cover every such unit, the rows at most `limit`.
 */
export async function unitsWithoutOrg(db: Db, src: Source, limit: number): Promise<UnitRow[]> {
  const d = src.asOf;
  const r = await sql<UnitRow>`
    with o as (${orgSet(src)})
    select u.id, u.code, u.name, u.kind, o.id as org_id, o.name as org_name,
           count(m.id)::int as members,
           (count(*) over ())::int as total_units,
           (sum(count(m.id)) over ())::int as total_members
    from units u
    join o on o.id = u.org_id
    left join members m on m.unit_id = u.id and ${onRegister(d)}
    where (u.established_on is null or u.established_on <= ${d}::date)
      and (u.dissolved_on is null or u.dissolved_on > ${d}::date)
      and not exists (select 1 from organization_units ou where ou.unit_id = u.id)
    group by u.id, o.id, o.name
    order by members desc, u.code
    limit ${limit}`.execute(db);
  return r.rows;
}

export interface VillageRow {
  id: number;
  code: string;
  name: string;
  domain: string;
  members: number;
  graduates: number;
}

/**
 * Every village/community organization of the subtree (level village, domain rural or community)
 * with its members and its college-or-higher members, counted over its own subtree. One pass over
 * the members (counts per organization), then each organization's counts are added to its
 * ancestors by path prefix (`subpath`), which meet the villages in an equality join.
 */
export async function villages(db: Db, src: Source): Promise<VillageRow[]> {
  const r = await sql<VillageRow>`
    with o as (${orgSet(src)}),
    per_org as (
      select m.path, count(*) as n, count(*) filter (where m.education = any(${sql.val([...GRADUATE_EDUCATION])}::text[])) as g
      from (${memberSet(src)}) m
      group by m.path
    ),
    up as (select subpath(p.path, 0, k) as path, p.n, p.g from per_org p cross join lateral generate_series(1, nlevel(p.path)) as k),
    v as (select o.id, o.code, o.name, o.domain, o.path from o where o.level = 'village' and o.domain in ('rural', 'community'))
    select v.id, v.code, v.name, v.domain, coalesce(sum(up.n), 0)::int as members, coalesce(sum(up.g), 0)::int as graduates
    from v left join up on up.path = v.path
    group by v.id, v.code, v.name, v.domain
    order by v.code, v.id`.execute(db);
  return r.rows;
}

/** An organization by its code, regardless of scope (the CLI). */
export async function findOrgByCode(db: Db, code: string) {
  return db.selectFrom('organizations').select(['id', 'code', 'name', 'path', 'level']).where('code', '=', code).executeTakeFirst();
}
