// An idle pooled connection closed by the PostgreSQL server (restart, failover, a terminated
// backend) must not take the process down: the pool drops it and the next query gets a new one.
// PGlite has no server connections; on it the same steps just run the queries.
import { sql } from 'kysely';
import pg from 'pg';
import { expect, it } from 'vitest';
import { TEST_DATABASE_URL, testDb } from '../helpers/db.ts';

it('keeps working after the server closes an idle connection', async () => {
  const t = await testDb({ migrate: false });
  try {
    const first = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(t.db);
    if (t.engine === 'postgresql') {
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      try {
        const r = await admin.query('select pg_terminate_backend($1) as ok', [first.rows[0]!.pid]);
        expect(r.rows[0].ok).toBe(true);
      } finally {
        await admin.end();
      }
      // Give the server's FATAL message time to reach the idle client (without a pool listener it
      // would surface as an uncaught exception and fail the run).
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const again = await sql<{ n: number }>`select 2 as n`.execute(t.db);
    expect(again.rows[0]!.n).toBe(2);
  } finally {
    await t.close();
  }
});
