import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../../lib/password.ts';
import { PERMISSIONS, can, type RequestContext, type Role } from '../../server/context.ts';
import { AppError, badRequest } from '../../server/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findUserForLogin, recordFailedLogin, updateUser } from '../users/users.repository.ts';
import { createSession, deleteSession, deleteUserSessions, findSession, tokenHash } from './session.repository.ts';
import type { Me } from './auth.schemas.ts';

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
// Compared against when the username does not exist, so timing does not reveal which usernames exist.
const DUMMY_HASH = await hashPassword(randomBytes(12).toString('hex'));

interface LoginMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string;
  ttlMs: number;
}

/** Check the credentials, apply lockout, open a session. Returns the session token. */
export async function login(db: Kysely<DB>, username: string, password: string, meta: LoginMeta): Promise<{ token: string }> {
  const user = await findUserForLogin(db, username);
  if (!user) {
    await verifyPassword(password, DUMMY_HASH);
    throw new AppError(401, 'auth.badCredentials');
  }
  if (user.locked_until && new Date(user.locked_until).getTime() > Date.now()) {
    const minutes = Math.ceil((new Date(user.locked_until).getTime() - Date.now()) / 60000);
    throw new AppError(423, 'auth.locked', { minutes });
  }
  if (!(await verifyPassword(password, user.password_hash))) {
    const state = await recordFailedLogin(db, user.id, LOCKOUT_THRESHOLD, LOCKOUT_MS);
    await db.transaction().execute((trx) =>
      appendAudit(trx, { actor: { userId: user.id, username: user.username }, requestId: meta.requestId, ip: meta.ip }, {
        action: state.locked_until ? 'auth.lockout' : 'auth.loginFailed',
        entity: 'user',
        entityId: user.id,
        scopePath: null,
        after: { failedLogins: state.failed_logins },
      }),
    );
    if (state.locked_until) throw new AppError(423, 'auth.locked', { minutes: Math.ceil(LOCKOUT_MS / 60000) });
    throw new AppError(401, 'auth.badCredentials');
  }
  if (user.disabled) throw new AppError(403, 'auth.disabled');
  const token = randomBytes(32).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { failed_logins: 0, locked_until: null, last_login_at: new Date() });
    await createSession(trx, { token, userId: user.id, csrfToken: randomBytes(24).toString('base64url'), ttlMs: meta.ttlMs, ip: meta.ip, userAgent: meta.userAgent });
    await appendAudit(trx, { actor: { userId: user.id, username: user.username }, requestId: meta.requestId, ip: meta.ip }, {
      action: 'auth.login',
      entity: 'user',
      entityId: user.id,
      scopePath: null,
    });
  });
  return { token };
}

/** The caller as the web client needs it, including the CSRF token of this session. */
export async function me(db: Kysely<DB>, token: string): Promise<Me | null> {
  const s = await findSession(db, token);
  if (!s) return null;
  const role = s.role as Role;
  return {
    id: s.user_id,
    username: s.username,
    displayName: s.display_name,
    role,
    orgId: s.org_id,
    orgName: s.org_name,
    memberId: s.member_id,
    locale: s.locale === 'en' ? 'en' : 'zh-CN',
    mustChangePassword: s.must_change_password,
    csrfToken: s.csrf_token,
    permissions: PERMISSIONS.filter((p) => can(role, p)),
  };
}

/** End this session; recorded like the sign-in that opened it. */
export async function logout(db: Kysely<DB>, ctx: RequestContext, token: string) {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, tokenHash(token));
    await appendAudit(trx, ctx, { action: 'auth.logout', entity: 'user', entityId: ctx.actor.userId, scopePath: null });
  });
}

/** Change one's own password; other sessions of the user are closed. */
export async function changePassword(db: Kysely<DB>, ctx: RequestContext, token: string, current: string, next: string) {
  const user = await findUserForLogin(db, ctx.actor.username);
  if (!user) throw new AppError(401, 'auth.required');
  if (!(await verifyPassword(current, user.password_hash))) throw badRequest('auth.wrongCurrentPassword', 'currentPassword');
  const problem = passwordProblem(next);
  if (problem) throw badRequest(problem, 'newPassword');
  if (current === next) throw badRequest('auth.samePassword', 'newPassword');
  const hash = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { password_hash: hash, must_change_password: false, password_changed_at: new Date() });
    await deleteUserSessions(trx, user.id, tokenHash(token));
    await appendAudit(trx, ctx, { action: 'auth.passwordChanged', entity: 'user', entityId: user.id, scopePath: ctx.actor.orgPath });
  });
}

export async function setLocale(db: Kysely<DB>, ctx: RequestContext, locale: 'zh-CN' | 'en') {
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, ctx.actor.userId, { locale });
    await appendAudit(trx, ctx, { action: 'user.setLocale', entity: 'user', entityId: ctx.actor.userId, scopePath: ctx.actor.orgPath, after: { locale } });
  });
}
