import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';

type Db = Kysely<DB> | Transaction<DB>;

const userColumns = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.role',
  'u.org_id',
  'u.member_id',
  'u.must_change_password',
  'u.disabled',
  'u.locale',
  'u.locked_until',
  'u.failed_logins',
  'u.last_login_at',
  'u.created_at',
  'o.name as org_name',
  'o.path as org_path',
  'lm.name as member_name',
] as const;

export type UserRow = Awaited<ReturnType<typeof findUserById>> & object;

export async function findUserForLogin(db: Db, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Db, scope: Scope, id: number) {
  return db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.org_id')
    .leftJoin('members as lm', 'lm.id', 'u.member_id')
    .select(userColumns)
    .where('u.id', '=', id)
    .where(orgPathInScope(scope, 'o.path'))
    .executeTakeFirst();
}

export async function listUsers(db: Db, scope: Scope, q: { search?: string | undefined; offset: number; limit: number }) {
  let query = db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.org_id')
    .leftJoin('members as lm', 'lm.id', 'u.member_id')
    .where(orgPathInScope(scope, 'o.path'));
  if (q.search) {
    const like = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like)]));
  }
  const [rows, total] = await Promise.all([
    query.select(userColumns).orderBy('u.id').offset(q.offset).limit(q.limit).execute(),
    query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export async function insertUser(
  db: Db,
  u: { username: string; displayName: string; passwordHash: string; role: string; orgId: number; memberId?: number | null; mustChange: boolean },
) {
  return db
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      role: u.role,
      org_id: u.orgId,
      member_id: u.memberId ?? null,
      must_change_password: u.mustChange,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateUser(
  db: Db,
  id: number,
  patch: Partial<{ display_name: string; role: string; org_id: number; member_id: number | null; disabled: boolean; locale: string; password_hash: string; must_change_password: boolean; failed_logins: number; locked_until: Date | null; last_login_at: Date; password_changed_at: Date }>,
) {
  await db.updateTable('users').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
}

/** Count a failed sign-in; lock when the threshold is reached. Returns the new count. */
export async function recordFailedLogin(db: Db, id: number, threshold: number, lockMs: number) {
  const row = await db
    .updateTable('users')
    .set((eb) => ({
      failed_logins: eb('failed_logins', '+', 1),
      locked_until: sql<Date | null>`case when failed_logins + 1 >= ${threshold} then now() + ${`${lockMs} milliseconds`}::interval else locked_until end`,
    }))
    .where('id', '=', id)
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirstOrThrow();
  return row;
}

export async function countUsers(db: Db) {
  const r = await db.selectFrom('users').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}

/** Another enabled account already signing in as this member, if any. */
export async function userLinkedToMember(db: Db, memberId: number, exceptUserId?: number) {
  let q = db.selectFrom('users').select(['id', 'username']).where('member_id', '=', memberId).where('disabled', '=', false);
  if (exceptUserId !== undefined) q = q.where('id', '<>', exceptUserId);
  return q.executeTakeFirst();
}
