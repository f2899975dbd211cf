import { AppError } from '../../server/errors.ts';
import { SESSION_COOKIE, SESSION_TTL_MS, clearSessionCookie, setSessionCookie } from '../../server/plugins/auth.ts';
import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { ChangePasswordBody, LoginBody, MeReply, OkReply, SetLocaleBody } from './auth.schemas.ts';
import { changePassword, login, logout, me, setLocale } from './auth.service.ts';

const tags = ['auth'];

export const authModule: Module = {
  name: 'auth',
  register(app) {
    app.post(
      '/api/auth/login',
      { config: { public: true }, schema: { summary: '登录', tags, body: LoginBody, response: { 200: MeReply } } },
      async (req, reply) => {
        const { token } = await login(app.deps.db, req.body.username, req.body.password, {
          ip: req.ip ?? null,
          userAgent: req.headers['user-agent'] ?? null,
          requestId: req.id,
          ttlMs: SESSION_TTL_MS,
        });
        setSessionCookie(reply, token, app.deps.cookieSecure);
        const m = await me(app.deps.db, token);
        if (!m) throw new AppError(401, 'auth.required');
        return m;
      },
    );

    app.get(
      '/api/auth/me',
      { config: { allowDuringPasswordChange: true }, schema: { summary: '当前用户（含 CSRF 令牌）', tags, response: { 200: MeReply } } },
      async (req) => {
        const m = await me(app.deps.db, req.cookies[SESSION_COOKIE] ?? '');
        if (!m) throw new AppError(401, 'auth.required');
        return m;
      },
    );

    app.post(
      '/api/auth/logout',
      { config: { allowDuringPasswordChange: true, example: { body: {} } }, schema: { summary: '退出登录', tags, response: { 200: OkReply } } },
      async (req, reply) => {
        await logout(app.deps.db, requireCtx(req), req.cookies[SESSION_COOKIE] ?? '');
        clearSessionCookie(reply);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/auth/password',
      {
        config: { allowDuringPasswordChange: true, example: { body: { currentPassword: 'x', newPassword: 'y' } } },
        schema: { summary: '修改本人密码', tags, body: ChangePasswordBody, response: { 200: OkReply } },
      },
      async (req) => {
        await changePassword(app.deps.db, requireCtx(req), req.cookies[SESSION_COOKIE] ?? '', req.body.currentPassword, req.body.newPassword);
        return { ok: true as const };
      },
    );

    app.put(
      '/api/auth/locale',
      { config: { allowDuringPasswordChange: true, example: { body: { locale: 'en' } } }, schema: { summary: '设置界面语言', tags, body: SetLocaleBody, response: { 200: OkReply } } },
      async (req) => {
        await setLocale(app.deps.db, requireCtx(req), req.body.locale);
        return { ok: true as const };
      },
    );
  },
};
