import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';
import { GENESIS_HASH, rowHash, toJsonValue, type ChainedFields } from './chain.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | number | null;
  /** Organization path the entry belongs to, for scoped viewing. */
  scopePath: string | null;
  before?: unknown;
  after?: unknown;
}

/** Who did it; a request context, or the CLI/system acting on its own. */
export interface AuditActor {
  actor: { userId: number | null; username: string };
  requestId: string | null;
  ip: string | null;
}

// One app-wide advisory lock number serializes appends so the chain stays linear across nodes.
const CHAIN_LOCK = 7_270_001;

/** Append one entry, chained to the last; must run inside the transaction of the write it records. */
export async function appendAudit(trx: Transaction<DB>, who: AuditActor, entry: AuditEntry): Promise<void> {
  await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const row: ChainedFields = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date(),
    actor_id: who.actor.userId,
    actor_name: who.actor.username,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId === null ? null : String(entry.entityId),
    scope_path: entry.scopePath,
    before: toJsonValue(entry.before),
    after: toJsonValue(entry.after),
    request_id: who.requestId,
    ip: who.ip,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto('audit_log')
    .values({ ...row, before: jsonb(row.before), after: jsonb(row.after), hash: rowHash(row) })
    .execute();
}

const jsonb = (v: unknown) => (v === null ? null : sql`${JSON.stringify(v)}::jsonb`);

export interface AuditQuery {
  entity?: string | undefined;
  action?: string | undefined;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

/** Newest-first page of the entries inside the scope (keyset paging on seq). */
export async function listAudit(db: Kysely<DB>, scope: Scope, q: AuditQuery) {
  let query = db
    .selectFrom('audit_log')
    .select(['seq', 'at', 'actor_id', 'actor_name', 'action', 'entity', 'entity_id', 'scope_path', 'before', 'after', 'request_id', 'ip'])
    .where(scope.kind === 'all' ? sql<boolean>`true` : sql<boolean>`scope_path is not null and ${orgPathInScope(scope, 'audit_log.scope_path')}`)
    .orderBy('seq', 'desc')
    .limit(q.limit + 1);
  if (q.entity) query = query.where('entity', '=', q.entity);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.actor) query = query.where('actor_name', '=', q.actor);
  if (q.from) query = query.where('at', '>=', new Date(q.from));
  if (q.to) query = query.where('at', '<', new Date(q.to));
  if (q.beforeSeq) query = query.where('seq', '<', q.beforeSeq);
  const rows = await query.execute();
  return { rows: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
}

export type VerifyResult =
  | { ok: true; rows: number; head: string }
  | { ok: false; rows: number; brokenSeq: number; reason: 'hash' | 'link' | 'gap' };

/** Walk the whole chain in seq order, recomputing every hash; reports the first broken row. */
export async function verifyAudit(db: Kysely<DB>, batch = 5000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(batch).execute();
    for (const r of rows) {
      if (r.seq !== expectedSeq) return { ok: false, rows: count, brokenSeq: expectedSeq, reason: 'gap' };
      if (r.prev_hash !== prevHash) return { ok: false, rows: count, brokenSeq: r.seq, reason: 'link' };
      const { hash, ...fields } = r;
      if (rowHash({ ...fields, at: new Date(r.at) }) !== hash) return { ok: false, rows: count, brokenSeq: r.seq, reason: 'hash' };
      prevHash = hash;
      expectedSeq++;
      count++;
    }
    if (rows.length < batch) return { ok: true, rows: count, head: prevHash };
  }
}
