import pg from 'pg';

/**
 * Integration project setup: with TEST_DATABASE_URL set, the server must answer, or the whole
 * run fails (the suite never silently falls back to PGlite or skips).
 */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    throw new Error(`TEST_DATABASE_URL is set but the PostgreSQL server is unreachable: ${String(err)}`, { cause: err });
  } finally {
    await client.end().catch(() => undefined);
  }
}
