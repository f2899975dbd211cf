import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';
import { DuesRules, paidUntil, type DuesCategory, type MemberFacts, type RuleVersion } from './dues.calc.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * The last month ('YYYY-MM') up to which the member's dues are settled without a gap, counting
 * from their first due month (admission month or first dues base, whichever is later): a month is
 * settled when a payment covers it (prepaid future months count) or an approved exemption (免交)
 * covers it. Null when the first due month is not settled or no base is recorded. Used for
 * 党费交至 on transfer letters. No scope check: the caller has already found the member in scope.
 */
export async function duesPaidUntil(db: Kysely<DB> | Transaction<DB>, memberId: number): Promise<string | null> {
  const member = await db.selectFrom('members as m').innerJoin('organizations as o', 'o.id', 'm.org_id').select(memberColumns).where('m.id', '=', memberId).executeTakeFirst();
  if (!member) return null;
  const [versions, facts] = await Promise.all([loadRuleVersions(db), loadFacts(db, [member])]);
  return paidUntil(new DuesRules(versions), facts.get(memberId)!);
}

// ---------------------------------------------------------------------------------------------
// Reads for the service. The scope predicate is part of every query that starts from members.

export async function loadRuleVersions(db: Db): Promise<RuleVersion[]> {
  const rows = await db.selectFrom('rules').select(['code', 'version', 'effective_from', 'params', 'source']).where('code', 'like', 'dues.%').execute();
  return rows.map((r) => ({ code: r.code, version: r.version, effectiveFrom: r.effective_from, params: r.params, source: r.source }));
}

export interface DuesMember {
  id: number;
  name: string;
  org_id: number;
  org_name: string;
  org_path: string;
  status: string;
  joined_on: string;
  left_on: string | null;
}

const memberColumns = ['m.id', 'm.name', 'm.org_id', 'o.name as org_name', 'o.path as org_path', 'm.status', 'm.joined_on', 'm.left_on'] as const;

/** One member inside the scope (a member's own scope sees only themself). */
export async function findMember(db: Db, scope: Scope, id: number): Promise<DuesMember | undefined> {
  let q = db.selectFrom('members as m').innerJoin('organizations as o', 'o.id', 'm.org_id').select(memberColumns).where('m.id', '=', id).where(orgPathInScope(scope, 'o.path'));
  if (scope.kind === 'self') q = q.where('m.id', '=', scope.memberId ?? -1);
  return q.executeTakeFirst();
}

/**
 * Members now in the subtree (inside the scope) who were on the register at some time in [from, to].
 * `withAccount` keeps only those with a dues base: nobody else can owe anything (firstDueMonth).
 */
export async function subtreeMembers(db: Db, scope: Scope, path: string, from: string, to: string, opts: { withAccount?: boolean } = {}): Promise<DuesMember[]> {
  return db
    .selectFrom('members as m')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .select(memberColumns)
    .where(sql<boolean>`o.path <@ ${path}::ltree`)
    .where(orgPathInScope(scope, 'o.path'))
    .where((eb) => (scope.kind === 'self' ? eb('m.id', '=', scope.memberId ?? -1) : eb.lit(true)))
    .where('m.joined_on', '<=', to)
    .where((eb) => eb.or([eb('m.left_on', 'is', null), eb('m.left_on', '>', from)]))
    .$if(!!opts.withAccount, (q) => q.where(sql<boolean>`exists (select 1 from dues_bases b where b.member_id = m.id)`))
    .orderBy('o.path')
    .orderBy('m.id')
    .execute();
}

/** Bases, reliefs, paid months and province for each member, in a few set queries. */
export async function loadFacts(db: Db, members: readonly DuesMember[]): Promise<Map<number, MemberFacts>> {
  const ids = members.map((m) => m.id);
  const out = new Map<number, MemberFacts>();
  if (ids.length === 0) return out;
  const orgIds = [...new Set(members.map((m) => m.org_id))];
  const [bases, reliefs, paid, provinces] = await Promise.all([
    db.selectFrom('dues_bases').select(['id', 'member_id', 'effective_month', 'category', 'base_fen']).where('member_id', '=', sql<number>`any(${sql.val(ids)}::int[])`).execute(),
    db.selectFrom('dues_reliefs').select(['id', 'member_id', 'kind', 'from_month', 'to_month', 'monthly_fen']).where('member_id', '=', sql<number>`any(${sql.val(ids)}::int[])`).execute(),
    // One row per member with the months as arrays: a county's paid months are ~100k rows, and
    // row-by-row transfer cost six times as much on PGlite (decision 0023).
    sql<{ member_id: number; months: string[]; amounts: (number | string)[]; payments: number[] }>`
      select member_id, array_agg(month order by month) as months, array_agg(amount_fen order by month) as amounts, array_agg(payment_id order by month) as payments
      from dues_payment_months where member_id = any(${sql.val(ids)}::int[]) group by member_id`.execute(db),
    sql<{ id: number; division: string | null }>`
      select o.id, (select a.division_code from organizations a where a.path @> o.path and a.division_code is not null order by nlevel(a.path) desc limit 1) as division
      from organizations o where o.id = any(${sql.val(orgIds)}::int[])`.execute(db),
  ]);
  const province = new Map(provinces.rows.map((r) => [r.id, r.division ? r.division.slice(0, 2) : null]));
  for (const m of members) out.set(m.id, { joinedOn: m.joined_on, leftOn: m.left_on, provinceCode: province.get(m.org_id) ?? null, bases: [], reliefs: [], paid: new Map() });
  for (const b of bases) out.get(b.member_id)!.bases.push({ id: b.id, effectiveMonth: b.effective_month, category: b.category as DuesCategory, baseFen: b.base_fen });
  for (const r of reliefs) out.get(r.member_id)!.reliefs.push({ id: r.id, kind: r.kind, fromMonth: r.from_month, toMonth: r.to_month, monthlyFen: r.monthly_fen });
  for (const p of paid.rows) {
    const into = out.get(p.member_id)!.paid;
    p.months.forEach((month, i) => into.set(month, { amountFen: Number(p.amounts[i]), paymentId: Number(p.payments[i]) }));
  }
  return out;
}

export async function listBases(db: Db, memberId: number) {
  return db.selectFrom('dues_bases').selectAll().where('member_id', '=', memberId).orderBy('effective_month').execute();
}

export async function listReliefs(db: Db, memberId: number) {
  return db.selectFrom('dues_reliefs').selectAll().where('member_id', '=', memberId).orderBy('from_month').execute();
}

/** The member's payments, newest first, each with the months it settled. */
export async function listPayments(db: Db, memberId: number) {
  return db
    .selectFrom('dues_payments as p')
    .selectAll('p')
    .select(sql<string[]>`coalesce((select array_agg(pm.month order by pm.month) from dues_payment_months pm where pm.payment_id = p.id), p.voided_months, '{}')`.as('months'))
    .where('p.member_id', '=', memberId)
    .orderBy('p.paid_on', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
}

/** Voluntary extra (自愿多交) received per member with a paid_on date in [from, to]. */
export async function extrasPaidBetween(db: Db, memberIds: readonly number[], from: string, to: string): Promise<Map<number, number>> {
  if (memberIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('dues_payments')
    .select(['member_id', sql<number>`sum(extra_fen)::bigint`.as('extra')])
    .where('member_id', '=', sql<number>`any(${sql.val([...memberIds])}::int[])`)
    .where('voided_at', 'is', null)
    .where('paid_on', '>=', from)
    .where('paid_on', '<=', to)
    .groupBy('member_id')
    .execute();
  return new Map(rows.map((r) => [r.member_id, Number(r.extra)]));
}

/** Direct children of an organization (active), for the per-child summary rows. */
export async function childOrgs(db: Db, orgId: number) {
  return db.selectFrom('organizations').select(['id', 'name', 'path']).where('parent_id', '=', orgId).where('status', '=', 'active').orderBy('sort_order').orderBy('id').execute();
}

// ---------------------------------------------------------------------------------------------
// Writes (inside the service's transaction).

export async function insertBase(db: Db, row: Insertable<DB['dues_bases']>) {
  return db.insertInto('dues_bases').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function deleteBase(db: Db, memberId: number, baseId: number) {
  return db.deleteFrom('dues_bases').where('id', '=', baseId).where('member_id', '=', memberId).returningAll().executeTakeFirst();
}

export async function insertRelief(db: Db, row: Insertable<DB['dues_reliefs']>) {
  return db.insertInto('dues_reliefs').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function deleteRelief(db: Db, memberId: number, reliefId: number) {
  return db.deleteFrom('dues_reliefs').where('id', '=', reliefId).where('member_id', '=', memberId).returningAll().executeTakeFirst();
}

/** A payment and the months it settles; a month already settled fails on the primary key. */
export async function insertPayment(db: Db, row: Insertable<DB['dues_payments']>, months: readonly { month: string; amountFen: number }[]) {
  const p = await db.insertInto('dues_payments').values(row).returningAll().executeTakeFirstOrThrow();
  if (months.length) await db.insertInto('dues_payment_months').values(months.map((m) => ({ member_id: row.member_id, month: m.month, payment_id: p.id, amount_fen: m.amountFen }))).execute();
  return p;
}

export async function findPayment(db: Db, scope: Scope, id: number) {
  let q = db
    .selectFrom('dues_payments as p')
    .innerJoin('members as m', 'm.id', 'p.member_id')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .selectAll('p')
    .select('o.path as org_path')
    .where('p.id', '=', id)
    .where(orgPathInScope(scope, 'o.path'));
  if (scope.kind === 'self') q = q.where('m.id', '=', scope.memberId ?? -1);
  return q.executeTakeFirst();
}

/** Void a payment: its months become unpaid again; the payment row stays with the reason. */
export async function voidPayment(db: Db, id: number, reason: string): Promise<string[] | null> {
  // Claim the payment first: of two concurrent voids the second waits here, then finds it voided.
  const claimed = await db.updateTable('dues_payments').set({ voided_at: sql<Date>`now()`, void_reason: reason }).where('id', '=', id).where('voided_at', 'is', null).returning('id').executeTakeFirst();
  if (!claimed) return null;
  const months = (await db.deleteFrom('dues_payment_months').where('payment_id', '=', id).returning('month').execute()).map((m) => m.month).sort();
  await db.updateTable('dues_payments').set({ voided_months: months }).where('id', '=', id).execute();
  return months;
}

/** Hold a member's dues records still for the rest of the transaction (checks, then writes). */
export async function lockMember(db: Db, memberId: number) {
  await db.selectFrom('members').select('id').where('id', '=', memberId).forUpdate().executeTakeFirst();
}
