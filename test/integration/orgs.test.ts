// The organization tree API: roots by scope, paged children, scoped search, create and its refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgTree, TestOrg, TestUser } from '../helpers/factories.ts';
import { login, testServer, type Client, type Problem, type TestServer } from '../helpers/server.ts';

interface Node {
  id: number;
  parentId: number | null;
  code: string;
  name: string;
  childCount: number;
}

let ts: TestServer;
let tree: OrgTree;
let admin: Client;
let staffA: Client;
let staffAUser: TestUser;
let extraRoot: TestOrg;
let pagedKids: TestOrg[];

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  extraRoot = await ts.insertOrg(null, { code: 'OTHER-ROOT', name: '中共另一县委员会', kind: 'committee', level: 'county' });
  // Seven children under A's branch for paging.
  pagedKids = [];
  for (let i = 1; i <= 7; i++) pagedKids.push(await ts.insertOrg(tree.a.branch, { code: `TA-G${i}`, name: `甲党小组${i}`, kind: 'group', level: 'unit' }));
  const a = await ts.makeUser('admin', tree.root.id);
  admin = await login(ts.app, a.username, a.password);
  staffAUser = await ts.makeUser('org_staff', tree.a.township.id);
  staffA = await login(ts.app, staffAUser.username, staffAUser.password);
});
afterAll(async () => {
  await ts?.close();
});

describe('roots', () => {
  it('an administrator sees every top-level organization', async () => {
    const res = await admin.get('/api/orgs/roots');
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: Node[] }>().items;
    expect(items.map((o) => o.id).sort((x, y) => x - y)).toEqual([tree.root.id, extraRoot.id].sort((x, y) => x - y));
    expect(items.find((o) => o.id === tree.root.id)).toMatchObject({ parentId: null, name: tree.root.name, childCount: 2 });
  });

  it('a scoped user sees their own organization as the only root', async () => {
    const items = (await staffA.get('/api/orgs/roots')).json<{ items: Node[] }>().items;
    expect(items).toEqual([expect.objectContaining({ id: tree.a.township.id, name: tree.a.township.name, childCount: 1 })]);
  });
});

describe('children', () => {
  it('pages with offset/limit and reports the total', async () => {
    const page = async (q: string) => (await staffA.get(`/api/orgs/${tree.a.branch.id}/children${q}`)).json<{ items: Node[]; total: number }>();
    const all = await page('');
    expect(all.total).toBe(7);
    expect(all.items.map((o) => o.code)).toEqual(pagedKids.map((o) => o.code));
    const p1 = await page('?offset=0&limit=3');
    const p2 = await page('?offset=3&limit=3');
    const p3 = await page('?offset=6&limit=3');
    expect([p1.total, p2.total, p3.total]).toEqual([7, 7, 7]);
    expect([p1, p2, p3].map((p) => p.items.length)).toEqual([3, 3, 1]);
    expect([...p1.items, ...p2.items, ...p3.items].map((o) => o.id)).toEqual(pagedKids.map((o) => o.id));
    expect((await page('?offset=50')).items).toEqual([]);
    expect(all.items.every((o) => o.parentId === tree.a.branch.id && o.childCount === 0)).toBe(true);
  });

  it('a parent outside the scope is 404', async () => {
    const res = await staffA.get(`/api/orgs/${tree.b.village.id}/children`);
    expect(res.statusCode).toBe(404);
    expect(res.json<Problem>().code).toBe('notFound');
  });
});

describe('detail', () => {
  it('shows ancestors inside the scope only, and subtree counts', async () => {
    const mine = (await staffA.get(`/api/orgs/${tree.a.branch.id}`)).json<{ ancestors: { id: number }[]; subtreeOrgCount: number; directMemberCount: number; subtreeMemberCount: number }>();
    expect(mine.ancestors.map((x) => x.id)).toEqual([tree.a.township.id, tree.a.village.id]);
    expect(mine.subtreeOrgCount).toBe(8);
    expect(mine.directMemberCount).toBe(2);
    const all = (await admin.get(`/api/orgs/${tree.a.village.id}`)).json<{ ancestors: { id: number }[]; subtreeMemberCount: number }>();
    expect(all.ancestors.map((x) => x.id)).toEqual([tree.root.id, tree.a.township.id]);
    expect(all.subtreeMemberCount).toBe(4);
  });
});

describe('search', () => {
  it('finds by name and by code prefix inside the scope only', async () => {
    const search = async (c: Client, q: string) => (await c.get(`/api/orgs/search?q=${encodeURIComponent(q)}`)).json<{ items: (Node & { pathNames: string[] })[] }>().items;
    // '溪镇' is in both townships' names; A's staff only finds A's.
    const byName = await search(staffA, '溪镇');
    expect(byName.map((o) => o.id).sort()).toEqual([tree.a.township.id, tree.a.village.id].sort());
    const adminByName = await search(admin, '溪镇');
    expect(adminByName.map((o) => o.id)).toEqual(expect.arrayContaining([tree.b.township.id, tree.b.village.id]));
    // Breadcrumbs stop at the scope root.
    const branch = (await search(staffA, tree.a.branch.code)).find((o) => o.id === tree.a.branch.id);
    expect(branch?.id).toBe(tree.a.branch.id);
    expect(branch?.pathNames).toEqual([tree.a.township.name, tree.a.village.name]);
    expect(await search(staffA, tree.b.branch.code)).toEqual([]);
    expect(await search(staffA, tree.root.name)).toEqual([]);
    // LIKE wildcards are literal.
    expect(await search(staffA, '%')).toEqual([]);
    expect(await search(staffA, '_')).toEqual([]);
  });
});

describe('create', () => {
  const body = (parentId: number, code: string) => ({ parentId, code, name: '新建测试支部', kind: 'branch', level: 'unit', domain: 'rural', establishedOn: '2024-07-01' });

  it('creates under a parent in scope, with the parent path + id, visible among the children', async () => {
    const res = await staffA.post('/api/orgs', body(tree.a.village.id, 'NEW-A1'));
    expect(res.statusCode).toBe(201);
    const created = res.json<Node & { ancestors: { id: number }[]; establishedOn: string }>();
    expect(created).toMatchObject({ parentId: tree.a.village.id, code: 'NEW-A1', establishedOn: '2024-07-01' });
    const row = await ts.db.selectFrom('organizations').select(['path']).where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.path).toBe(`${tree.a.village.path}.${created.id}`);
    const kids = (await staffA.get(`/api/orgs/${tree.a.village.id}/children`)).json<{ items: Node[] }>().items;
    expect(kids.map((k) => k.id)).toContain(created.id);
  });

  it('a parent outside the scope is 404 naming parentId, and nothing is created', async () => {
    const res = await staffA.post('/api/orgs', body(tree.b.village.id, 'NEW-B1'));
    expect(res.statusCode).toBe(404);
    const p = res.json<Problem>();
    expect(p.code).toBe('org.parentOutOfScope');
    expect(p.errors?.[0]?.field).toBe('parentId');
    expect(await ts.db.selectFrom('organizations').select('id').where('code', '=', 'NEW-B1').executeTakeFirst()).toBeUndefined();
    // Not even the root above the scope.
    expect((await staffA.post('/api/orgs', body(tree.root.id, 'NEW-R1'))).statusCode).toBe(404);
  });

  it('a duplicate code is 409 naming code', async () => {
    const res = await staffA.post('/api/orgs', body(tree.a.village.id, tree.b.branch.code));
    expect(res.statusCode).toBe(409);
    const p = res.json<Problem>();
    expect(p.code).toBe('conflict.orgCode');
    expect(p.errors?.[0]?.field).toBe('code');
    expect(p.title).toBe(`组织代码“${tree.b.branch.code}”已被使用`);
  });

  it('a user without org.write cannot create', async () => {
    const sec = await ts.makeUser('secretary', tree.a.village.id);
    const c = await login(ts.app, sec.username, sec.password);
    const res = await c.post('/api/orgs', body(tree.a.village.id, 'NEW-S1'));
    expect(res.statusCode).toBe(403);
    expect(res.json<Problem>().code).toBe('forbidden');
  });
});

describe('move', () => {
  it('moves a subtree within scope and refuses moves out of it or into itself', async () => {
    const g = pagedKids[0]!;
    const sub = await ts.insertOrg(g, { code: 'TA-G1-SUB', name: '甲党小组1下级', kind: 'group', level: 'unit' });
    const ok = await staffA.post(`/api/orgs/${g.id}/move`, { newParentId: tree.a.village.id });
    expect(ok.statusCode).toBe(200);
    const rows = await ts.db.selectFrom('organizations').select(['id', 'path', 'parent_id']).where('id', 'in', [g.id, sub.id]).orderBy('id').execute();
    expect(rows).toEqual([
      { id: g.id, path: `${tree.a.village.path}.${g.id}`, parent_id: tree.a.village.id },
      { id: sub.id, path: `${tree.a.village.path}.${g.id}.${sub.id}`, parent_id: g.id },
    ]);
    expect((await staffA.post(`/api/orgs/${g.id}/move`, { newParentId: tree.b.village.id })).statusCode).toBe(404);
    const into = await staffA.post(`/api/orgs/${g.id}/move`, { newParentId: sub.id });
    expect(into.statusCode).toBe(400);
    expect(into.json<Problem>().errors?.[0]?.field).toBe('newParentId');
    expect((await staffA.post(`/api/orgs/${tree.a.township.id}/move`, { newParentId: tree.a.village.id })).statusCode).toBe(403);
  });
});
