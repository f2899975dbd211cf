// The figures of 四级承诺一评议 in SQL: fulfillment counts by where items stand (the same rules as
// commitments.rules.ts `standing`), per organization bucket, and the items and ballots behind them.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';

type Db = Kysely<DB> | Transaction<DB>;

const KEPT = sql`i.status = 'done' and i.done_on <= i.deadline`;
/** Settled (done, declared not done) or past its deadline day; withdrawn items never count. */
const due = (today: string) => sql`(i.status in ('done','not_done') or (i.status = 'in_progress' and i.deadline < ${today}::date))`;

export interface BucketRow {
  bucket_path: string | null;
  bucket_id: number | null;
  bucket_name: string | null;
  maker_type: string;
  kept: number;
  due: number;
  pending: number;
  withdrawn: number;
}

/**
 * Fulfillment counts for an organization's own commitments (bucket null) and for each direct
 * child's whole subtree, split by maker type: items whose deadline falls in [from, to].
 */
export async function fulfillmentBuckets(db: Db, scope: Scope, org: { id: number; path: string }, from: string, to: string, today: string) {
  const r = await sql<BucketRow>`
    select b.bucket_path, k.id as bucket_id, k.name as bucket_name, b.maker_type, b.kept::int as kept, b.due::int as due, b.pending::int as pending, b.withdrawn::int as withdrawn
    from (
      select case when o.id = ${org.id} then null else subpath(o.path, 0, nlevel(${org.path}::ltree) + 1)::text end as bucket_path,
             c.maker_type,
             count(*) filter (where ${KEPT}) as kept,
             count(*) filter (where ${due(today)}) as due,
             count(*) filter (where i.status = 'in_progress' and i.deadline >= ${today}::date) as pending,
             count(*) filter (where i.status = 'cancelled') as withdrawn
      from commitment_items i
      join commitments c on c.id = i.commitment_id
      join organizations o on o.id = c.org_id
      where o.path <@ ${org.path}::ltree and ${orgPathInScope(scope, 'o.path')}
        and i.deadline between ${from}::date and ${to}::date
      group by 1, 2
    ) b
    left join organizations k on k.path = b.bucket_path::ltree`.execute(db);
  return r.rows;
}

/** The direct children of an organization (active), in display order, for the buckets' rows. */
export async function children(db: Db, orgId: number) {
  return db.selectFrom('organizations').select(['id', 'name', 'path', 'level', 'kind']).where('parent_id', '=', orgId).where('status', '=', 'active').orderBy('sort_order').orderBy('id').execute();
}

/** Counts over a whole subtree for one maker type (indicators). */
export async function subtreeCounts(db: Db, path: string, makerType: string, from: string, to: string, today: string) {
  const r = await sql<{ kept: number; due: number; pending: number; withdrawn: number }>`
    select count(*) filter (where ${KEPT})::int as kept, count(*) filter (where ${due(today)})::int as due,
           count(*) filter (where i.status = 'in_progress' and i.deadline >= ${today}::date)::int as pending,
           count(*) filter (where i.status = 'cancelled')::int as withdrawn
    from commitment_items i join commitments c on c.id = i.commitment_id join organizations o on o.id = c.org_id
    where o.path <@ ${path}::ltree and c.maker_type = ${makerType} and i.deadline between ${from}::date and ${to}::date`.execute(db);
  return r.rows[0] ?? { kept: 0, due: 0, pending: 0, withdrawn: 0 };
}

export interface EvidenceItemRow {
  id: number;
  content: string;
  deadline: string;
  status: string;
  done_on: string | null;
  commitment_id: number;
  title: string;
  org_name: string;
  member_name: string | null;
}

/** The items behind a rate (due or withdrawn), missed ones first, then by deadline. */
export async function evidenceItems(db: Db, path: string, makerType: string, from: string, to: string, today: string, limit: number) {
  const r = await sql<EvidenceItemRow>`
    select i.id, i.content, i.deadline::text as deadline, i.status, i.done_on::text as done_on, c.id as commitment_id, c.title, o.name as org_name, m.name as member_name
    from commitment_items i join commitments c on c.id = i.commitment_id join organizations o on o.id = c.org_id left join members m on m.id = c.member_id
    where o.path <@ ${path}::ltree and c.maker_type = ${makerType} and i.deadline between ${from}::date and ${to}::date
      and (${due(today)} or i.status = 'cancelled')
    order by case when ${KEPT} then 1 when i.status = 'cancelled' then 2 else 0 end, i.deadline, i.id
    limit ${limit}`.execute(db);
  return r.rows;
}

export interface BallotRow {
  commitment_id: number;
  title: string;
  org_name: string;
  member_name: string | null;
  last_held_on: string;
  satisfied: number;
  basic: number;
  dissatisfied: number;
}

/** Ballots per commitment in a subtree, from evaluations held in [from, to]. */
export async function ballotsByCommitment(db: Db, path: string, from: string, to: string) {
  const r = await sql<BallotRow>`
    select c.id as commitment_id, c.title, o.name as org_name, m.name as member_name, max(e.held_on)::text as last_held_on,
           sum(e.satisfied)::int as satisfied, sum(e.basic)::int as basic, sum(e.dissatisfied)::int as dissatisfied
    from commitment_evaluations e join commitments c on c.id = e.commitment_id join organizations o on o.id = c.org_id left join members m on m.id = c.member_id
    where o.path <@ ${path}::ltree and e.held_on between ${from}::date and ${to}::date
    group by c.id, c.title, o.name, m.name
    order by max(e.held_on), c.id`.execute(db);
  return r.rows;
}
