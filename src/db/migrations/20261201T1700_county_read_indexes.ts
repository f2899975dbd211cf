import { sql, type Kysely } from 'kysely';

// Indexes for the county-wide reads measured in decision 0023: the committee-size check of the
// 组织生活 compliance query counts the posts in office at a date (ended ones included), which the
// partial index on current posts cannot serve.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index org_posts_org_started on org_posts (org_id, started_on)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists org_posts_org_started`.execute(db);
}
