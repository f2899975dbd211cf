import { randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse as Response, RouteOptions } from 'fastify';
import { FieldCipher } from '../../src/lib/secrets.ts';
import type { Me } from '../../src/modules/auth/auth.schemas.ts';
import { buildApp } from '../../src/server/app.ts';
import { SESSION_COOKIE } from '../../src/server/plugins/auth.ts';
import type { App } from '../../src/server/types.ts';
import { testDb, type TestDb } from './db.ts';
import { makeOrgTree, makeUser, insertMember, insertOrg, type FactoryCtx, type OrgTree, type TestUser } from './factories.ts';
import type { Role } from '../../src/server/context.ts';

export interface TestServer extends TestDb, FactoryCtx {
  app: App;
  cipher: FieldCipher;
  /** Every route the app registered, as Fastify reported it (onRoute). */
  routes: RouteOptions[];
  makeOrgTree(): Promise<OrgTree>;
  makeUser(role: Role, orgId: number, password?: string, opts?: { mustChangePassword?: boolean; memberId?: number | null; prefix?: string }): Promise<TestUser>;
  insertOrg: (...a: Parameters<typeof insertOrg> extends [FactoryCtx, ...infer R] ? R : never) => ReturnType<typeof insertOrg>;
  insertMember: (...a: Parameters<typeof insertMember> extends [FactoryCtx, ...infer R] ? R : never) => ReturnType<typeof insertMember>;
}

/** The API (no web UI) on a fresh test database, with a random field-encryption key. */
export async function testServer(): Promise<TestServer> {
  const tdb = await testDb();
  const cipher = new FieldCipher(randomBytes(32));
  const routes: RouteOptions[] = [];
  let app: App;
  try {
    app = await buildApp({ deps: { db: tdb.db, engine: tdb.engine, cipher, cookieSecure: false }, webDir: false, routes });
  } catch (err) {
    await tdb.close();
    throw err;
  }
  const ctx: FactoryCtx = { db: tdb.db, cipher };
  return {
    ...tdb,
    app,
    cipher,
    routes,
    makeOrgTree: () => makeOrgTree(ctx),
    makeUser: (role, orgId, password, opts) => makeUser(ctx, role, orgId, password, opts),
    insertOrg: (...a) => insertOrg(ctx, ...a),
    insertMember: (...a) => insertMember(ctx, ...a),
    async close() {
      await app.close();
      await tdb.close();
    },
  };
}

type Headers = Record<string, string>;
interface CallOptions {
  headers?: Headers;
  /** Send this CSRF token instead of the session's; `false` sends none. */
  csrf?: string | false;
}

/** A signed-in caller: keeps the session cookie and sends the CSRF token on every request. */
export interface Client {
  app: App;
  cookie: string;
  csrfToken: string;
  me: Me;
  request(opts: InjectOptions & CallOptions): Promise<Response>;
  get(url: string, opts?: CallOptions): Promise<Response>;
  delete(url: string, opts?: CallOptions): Promise<Response>;
  post(url: string, body?: unknown, opts?: CallOptions): Promise<Response>;
  patch(url: string, body?: unknown, opts?: CallOptions): Promise<Response>;
  put(url: string, body?: unknown, opts?: CallOptions): Promise<Response>;
}

/** Sign in through POST /api/auth/login; throws unless it succeeds. */
export async function login(app: App, username: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const session = res.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!session) throw new Error('login set no session cookie');
  const me = res.json<Me>();
  const client: Client = {
    app,
    cookie: session.value,
    csrfToken: me.csrfToken,
    me,
    request({ headers, csrf, ...opts }) {
      const h: Headers = { ...headers };
      const token = csrf === undefined ? client.csrfToken : csrf;
      if (token !== false) h['x-csrf-token'] = token;
      return app.inject({ ...opts, headers: h, cookies: { [SESSION_COOKIE]: client.cookie } });
    },
    get: (url, opts) => client.request({ method: 'GET', url, ...opts }),
    delete: (url, opts) => client.request({ method: 'DELETE', url, ...opts }),
    post: (url, body, opts) => client.request({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as object }), ...opts }),
    patch: (url, body, opts) => client.request({ method: 'PATCH', url, ...(body === undefined ? {} : { payload: body as object }), ...opts }),
    put: (url, body, opts) => client.request({ method: 'PUT', url, ...(body === undefined ? {} : { payload: body as object }), ...opts }),
  };
  return client;
}

/** The RFC 9457 body of an error response. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId: string;
  errors?: { field: string; message: string }[];
}
