import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Active organizations of a subtree with a registered term start, inside the scope. */
export async function termOrgs(db: Db, scope: Scope, subtreePath: string, limit: number) {
  return db
    .selectFrom('organizations as o')
    .select(['o.id', 'o.name', 'o.kind', 'o.level', 'o.domain', 'o.path', 'o.term_started_on', 'o.term_years'])
    .where(orgPathInScope(scope, 'o.path'))
    .where(sql<boolean>`o.path <@ ${subtreePath}::ltree`)
    .where('o.status', '=', 'active')
    .where('o.kind', '!=', 'group')
    .where('o.term_started_on', 'is not', null)
    .orderBy('o.path')
    .limit(limit)
    .execute();
}

/** The subtree root the list is asked for, by path (to name it in setup reminders). */
export async function orgByPath(db: Db, scope: Scope, path: string) {
  return db.selectFrom('organizations as o').select(['o.id', 'o.name']).where(orgPathInScope(scope, 'o.path')).where(sql<boolean>`o.path = ${path}::ltree`).executeTakeFirst();
}

/** Which of these organization ids lie inside a subtree (a guard on what providers returned). */
export async function idsInSubtree(db: Db, ids: number[], subtreePath: string): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const r = await sql<{ id: number }>`select id from organizations where id = any(${sql.val(ids)}::int[]) and path <@ ${subtreePath}::ltree`.execute(db);
  return new Set(r.rows.map((x) => x.id));
}

