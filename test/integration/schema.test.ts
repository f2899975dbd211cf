// Schema rules the rest of the system depends on, checked on the engine under test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { currentMigration, migrateDown, migrateToLatest, migrator } from '../../src/db/migrate.ts';
import { TEST_DATABASE_URL } from '../helpers/db.ts';
import { testServer, type TestServer } from '../helpers/server.ts';

let ts: TestServer;
beforeAll(async () => {
  ts = await testServer();
});
afterAll(async () => {
  await ts?.close();
});

describe('schema', () => {
  it('runs on the engine asked for: PostgreSQL when TEST_DATABASE_URL is set, else PGlite', async () => {
    expect(ts.engine).toBe(TEST_DATABASE_URL ? 'postgresql' : 'pglite');
    const res = await ts.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', engine: ts.engine, migration: await currentMigration(ts.db) });
    const v = await sql<{ v: string }>`select version() as v`.execute(ts.db);
    expect(v.rows[0]!.v).toMatch(/PostgreSQL/);
  });

  it('every foreign key is DEFERRABLE (restore loads tables in any order inside one transaction)', async () => {
    const r = await sql<{ tbl: string; name: string; deferrable: boolean }>`
      select conrelid::regclass::text as tbl, conname as name, condeferrable as deferrable
      from pg_constraint
      where contype = 'f' and connamespace = current_schema()::regnamespace
      order by 1, 2`.execute(ts.db);
    // The foundation has at least these five; any new one is checked too.
    expect(r.rows.length).toBeGreaterThanOrEqual(5);
    expect(r.rows.filter((c) => !c.deferrable).map((c) => `${c.tbl}.${c.name}`)).toEqual([]);
  });

  it('the audit log is guarded by its append-only triggers', async () => {
    const r = await sql<{ tgname: string }>`select tgname from pg_trigger where tgrelid = 'audit_log'::regclass and not tgisinternal order by 1`.execute(ts.db);
    expect(r.rows.map((x) => x.tgname)).toEqual(['audit_log_no_truncate', 'audit_log_no_update']);
  });

  it('migrations go down and up again cleanly (last: it rebuilds this file’s database)', async () => {
    const latest = await currentMigration(ts.db);
    expect(latest).toMatch(/^\d{8}T\d{4}_/);
    const applied = (await migrator(ts.db).getMigrations()).filter((m) => m.executedAt).map((m) => m.name);
    expect(applied.at(-1)).toBe(latest);
    expect(await migrateDown(ts.db)).toEqual([latest]);
    expect(await currentMigration(ts.db)).toBe(applied.at(-2) ?? null);
    expect(await migrateToLatest(ts.db)).toContain(latest);
    expect(await currentMigration(ts.db)).toBe(latest);
    expect((await ts.app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ migration: latest });
  });
});
