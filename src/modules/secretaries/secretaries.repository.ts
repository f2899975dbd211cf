import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';

type Db = Kysely<DB> | Transaction<DB>;

const reportColumns = [
  'r.id', 'r.org_id', 'o.name as org_name', 'o.path as org_path', 'r.year', 'r.post_id', 'r.member_id', 'r.holder_name', 'r.state', 'r.report_text', 'r.submitted_on',
  'r.rating', 'r.rating_comment', 'r.rated_on', 'r.rated_by_name', 'ro.name as rated_by_org_name', 'r.votes_good', 'r.votes_fairly_good', 'r.votes_average', 'r.votes_poor',
] as const;

const base = (db: Db) => db.selectFrom('sec_reports as r').innerJoin('organizations as o', 'o.id', 'r.org_id').leftJoin('organizations as ro', 'ro.id', 'r.rated_by_org_id');

export async function findReport(db: Db, scope: Scope, id: number, lock = false) {
  let q = base(db).select(reportColumns).where('r.id', '=', id).where(orgPathInScope(scope, 'o.path'));
  if (lock) q = q.forUpdate('r');
  return q.executeTakeFirst();
}
export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;

export async function reportOf(db: Db, orgId: number, year: number) {
  return base(db).select(reportColumns).where('r.org_id', '=', orgId).where('r.year', '=', year).executeTakeFirst();
}

export async function latestYear(db: Db, orgId: number) {
  const r = await db.selectFrom('sec_reports').select('year').where('org_id', '=', orgId).orderBy('year', 'desc').limit(1).executeTakeFirst();
  return r?.year ?? null;
}

/** Reports of a subtree for a year. */
export async function listReports(db: Db, scope: Scope, rootPath: string, year: number) {
  return base(db).select(reportColumns).where(orgPathInScope(scope, 'o.path')).where(sql<boolean>`o.path <@ ${rootPath}::ltree`).where('r.year', '=', year).orderBy('o.path').execute();
}

/** A member's reports (any organization inside the scope), newest first. */
export async function memberReports(db: Db, scope: Scope, memberId: number) {
  return base(db).select(reportColumns).where('r.member_id', '=', memberId).where(orgPathInScope(scope, 'o.path')).orderBy('r.year', 'desc').execute();
}

/** Reports by the same holder for an organization without a member record: by post. */
export async function postReports(db: Db, scope: Scope, postId: number) {
  return base(db).select(reportColumns).where('r.post_id', '=', postId).where(orgPathInScope(scope, 'o.path')).orderBy('r.year', 'desc').execute();
}

/** The 书记 posts of an organization overlapping a year, the one in post on `ref` first, then the latest started. */
export async function secretaryPosts(db: Db, orgId: number, year: number, ref: string) {
  return db
    .selectFrom('org_posts')
    .select(['id', 'member_id', 'holder_name', 'started_on', 'ended_on', sql<boolean>`started_on <= ${ref}::date and (ended_on is null or ended_on >= ${ref}::date)`.as('on_ref')])
    .where('org_id', '=', orgId)
    .where('post', '=', 'secretary')
    .where('started_on', '<=', `${year}-12-31`)
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', `${year}-01-01`)]))
    .orderBy(sql`started_on <= ${ref}::date and (ended_on is null or ended_on >= ${ref}::date)`, 'desc')
    .orderBy('started_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Organizations of a subtree with a secretary in post on `ref` and no report for the year. */
export async function missingReports(db: Db, scope: Scope, rootPath: string, year: number, ref: string, limit: number) {
  const q = db
    .selectFrom('org_posts as p')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .where(orgPathInScope(scope, 'o.path'))
    .where(sql<boolean>`o.path <@ ${rootPath}::ltree`)
    .where('o.status', '=', 'active')
    .where('p.post', '=', 'secretary')
    .where('p.started_on', '<=', ref)
    .where((eb) => eb.or([eb('p.ended_on', 'is', null), eb('p.ended_on', '>=', ref)]))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('sec_reports as r').select('r.id').whereRef('r.org_id', '=', 'o.id').where('r.year', '=', year))));
  const [rows, total] = await Promise.all([
    q.select(['o.id as org_id', 'o.name as org_name', 'o.path', 'p.holder_name', 'p.member_id', 'p.started_on']).distinctOn('o.path').orderBy('o.path').orderBy('p.started_on', 'desc').limit(limit).execute(),
    q.select(sql<number>`count(distinct o.id)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function insertReport(db: Db, row: { org_id: number; year: number; post_id: number; member_id: number | null; holder_name: string; report_text: string; created_by_name: string }) {
  return db.insertInto('sec_reports').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateReport(
  db: Db,
  id: number,
  patch: { report_text?: string; state?: string; submitted_on?: string; rating?: string; rating_comment?: string; rated_on?: string; rated_by_name?: string; rated_by_org_id?: number; votes_good?: number | null; votes_fairly_good?: number | null; votes_average?: number | null; votes_poor?: number | null },
) {
  await db.updateTable('sec_reports').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
}

/** Submitted reports waiting for the level above (the report organization's parent, inside the scope and subtree) to rate them. */
export async function reportsAwaitingRating(db: Db, scope: Scope, subtreePath: string, limit: number) {
  return db
    .selectFrom('sec_reports as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .innerJoin('organizations as p', 'p.id', 'o.parent_id')
    .select(['r.id', 'r.org_id', 'o.name as org_name', 'r.year', 'r.holder_name', 'r.submitted_on', 'p.id as rater_org_id', 'p.name as rater_org_name'])
    .where(orgPathInScope(scope, 'p.path'))
    .where(sql<boolean>`p.path <@ ${subtreePath}::ltree`)
    .where('r.state', '=', 'submitted')
    .orderBy('r.submitted_on')
    .orderBy('r.id')
    .limit(limit)
    .execute();
}
