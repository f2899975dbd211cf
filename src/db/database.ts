import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

export type Engine = 'pglite' | 'postgresql';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** Where the data lives: a directory for PGlite, the URL without password for PostgreSQL. */
  location: string;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

/**
 * The same value shapes on both engines: int8 (counts) as number, `date` as 'YYYY-MM-DD'
 * (never a local-midnight Date), numeric as string so money is never a float.
 */
const parseInt8 = (v: string) => Number(v);
const keep = (v: string) => v;

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` keeps it in memory (tests). */
  pgliteDir?: string;
  poolSize?: number;
}

/** Open the configured engine: PostgreSQL when a URL is given, else embedded PGlite. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: string) => {
          if (oid === INT8) return parseInt8;
          if (oid === DATE || oid === NUMERIC) return keep;
          return pg.types.getTypeParser(oid, format as 'text');
        }) as typeof pg.types.getTypeParser,
      },
    });
    // An idle pooled connection can be closed by the server (restart, failover, a terminated
    // backend, a database dropped at the end of a test). The pool drops that client by itself; without
    // a listener node-postgres would rethrow the error and take the whole process down.
    pool.on('error', (err: Error & { code?: string }) => {
      if (err.code !== '57P01') process.stderr.write(`tongchou: an idle database connection failed and was dropped: ${err.message}\n`);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(opts.databaseUrl);
    url.password = '';
    return { db, engine: 'postgresql', location: url.toString(), close: () => db.destroy() };
  }
  const dir = opts.pgliteDir ?? 'memory://';
  if (!dir.startsWith('memory://')) fs.mkdirSync(path.dirname(dir), { recursive: true });
  const pglite = await PGlite.create(dir, {
    extensions: { ltree, pg_trgm },
    parsers: { [INT8]: parseInt8, [DATE]: keep, [NUMERIC]: keep },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return { db, engine: 'pglite', location: dir, close: () => db.destroy() };
}
