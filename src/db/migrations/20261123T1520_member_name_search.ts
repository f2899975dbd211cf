import { sql, type Kysely } from 'kysely';

// Partial-name search for Chinese names. Names are 2–4 characters, too short for pg_trgm's
// trigrams to narrow a `like '%…%'` search, so each name also carries its characters and
// character pairs (`name_grams`, GIN-indexed): a query of 2+ characters looks up its pairs,
// of 1 character that character, then `like` confirms the exact substring.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function tc_name_grams(name text) returns text[] language sql immutable parallel safe as $$
      select coalesce(array_agg(distinct g), '{}') from (
        select substr(name, i, 1) as g from generate_series(1, char_length(name)) as i
        union all
        select substr(name, i, 2) from generate_series(1, char_length(name) - 1) as i
      ) t
    $$`.execute(db);
  await sql`alter table members add column name_grams text[] generated always as (tc_name_grams(name)) stored`.execute(db);
  await sql`create index members_name_grams on members using gin (name_grams)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists members_name_grams`.execute(db);
  await sql`alter table members drop column if exists name_grams`.execute(db);
  await sql`drop function if exists tc_name_grams(text)`.execute(db);
}
