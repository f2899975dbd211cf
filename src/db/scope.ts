import { sql, type RawBuilder } from 'kysely';
import type { Scope } from '../server/context.ts';

/**
 * The scope as a SQL predicate on an organization path column, so the subtree limit is part
 * of the query itself (GiST-indexed `<@`), never a filter after loading rows.
 */
export function orgPathInScope(scope: Scope, pathColumn: string): RawBuilder<boolean> {
  switch (scope.kind) {
    case 'all':
      return sql<boolean>`true`;
    case 'subtree':
      return sql<boolean>`${sql.ref(pathColumn)} <@ ${scope.path}::ltree`;
    case 'self':
      return sql<boolean>`${sql.ref(pathColumn)} = ${scope.path}::ltree`;
  }
}

/** Is a stored path inside the scope? (for a path already loaded, e.g. a move target) */
export function pathInScope(scope: Scope, path: string): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'self') return path === scope.path;
  return path === scope.path || path.startsWith(scope.path + '.');
}
