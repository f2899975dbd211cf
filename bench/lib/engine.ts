import fs from 'node:fs';
import path from 'node:path';
import { CompiledQuery, type Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.ts';
import type { DB } from '../../src/db/schema.ts';

export type EngineName = 'pg' | 'pglite';

/** Raw SQL on a Kysely handle (a database or a transaction); `$n` placeholders. */
export interface Exec {
  q<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** Run `fn` inside one transaction (BEGIN … COMMIT on one connection). */
  tx<T>(fn: (x: Exec) => Promise<T>): Promise<T>;
}

export function execOf(db: Kysely<DB>): Exec {
  return {
    async q<R>(text: string, params: readonly unknown[] = []) {
      const res = await db.executeQuery<R>(CompiledQuery.raw(text, [...params]));
      return [...res.rows];
    },
    tx: (fn) => db.transaction().execute((trx) => fn(execOf(trx))),
  };
}

export interface BenchEngine {
  name: EngineName;
  x: Exec;
  /** Close the connection and remove the bench database / data directory. */
  dispose(): Promise<void>;
}

export const PGLITE_DIR = path.resolve(import.meta.dirname, '../../.tmp/bench-pglite');
const BENCH_DB = 'tongchou_bench';

async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database on the requested engine with ltree loaded. */
export async function openBenchEngine(name: EngineName, serverUrl: string): Promise<BenchEngine> {
  let database: Database;
  let cleanup: () => Promise<void>;
  if (name === 'pg') {
    await admin(serverUrl, `drop database if exists ${BENCH_DB}`);
    await admin(serverUrl, `create database ${BENCH_DB}`);
    const url = new URL(serverUrl);
    url.pathname = `/${BENCH_DB}`;
    database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
    cleanup = () => admin(serverUrl, `drop database if exists ${BENCH_DB}`);
  } else {
    fs.rmSync(PGLITE_DIR, { recursive: true, force: true });
    database = await openDatabase({ pgliteDir: PGLITE_DIR });
    cleanup = async () => fs.rmSync(PGLITE_DIR, { recursive: true, force: true });
  }
  const x = execOf(database.db);
  await x.q('create extension if not exists ltree');
  return {
    name,
    x,
    async dispose() {
      await database.close();
      await cleanup();
    },
  };
}

/** Server / build facts printed with the results. */
export async function describeEngine(x: Exec): Promise<string> {
  const [v] = await x.q<{ v: string; sb: string; wm: string }>(
    `select version() as v, current_setting('shared_buffers') as sb, current_setting('work_mem') as wm`,
  );
  return v ? `${v.v.split(' on ')[0]} (shared_buffers ${v.sb}, work_mem ${v.wm})` : 'unknown';
}
