import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { openDatabase, type Database, type Engine } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { DB } from '../../src/db/schema.ts';

/** A migrated, private database for one test file. */
export interface TestDb {
  database: Database;
  db: Kysely<DB>;
  engine: Engine;
  /** Connection URL of the private database (PostgreSQL only). */
  databaseUrl: string | undefined;
  /** Close the connection and, on PostgreSQL, drop the private database. */
  close(): Promise<void>;
}

/** The PostgreSQL server the suite runs against, or undefined for in-memory PGlite. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    // Never fall back to PGlite: TEST_DATABASE_URL was asked for, so an unreachable server is a failure.
    throw new Error(`TEST_DATABASE_URL is set but the server is unreachable (${String(err)})`, { cause: err });
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Create a fresh database on TEST_DATABASE_URL's server; returns its URL. */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tongchou_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`create database ${quoteIdent(name)}`));
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin((c) => c.query(`drop database if exists ${quoteIdent(name)} with (force)`)).then(() => undefined),
  };
}

/**
 * A fresh database: a new `tongchou_test_<random>` database on the TEST_DATABASE_URL server when
 * that variable is set, else PGlite in memory. Migrated unless `migrate: false`.
 */
export async function testDb(opts: { migrate?: boolean } = {}): Promise<TestDb> {
  let database: Database;
  let drop: (() => Promise<void>) | undefined;
  let databaseUrl: string | undefined;
  if (TEST_DATABASE_URL) {
    const scratch = await createScratchDatabase();
    databaseUrl = scratch.url;
    drop = scratch.drop;
    database = await openDatabase({ databaseUrl, poolSize: 4 });
  } else {
    database = await openDatabase({ pgliteDir: 'memory://' });
  }
  try {
    if (opts.migrate !== false) await migrateToLatest(database.db);
  } catch (err) {
    await database.close();
    await drop?.();
    throw err;
  }
  let closed = false;
  return {
    database,
    db: database.db,
    engine: database.engine,
    databaseUrl,
    async close() {
      if (closed) return;
      closed = true;
      await database.close();
      await drop?.();
    },
  };
}
