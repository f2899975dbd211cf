import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export async function listPosts(db: Db, orgId: number, includeEnded: boolean) {
  let q = db.selectFrom('org_posts').select(['id', 'post', 'member_id', 'holder_name', 'started_on', 'ended_on']).where('org_id', '=', orgId);
  if (!includeEnded) q = q.where('ended_on', 'is', null);
  return q.orderBy(sql`ended_on is not null`).orderBy('started_on', 'desc').execute();
}

export async function insertPost(db: Db, p: { orgId: number; post: string; memberId: number | null; holderName: string; startedOn: string }) {
  return db.insertInto('org_posts').values({ org_id: p.orgId, post: p.post, member_id: p.memberId, holder_name: p.holderName, started_on: p.startedOn }).returning('id').executeTakeFirstOrThrow();
}

export async function findPost(db: Db, orgId: number, postId: number) {
  return db.selectFrom('org_posts').selectAll().where('id', '=', postId).where('org_id', '=', orgId).executeTakeFirst();
}

export async function endPost(db: Db, postId: number, endedOn: string) {
  await db.updateTable('org_posts').set({ ended_on: endedOn }).where('id', '=', postId).execute();
}

export async function setTerm(db: Db, orgId: number, startedOn: string, years: number | null) {
  await db.updateTable('organizations').set({ term_started_on: startedOn, term_years: years, updated_at: new Date() }).where('id', '=', orgId).execute();
}
