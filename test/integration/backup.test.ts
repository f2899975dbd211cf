// Backup and restore: a roundtrip gives back exactly the data (and a valid audit chain); a
// corrupt or foreign file is refused without changing anything.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { DB } from '../../src/db/schema.ts';
import { verifyAudit } from '../../src/modules/audit/audit.repository.ts';
import { backup, restore } from '../../src/system/backup.ts';
import type { OrgTree, TestUser } from '../helpers/factories.ts';
import { login, testServer, type Client, type TestServer } from '../helpers/server.ts';

let ts: TestServer;
let tree: OrgTree;
let dir: string;
let file: string;
let admin: TestUser;
let original: Record<string, unknown[]>;

const NOT_DATA = new Set(['schema_migrations', 'schema_migrations_lock', 'sessions']);
/** Counted from other tables; not in the file, rebuilt by restore (and compared by `dump` like the rest). */
const DERIVED = new Set(['member_tallies']);

/** Every base table of the schema that holds data (all but migration bookkeeping and sessions). */
async function dataTables(db: Kysely<DB>) {
  const r = await sql<{ t: string }>`select tablename as t from pg_tables where schemaname = current_schema() order by 1`.execute(db);
  return r.rows.map((x) => x.t).filter((t) => !NOT_DATA.has(t));
}

/** Every data table, each row as PostgreSQL's own JSON, in a stable order. */
async function dump(db: Kysely<DB>) {
  const out: Record<string, unknown[]> = {};
  for (const t of await dataTables(db)) {
    const r = await sql<{ j: unknown }>`select to_jsonb(x) as j from ${sql.table(t)} as x order by to_jsonb(x)::text`.execute(db);
    out[t] = r.rows.map((row) => row.j);
  }
  return out;
}

async function change(c: Client, n: number) {
  expect((await c.patch(`/api/orgs/${tree.a.village.id}`, { name: `改名后的村${n}` })).statusCode).toBe(200);
  expect((await c.post('/api/orgs', { parentId: tree.b.village.id, code: `AFTER-${n}`, name: '备份后新建', kind: 'branch', level: 'unit' })).statusCode).toBe(201);
  await ts.db.updateTable('members').set({ name: `改名${n}` }).where('id', '=', tree.a.members[0]!.id).execute();
}

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  admin = await ts.makeUser('admin', tree.root.id);
  const c = await login(ts.app, admin.username, admin.password);
  // Audit rows from real API writes, with before/after JSON, dates and nulls.
  expect((await c.patch(`/api/orgs/${tree.a.branch.id}`, { shortName: '甲一支', urbanRural: 'village' })).statusCode).toBe(200);
  expect((await c.post(`/api/members/${tree.a.members[1]!.id}/reveal-id-number`, {})).statusCode).toBe(200);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongchou-backup-'));
  file = path.join(dir, 'backup.ndjson.gz');
  original = await dump(ts.db);
});
afterAll(async () => {
  await ts?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup → change → restore', () => {
  it('gives back exactly the original data with a valid audit chain', async () => {
    const counts = await backup(ts.db, file);
    const o = original;
    // Every data table is in the file (a table the backup skipped would be lost on restore).
    expect(Object.keys(counts).sort()).toEqual((await dataTables(ts.db)).filter((t) => !DERIVED.has(t)));
    expect(counts).toEqual(Object.fromEntries(Object.entries(o).filter(([t]) => !DERIVED.has(t)).map(([t, rows]) => [t, rows.length])));
    expect(o.member_tallies!.length).toBeGreaterThan(0);
    expect(o.members!.length).toBe(8);
    expect(o.audit_log!.length).toBeGreaterThan(10);

    const c = await login(ts.app, admin.username, admin.password);
    await change(c, 1);
    expect(await dump(ts.db)).not.toEqual(original);

    await restore(ts.db, file);
    expect(await dump(ts.db)).toEqual(original);
    expect((await verifyAudit(ts.db)).ok).toBe(true);
    // Restore signs everyone out.
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
    // Identity sequences continue after the restored ids: new rows do not collide.
    const again = await login(ts.app, admin.username, admin.password);
    const created = await again.post('/api/orgs', { parentId: tree.b.village.id, code: 'AFTER-RESTORE', name: '恢复后新建', kind: 'branch', level: 'unit' });
    expect(created.statusCode).toBe(201);
    expect(created.json<{ id: number }>().id).toBeGreaterThan(Math.max(...o.organizations!.map((x) => (x as { id: number }).id)));
    expect((await verifyAudit(ts.db)).ok).toBe(true);
  });

  it('restores into a fresh database (PGlite in memory — another engine when the suite runs on PostgreSQL)', async () => {
    const other = await openDatabase({ pgliteDir: 'memory://' });
    try {
      await migrateToLatest(other.db);
      await restore(other.db, file);
      expect(await dump(other.db)).toEqual(original);
      expect((await verifyAudit(other.db)).ok).toBe(true);
    } finally {
      await other.close();
    }
  });
});

describe('bad backup files are refused and change nothing', () => {
  const gz = (lines: string[]) => zlib.gzipSync(lines.join('\n') + '\n');
  const cases: [string, () => Buffer | null, RegExp][] = [
    ['not gzip at all', () => Buffer.from('just some text, not a backup'), /header|incorrect/i],
    ['a gzip of foreign JSON', () => gz([JSON.stringify({ format: 'pg_dump', version: 1 }), '{"table":"users"}']), /不是统筹备份文件/],
    ['an empty gzip', () => gz(['']), /不是统筹备份文件|JSON/],
    ['another schema version', () => {
      const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
      lines[0] = JSON.stringify({ ...JSON.parse(lines[0]!), migration: '20200101T0000_old' });
      return gz(lines);
    }, /版本/],
    ['a table this database does not have', () => {
      const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trimEnd().split('\n');
      return gz([...lines, '{"table":"secrets"}', '{"x":1}']);
    }, /secrets/],
    ['a row that does not fit its table', () => {
      const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trimEnd().split('\n');
      return gz([...lines, '{"table":"organizations"}', '{"id":"not a number"}']);
    }, /integer|invalid/i],
    ['a truncated file', () => {
      const buf = fs.readFileSync(file);
      return buf.subarray(0, Math.floor(buf.length * 0.7));
    }, /unexpected end|end of file/i],
    ['a missing file', () => null, /ENOENT|no such file/],
  ];

  it.each(cases)('%s', async (_name, make, message) => {
    const c = await login(ts.app, admin.username, admin.password);
    await change(c, Math.floor(Math.random() * 1e6));
    const before = await dump(ts.db);
    const bad = path.join(dir, `bad-${Math.random().toString(36).slice(2)}.gz`);
    const content = make();
    if (content) fs.writeFileSync(bad, content);
    await expect(restore(ts.db, bad)).rejects.toThrow(message);
    expect(await dump(ts.db)).toEqual(before);
    // Nobody was signed out either.
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
  });
});
