// `tongchou audit verify` end to end: the real CLI in a child process, on the engine under test
// (a PGlite data directory, or DATABASE_URL when TEST_DATABASE_URL is set).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../../src/db/database.ts';
import type { DB } from '../../src/db/schema.ts';
import { ROOT_DIR } from '../../src/server/app.ts';
import { appendAudit } from '../../src/modules/audit/audit.repository.ts';
import { TEST_DATABASE_URL, testDb, type TestDb } from '../helpers/db.ts';

const BIN = path.join(ROOT_DIR, 'bin/tongchou.js');
let dataDir: string;
let pgDb: TestDb | undefined;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  const env = { ...process.env, TONGCHOU_DATA_DIR: dataDir, DATABASE_URL: pgDb?.databaseUrl ?? '', TONGCHOU_SEED_DEMO: '0', NODE_OPTIONS: '' };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, cwd: ROOT_DIR, timeout: 90_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Open the CLI's database in this process (after the CLI has exited, for PGlite). */
async function withDb(fn: (db: Kysely<DB>) => Promise<void>) {
  if (pgDb) return fn(pgDb.db);
  const d = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite') });
  try {
    await fn(d.db);
  } finally {
    await d.close();
  }
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongchou-cli-'));
  if (TEST_DATABASE_URL) pgDb = await testDb({ migrate: false });
});
afterAll(async () => {
  await pgDb?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe(`tongchou audit verify (${TEST_DATABASE_URL ? 'PostgreSQL via DATABASE_URL' : 'PGlite data directory'})`, () => {
  it('migrates, verifies an intact chain (exit 0), and names the seq of a tampered row (exit 1)', async () => {
    const migrated = await cli('migrate');
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('20261123T1200_foundation');

    await withDb(async (db) => {
      for (let i = 1; i <= 6; i++) {
        await db.transaction().execute((trx) =>
          appendAudit(trx, { actor: { userId: null, username: 'cli-test' }, requestId: `req-${i}`, ip: '127.0.0.1' }, { action: 'test.entry', entity: 'organization', entityId: i, scopePath: '1', after: { n: i } }),
        );
      }
    });

    const ok = await cli('audit', 'verify');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('审计日志完整：6 行');

    await withDb(async (db) => {
      await sql`alter table audit_log disable trigger user`.execute(db);
      await sql`update audit_log set after = '{"n": 99}'::jsonb where seq = 4`.execute(db);
      await sql`alter table audit_log enable trigger user`.execute(db);
    });
    const bad = await cli('audit', 'verify');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('第 4 行');
    expect(bad.stderr).toContain('被改动');
    expect(bad.stderr).toContain('此前 3 行完好');
  });
});
