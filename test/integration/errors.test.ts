// Client mistakes come back as 4xx application/problem+json that name the field, in Chinese by
// default and English on request, and write nothing. A little fuzzing never yields a 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { prng } from '../../src/seed/synthetic.ts';
import type { OrgTree } from '../helpers/factories.ts';
import { endpoints, pathParams } from '../helpers/routes.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';

let ts: TestServer;
let tree: OrgTree;
let c: Client;

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  const admin = await ts.makeUser('admin', tree.root.id);
  c = await login(ts.app, admin.username, admin.password);
});
afterAll(async () => {
  await ts?.close();
});

const CJK = /[\u4e00-\u9fff]/;

async function counts() {
  const r = await sql<{ orgs: number; users: number; members: number; audit: number }>`
    select (select count(*) from organizations)::int as orgs, (select count(*) from users)::int as users,
           (select count(*) from members)::int as members, (select count(*) from audit_log)::int as audit`.execute(ts.db);
  return r.rows[0]!;
}

function problem(res: { statusCode: number; headers: Record<string, unknown>; json: <T>() => T }, status: number) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const p = res.json<Problem>();
  expect(p.status).toBe(status);
  expect(p.type).toBe(`urn:tongchou:problem:${p.code}`);
  return p;
}

const validOrg = () => ({ parentId: tree.a.village.id, code: 'ERR-OK', name: '错误测试支部', kind: 'branch', level: 'unit' });

describe('request bodies', () => {
  it('malformed JSON → 400 json.invalid', async () => {
    const before = await counts();
    const res = await c.request({ method: 'POST', url: '/api/orgs', payload: '{"parentId": 1, "code": ', headers: { 'content-type': 'application/json' } });
    const p = problem(res, 400);
    expect(p.code).toBe('json.invalid');
    expect(p.title).toBe('请求体不是有效的 JSON');
    const en = await c.request({ method: 'POST', url: '/api/orgs', payload: '{oops', headers: { 'content-type': 'application/json', 'accept-language': 'en' } });
    expect(problem(en, 400).title).toBe('The request body is not valid JSON');
    expect(await counts()).toEqual(before);
  });

  it('an empty JSON body and a non-JSON content type are refused', async () => {
    const empty = await c.request({ method: 'POST', url: '/api/orgs', payload: '', headers: { 'content-type': 'application/json' } });
    expect(problem(empty, 400).code).toBe('json.empty');
    const text = await c.request({ method: 'POST', url: '/api/orgs', payload: '<org/>', headers: { 'content-type': 'application/xml' } });
    expect(problem(text, 415).code).toBe('mediaType');
  });

  it('wrong types name the field, zh-CN by default and English with Accept-Language: en', async () => {
    const before = await counts();
    const zh = problem(await c.post('/api/orgs', { ...validOrg(), name: 12345 }), 400);
    expect(zh.code).toBe('validation');
    expect(zh.errors?.map((e) => e.field)).toEqual(['name']);
    expect(zh.detail).toMatch(/^字段“name”：/);
    expect(zh.errors![0]!.message).toMatch(CJK);
    const en = problem(await c.post('/api/orgs', { ...validOrg(), name: 12345 }, { headers: { 'accept-language': 'en-GB,en;q=0.8' } }), 400);
    expect(en.title).toBe('The request is not valid');
    expect(en.detail).toMatch(/^Field "name": /);
    expect(en.errors![0]!.message).not.toMatch(CJK);
    // Several problems at once: each is named.
    const many = problem(await c.post('/api/orgs', { ...validOrg(), parentId: 'abc', kind: 'castle', code: 'bad code!' }), 400);
    expect(new Set(many.errors!.map((e) => e.field))).toEqual(new Set(['parentId', 'kind', 'code']));
    expect(await counts()).toEqual(before);
  });

  it('unknown fields are refused by name', async () => {
    const before = await counts();
    const p = problem(await c.post('/api/orgs', { ...validOrg(), isAdmin: true }), 400);
    expect(p.errors?.map((e) => e.field)).toEqual(['isAdmin']);
    // Several unknown fields are named one by one, not joined into a path.
    const two = problem(await c.post('/api/orgs', { ...validOrg(), isAdmin: true, ownerId: 1 }), 400);
    expect(two.errors?.map((e) => e.field).sort()).toEqual(['isAdmin', 'ownerId']);
    const u = problem(await c.patch(`/api/users/${(await ts.makeUser('secretary', tree.a.village.id)).id}`, { displayName: 'x', passwordHash: 'y' }), 400);
    expect(u.errors?.map((e) => e.field)).toEqual(['passwordHash']);
    expect((await counts()).orgs).toBe(before.orgs);
  });

  it('a body over 1 MB → 413 body.tooLarge, nothing written', async () => {
    const before = await counts();
    const res = await c.post('/api/orgs', { ...validOrg(), name: '大'.repeat(400_000) });
    const p = problem(res, 413);
    expect(p.code).toBe('body.tooLarge');
    expect(p.title).toBe('请求体过大（上限 1 MB）');
    expect(await counts()).toEqual(before);
  });

  it('text PostgreSQL cannot store (NUL) and impossible dates are 400, not 500', async () => {
    const before = await counts();
    expect(problem(await c.post('/api/orgs', { ...validOrg(), name: 'ab\u0000cd' }), 400).code).toMatch(/bad_request|validation/);
    expect(problem(await c.post('/api/orgs', { ...validOrg(), establishedOn: '2023-02-29' }), 400).errors?.[0]?.field).toBe('establishedOn');
    expect(problem(await c.post('/api/orgs', { ...validOrg(), establishedOn: '0000-01-01' }), 400).code).toMatch(/bad_request|validation/);
    expect(await counts()).toEqual(before);
  });
});

describe('ids and query strings', () => {
  it.each([
    ['abc', 'params.id'],
    ['-1', 'params.id'],
    ['0', 'params.id'],
    ['1.5', 'params.id'],
    ['99999999999', 'params.id'],
  ])('GET /api/orgs/%s → 400 naming %s', async (id, field) => {
    const p = problem(await c.get(`/api/orgs/${id}`), 400);
    expect(p.errors?.[0]?.field).toBe(field);
    expect(p.detail).toContain(field);
  });

  it('bad ids on writes change nothing', async () => {
    const before = await counts();
    for (const id of ['abc', '-1', '99999999999']) {
      expect((await c.patch(`/api/orgs/${id}`, { name: '不存在的组织' })).statusCode).toBe(400);
      expect((await c.post(`/api/users/${id}/reset-password`, {})).statusCode).toBe(400);
    }
    expect(problem(await c.patch('/api/orgs/2147483647', { name: '不存在的组织' }), 404).title).toBe('未找到该记录，或不在您的管辖范围内');
    expect(await counts()).toEqual(before);
  });

  it('every endpoint with a query schema refuses an unknown query parameter by name', async () => {
    const withQuery = endpoints(ts.routes).filter((e) => e.method === 'GET' && e.route.schema?.querystring);
    expect(withQuery.length).toBeGreaterThanOrEqual(4);
    for (const e of withQuery) {
      const url = e.url.replace(/:(\w+)/g, String(tree.a.village.id));
      const res = await c.get(`${url}?q=x&bogusParam=1`);
      const p = problem(res, 400);
      expect(p.errors?.map((x) => x.field), e.key).toContain('querystring.bogusParam');
    }
  });

  it('out-of-range paging is refused by name (en)', async () => {
    const p = problem(await c.get(`/api/orgs/${tree.a.village.id}/children?limit=100000`, { headers: { 'accept-language': 'en' } }), 400);
    expect(p.errors?.[0]?.field).toBe('querystring.limit');
    expect(p.detail).toMatch(/^Field "querystring.limit": /);
  });

  it('unknown routes are problem+json 404 too', async () => {
    const p = problem(await c.get('/api/no-such-thing'), 404);
    expect(p.code).toBe('not_found');
    expect(p.title).toBe('接口不存在');
  });

  it('every path-parameter route refuses a non-numeric id with 400', async () => {
    for (const e of endpoints(ts.routes).filter((x) => x.url.startsWith('/api/') && pathParams(x.url).length && !x.url.startsWith('/api/docs'))) {
      const res = await c.request({ method: e.method as 'GET', url: e.url.replace(/:(\w+)/g, 'abc'), ...(['POST', 'PATCH', 'PUT'].includes(e.method) ? { payload: (e.route.config?.example?.body ?? {}) as object } : {}) });
      expect(res.statusCode, e.key).toBe(400);
    }
  });
});

describe('fuzz', () => {
  const rng = prng(20261123);
  const STRINGS = ['', ' ', 'a', '中文名称', 'x'.repeat(300), '\u0000', '\ud800', '<script>', "'; drop table users; --", '%', '_', '\\', '1e309', 'NaN', '-0', '2026-13-45', 'null'];
  const KEYS = ['parentId', 'code', 'name', 'kind', 'level', 'domain', 'shortName', 'divisionCode', 'urbanRural', 'establishedOn', 'username', 'displayName', 'role', 'orgId', 'memberId', '__proto__', 'constructor', ''];
  function junk(depth = 0): unknown {
    const k = rng.int(0, depth > 2 ? 5 : 8);
    switch (k) {
      case 0: return rng.pick(STRINGS);
      case 1: return rng.pick([0, -1, 1, 1.5, 2 ** 31, 2 ** 53, -(2 ** 63), 1e308, Number.MAX_SAFE_INTEGER]);
      case 2: return rng.pick([true, false, null]);
      case 3: return tree.a.village.id;
      case 4: return rng.pick(['branch', 'unit', 'secretary', 'admin', 'rural', 'village', '2020-01-01', '330402001']);
      case 5: return String(rng.int(0, 1e9));
      case 6: return Array.from({ length: rng.int(0, 3) }, () => junk(depth + 1));
      default: return Object.fromEntries(Array.from({ length: rng.int(0, 6) }, () => [rng.pick(KEYS), junk(depth + 1)]));
    }
  }
  function junkBody(): string {
    const k = rng.int(0, 9);
    if (k === 0) return rng.pick(['{', '[', '{"a":', 'nul', '"str', '{}}', '\u0000', '{"parentId":1,}']);
    if (k === 1) return JSON.stringify(junk());
    // Mostly objects that look almost right: a valid org or user with a few fields spoiled.
    const base: Record<string, unknown> = rng.next() < 0.5
      ? { parentId: tree.a.village.id, code: `FZ${rng.int(0, 1e6)}`, name: '模糊测试支部', kind: 'branch', level: 'unit' }
      : { username: `fz${rng.int(0, 1e6)}`, displayName: '模糊', role: 'secretary', orgId: tree.a.village.id };
    for (let i = rng.int(1, 3); i > 0; i--) base[rng.pick(KEYS)] = junk();
    return JSON.stringify(base);
  }

  it.each(['/api/orgs', '/api/users'])('50 junk bodies to POST %s never give a 5xx', async (url) => {
    const seen = new Set<number>();
    for (let i = 0; i < 50; i++) {
      const payload = junkBody();
      const res = await c.request({ method: 'POST', url, payload, headers: { 'content-type': 'application/json' } });
      seen.add(res.statusCode);
      expect(res.statusCode, `${url} ${payload.slice(0, 200)} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
      expect(String(res.headers['content-type'])).toMatch(/^application\/(problem\+)?json/);
    }
    expect([...seen].some((s) => s >= 400)).toBe(true);
  });
});
