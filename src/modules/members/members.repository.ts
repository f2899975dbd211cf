import { sql, type Insertable, type Kysely, type RawBuilder, type Transaction, type Updateable } from 'kysely';
import type { DB, MemberTable } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Members limited to the scope: a subtree through the organization path, or oneself. */
function scoped(db: Db, scope: Scope) {
  const q = db.selectFrom('members as m').innerJoin('organizations as o', 'o.id', 'm.org_id').where(orgPathInScope(scope, 'o.path'));
  return scope.kind === 'self' ? q.where('m.id', '=', scope.memberId ?? -1) : q;
}

const summaryColumns = ['m.id', 'm.org_id', 'o.name as org_name', 'm.name', 'm.gender', 'm.birth_date', 'm.id_number_masked', 'm.education', 'm.category', 'm.status', 'm.joined_on'] as const;

const SORT_COLUMN = { id: 'm.id', name: 'm.name', birthDate: 'm.birth_date', joinedOn: 'm.joined_on' } as const;

export interface MemberFilter {
  subtreePath?: string | undefined;
  q?: string | undefined;
  idNumberHash?: string | undefined;
  status?: string | undefined;
  gender?: string | undefined;
  education?: string | undefined;
  category?: string | undefined;
  household?: string | undefined;
  ethnicity?: string | undefined;
  workUnit?: string | undefined;
  mobile?: boolean | undefined;
  bornFrom?: string | undefined;
  bornTo?: string | undefined;
  joinedFrom?: string | undefined;
  joinedTo?: string | undefined;
}

/** Character pairs of a query (or the single character), as the name_grams index stores them. */
export function queryGrams(q: string): string[] {
  const chars = [...q];
  if (chars.length === 1) return chars;
  return [...new Set(chars.slice(0, -1).map((c, i) => c + chars[i + 1]))];
}

/** A LIKE pattern matching `s` anywhere, with the pattern characters of `s` escaped. */
const containsPattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Partial name match through the GIN-indexed grams, confirmed with LIKE. */
function nameMatches(q: string) {
  const like = containsPattern(q);
  return sql<boolean>`m.name_grams @> ${sql.val(queryGrams(q))}::text[] and m.name like ${like}`;
}

/**
 * The organization restriction of a member query, in the shape measured fastest
 * (docs/decisions/0002): for a subtree of up to SMALL_SUBTREE organizations, their ids first and
 * then `org_id = any(ids)` (index on members.org_id); for larger subtrees the join on the path,
 * which the planner handles well when the subtree is a large share of the table.
 */
const SMALL_SUBTREE = 20_000;
async function orgRestriction(db: Db, scope: Scope, subtreePath: string | undefined) {
  if (scope.kind === 'self') return sql<boolean>`o.path = ${scope.path}::ltree and m.id = ${scope.memberId ?? -1}`;
  // A filter path was checked to lie inside the scope, so it replaces the scope's own path.
  const path = subtreePath ?? (scope.kind === 'subtree' ? scope.path : undefined);
  if (!path) return sql<boolean>`true`;
  const ids = await subtreeOrgIds(db, path, SMALL_SUBTREE + 1);
  return ids.length <= SMALL_SUBTREE ? sql<boolean>`m.org_id = any(${sql.val(ids)}::int[])` : sql<boolean>`o.path <@ ${path}::ltree`;
}

/** Ids of the organizations in a subtree (GiST on path), at most `limit`. */
export async function subtreeOrgIds(db: Db, path: string, limit: number): Promise<number[]> {
  const r = await sql<{ id: number }>`select id from organizations where path <@ ${path}::ltree limit ${limit}`.execute(db);
  return r.rows.map((x) => x.id);
}

/** The field conditions of a filter (everything but the organization restriction), on alias `m`. */
function fieldConditions(f: MemberFilter): RawBuilder<boolean>[] {
  const c: RawBuilder<boolean>[] = [];
  if (f.q) c.push(nameMatches(f.q));
  if (f.idNumberHash) c.push(sql<boolean>`m.id_number_hash = ${f.idNumberHash}`);
  if (f.status) c.push(sql<boolean>`m.status = ${f.status}`);
  if (f.gender) c.push(sql<boolean>`m.gender = ${f.gender}`);
  if (f.education) c.push(sql<boolean>`m.education = ${f.education}`);
  if (f.category) c.push(sql<boolean>`m.category = ${f.category}`);
  if (f.household) c.push(sql<boolean>`m.household = ${f.household}`);
  if (f.ethnicity) c.push(sql<boolean>`m.ethnicity = ${f.ethnicity}`);
  if (f.workUnit) c.push(sql<boolean>`m.work_unit like ${containsPattern(f.workUnit)}`);
  if (f.mobile !== undefined) c.push(sql<boolean>`m.is_mobile = ${f.mobile}`);
  if (f.bornFrom) c.push(sql<boolean>`m.birth_date >= ${f.bornFrom}::date`);
  if (f.bornTo) c.push(sql<boolean>`m.birth_date <= ${f.bornTo}::date`);
  if (f.joinedFrom) c.push(sql<boolean>`m.joined_on >= ${f.joinedFrom}::date`);
  if (f.joinedTo) c.push(sql<boolean>`m.joined_on <= ${f.joinedTo}::date`);
  return c;
}

/** Current members (not left) matching a filter, inside the scope. */
async function filtered(db: Db, scope: Scope, f: MemberFilter) {
  let q = db.selectFrom('members as m').innerJoin('organizations as o', 'o.id', 'm.org_id').where(await orgRestriction(db, scope, f.subtreePath)).where('m.left_on', 'is', null);
  for (const c of fieldConditions(f)) q = q.where(c);
  return q;
}

/**
 * Subtrees of up to this many organizations page by id with one index range per organization
 * (decision 0010): `members_current_org (org_id, id) where left_on is null` gives each
 * organization's next ids in order, and the first page reads at most limit × organizations
 * index entries instead of walking the primary key past every other member of the region.
 */
const LATERAL_MAX_ORGS = 1_000;

type Page = { sort: keyof typeof SORT_COLUMN; order: 'asc' | 'desc'; after?: [string | number, number] | undefined; limit: number };

async function lateralPage(db: Db, orgIds: number[], f: MemberFilter, page: Page) {
  const dir = page.order === 'asc' ? sql`asc` : sql`desc`;
  const conds = fieldConditions(f);
  if (page.after) conds.push(page.order === 'asc' ? sql<boolean>`m.id > ${page.after[1]}` : sql<boolean>`m.id < ${page.after[1]}`);
  const extra = conds.length ? sql`and ${sql.join(conds, sql` and `)}` : sql``;
  // Ids first: without field filters each organization's next ids come from the index alone
  // (index-only scan), and only the page's own rows are read from the table.
  const r = await sql<ListRow>`
    with page as (
      select x.id from unnest(${sql.val(orgIds)}::int[]) as s(org_id)
      cross join lateral (
        select m.id from members m
        where m.org_id = s.org_id and m.left_on is null ${extra}
        order by m.id ${dir} limit ${page.limit}
      ) x
      order by x.id ${dir} limit ${page.limit}
    )
    select m.id, m.org_id, o.name as org_name, m.name, m.gender, m.birth_date, m.id_number_masked, m.education, m.category, m.status, m.joined_on
    from page join members m on m.id = page.id join organizations o on o.id = m.org_id
    order by m.id ${dir}`.execute(db);
  return r.rows;
}

interface ListRow {
  id: number;
  org_id: number;
  org_name: string;
  name: string;
  gender: string;
  birth_date: string;
  id_number_masked: string;
  education: string;
  category: string;
  status: string;
  joined_on: string;
}

/** One page in (sort, id) keyset order: stays fast however deep the page. */
export async function listMembers(db: Db, scope: Scope, f: MemberFilter, page: Page): Promise<ListRow[]> {
  // Small subtree in id order without a name or ID-number look-up (those have their own indexes).
  if (page.sort === 'id' && !f.q && !f.idNumberHash && scope.kind !== 'self') {
    const path = f.subtreePath ?? (scope.kind === 'subtree' ? scope.path : undefined);
    if (path) {
      const ids = await subtreeOrgIds(db, path, LATERAL_MAX_ORGS + 1);
      if (ids.length <= LATERAL_MAX_ORGS) return lateralPage(db, ids, f, page);
    }
  }
  const col = SORT_COLUMN[page.sort];
  let q = (await filtered(db, scope, f)).select(summaryColumns);
  if (page.after) {
    const [v, id] = page.after;
    q = q.where(page.order === 'asc' ? sql<boolean>`(${sql.ref(col)}, m.id) > (${v}, ${id})` : sql<boolean>`(${sql.ref(col)}, m.id) < (${v}, ${id})`);
  }
  if (page.sort !== 'id') q = q.orderBy(col, page.order);
  return q.orderBy('m.id', page.order).limit(page.limit).execute();
}

/** All matching rows for export, in id order, in pages (callers stream them). */
export async function exportPage(db: Db, scope: Scope, f: MemberFilter, afterId: number, limit: number) {
  return (await filtered(db, scope, f)).selectAll('m').select(['o.name as org_name', 'o.code as org_code']).where('m.id', '>', afterId).orderBy('m.id').limit(limit).execute();
}

export async function findMember(db: Db, scope: Scope, id: number) {
  return scoped(db, scope).selectAll('m').select(['o.name as org_name', 'o.path as org_path']).where('m.id', '=', id).executeTakeFirst();
}

/** Who holds an ID number (by its keyed hash), regardless of scope — for duplicate detection only. */
export async function findByIdHash(db: Db, hash: string) {
  return db.selectFrom('members').select(['id', 'name', 'org_id']).where('id_number_hash', '=', hash).executeTakeFirst();
}

export async function insertMember(db: Db, row: Insertable<MemberTable>) {
  return db.insertInto('members').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateMember(db: Db, id: number, patch: Updateable<MemberTable>) {
  await db.updateTable('members').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function openPeriod(db: Db, memberId: number, orgId: number, from: string) {
  await db.insertInto('member_periods').values({ member_id: memberId, org_id: orgId, valid_from: from }).execute();
}
