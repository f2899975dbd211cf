import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB, RecognitionNominationTable } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';

type Db = Kysely<DB> | Transaction<DB>;

const campaignColumns = ['c.id', 'c.awarding_org_id', 'c.year', 'c.state', 'c.nominate_until', 'c.published_on', 'c.note', 'o.name as awarding_org_name', 'o.path as awarding_org_path', 'o.level as awarding_level'] as const;

/**
 * Campaigns of a year that concern an organization: those awarded by the organization itself or by
 * one of its ancestors (it nominates into them), and — when `withBelow` — those of organizations
 * below it. The caller's scope must contain the organization (checked by the service).
 */
export async function campaignsFor(db: Db, orgPath: string, year: number) {
  return db
    .selectFrom('recognition_campaigns as c')
    .innerJoin('organizations as o', 'o.id', 'c.awarding_org_id')
    .select(campaignColumns)
    .where('c.year', '=', year)
    .where(sql<boolean>`(o.path @> ${orgPath}::ltree or o.path <@ ${orgPath}::ltree)`)
    .orderBy(sql`nlevel(o.path)`)
    .orderBy('c.id')
    .execute();
}

/**
 * One campaign the caller may see: its awarding organization is inside the scope, or above the
 * scope's own organization (a township nominates into the county's campaign). `lock` serializes approvals.
 */
export async function findCampaign(db: Db, scope: Scope, id: number, lock = false) {
  let q = db
    .selectFrom('recognition_campaigns as c')
    .innerJoin('organizations as o', 'o.id', 'c.awarding_org_id')
    .select(campaignColumns)
    .where('c.id', '=', id);
  if (scope.kind !== 'all') q = q.where(sql<boolean>`(${orgPathInScope(scope, 'o.path')} or o.path @> ${scope.path}::ltree)`);
  if (lock) q = q.forUpdate('c');
  return q.executeTakeFirst();
}
export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;

export async function campaignExists(db: Db, orgId: number, year: number) {
  return !!(await db.selectFrom('recognition_campaigns').select('id').where('awarding_org_id', '=', orgId).where('year', '=', year).executeTakeFirst());
}

export async function insertCampaign(db: Db, row: { awarding_org_id: number; year: number; nominate_until: string | null; note: string | null; created_by_name: string }) {
  return db.insertInto('recognition_campaigns').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function publishCampaign(db: Db, id: number, on: string) {
  await db.updateTable('recognition_campaigns').set({ state: 'published', published_on: on, updated_at: new Date() }).where('id', '=', id).execute();
}

/** Approved and pending nominations per honour in a campaign (for the quota bars). */
export async function usage(db: Db, campaignId: number) {
  return db
    .selectFrom('recognition_nominations')
    .select(['kind', sql<number>`count(*) filter (where state = 'approved')::int`.as('approved'), sql<number>`count(*) filter (where state in ('nominated','reviewed'))::int`.as('pending')])
    .where('campaign_id', '=', campaignId)
    .groupBy('kind')
    .execute();
}

/** Approved nominations of one honour in a campaign; the campaign row is locked by the caller. */
export async function approvedCount(db: Db, campaignId: number, kind: string) {
  const r = await db.selectFrom('recognition_nominations').select(sql<number>`count(*)::int`.as('n')).where('campaign_id', '=', campaignId).where('kind', '=', kind).where('state', '=', 'approved').executeTakeFirstOrThrow();
  return r.n;
}

const nominationSelect = (db: Db) =>
  db
    .selectFrom('recognition_nominations as n')
    .innerJoin('organizations as o', 'o.id', 'n.org_id')
    .innerJoin('organizations as nb', 'nb.id', 'n.nominated_by_org_id')
    .innerJoin('recognition_campaigns as c', 'c.id', 'n.campaign_id')
    .innerJoin('organizations as ao', 'ao.id', 'c.awarding_org_id')
    .leftJoin('members as m', 'm.id', 'n.nominee_member_id')
    .selectAll('n')
    .select(['o.name as org_name', 'o.path as org_path', 'o.kind as org_kind', 'm.name as member_name', 'nb.name as nominated_by_org_name', 'nb.path as nominated_by_org_path', 'c.state as campaign_state', 'c.published_on as campaign_published_on', 'ao.path as awarding_org_path']);

/** Nominations of a campaign about organizations (or members of organizations) under `underPath`, inside the scope. */
export async function nominations(db: Db, scope: Scope, campaignId: number, underPath: string) {
  return nominationSelect(db)
    .where('n.campaign_id', '=', campaignId)
    .where(orgPathInScope(scope, 'o.path'))
    .where(sql<boolean>`o.path <@ ${underPath}::ltree`)
    .orderBy('n.kind')
    .orderBy('n.id')
    .execute();
}
export type NominationRow = Awaited<ReturnType<typeof nominations>>[number];

/**
 * One nomination the caller may act on: `as: 'nominator'` when the nominee lies in the scope,
 * `as: 'awarder'` when the awarding organization does. `lock` takes its row lock.
 */
export async function findNomination(db: Db, scope: Scope, id: number, as: 'nominator' | 'awarder', lock = false) {
  let q = nominationSelect(db).where('n.id', '=', id).where(orgPathInScope(scope, as === 'nominator' ? 'o.path' : 'ao.path'));
  if (lock) q = q.forUpdate('n');
  return q.executeTakeFirst();
}

export async function insertNomination(db: Db, row: Insertable<RecognitionNominationTable>) {
  return db.insertInto('recognition_nominations').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateNomination(
  db: Db,
  id: number,
  patch: Partial<Pick<RecognitionNominationTable, 'review_note' | 'reviewed_on' | 'reviewed_by_name' | 'approved_on' | 'approved_by_name' | 'closed_reason' | 'closed_on' | 'closed_by_name' | 'status_record_id'>> & { state: string },
) {
  await db.updateTable('recognition_nominations').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
}

/** A live nomination of the same honour for the same nominee in the year (any campaign). */
export async function liveDuplicate(db: Db, year: number, kind: string, orgId: number, memberId: number | null) {
  let q = db.selectFrom('recognition_nominations').select(['id', 'state']).where('year', '=', year).where('kind', '=', kind).where('state', 'in', ['nominated', 'reviewed', 'approved']);
  q = memberId === null ? q.where('nominee_member_id', 'is', null).where('org_id', '=', orgId) : q.where('nominee_member_id', '=', memberId);
  return q.executeTakeFirst();
}

/** The organization inside the scope and under the awarding organization (the nominee, or the member's organization). */
export async function orgUnder(db: Db, scope: Scope, id: number, awardingPath: string) {
  return db
    .selectFrom('organizations as o')
    .select(['o.id', 'o.name', 'o.path', 'o.kind', 'o.level', 'o.domain', 'o.status'])
    .where('o.id', '=', id)
    .where(orgPathInScope(scope, 'o.path'))
    .where(sql<boolean>`o.path <@ ${awardingPath}::ltree`)
    .executeTakeFirst();
}

/** A member inside the scope and under the awarding organization, with the posts they hold today. */
export async function memberUnder(db: Db, scope: Scope, id: number, awardingPath: string) {
  let q = db
    .selectFrom('members as m')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.name', 'm.org_id', 'm.joined_on', 'm.full_member_on', 'm.left_on', 'o.path as org_path', sql<string[]>`coalesce((select array_agg(distinct p.post) from org_posts p where p.member_id = m.id and p.ended_on is null), '{}')`.as('posts')])
    .where('m.id', '=', id)
    .where(orgPathInScope(scope, 'o.path'))
    .where(sql<boolean>`o.path <@ ${awardingPath}::ltree`);
  if (scope.kind === 'self') q = q.where('m.id', '=', scope.memberId ?? -1);
  return q.executeTakeFirst();
}

/** Open campaigns in the subtree whose nomination deadline lies between `from` and `until`, with their nominations so far (reminders). */
export async function campaignsClosing(db: Db, scope: Scope, subtreePath: string, from: string, until: string, limit: number) {
  return db
    .selectFrom('recognition_campaigns as c')
    .innerJoin('organizations as o', 'o.id', 'c.awarding_org_id')
    .select(['c.id', 'c.year', 'c.nominate_until', 'c.awarding_org_id as org_id', 'o.name as org_name'])
    .select(sql<number>`(select count(*) from recognition_nominations n where n.campaign_id = c.id and n.state not in ('withdrawn','rejected'))::int`.as('nominations'))
    .where(orgPathInScope(scope, 'o.path'))
    .where(sql<boolean>`o.path <@ ${subtreePath}::ltree`)
    .where('c.state', '=', 'open')
    .where('c.nominate_until', '>=', from)
    .where('c.nominate_until', '<=', until)
    .orderBy('c.nominate_until')
    .limit(limit)
    .execute();
}

/** Nominations of open campaigns in the subtree waiting for the awarding organization: to review (nominated) or to approve (reviewed). */
export async function nominationsWaiting(db: Db, scope: Scope, subtreePath: string, limit: number) {
  return db
    .selectFrom('recognition_nominations as n')
    .innerJoin('recognition_campaigns as c', 'c.id', 'n.campaign_id')
    .innerJoin('organizations as a', 'a.id', 'c.awarding_org_id')
    .innerJoin('organizations as o', 'o.id', 'n.org_id')
    .leftJoin('members as m', 'm.id', 'n.nominee_member_id')
    .select(['n.id', 'n.kind', 'n.state', 'n.year', 'n.nominated_on', 'c.awarding_org_id', 'a.name as awarding_org_name', 'o.name as nominee_org_name', 'm.name as member_name', 'n.nominee_member_id'])
    .where(orgPathInScope(scope, 'a.path'))
    .where(sql<boolean>`a.path <@ ${subtreePath}::ltree`)
    .where('c.state', '=', 'open')
    .where('n.state', 'in', ['nominated', 'reviewed'])
    .orderBy('n.nominated_on')
    .orderBy('n.id')
    .limit(limit)
    .execute();
}
