import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { DB } from '../../src/db/schema.ts';

/**
 * A Kysely handle that records every compiled statement and forwards it to the real database.
 * Used only to get the exact SQL + parameters an app repository function sends, for EXPLAIN.
 * (No transactions: read-only repository calls only.)
 */
export function capturing(real: Kysely<DB>): { db: Kysely<DB>; seen: CompiledQuery[] } {
  const seen: CompiledQuery[] = [];
  const conn: DatabaseConnection = {
    async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
      seen.push(q);
      return real.executeQuery<R>(CompiledQuery.raw(q.sql, [...q.parameters]));
    },
    // eslint-disable-next-line require-yield
    async *streamQuery() {
      throw new Error('not supported');
    },
  };
  const driver: Driver = {
    init: async () => undefined,
    acquireConnection: async () => conn,
    beginTransaction: async () => {
      throw new Error('not supported');
    },
    commitTransaction: async () => undefined,
    rollbackTransaction: async () => undefined,
    releaseConnection: async () => undefined,
    destroy: async () => undefined,
  };
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  return { db, seen };
}
