import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { findSession, touchSession } from '../../modules/auth/session.repository.ts';
import { can, scopeFor, type Role } from '../context.ts';
import { AppError, forbidden } from '../errors.ts';
import { pickLocale } from '../messages.ts';

export const SESSION_COOKIE = 'tc_session';
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
const TOUCH_AFTER_MS = 5 * 60 * 1000;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const sameToken = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: SESSION_TTL_MS / 1000 });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/**
 * Resolves the session cookie into `req.ctx` (actor + scope) for every /api route that is not
 * public, enforces the pending password change, CSRF on unsafe methods, and the route's permission.
 */
export function registerAuth(app: FastifyInstance) {
  app.decorateRequest('ctx', null);
  app.addHook('onRequest', async (req) => {
    const config = req.routeOptions.config;
    if (!req.routeOptions.url || !req.url.startsWith('/api/') || config.public) return;
    const token = req.cookies[SESSION_COOKIE];
    const s = token ? await findSession(app.deps.db, token) : undefined;
    if (!s || s.disabled) throw new AppError(401, 'auth.required');
    const role = s.role as Role;
    const actor = {
      userId: s.user_id,
      username: s.username,
      displayName: s.display_name,
      role,
      orgId: s.org_id,
      orgPath: s.org_path,
      memberId: s.member_id,
      mustChangePassword: s.must_change_password,
    };
    req.ctx = {
      actor,
      scope: scopeFor(actor),
      requestId: req.id,
      ip: req.ip ?? null,
      locale: pickLocale(req.headers['accept-language'], s.locale),
    };
    if (UNSAFE.has(req.method)) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, s.csrf_token)) throw forbidden('auth.csrf');
    }
    if (s.must_change_password && !config.allowDuringPasswordChange) throw forbidden('auth.passwordChangeRequired');
    if (config.permission && !can(role, config.permission)) throw forbidden();
    if (Date.now() - new Date(s.last_seen_at).getTime() > TOUCH_AFTER_MS) await touchSession(app.deps.db, s.token_hash, SESSION_TTL_MS);
  });
}
