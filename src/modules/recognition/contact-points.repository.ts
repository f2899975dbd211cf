import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Active townships under a path (inside the scope), in display order. */
export async function townshipsUnder(db: Db, scope: Scope, path: string) {
  return db
    .selectFrom('organizations as o')
    .select(['o.id', 'o.name', 'o.path'])
    .where('o.level', '=', 'township')
    .where('o.status', '=', 'active')
    .where(sql<boolean>`o.path <@ ${path}::ltree`)
    .where(orgPathInScope(scope, 'o.path'))
    .orderBy('o.sort_order')
    .orderBy('o.id')
    .execute();
}

/** Contact points at organizations under a path (inside the scope), newest first. */
export async function contactPointsUnder(db: Db, scope: Scope, path: string) {
  return db
    .selectFrom('contact_points as p')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .selectAll('p')
    .select(['o.name as org_name', 'o.path as org_path', 'o.level as org_level'])
    .where(sql<boolean>`o.path <@ ${path}::ltree`)
    .where(orgPathInScope(scope, 'o.path'))
    .orderBy('p.started_on', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
}

export async function visitsOf(db: Db, pointIds: number[]) {
  if (pointIds.length === 0) return [];
  return db.selectFrom('contact_point_visits').select(['id', 'contact_point_id', 'visited_on', 'content', 'recorded_by_name']).where('contact_point_id', 'in', pointIds).orderBy('visited_on', 'desc').orderBy('id', 'desc').execute();
}

/** Demonstration points under a path (by the demonstration organization, inside the scope). */
export async function demoPointsUnder(db: Db, scope: Scope, path: string) {
  return db
    .selectFrom('demonstration_points as d')
    .innerJoin('organizations as o', 'o.id', 'd.org_id')
    .selectAll('d')
    .select(['o.name as org_name', 'o.path as org_path'])
    .where(sql<boolean>`o.path <@ ${path}::ltree`)
    .where(orgPathInScope(scope, 'o.path'))
    .orderBy('d.since')
    .orderBy('d.id')
    .execute();
}

export async function findContactPoint(db: Db, scope: Scope, id: number, lock = false) {
  let q = db.selectFrom('contact_points as p').innerJoin('organizations as o', 'o.id', 'p.org_id').selectAll('p').select(['o.path as org_path']).where('p.id', '=', id).where(orgPathInScope(scope, 'o.path'));
  if (lock) q = q.forUpdate('p');
  return q.executeTakeFirst();
}

export async function findDemoPoint(db: Db, scope: Scope, id: number, lock = false) {
  let q = db.selectFrom('demonstration_points as d').innerJoin('organizations as o', 'o.id', 'd.org_id').selectAll('d').select(['o.path as org_path']).where('d.id', '=', id).where(orgPathInScope(scope, 'o.path'));
  if (lock) q = q.forUpdate('d');
  return q.executeTakeFirst();
}

/** The township an organization lies under (not the organization itself). */
export async function townshipAbove(db: Db, path: string) {
  return db.selectFrom('organizations').select(['id', 'name', 'path']).where('level', '=', 'township').where(sql<boolean>`path @> ${path}::ltree`).where(sql<boolean>`path <> ${path}::ltree`).executeTakeFirst();
}

/** A user account visible in the scope (its organization inside it). */
export async function userInScope(db: Db, scope: Scope, id: number) {
  return db.selectFrom('users as u').innerJoin('organizations as o', 'o.id', 'u.org_id').select(['u.id', 'u.display_name']).where('u.id', '=', id).where(orgPathInScope(scope, 'o.path')).executeTakeFirst();
}

export async function insertContactPoint(db: Db, row: { org_id: number; leader_user_id: number | null; leader_name: string; leader_post: string; started_on: string; note: string | null; created_by_name: string }) {
  return db.insertInto('contact_points').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function insertVisit(db: Db, row: { contact_point_id: number; visited_on: string; content: string; recorded_by_name: string }) {
  return db.insertInto('contact_point_visits').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function endContactPoint(db: Db, id: number, endedOn: string, reason: string) {
  await db.updateTable('contact_points').set({ ended_on: endedOn, end_reason: reason }).where('id', '=', id).execute();
}

export async function activeDemoPoint(db: Db, orgId: number) {
  return db.selectFrom('demonstration_points').select(['id', 'since']).where('org_id', '=', orgId).where('ended_on', 'is', null).executeTakeFirst();
}

export async function insertDemoPoint(db: Db, row: { township_id: number; org_id: number; theme: string; since: string; note: string | null; created_by_name: string }) {
  return db.insertInto('demonstration_points').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function endDemoPoint(db: Db, id: number, endedOn: string, reason: string) {
  await db.updateTable('demonstration_points').set({ ended_on: endedOn, end_reason: reason }).where('id', '=', id).execute();
}
