import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { currentMigration } from '../db/migrate.ts';
import { rebuildTallies } from '../modules/statistics/tallies.repository.ts';

// Engine-neutral logical backup: gzip'd NDJSON, one header line, then per table a line
// {"table":…} followed by its rows as PostgreSQL's own JSON (to_jsonb). Restore feeds the rows
// back through jsonb_populate_recordset, so PostgreSQL converts every type itself; the same
// file restores on PGlite or a PostgreSQL server. Sessions are not kept (restore signs everyone out).

// member_tallies is derived: the member rows restored rebuild it through its triggers.
const SKIP = new Set(['schema_migrations', 'schema_migrations_lock', 'sessions', 'member_tallies']);
const BATCH = 5000;

interface Header {
  format: 'tongchou-backup';
  version: 1;
  migration: string | null;
  createdAt: string;
  tables: string[];
}

async function dataTables(db: Kysely<DB>) {
  const r = await sql<{ table_name: string; pk: string }>`
    select c.relname as table_name, a.attname as pk
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
    join pg_index i on i.indrelid = c.oid and i.indisprimary
    join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
    where c.relkind = 'r'
    order by c.relname`.execute(db);
  return r.rows.filter((t) => !SKIP.has(t.table_name));
}

/** Write a backup file; returns row counts per table. */
export async function backup(db: Kysely<DB>, file: string): Promise<Record<string, number>> {
  const tables = await dataTables(db);
  const counts: Record<string, number> = {};
  async function* lines() {
    const header: Header = { format: 'tongchou-backup', version: 1, migration: await currentMigration(db), createdAt: new Date().toISOString(), tables: tables.map((t) => t.table_name) };
    yield JSON.stringify(header) + '\n';
    for (const t of tables) {
      yield JSON.stringify({ table: t.table_name }) + '\n';
      counts[t.table_name] = 0;
      let last: unknown = null;
      for (;;) {
        const page = await sql<{ row: Record<string, unknown>; k: unknown }>`
          select to_jsonb(t) as row, ${sql.ref(`t.${t.pk}`)} as k from ${sql.table(t.table_name)} as t
          where ${last === null ? sql`true` : sql`${sql.ref(`t.${t.pk}`)} > ${last}`}
          order by ${sql.ref(`t.${t.pk}`)} limit ${BATCH}`.execute(db);
        for (const r of page.rows) yield JSON.stringify(r.row) + '\n';
        counts[t.table_name] = (counts[t.table_name] ?? 0) + page.rows.length;
        if (page.rows.length < BATCH) break;
        last = page.rows.at(-1)!.k;
      }
    }
  }
  const tmp = `${file}.partial`;
  await pipeline(Readable.from(lines()), zlib.createGzip(), fs.createWriteStream(tmp));
  fs.renameSync(tmp, file);
  return counts;
}

/** Replace all data with a backup's, in one transaction: on any error nothing changes. */
export async function restore(db: Kysely<DB>, file: string): Promise<Record<string, number>> {
  // pipe() does not forward the file's errors (e.g. a missing file): pass them on, or the restore
  // never settles and the error escapes as an uncaught exception.
  const source = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  source.on('error', (err) => gunzip.destroy(err));
  const rl = readline.createInterface({ input: source.pipe(gunzip), crlfDelay: Infinity });
  const it = rl[Symbol.asyncIterator]();
  const first = await it.next();
  const header = first.done ? null : (JSON.parse(first.value) as Header);
  if (header?.format !== 'tongchou-backup') throw new Error(`${file} 不是统筹备份文件`);
  const migration = await currentMigration(db);
  if (header.migration !== migration) throw new Error(`备份的数据库版本（${header.migration}）与当前版本（${migration}）不同，请用同一版本的程序恢复`);
  const known = new Set((await dataTables(db)).map((t) => t.table_name));
  const counts: Record<string, number> = {};
  // Generated columns are recomputed by the database, never inserted.
  const colRows = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and is_generated = 'NEVER' order by table_name, ordinal_position`.execute(db);
  const columns = new Map<string, string[]>();
  for (const c of colRows.rows) columns.set(c.table_name, [...(columns.get(c.table_name) ?? []), c.column_name]);
  await db.transaction().execute(async (trx) => {
    await sql`set constraints all deferred`.execute(trx);
    await sql`select set_config('tongchou.restore', 'on', true)`.execute(trx);
    await sql`truncate ${sql.join([...known, 'sessions', 'member_tallies'].map((t) => sql.table(t)))} cascade`.execute(trx);
    let table: string | null = null;
    let rows: string[] = [];
    const flush = async () => {
      if (!table || rows.length === 0) return;
      const cols = columns.get(table)!.map((c) => sql.ref(c));
      await sql`insert into ${sql.table(table)} (${sql.join(cols)}) select ${sql.join(cols)} from jsonb_populate_recordset(null::${sql.table(table)}, ${`[${rows.join(',')}]`}::jsonb)`.execute(trx);
      counts[table] = (counts[table] ?? 0) + rows.length;
      rows = [];
    };
    for (let next = await it.next(); !next.done; next = await it.next()) {
      const line = next.value;
      if (line.startsWith('{"table":')) {
        await flush();
        table = (JSON.parse(line) as { table: string }).table;
        if (!known.has(table)) throw new Error(`备份中的表 ${table} 在当前数据库中不存在`);
        counts[table] = 0;
        continue;
      }
      rows.push(line);
      if (rows.length >= 2000) await flush();
    }
    await flush();
    // Identity columns continue after the restored ids.
    const idents = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and is_identity = 'YES'`.execute(trx);
    for (const c of idents.rows) {
      await sql`select setval(pg_get_serial_sequence(${c.table_name}, ${c.column_name}), coalesce((select max(${sql.ref(c.column_name)}) from ${sql.table(c.table_name)}), 0) + 1, false)`.execute(trx);
    }
    // Members were restored before their organizations (tables go in name order), so the
    // triggers could not place them: count the derived tallies again from the restored rows.
    await rebuildTallies(trx);
  });
  return counts;
}
