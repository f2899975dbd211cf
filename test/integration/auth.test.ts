// Sign-in, lockout, forced password change, password policy, CSRF, sign-out, cookie flags and
// disabled accounts — as a user would meet them through HTTP.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FieldCipher } from '../../src/lib/secrets.ts';
import { buildApp } from '../../src/server/app.ts';
import { SESSION_COOKIE } from '../../src/server/plugins/auth.ts';
import { DEFAULT_PASSWORD, type OrgTree, type TestUser } from '../helpers/factories.ts';
import { login, testServer, type Problem, type TestServer } from '../helpers/server.ts';

let ts: TestServer;
let tree: OrgTree;
let admin: TestUser;

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  admin = await ts.makeUser('admin', tree.root.id);
});
afterAll(async () => {
  await ts?.close();
});

const CJK = /[\u4e00-\u9fff]/;
const tryLogin = (username: string, password: string, headers: Record<string, string> = {}) =>
  ts.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });
const auditCount = async () => Number((await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(ts.db)).rows[0]!.n);

describe('sign-in', () => {
  it('accepts the right password and returns the user with a CSRF token and permissions', async () => {
    const u = await ts.makeUser('secretary', tree.a.village.id);
    const res = await tryLogin(u.username, u.password);
    expect(res.statusCode).toBe(200);
    const me = res.json<{ username: string; orgId: number; orgName: string; csrfToken: string; permissions: string[]; mustChangePassword: boolean }>();
    expect(me).toMatchObject({ username: u.username, orgId: tree.a.village.id, orgName: tree.a.village.name, mustChangePassword: false });
    expect(me.csrfToken.length).toBeGreaterThanOrEqual(20);
    expect(me.permissions).toContain('member.write');
    expect(me.permissions).not.toContain('member.revealId');
    // The cookie opens /api/auth/me.
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    const again = await ts.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { [SESSION_COOKIE]: cookie.value } });
    expect(again.statusCode).toBe(200);
    expect(again.json<{ csrfToken: string }>().csrfToken).toBe(me.csrfToken);
  });

  it('refuses a wrong password and an unknown user alike (401, zh-CN message, no cookie)', async () => {
    const u = await ts.makeUser('secretary', tree.a.village.id);
    const wrong = await tryLogin(u.username, 'Wrong-passw0rd');
    const unknown = await tryLogin('nobody-here', 'Wrong-passw0rd');
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json<Problem>()).toMatchObject({ code: 'auth.badCredentials', title: '用户名或密码错误' });
      expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    }
    // Nothing tells a wrong password from an unknown username.
    const shape = (p: Problem) => [p.status, p.code, p.title, p.detail];
    expect(shape(unknown.json<Problem>())).toEqual(shape(wrong.json<Problem>()));
  });

  it('sets the session cookie HttpOnly, SameSite=Strict, Path=/ (and Secure when configured)', async () => {
    const u = await ts.makeUser('secretary', tree.a.village.id);
    const res = await tryLogin(u.username, u.password);
    const raw = [res.headers['set-cookie']].flat().find((c) => c?.startsWith(`${SESSION_COOKIE}=`))!;
    expect(raw).toMatch(/;\s*HttpOnly/i);
    expect(raw).toMatch(/;\s*SameSite=Strict/i);
    expect(raw).toMatch(/;\s*Path=\//i);
    expect(raw).not.toMatch(/;\s*Secure/i);
    const secureApp = await buildApp({ deps: { db: ts.db, engine: ts.engine, cipher: new FieldCipher(randomBytes(32)), cookieSecure: true }, webDir: false });
    try {
      const s = await secureApp.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: u.password } });
      expect([s.headers['set-cookie']].flat().find((c) => c?.startsWith(`${SESSION_COOKIE}=`))).toMatch(/;\s*Secure/i);
    } finally {
      await secureApp.close();
    }
  });
});

describe('lockout', () => {
  it('locks after 5 failures: the 6th attempt, even with the right password, gets 423 in Chinese', async () => {
    const u = await ts.makeUser('secretary', tree.a.village.id);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await tryLogin(u.username, `Wrong-passw0rd-${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    const sixth = await tryLogin(u.username, u.password);
    expect(sixth.statusCode).toBe(423);
    const p = sixth.json<Problem>();
    expect(p.code).toBe('auth.locked');
    expect(p.title).toMatch(CJK);
    expect(p.title).toContain('15 分钟');
    // English on request.
    const en = await tryLogin(u.username, u.password, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.statusCode).toBe(423);
    expect(en.json<Problem>().title).toMatch(/^Too many failed sign-ins.*15 minutes/);
    const row = await ts.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row.failed_logins).toBe(5);
    expect(new Date(row.locked_until!).getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
  });

  it('an administrator reset unlocks: the one-time password signs in and must be changed', async () => {
    const u = await ts.makeUser('secretary', tree.a.village.id);
    for (let i = 0; i < 5; i++) await tryLogin(u.username, `Wrong-passw0rd-${i}`);
    expect((await tryLogin(u.username, u.password)).statusCode).toBe(423);
    const a = await login(ts.app, admin.username, admin.password);
    const reset = await a.post(`/api/users/${u.id}/reset-password`, {});
    expect(reset.statusCode).toBe(200);
    const { initialPassword, user } = reset.json<{ initialPassword: string; user: { locked: boolean; mustChangePassword: boolean } }>();
    expect(user).toMatchObject({ locked: false, mustChangePassword: true });
    expect((await tryLogin(u.username, u.password)).statusCode).toBe(401); // the old password is gone
    const ok = await tryLogin(u.username, initialPassword);
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ mustChangePassword: boolean }>().mustChangePassword).toBe(true);
  });
});

describe('forced password change', () => {
  it('blocks every other endpoint with 403 auth.passwordChangeRequired until POST /api/auth/password', async () => {
    const u = await ts.makeUser('org_staff', tree.a.township.id, DEFAULT_PASSWORD, { mustChangePassword: true });
    const c = await login(ts.app, u.username, u.password);
    expect(c.me.mustChangePassword).toBe(true);
    for (const res of [await c.get('/api/orgs/roots'), await c.get('/api/members'), await c.patch(`/api/orgs/${tree.a.village.id}`, { name: '不应改名的村' })]) {
      expect(res.statusCode).toBe(403);
      expect(res.json<Problem>()).toMatchObject({ code: 'auth.passwordChangeRequired', title: '首次登录须先修改密码' });
    }
    expect((await ts.db.selectFrom('organizations').select('name').where('id', '=', tree.a.village.id).executeTakeFirstOrThrow()).name).toBe(tree.a.village.name);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    // A second session of the same user, which the change must end.
    const other = await login(ts.app, u.username, u.password);
    const changed = await c.post('/api/auth/password', { currentPassword: u.password, newPassword: 'Brand-new-passw0rd' });
    expect(changed.statusCode).toBe(200);
    const roots = await c.get('/api/orgs/roots');
    expect(roots.statusCode).toBe(200);
    expect(roots.json<{ items: { id: number }[] }>().items.map((o) => o.id)).toEqual([tree.a.township.id]);
    expect((await c.get('/api/auth/me')).json<{ mustChangePassword: boolean }>().mustChangePassword).toBe(false);
    expect((await other.get('/api/auth/me')).statusCode).toBe(401);
    expect((await tryLogin(u.username, u.password)).statusCode).toBe(401);
    expect((await tryLogin(u.username, 'Brand-new-passw0rd')).statusCode).toBe(200);
  });

  it('password policy errors name the field (zh-CN by default, English on request)', async () => {
    const u = await ts.makeUser('secretary', tree.a.village.id);
    const c = await login(ts.app, u.username, u.password);
    const cases: [Record<string, string>, string, string][] = [
      [{ currentPassword: 'not-my-passw0rd', newPassword: 'Another-passw0rd' }, 'currentPassword', 'auth.wrongCurrentPassword'],
      [{ currentPassword: u.password, newPassword: 'Short1abc' }, 'newPassword', 'password.tooShort'],
      [{ currentPassword: u.password, newPassword: 'onlyletterslong' }, 'newPassword', 'password.tooSimple'],
      [{ currentPassword: u.password, newPassword: '12345678901234' }, 'newPassword', 'password.tooSimple'],
      [{ currentPassword: u.password, newPassword: u.password }, 'newPassword', 'auth.samePassword'],
    ];
    for (const [body, field, code] of cases) {
      const res = await c.post('/api/auth/password', body);
      expect(res.statusCode, code).toBe(400);
      const p = res.json<Problem>();
      expect(p.code).toBe(code);
      expect(p.errors?.[0]?.field).toBe(field);
      expect(p.detail).toMatch(CJK);
    }
    const en = await c.post('/api/auth/password', { currentPassword: u.password, newPassword: 'Short1abc' }, { headers: { 'accept-language': 'en' } });
    expect(en.json<Problem>()).toMatchObject({ code: 'password.tooShort', detail: 'The password needs at least 10 characters', errors: [{ field: 'newPassword' }] });
    // None of it changed the password.
    expect((await tryLogin(u.username, u.password)).statusCode).toBe(200);
  });
});

describe('CSRF', () => {
  it('a write without or with a wrong X-CSRF-Token gets 403 and changes nothing', async () => {
    const u = await ts.makeUser('org_staff', tree.a.township.id);
    const c = await login(ts.app, u.username, u.password);
    const other = await login(ts.app, (await ts.makeUser('org_staff', tree.a.township.id)).username, DEFAULT_PASSWORD);
    const before = await auditCount();
    for (const csrf of [false, 'wrong-token', other.csrfToken, c.csrfToken.slice(0, -1)] as const) {
      const res = await c.patch(`/api/orgs/${tree.a.village.id}`, { name: '被伪造请求改名' }, { csrf });
      expect(res.statusCode).toBe(403);
      expect(res.json<Problem>()).toMatchObject({ code: 'auth.csrf' });
      const created = await c.post('/api/orgs', { parentId: tree.a.village.id, code: 'CSRF-1', name: '伪造的支部', kind: 'branch', level: 'unit' }, { csrf });
      expect(created.statusCode).toBe(403);
    }
    expect((await ts.db.selectFrom('organizations').select('name').where('id', '=', tree.a.village.id).executeTakeFirstOrThrow()).name).toBe(tree.a.village.name);
    expect(await ts.db.selectFrom('organizations').select('id').where('code', '=', 'CSRF-1').executeTakeFirst()).toBeUndefined();
    expect(await auditCount()).toBe(before);
    // The right token works (the refusals were about the token, not the permission).
    const ok = await c.patch(`/api/orgs/${tree.a.branch.id}`, { shortName: '一支部' });
    expect(ok.statusCode).toBe(200);
  });

  it('a GET needs no token', async () => {
    const u = await ts.makeUser('secretary', tree.a.village.id);
    const c = await login(ts.app, u.username, u.password);
    expect((await c.get(`/api/orgs/${tree.a.village.id}`, { csrf: false })).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('logout ends the session and clears the cookie', async () => {
    const u = await ts.makeUser('secretary', tree.a.village.id);
    const c = await login(ts.app, u.username, u.password);
    const out = await c.post('/api/auth/logout', {});
    expect(out.statusCode).toBe(200);
    const cleared = [out.headers['set-cookie']].flat().find((x) => x?.startsWith(`${SESSION_COOKIE}=`));
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i);
    const after = await c.get('/api/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json<Problem>().code).toBe('auth.required');
    expect((await c.get('/api/orgs/roots')).statusCode).toBe(401);
  });

  it('requests without a session get 401, with a made-up one too', async () => {
    expect((await ts.app.inject({ method: 'GET', url: '/api/orgs/roots' })).statusCode).toBe(401);
    const res = await ts.app.inject({ method: 'GET', url: '/api/orgs/roots', cookies: { [SESSION_COOKIE]: randomBytes(32).toString('base64url') } });
    expect(res.statusCode).toBe(401);
    expect(res.json<Problem>()).toMatchObject({ code: 'auth.required', title: '请先登录' });
  });

  it('a disabled user cannot use an existing session, nor sign in again', async () => {
    const u = await ts.makeUser('secretary', tree.a.village.id);
    const c = await login(ts.app, u.username, u.password);
    expect((await c.get('/api/orgs/roots')).statusCode).toBe(200);
    // Disabled directly in the database: the session row survives, the check must still refuse it.
    await ts.db.updateTable('users').set({ disabled: true }).where('id', '=', u.id).execute();
    expect((await ts.db.selectFrom('sessions').select('token_hash').where('user_id', '=', u.id).execute()).length).toBe(1);
    expect((await c.get('/api/orgs/roots')).statusCode).toBe(401);
    const again = await tryLogin(u.username, u.password);
    expect(again.statusCode).toBe(403);
    expect(again.json<Problem>()).toMatchObject({ code: 'auth.disabled', title: '账号已停用，请联系管理员' });
  });

  it('disabling through the API ends the user’s sessions', async () => {
    const u = await ts.makeUser('secretary', tree.a.village.id);
    const c = await login(ts.app, u.username, u.password);
    const a = await login(ts.app, admin.username, admin.password);
    const res = await a.patch(`/api/users/${u.id}`, { disabled: true });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ disabled: boolean }>().disabled).toBe(true);
    expect((await ts.db.selectFrom('sessions').select('token_hash').where('user_id', '=', u.id).execute()).length).toBe(0);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
    // Nobody disables themselves.
    const self = await a.patch(`/api/users/${admin.id}`, { disabled: true });
    expect(self.statusCode).toBe(400);
    expect(self.json<Problem>().errors?.[0]?.field).toBe('disabled');
  });
});
