import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';

type Db = Kysely<DB> | Transaction<DB>;

// ---- posts and assignments -----------------------------------------------------------------

/** Posts of the organizations of a subtree (inside the scope), by organization then creation. */
export async function listPosts(db: Db, scope: Scope, subtreePath: string, includeRetired: boolean) {
  let q = db
    .selectFrom('service_posts as p')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.org_id', 'o.name as org_name', 'o.path as org_path', 'p.name', 'p.duties', 'p.review_months', 'p.retired_on'])
    .where(orgPathInScope(scope, 'o.path'))
    .where(sql<boolean>`o.path <@ ${subtreePath}::ltree`);
  if (!includeRetired) q = q.where('p.retired_on', 'is', null);
  return q.orderBy('o.path').orderBy('p.id').execute();
}
export type PostRow = Awaited<ReturnType<typeof listPosts>>[number];

/** One post inside the scope; `lock` serializes assignments to it. */
export async function findPost(db: Db, scope: Scope, id: number, lock = false) {
  let q = db
    .selectFrom('service_posts as p')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.org_id', 'o.name as org_name', 'o.path as org_path', 'p.name', 'p.duties', 'p.review_months', 'p.retired_on'])
    .where('p.id', '=', id)
    .where(orgPathInScope(scope, 'o.path'));
  if (lock) q = q.forUpdate('p');
  return q.executeTakeFirst();
}

export async function postNameTaken(db: Db, orgId: number, name: string, exceptId?: number) {
  let q = db.selectFrom('service_posts').select('id').where('org_id', '=', orgId).where('name', '=', name).where('retired_on', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
}

export async function insertPost(db: Db, row: { org_id: number; name: string; duties: string; review_months: number | null; created_by_name: string }) {
  return db.insertInto('service_posts').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updatePost(db: Db, id: number, patch: { name?: string; duties?: string; review_months?: number | null; retired_on?: string | null }) {
  await db.updateTable('service_posts').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
}

const assignmentColumns = [
  'a.id',
  'a.post_id',
  'p.name as post_name',
  'p.duties as post_duties',
  'p.org_id',
  'o.name as org_name',
  'o.path as org_path',
  'p.review_months',
  'a.member_id',
  'm.name as member_name',
  'a.starts_on',
  'a.ends_on',
  'a.end_reason',
  'a.note',
] as const;

function assignments(db: Db) {
  return db
    .selectFrom('service_assignments as a')
    .innerJoin('service_posts as p', 'p.id', 'a.post_id')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .innerJoin('members as m', 'm.id', 'a.member_id')
    .select(assignmentColumns);
}

/** Assignments to these posts (current ones only unless `includeEnded`). */
export async function assignmentsOfPosts(db: Db, postIds: number[], today: string, includeEnded: boolean) {
  if (postIds.length === 0) return [];
  let q = assignments(db).where('a.post_id', 'in', postIds);
  if (!includeEnded) q = q.where((eb) => eb.or([eb('a.ends_on', 'is', null), eb('a.ends_on', '>=', today)]));
  return q.orderBy('a.starts_on').orderBy('a.id').execute();
}
export type AssignmentRow = Awaited<ReturnType<typeof assignmentsOfPosts>>[number];

/** A member's assignments, newest first. */
export async function assignmentsOfMember(db: Db, memberId: number) {
  return assignments(db).where('a.member_id', '=', memberId).orderBy('a.starts_on', 'desc').orderBy('a.id', 'desc').execute();
}

/** One assignment whose post lies in the scope. */
export async function findAssignment(db: Db, scope: Scope, id: number, lock = false) {
  let q = assignments(db).where('a.id', '=', id).where(orgPathInScope(scope, 'o.path'));
  if (lock) q = q.forUpdate('a');
  return q.executeTakeFirst();
}

export async function openAssignment(db: Db, postId: number, memberId: number, from: string) {
  return db
    .selectFrom('service_assignments')
    .select(['id'])
    .where('post_id', '=', postId)
    .where('member_id', '=', memberId)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', from)]))
    .executeTakeFirst();
}

export async function insertAssignment(db: Db, row: { post_id: number; member_id: number; starts_on: string; ends_on: string | null; note: string | null; created_by_name: string }) {
  return db.insertInto('service_assignments').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function endAssignment(db: Db, id: number, endsOn: string, reason: string | null) {
  await db.updateTable('service_assignments').set({ ends_on: endsOn, end_reason: reason }).where('id', '=', id).execute();
}

export async function openAssignmentsOfPost(db: Db, postId: number) {
  const r = await db.selectFrom('service_assignments').select((eb) => eb.fn.countAll<number>().as('n')).where('post_id', '=', postId).where('ends_on', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function reviewsOf(db: Db, assignmentIds: number[]) {
  if (assignmentIds.length === 0) return [];
  return db.selectFrom('service_reviews').select(['id', 'assignment_id', 'reviewed_on', 'grade', 'comment', 'reviewer_name']).where('assignment_id', 'in', assignmentIds).orderBy('reviewed_on').orderBy('id').execute();
}
export type ReviewRow = Awaited<ReturnType<typeof reviewsOf>>[number];

export async function insertReview(db: Db, row: { assignment_id: number; reviewed_on: string; grade: string; comment: string | null; reviewer_name: string }) {
  return db.insertInto('service_reviews').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function reviewOn(db: Db, assignmentId: number, on: string) {
  return !!(await db.selectFrom('service_reviews').select('id').where('assignment_id', '=', assignmentId).where('reviewed_on', '=', on).executeTakeFirst());
}

/**
 * Current assignments of a subtree (in the scope) with their last review, for the reminders and the
 * "reviews due" count. The caller computes each one's next review date from the interval.
 */
export async function activeAssignmentsWithLastReview(db: Db, scope: Scope, subtreePath: string, today: string, limit: number) {
  return db
    .selectFrom('service_assignments as a')
    .innerJoin('service_posts as p', 'p.id', 'a.post_id')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .innerJoin('members as m', 'm.id', 'a.member_id')
    .select(['a.id', 'a.member_id', 'm.name as member_name', 'a.starts_on', 'a.ends_on', 'p.name as post_name', 'p.review_months', 'p.org_id', 'o.name as org_name'])
    .select(sql<string | null>`(select max(r.reviewed_on) from service_reviews r where r.assignment_id = a.id)`.as('last_reviewed_on'))
    .where(orgPathInScope(scope, 'o.path'))
    .where(sql<boolean>`o.path <@ ${subtreePath}::ltree`)
    .where('a.starts_on', '<=', today)
    .where((eb) => eb.or([eb('a.ends_on', 'is', null), eb('a.ends_on', '>=', today)]))
    .where('m.left_on', 'is', null)
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

// ---- members, offices, coverage -----------------------------------------------------------------

/** The office a member holds on a date (committee post or group leader), if any. */
export async function officeOf(db: Db, memberId: number, on: string) {
  return db
    .selectFrom('org_posts as op')
    .innerJoin('organizations as o', 'o.id', 'op.org_id')
    .select(['op.post', 'o.name as org_name'])
    .where('op.member_id', '=', memberId)
    .where('op.started_on', '<=', on)
    .where((eb) => eb.or([eb('op.ended_on', 'is', null), eb('op.ended_on', '>', on)]))
    .orderBy('op.started_on')
    .executeTakeFirst();
}

/**
 * The members of a subtree on a date (from member_periods: on the roll that day), each with the
 * office they hold that day (if any), the posts they hold that day, and — when a period is given —
 * their service records in it. The one query behind coverage, the summary and the indicators.
 */
export async function membersOn(db: Db, subtreePath: string, on: string, period?: { from: string; to: string }) {
  // Set-based (hash joins over the subtree's members), not a subquery per member: a county has tens of thousands.
  const r = await sql<{ member_id: number; name: string; org_id: number; org_name: string; org_path: string; office: string | null; office_org: string | null; posts: string | null; records: number | null }>`
    with mem as (
      select m.id as member_id, m.name, o.id as org_id, o.name as org_name, o.path
      from member_periods mp
      join members m on m.id = mp.member_id
      join organizations o on o.id = mp.org_id
      where o.path <@ ${subtreePath}::ltree
        and mp.valid_from <= ${on}::date and (mp.valid_to is null or mp.valid_to > ${on}::date)
        and m.joined_on <= ${on}::date and (m.left_on is null or m.left_on > ${on}::date)
    ),
    off as (
      select distinct on (op.member_id) op.member_id, op.post, oo.name as org_name
      from org_posts op join organizations oo on oo.id = op.org_id
      where op.member_id in (select member_id from mem) and op.started_on <= ${on}::date and (op.ended_on is null or op.ended_on > ${on}::date)
      order by op.member_id, op.started_on
    ),
    pst as (
      select a.member_id, string_agg(sp.name, '、' order by sp.name) as posts
      from service_assignments a join service_posts sp on sp.id = a.post_id
      where a.member_id in (select member_id from mem) and a.starts_on <= ${on}::date and (a.ends_on is null or a.ends_on >= ${on}::date)
      group by a.member_id
    ),
    rec as (
      select sr.member_id, count(*)::int as n from service_records sr
      where ${period ? sql`sr.member_id in (select member_id from mem) and sr.occurred_on between ${period.from}::date and ${period.to}::date` : sql`false`}
      group by sr.member_id
    )
    select mem.member_id, mem.name, mem.org_id, mem.org_name, mem.path::text as org_path, off.post as office, off.org_name as office_org, pst.posts, rec.n as records
    from mem
    left join off on off.member_id = mem.member_id
    left join pst on pst.member_id = mem.member_id
    left join rec on rec.member_id = mem.member_id
    order by mem.path, mem.name, mem.member_id`.execute(db);
  return r.rows.map((x) => ({ ...x, records: Number(x.records ?? 0) }));
}
export type MemberOnRow = Awaited<ReturnType<typeof membersOn>>[number];

/** Assignments of a subtree that were current at some time in a period, with their reviews' dates. */
export async function assignmentsInPeriod(db: Db, subtreePath: string, from: string, to: string) {
  return db
    .selectFrom('service_assignments as a')
    .innerJoin('service_posts as p', 'p.id', 'a.post_id')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .innerJoin('members as m', 'm.id', 'a.member_id')
    .select(['a.id', 'a.starts_on', 'a.ends_on', 'p.name as post_name', 'p.review_months', 'p.org_id', 'm.name as member_name'])
    .select(sql<string[] | null>`(select array_agg(r.reviewed_on::text order by r.reviewed_on) from service_reviews r where r.assignment_id = a.id and r.reviewed_on <= ${to}::date)`.as('reviews'))
    .where(sql<boolean>`o.path <@ ${subtreePath}::ltree`)
    .where('a.starts_on', '<=', to)
    .where((eb) => eb.or([eb('a.ends_on', 'is', null), eb('a.ends_on', '>=', from)]))
    .orderBy('a.id')
    .execute();
}

// ---- records -------------------------------------------------------------------------------------

const recordColumns = ['r.id', 'r.org_id', 'o.name as org_name', 'o.path as org_path', 'r.member_id', 'm.name as member_name', 'r.occurred_on', 'r.kind', 'r.whom', 'r.matter', 'r.result', 'r.minutes', 'r.entered_by', 'r.created_by_name'] as const;

function records(db: Db) {
  return db.selectFrom('service_records as r').innerJoin('organizations as o', 'o.id', 'r.org_id').leftJoin('members as m', 'm.id', 'r.member_id');
}

export interface RecordFilter {
  subtreePath: string;
  memberId?: number | undefined;
  kind?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function filtered(db: Db, scope: Scope, f: RecordFilter) {
  let q = records(db).where(orgPathInScope(scope, 'o.path')).where(sql<boolean>`o.path <@ ${f.subtreePath}::ltree`);
  if (f.memberId !== undefined) q = q.where('r.member_id', '=', f.memberId);
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  if (f.from) q = q.where('r.occurred_on', '>=', f.from);
  if (f.to) q = q.where('r.occurred_on', '<=', f.to);
  return q;
}

/** Records of a subtree (in the scope), newest first, one page, with the total. */
export async function listRecords(db: Db, scope: Scope, f: RecordFilter, page: { limit: number; offset: number }) {
  const [items, total] = await Promise.all([
    filtered(db, scope, f).select(recordColumns).orderBy('r.occurred_on', 'desc').orderBy('r.id', 'desc').limit(page.limit).offset(page.offset).execute(),
    filtered(db, scope, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
export type RecordRow = Awaited<ReturnType<typeof listRecords>>['items'][number];

/** Counts by kind, total hours, and counts per organization path of a subtree's records in a period. */
export async function recordTotals(db: Db, scope: Scope, subtreePath: string, from: string, to: string) {
  const base = filtered(db, scope, { subtreePath, from, to });
  const [byKind, byOrg] = await Promise.all([
    base.select(['r.kind', (eb) => eb.fn.countAll<number>().as('n'), sql<number>`coalesce(sum(r.minutes), 0)`.as('minutes')]).groupBy('r.kind').execute(),
    base.select([sql<string>`o.path::text`.as('path'), (eb) => eb.fn.countAll<number>().as('n')]).groupBy('o.path').execute(),
  ]);
  return { byKind: byKind.map((k) => ({ kind: k.kind, n: Number(k.n), minutes: Number(k.minutes) })), byOrg: byOrg.map((k) => ({ path: k.path, n: Number(k.n) })) };
}

export async function findRecord(db: Db, scope: Scope, id: number) {
  let q = records(db).select(recordColumns).where('r.id', '=', id).where(orgPathInScope(scope, 'o.path'));
  if (scope.kind === 'self') q = q.where('r.member_id', '=', scope.memberId ?? -1);
  return q.executeTakeFirst();
}

export async function recordById(db: Db, id: number) {
  return records(db).select(recordColumns).where('r.id', '=', id).executeTakeFirstOrThrow();
}

export async function insertRecord(db: Db, row: { org_id: number; member_id: number | null; occurred_on: string; kind: string; whom: string; matter: string; result: string | null; minutes: number | null; entered_by: string; created_by_name: string }) {
  return db.insertInto('service_records').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function deleteRecord(db: Db, id: number) {
  await db.deleteFrom('service_records').where('id', '=', id).execute();
}

/** A member's records, newest first, and their counts (all time, this year). */
export async function memberRecords(db: Db, memberId: number, yearStart: string, limit: number) {
  const [items, counts] = await Promise.all([
    records(db).select(recordColumns).where('r.member_id', '=', memberId).orderBy('r.occurred_on', 'desc').orderBy('r.id', 'desc').limit(limit).execute(),
    db
      .selectFrom('service_records')
      .select([
        (eb) => eb.fn.countAll<number>().as('total'),
        sql<number>`count(*) filter (where occurred_on >= ${yearStart}::date)`.as('this_year'),
        sql<number>`coalesce(sum(minutes) filter (where occurred_on >= ${yearStart}::date), 0)`.as('minutes'),
      ])
      .where('member_id', '=', memberId)
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(counts.total), thisYear: Number(counts.this_year), minutesThisYear: Number(counts.minutes) };
}

/** Direct sub-organizations (active), for the per-organization breakdown. */
export async function childrenOf(db: Db, orgId: number) {
  return db.selectFrom('organizations').select(['id', 'name']).where('parent_id', '=', orgId).where('status', '=', 'active').orderBy('sort_order').orderBy('id').execute();
}
