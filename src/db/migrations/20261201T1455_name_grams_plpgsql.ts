import { sql, type Kysely } from 'kysely';

// tc_name_grams (the generated members.name_grams column) as a PL/pgSQL loop instead of a SQL
// function over generate_series + array_agg(distinct): the SQL version cost 170–190 µs per row on
// PGlite (9 s for 50,000 names, most of a 200,000-row import's apply phase) and the loop 35–45 µs
// (measured with .tmp/grams-probe; decision 0010). Same grams — each character and each pair of
// neighbouring characters, once — in the order they occur instead of sorted; `@>` containment,
// the only use, does not depend on order. Rows stored before keep their sorted arrays.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function tc_name_grams(name text) returns text[] language plpgsql immutable parallel safe as $$
    declare
      r text[] := '{}';
      n int := coalesce(char_length(name), 0);
      g text;
    begin
      for i in 1..n loop
        g := substr(name, i, 1);
        if not (g = any(r)) then r := r || g; end if;
        if i < n then
          g := substr(name, i, 2);
          if not (g = any(r)) then r := r || g; end if;
        end if;
      end loop;
      return r;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function tc_name_grams(name text) returns text[] language sql immutable parallel safe as $$
      select coalesce(array_agg(distinct g), '{}') from (
        select substr(name, i, 1) as g from generate_series(1, char_length(name)) as i
        union all
        select substr(name, i, 2) from generate_series(1, char_length(name) - 1) as i
      ) t
    $$`.execute(db);
}
