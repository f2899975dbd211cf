import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { DB, TransferLetterTable, TransferTable } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';
import type { OrgNode } from './transfers.rules.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Transfers a scope sees (decision 0012): those sent from inside it (including the approvers
 * above the sending organization), and those addressed to an organization inside it once a letter
 * has been issued (the receiving side needs the letter before the member is theirs). A member
 * (scope self) sees their own.
 */
function visible(db: Db, scope: Scope) {
  const q = db
    .selectFrom('transfers as t')
    .leftJoin('organizations as fo', 'fo.id', 't.from_org_id')
    .leftJoin('organizations as tor', 'tor.id', 't.to_org_id')
    .leftJoin('transfer_letters as l', (j) => j.onRef('l.transfer_id', '=', 't.id').on('l.superseded_on', 'is', null));
  if (scope.kind === 'self') return q.where('t.member_id', '=', scope.memberId ?? -1);
  if (scope.kind === 'all') return q;
  return q.where((eb) => eb.or([eb(orgPathInScope(scope, 'fo.path'), '=', true), eb.and([eb(orgPathInScope(scope, 'tor.path'), '=', true), eb('t.first_issued_on', 'is not', null)])]));
}

const columns = [
  't.id',
  't.kind',
  't.scope_case',
  't.state',
  't.member_id',
  't.member_name',
  't.from_org_id',
  't.from_org_name',
  't.to_org_id',
  't.to_org_name',
  't.to_org_address',
  't.reason',
  't.dues_paid_until',
  't.batch_id',
  't.first_issued_on',
  't.confirmed_on',
  't.confirmed_by_name',
  't.closed_note',
  't.created_by_name',
  't.created_at',
  'l.number as letter_number',
  'l.issued_on as letter_issued_on',
  'l.valid_until as letter_valid_until',
  'fo.path as from_path',
  'tor.path as to_path',
] as const;

const waiting = sql<{ role: 'county' | 'province'; orgId: number; orgName: string } | null>`(
  select json_build_object('role', s.role, 'orgId', s.org_id, 'orgName', s.org_name) from transfer_steps s
  where s.transfer_id = t.id and s.decision is null and t.state = 'pending' order by s.seq limit 1)`.as('waiting_for');

export interface TransferFilter {
  subtreePath?: string | undefined;
  side: 'all' | 'out' | 'in';
  state?: string | undefined;
  kind?: string | undefined;
  q?: string | undefined;
  today: string;
}

function filtered(db: Db, scope: Scope, f: TransferFilter) {
  let q = visible(db, scope);
  if (f.subtreePath) {
    const p = f.subtreePath;
    const out = sql<boolean>`fo.path <@ ${p}::ltree`;
    const inc = sql<boolean>`(tor.path <@ ${p}::ltree and t.first_issued_on is not null)`;
    q = q.where(f.side === 'out' ? out : f.side === 'in' ? inc : sql<boolean>`(${out} or ${inc})`);
  } else if (f.side !== 'all' && scope.kind === 'subtree') {
    q = q.where(f.side === 'out' ? orgPathInScope(scope, 'fo.path') : orgPathInScope(scope, 'tor.path'));
  }
  if (f.state === 'expired') q = q.where('t.state', '=', 'issued').where('l.valid_until', '<', f.today);
  else if (f.state === 'issued') q = q.where('t.state', '=', 'issued').where('l.valid_until', '>=', f.today);
  else if (f.state) q = q.where('t.state', '=', f.state);
  if (f.kind) q = q.where('t.kind', '=', f.kind);
  if (f.q) q = q.where('t.member_name', 'like', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return q;
}

export async function listTransfers(db: Db, scope: Scope, f: TransferFilter, page: { offset: number; limit: number }) {
  const [items, total] = await Promise.all([
    filtered(db, scope, f).select(columns).select(waiting).orderBy('t.id', 'desc').offset(page.offset).limit(page.limit).execute(),
    filtered(db, scope, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export async function findTransfer(db: Db, scope: Scope, id: number) {
  return visible(db, scope).select(columns).select(waiting).where('t.id', '=', id).executeTakeFirst();
}
export type TransferRow = NonNullable<Awaited<ReturnType<typeof findTransfer>>>;

/** The transfer row locked for this transaction: a concurrent decision waits, then sees ours. */
export async function lockTransfer(trx: Transaction<DB>, id: number) {
  const r = await sql<{ state: string; confirmed_on: string | null; confirmed_by_name: string | null }>`
    select state, confirmed_on::text as confirmed_on, confirmed_by_name from transfers where id = ${id} for update`.execute(trx);
  return r.rows[0];
}

export async function listSteps(db: Db, transferId: number) {
  return db.selectFrom('transfer_steps').selectAll().where('transfer_id', '=', transferId).orderBy('seq').execute();
}

export async function listLetters(db: Db, transferId: number) {
  return db.selectFrom('transfer_letters').selectAll().where('transfer_id', '=', transferId).orderBy('id').execute();
}

/** An organization and its ancestors, root first. */
export async function orgChain(db: Db, orgId: number): Promise<OrgNode[]> {
  const r = await sql<OrgNode>`
    select a.id, a.name, a.short_name, a.path::text as path, a.level, a.kind, a.division_code from organizations a
    where a.path @> (select path from organizations where id = ${orgId}) order by nlevel(a.path)`.execute(db);
  return r.rows;
}

/** An active organization anywhere in the system by its code (the receiving side of a transfer). */
export async function findActiveOrgByCode(db: Db, code: string) {
  return db.selectFrom('organizations').select(['id', 'name', 'path', 'status']).where('code', '=', code).where('status', '=', 'active').executeTakeFirst();
}

/** The system-wide directory of receiving organizations: names and codes only, nothing below them. */
export async function searchReceivingOrgs(db: Db, name: string, limit: number) {
  return db
    .selectFrom('organizations as o')
    .leftJoin('organizations as p', 'p.id', 'o.parent_id')
    .select(['o.id', 'o.code', 'o.name', 'o.level', 'p.name as parent_name'])
    .where('o.status', '=', 'active')
    .where('o.name', 'like', `%${name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    .orderBy(sql`nlevel(o.path)`)
    .orderBy('o.name')
    .limit(limit)
    .execute();
}

/** Open transfers (any of these members), for the one-open-transfer rule. */
export async function openTransfersOf(db: Db, memberIds: number[]) {
  if (memberIds.length === 0) return [];
  return db.selectFrom('transfers').select(['id', 'member_id', 'member_name']).where('member_id', 'in', memberIds).where('state', 'in', ['requested', 'draft', 'pending', 'issued']).execute();
}

export async function insertTransfer(trx: Transaction<DB>, row: Insertable<TransferTable>) {
  return trx.insertInto('transfers').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateTransfer(trx: Transaction<DB>, id: number, patch: Updateable<TransferTable>) {
  await trx.updateTable('transfers').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function insertSteps(trx: Transaction<DB>, transferId: number, steps: { role: string; org: OrgNode }[]) {
  if (steps.length === 0) return;
  await trx
    .insertInto('transfer_steps')
    .values(steps.map((s, i) => ({ transfer_id: transferId, seq: i + 1, role: s.role, org_id: s.org.id, org_name: s.org.name })))
    .execute();
}

export async function decideStep(trx: Transaction<DB>, transferId: number, seq: number, d: { decision: 'approved' | 'rejected'; on: string; by: string; note: string | null }) {
  await trx.updateTable('transfer_steps').set({ decision: d.decision, decided_on: d.on, decided_by_name: d.by, note: d.note }).where('transfer_id', '=', transferId).where('seq', '=', seq).execute();
}

/** The next letter number of an issuer in a year: one atomic upsert, so two issues never share one. */
export async function nextLetterSeq(trx: Transaction<DB>, orgId: number, year: number): Promise<number> {
  const r = await sql<{ last_seq: number }>`
    insert into transfer_letter_counters (org_id, year, last_seq) values (${orgId}, ${year}, 1)
    on conflict (org_id, year) do update set last_seq = transfer_letter_counters.last_seq + 1
    returning last_seq`.execute(trx);
  return r.rows[0]!.last_seq;
}

export async function supersedeLetters(trx: Transaction<DB>, transferId: number, on: string) {
  await trx.updateTable('transfer_letters').set({ superseded_on: on }).where('transfer_id', '=', transferId).where('superseded_on', 'is', null).execute();
}

export async function insertLetter(trx: Transaction<DB>, row: Insertable<TransferLetterTable>) {
  return trx.insertInto('transfer_letters').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Transfer out of the system: membership in the system ends on the confirmation date. */
export async function endMembership(trx: Transaction<DB>, memberId: number, on: string) {
  await trx.updateTable('members').set({ left_on: on, left_reason: 'transferred_out', is_mobile: false, updated_at: new Date() }).where('id', '=', memberId).where('left_on', 'is', null).execute();
  // Away at the time: the outflow record ends with the membership (is_mobile is cleared above).
  await trx.updateTable('mobile_records').set({ returned_on: on, return_note: '组织关系已转出系统' }).where('member_id', '=', memberId).where('direction', '=', 'outflow').where('returned_on', 'is', null).execute();
  // A period opened that same day covers nothing: it goes (as in history.moveMembers).
  await trx.deleteFrom('member_periods').where('member_id', '=', memberId).where('valid_to', 'is', null).where('valid_from', '=', on).execute();
  await trx.updateTable('member_periods').set({ valid_to: on }).where('member_id', '=', memberId).where('valid_to', 'is', null).execute();
}

/** Members (on the roll or not) with this ID hash, regardless of scope: for incoming transfers. */
export async function memberByIdHash(db: Db, hash: string) {
  return db.selectFrom('members').select(['id', 'name', 'org_id', 'left_on', 'left_reason']).where('id_number_hash', '=', hash).executeTakeFirst();
}
