import { sql, type Kysely } from 'kysely';

// Members on the register (left_on is null) by organization. Counting a subtree's current members
// with only members (org_id, id) visits every member row in the heap to test left_on; on a county
// of 84,000 members among 8 million that took 25–47 s on PostgreSQL (lossy bitmap, 1M rechecks).
// With this partial index the count is an index-only scan: county p50 26.8 s → 46 ms, all-node
// p95 5.4 s → 153 ms (PostgreSQL, 8M members); 417 → 20 ms p95 on PGlite (1M members).
// Decision 0010 has the measurements.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index members_current_org on members (org_id, id) where left_on is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists members_current_org`.execute(db);
}
