import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';

/** Members limited to the scope: a subtree through the organization path, or oneself. */
function scoped(db: Kysely<DB>, scope: Scope) {
  const q = db.selectFrom('members as m').innerJoin('organizations as o', 'o.id', 'm.org_id').where(orgPathInScope(scope, 'o.path'));
  return scope.kind === 'self' ? q.where('m.id', '=', scope.memberId ?? -1) : q;
}

const summaryColumns = ['m.id', 'm.org_id', 'o.name as org_name', 'm.name', 'm.gender', 'm.birth_date', 'm.id_number_masked', 'm.education', 'm.category', 'm.status', 'm.joined_on'] as const;

export async function listMembers(
  db: Kysely<DB>,
  scope: Scope,
  f: { subtreePath?: string | undefined; q?: string | undefined; status?: string | undefined; afterId?: number | undefined; limit: number },
) {
  let q = scoped(db, scope).select(summaryColumns);
  if (f.subtreePath) q = q.where(sql<boolean>`o.path <@ ${f.subtreePath}::ltree`);
  if (f.q) q = q.where('m.name', 'like', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.status) q = q.where('m.status', '=', f.status);
  if (f.afterId) q = q.where('m.id', '>', f.afterId);
  return q.orderBy('m.id').limit(f.limit).execute();
}

export async function findMember(db: Kysely<DB>, scope: Scope, id: number) {
  return scoped(db, scope).selectAll('m').select(['o.name as org_name', 'o.path as org_path']).where('m.id', '=', id).executeTakeFirst();
}
