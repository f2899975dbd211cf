import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/** The signed-in user behind a session token, with the path of their organization. */
export async function findSession(db: Kysely<DB>, token: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('organizations as o', 'o.id', 'u.org_id')
    .select([
      's.token_hash',
      's.csrf_token',
      's.last_seen_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.org_id',
      'u.member_id',
      'u.locale',
      'u.must_change_password',
      'u.disabled',
      'o.path as org_path',
      'o.name as org_name',
    ])
    .where('s.token_hash', '=', tokenHash(token))
    .where('s.expires_at', '>', new Date())
    .executeTakeFirst();
}

export async function createSession(
  db: Kysely<DB>,
  s: { token: string; userId: number; csrfToken: string; ttlMs: number; ip: string | null; userAgent: string | null },
) {
  await db
    .insertInto('sessions')
    .values({
      token_hash: tokenHash(s.token),
      user_id: s.userId,
      csrf_token: s.csrfToken,
      expires_at: new Date(Date.now() + s.ttlMs),
      ip: s.ip,
      user_agent: s.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
}

/** Sliding expiry, written at most every few minutes per session. */
export async function touchSession(db: Kysely<DB>, hash: string, ttlMs: number) {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: new Date(), expires_at: new Date(Date.now() + ttlMs) })
    .where('token_hash', '=', hash)
    .execute();
}

export async function deleteSession(db: Kysely<DB>, hash: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', hash).execute();
}

export async function deleteUserSessions(db: Kysely<DB>, userId: number, exceptHash?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptHash) q = q.where('token_hash', '!=', exceptHash);
  await q.execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>) {
  await db.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now()`).execute();
}
