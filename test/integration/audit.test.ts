// The audit log: one row per write with who/what/request id/before/after, a hash chain that
// `verifyAudit` checks, an append-only trigger, and detection of edited and deleted rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { rowHash } from '../../src/modules/audit/chain.ts';
import { verifyAudit } from '../../src/modules/audit/audit.repository.ts';
import type { OrgTree, TestUser } from '../helpers/factories.ts';
import { buildRequest, endpoints, idSlots, UNSAFE, type Slot } from '../helpers/routes.ts';
import { login, testServer, type Client, type TestServer } from '../helpers/server.ts';

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

const lastSeq = async () => Number((await sql<{ s: number | null }>`select max(seq)::int as s from audit_log`.execute(ts.db)).rows[0]!.s ?? 0);
const rowsAfter = (seq: number) => ts.db.selectFrom('audit_log').selectAll().where('seq', '>', seq).orderBy('seq').execute();

/** Run fn with the append-only trigger switched off (what someone with table-owner rights could do). */
async function withoutTrigger(fn: () => Promise<unknown>) {
  await sql`alter table audit_log disable trigger user`.execute(ts.db);
  try {
    await fn();
  } finally {
    await sql`alter table audit_log enable trigger user`.execute(ts.db);
  }
}

describe('one audit row per write', () => {
  it('every successful write adds exactly one row with actor, action, entity, request id and before/after; a refused one adds none', async () => {
    const victim = await ts.makeUser('secretary', tree.a.village.id);
    let password = admin.password;
    const c: Client = await login(ts.app, admin.username, password);
    // Ids that make each call succeed for an administrator.
    const target = (s: Slot) =>
      s.kind === 'member' ? tree.a.members[0]!.id : s.kind === 'user' ? victim.id : s.kind === 'unit' ? tree.a.unit.id : s.kind === 'alliance' ? tree.a.alliance.id : s.kind === 'household' ? tree.a.household.id : s.where === 'params' ? tree.b.branch.id : tree.a.village.id;
    const overrides: Record<string, () => unknown> = {
      'POST /api/auth/password': () => ({ currentPassword: password, newPassword: (password = 'Changed-passw0rd-7') }),
      'POST /api/auth/login': () => ({ username: admin.username, password }),
    };
    const writes = endpoints(ts.routes).filter((e) => UNSAFE.has(e.method) && e.url.startsWith('/api/'));
    // Signing out last, so the session lasts through the others.
    writes.sort((x, y) => Number(x.url === '/api/auth/logout') - Number(y.url === '/api/auth/logout'));
    expect(writes.length).toBeGreaterThanOrEqual(9);
    const seen: Record<string, string> = {};
    let n = 0;
    for (const e of writes) {
      const slots = idSlots(e, { includeSchemaBody: false });
      const req = buildRequest(e, slots, target);
      const body = overrides[e.key]?.() ?? req.body;
      const requestId = `audit-test-${++n}-${e.method.toLowerCase()}`;
      const before = await lastSeq();
      const res = e.route.config?.public
        ? await ts.app.inject({ method: 'POST', url: req.url, payload: body as object, headers: { 'x-request-id': requestId } })
        : await c.request({ method: e.method as 'POST', url: req.url, payload: body as object, headers: { 'x-request-id': requestId } });
      expect(res.statusCode, `${e.key} ${res.body}`).toBeLessThan(500);
      expect(res.headers['x-request-id']).toBe(requestId);
      const rows = await rowsAfter(before);
      // A refused write (a domain rule such as "dissolve only an empty organization") leaves no trace.
      if (res.statusCode >= 300) {
        expect(rows.length, `${e.key} refused with ${res.statusCode} but wrote audit rows`).toBe(0);
        continue;
      }
      expect(rows.length, `${e.key} wrote ${rows.length} audit rows`).toBe(1);
      const row = rows[0]!;
      expect(row).toMatchObject({ actor_id: admin.id, actor_name: admin.username, request_id: requestId });
      expect(row.action).toMatch(/^[a-z][a-zA-Z]*(\.[a-zA-Z]+)+$/);
      // Every module names its own entities (organization, member, transfer, dev_case, dues_payment…): a table-like name.
      expect(row.entity, e.key).toMatch(/^[a-z][a-z_]*$/);
      const param = slots.find((s) => s.where === 'params');
      const entityOf: Record<string, string> = { org: 'organization', member: 'member', user: 'user', unit: 'unit', alliance: 'alliance', household: 'household' };
      // A write on the addressed entity names it; one that creates a child record (a post, a household) names the new row.
      if (param && row.entity === entityOf[param.kind]) expect(row.entity_id, e.key).toBe(String(target(param)));
      else if (res.statusCode === 201) {
        const created = res.json<{ id?: number; user?: { id: number } }>();
        expect(created.id ?? created.user?.id, `${e.key} answers 201 with the new record's id`).toBeDefined();
        expect(row.entity_id, e.key).toBe(String(created.id ?? created.user!.id));
      }
      else expect(row.entity_id).toBe(String(admin.id));
      if (e.method === 'PATCH' || e.url.endsWith('/move')) {
        expect(row.before, e.key).toBeTruthy();
        expect(row.after, e.key).toBeTruthy();
      }
      if (res.statusCode === 201) expect(row.after, e.key).toBeTruthy();
      seen[e.key] = row.action;
    }
    expect(Object.keys(seen).length).toBeGreaterThanOrEqual(15);
    expect(seen).toMatchObject({
      'POST /api/orgs': 'org.create',
      'POST /api/orgs/:id/move': 'org.move',
      'POST /api/members': 'member.create',
      'PATCH /api/members/:id': 'member.update',
      'POST /api/units': 'unit.create',
      'PUT /api/orgs/:id/term': 'org.term',
      'PATCH /api/orgs/:id': 'org.update',
      'POST /api/users': 'user.create',
      'PATCH /api/users/:id': 'user.update',
      'POST /api/users/:id/reset-password': 'user.resetPassword',
      'POST /api/members/:id/reveal-id-number': 'member.revealIdNumber',
      'POST /api/auth/login': 'auth.login',
      'POST /api/auth/password': 'auth.passwordChanged',
      'PUT /api/auth/locale': 'user.setLocale',
    });
    expect((await verifyAudit(ts.db)).ok).toBe(true);
  });

  it('records what changed: before and after of an update, and the request id the client saw', async () => {
    const a2 = await ts.makeUser('admin', tree.root.id);
    const client = await login(ts.app, a2.username, a2.password);
    const before = await lastSeq();
    const res = await client.patch(`/api/orgs/${tree.a.branch.id}`, { name: '中共松甲村第一甲支部委员会（改）', shortName: '甲一支' });
    expect(res.statusCode).toBe(200);
    const [row] = await rowsAfter(before);
    expect(row).toMatchObject({
      action: 'org.update',
      entity: 'organization',
      entity_id: String(tree.a.branch.id),
      scope_path: tree.a.branch.path,
      before: { name: tree.a.branch.name, short_name: null },
      after: { name: '中共松甲村第一甲支部委员会（改）', short_name: '甲一支' },
      request_id: res.headers['x-request-id'],
    });
    // The API shows the same entry, newest first.
    const list = await client.get('/api/audit?action=org.update&limit=1');
    expect(list.json<{ items: { seq: number; requestId: string; before: unknown }[] }>().items[0]).toMatchObject({ seq: row!.seq, requestId: res.headers['x-request-id'], before: { name: tree.a.branch.name } });
  });

  it('failed writes leave no row', async () => {
    const a2 = await ts.makeUser('admin', tree.root.id);
    const c = await login(ts.app, a2.username, a2.password);
    const before = await lastSeq();
    expect((await c.patch('/api/orgs/2147483647', { name: '没有这个组织' })).statusCode).toBe(404);
    expect((await c.post('/api/orgs', { parentId: tree.a.village.id, code: tree.a.branch.code, name: '重复代码', kind: 'branch', level: 'unit' })).statusCode).toBe(409);
    expect((await c.post('/api/users', { username: a2.username, displayName: 'x', role: 'secretary', orgId: tree.a.village.id })).statusCode).toBe(409);
    expect((await c.patch(`/api/orgs/${tree.a.village.id}`, { name: 'x' })).statusCode).toBe(400);
    expect(await lastSeq()).toBe(before);
  });
});

describe('hash chain', () => {
  it('verifies a fresh chain', async () => {
    const r = await verifyAudit(ts.db);
    const head = await ts.db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(r).toEqual({ ok: true, rows: head.seq, head: head.hash });
    // Small batches walk the same chain.
    expect(await verifyAudit(ts.db, 3)).toEqual(r);
  });

  it('the trigger refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(sql`update audit_log set action = 'x' where seq = 2`.execute(ts.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 2`.execute(ts.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(ts.db)).rejects.toThrow(/append-only/);
    expect((await verifyAudit(ts.db)).ok).toBe(true);
  });

  it('an edited row is reported by its seq; putting it back verifies again', async () => {
    const seq = 4;
    const orig = await ts.db.selectFrom('audit_log').select(['action']).where('seq', '=', seq).executeTakeFirstOrThrow();
    await withoutTrigger(() => sql`update audit_log set action = 'org.delete' where seq = ${seq}`.execute(ts.db));
    expect(await verifyAudit(ts.db)).toEqual({ ok: false, rows: seq - 1, brokenSeq: seq, reason: 'hash' });
    await withoutTrigger(() => sql`update audit_log set action = ${orig.action} where seq = ${seq}`.execute(ts.db));
    expect((await verifyAudit(ts.db)).ok).toBe(true);
  });

  it('an edit with a recomputed hash breaks the link to the next row', async () => {
    const seq = 5;
    const row = await ts.db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
    const { hash: _old, ...fields } = row;
    const forged = rowHash({ ...fields, actor_name: 'someone-else', at: new Date(row.at) });
    await withoutTrigger(() => sql`update audit_log set actor_name = 'someone-else', hash = ${forged} where seq = ${seq}`.execute(ts.db));
    expect(await verifyAudit(ts.db)).toEqual({ ok: false, rows: seq, brokenSeq: seq + 1, reason: 'link' });
    await withoutTrigger(() => sql`update audit_log set actor_name = ${row.actor_name}, hash = ${row.hash} where seq = ${seq}`.execute(ts.db));
    expect((await verifyAudit(ts.db)).ok).toBe(true);
  });

  it('a deleted middle row is reported as a gap at its seq', async () => {
    const seq = 3;
    const row = await ts.db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
    await withoutTrigger(() => sql`delete from audit_log where seq = ${seq}`.execute(ts.db));
    expect(await verifyAudit(ts.db)).toEqual({ ok: false, rows: seq - 1, brokenSeq: seq, reason: 'gap' });
    // Re-inserting the very same row restores the chain (nothing else was touched).
    const json = (v: unknown) => (v === null ? null : sql`${JSON.stringify(v)}::jsonb`);
    await ts.db.insertInto('audit_log').values({ ...row, before: json(row.before), after: json(row.after) }).execute();
    expect((await verifyAudit(ts.db)).ok).toBe(true);
  });
});
