import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface RuleRow {
  code: string;
  version: number;
  effective_from: string;
  params: unknown;
  source: string;
  note: string | null;
}

/** For each rule code, the version in force on a date. */
export async function rulesInForce(db: Db, onDate: string): Promise<Map<string, RuleRow>> {
  const rows = await sql<RuleRow>`
    select distinct on (code) code, version, effective_from::text as effective_from, params, source, note
    from rules where effective_from <= ${onDate}::date
    order by code, version desc`.execute(db);
  return new Map(rows.rows.map((r) => [r.code, r]));
}

export async function listVersions(db: Db) {
  return db.selectFrom('rules').select(['code', 'version', 'effective_from', 'params', 'source', 'note', 'created_at']).orderBy('code').orderBy('version', 'desc').execute();
}

export async function insertVersion(db: Db, r: { code: string; effectiveFrom: string; params: unknown; source: string; note: string | null }) {
  return db
    .insertInto('rules')
    .values((eb) => ({
      code: r.code,
      version: eb.selectFrom('rules').select(sql<number>`coalesce(max(version), 0) + 1`.as('v')).where('code', '=', r.code),
      effective_from: r.effectiveFrom,
      params: JSON.stringify(r.params),
      source: r.source,
      note: r.note,
    }))
    .returning(['code', 'version'])
    .executeTakeFirstOrThrow();
}
