import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Loads `src/db/migrations/<timestamp>_<name>.ts`, ordered by name (the timestamp). */
class FolderProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(MIGRATIONS_DIR)).filter((f) => /^\d{8}T\d{4}_[a-z0-9_]+\.ts$/.test(f)).sort();
    const out: Record<string, Migration> = {};
    for (const f of files) {
      out[f.replace(/\.ts$/, '')] = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, f)).href)) as Migration;
    }
    return out;
  }
}

export function migrator<T>(db: Kysely<T>) {
  return new Migrator({ db: db as unknown as Kysely<unknown>, provider: new FolderProvider(), migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock' });
}

function check(result: MigrationResultSet) {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result.results ?? [];
}

/** Apply every pending migration; returns the names applied. */
export async function migrateToLatest<T>(db: Kysely<T>) {
  return check(await migrator(db).migrateToLatest()).map((r) => r.migrationName);
}

/** Undo the last applied migration. */
export async function migrateDown<T>(db: Kysely<T>) {
  return check(await migrator(db).migrateDown()).map((r) => r.migrationName);
}

/** Name of the newest applied migration, or null on an empty database. */
export async function currentMigration<T>(db: Kysely<T>): Promise<string | null> {
  const list = await migrator(db).getMigrations();
  const applied = list.filter((m) => m.executedAt);
  return applied.at(-1)?.name ?? null;
}
