import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import type { RequestContext } from '../../server/context.ts';
import { t } from '../../server/messages.ts';
import { AppError, badRequest, conflict, isUniqueViolation, notFound } from '../../server/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { arrearsOf, BASED_CATEGORIES, DuesRules, firstDueMonth, monthDue, monthsBetween, paidUntil, type MemberFacts, type MonthDue } from './dues.calc.ts';
import * as repo from './dues.repository.ts';
import type { AddBaseBody, AddReliefBody, DuesAccount, MonthDueItem, RecordPaymentBody } from './dues.schemas.ts';
import { addMonth, fenToYuan, maxMonth, monthOf, monthRange } from './months.ts';

type Account = z.infer<typeof DuesAccount>;
type Db = Kysely<DB>;

export async function loadRules(db: Db): Promise<DuesRules> {
  return new DuesRules(await repo.loadRuleVersions(db));
}

export function presentMonth(m: MonthDue, current: string): z.infer<typeof MonthDueItem> {
  return {
    month: m.month,
    category: m.category,
    baseFen: m.baseFen,
    rateBp: m.rateBp,
    standardFen: m.standardFen,
    dueFen: m.dueFen,
    relief: m.relief,
    paidFen: m.paidFen,
    paymentId: m.paymentId,
    status: m.status,
    overdue: m.status === 'unpaid' && m.month < current,
    ruleCode: m.ruleCode,
    ruleVersion: m.ruleVersion,
  };
}

/** The last month that may be paid now: `dues.prepay_max_months` after the current month. */
function prepayLimit(rules: DuesRules, current: string) {
  const v = rules.at('dues.prepay_max_months', current);
  const months = (v.params as { months: number }).months;
  return { last: addMonth(current, months), months, source: v.source };
}

async function memberOr404(db: Db, ctx: RequestContext, memberId: number) {
  const m = await repo.findMember(db, ctx.scope, memberId);
  if (!m) throw notFound();
  return m;
}

async function factsOf(db: Db, m: repo.DuesMember): Promise<MemberFacts> {
  return (await repo.loadFacts(db, [m])).get(m.id)!;
}

/** A member's dues account: bases, reliefs, payments, every month from the first due month, arrears. */
export async function account(db: Db, ctx: RequestContext, memberId: number): Promise<Account> {
  const m = await memberOr404(db, ctx, memberId);
  const today = todayCN();
  const current = monthOf(today);
  const [rules, facts, bases, reliefs, payments] = await Promise.all([loadRules(db), factsOf(db, m), repo.listBases(db, m.id), repo.listReliefs(db, m.id), repo.listPayments(db, m.id)]);
  const first = firstDueMonth(rules, facts);
  const lastPaid = [...facts.paid.keys()].sort().at(-1) ?? current;
  const months = first ? monthsBetween(rules, facts, first, maxMonth(current, lastPaid)) : [];
  const live = payments.filter((p) => !p.voided_at);
  const cur = monthDue(rules, facts, current);
  return {
    member: { id: m.id, name: m.name, orgId: m.org_id, orgName: m.org_name, status: m.status, joinedOn: m.joined_on, leftOn: m.left_on },
    today,
    firstDueMonth: first,
    paidUntil: paidUntil(rules, facts),
    current: cur ? presentMonth(cur, current) : null,
    prepayUntil: prepayLimit(rules, current).last,
    bases: bases.map((b) => ({ id: b.id, effectiveMonth: b.effective_month, category: b.category as Account['bases'][number]['category'], baseFen: b.base_fen, note: b.note, createdBy: b.created_by_name, createdAt: new Date(b.created_at).toISOString() })),
    reliefs: reliefs.map((r) => ({ id: r.id, kind: r.kind, fromMonth: r.from_month, toMonth: r.to_month, monthlyFen: r.monthly_fen, reason: r.reason, approvedBy: r.approved_by, approvedOn: r.approved_on, createdBy: r.created_by_name })),
    payments: payments.map((p) => ({
      id: p.id,
      memberId: p.member_id,
      paidOn: p.paid_on,
      amountFen: p.amount_fen,
      extraFen: p.extra_fen,
      months: p.months,
      method: p.method as Account['payments'][number]['method'],
      payerMemberId: p.payer_member_id,
      payerName: p.payer_name,
      receiptNo: p.receipt_no,
      note: p.note,
      createdBy: p.created_by_name,
      voidedAt: p.voided_at ? new Date(p.voided_at).toISOString() : null,
      voidReason: p.void_reason,
    })),
    months: months.map((x) => presentMonth(x, current)),
    arrears: arrearsOf(rules, facts, today),
    totals: {
      dueFen: months.filter((x) => x.month <= current).reduce((s, x) => s + x.dueFen, 0),
      paidFen: live.reduce((s, p) => s + p.amount_fen, 0),
      extraFen: live.reduce((s, p) => s + p.extra_fen, 0),
    },
  };
}

/** Record a dues base from a month on (wage or pension change, category change, first base). */
export async function addBase(db: Db, ctx: RequestContext, memberId: number, body: AddBaseBody) {
  const m = await memberOr404(db, ctx, memberId);
  if (m.left_on) throw conflict('member.left');
  const rules = await loadRules(db);
  const from = rules.firstMonth('dues.employed_rates');
  if (from && body.effectiveMonth < from) throw badRequest('dues.monthNotDue', 'effectiveMonth', { month: body.effectiveMonth, first: from });
  const based = BASED_CATEGORIES.includes(body.category);
  if (based && (body.baseFen === undefined || body.baseFen === null)) throw badRequest('dues.baseRequired', 'baseFen');
  const row = { member_id: m.id, effective_month: body.effectiveMonth, category: body.category, base_fen: based ? body.baseFen! : null, note: body.note ?? null, created_by_name: ctx.actor.displayName };
  try {
    await db.transaction().execute(async (trx) => {
      const b = await repo.insertBase(trx, row);
      await appendAudit(trx, ctx, { action: 'dues.base.add', entity: 'member', entityId: m.id, scopePath: m.org_path, after: { baseId: b.id, ...row } });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'dues_bases_member_month')) throw conflict('dues.baseExists', { month: body.effectiveMonth }, 'effectiveMonth');
    throw err;
  }
  return account(db, ctx, m.id);
}

/** Delete a base recorded by mistake; refused once months under it have been paid. */
export async function deleteBase(db: Db, ctx: RequestContext, memberId: number, baseId: number) {
  const m = await memberOr404(db, ctx, memberId);
  await db.transaction().execute(async (trx) => {
    await repo.lockMember(trx, m.id);
    const base = (await repo.listBases(trx, m.id)).find((b) => b.id === baseId);
    if (!base) throw notFound();
    const facts = (await repo.loadFacts(trx, [m])).get(m.id)!;
    if ([...facts.paid.keys()].some((month) => month >= base.effective_month)) throw conflict('dues.baseHasPayments');
    await repo.deleteBase(trx, m.id, baseId);
    await appendAudit(trx, ctx, { action: 'dues.base.delete', entity: 'member', entityId: m.id, scopePath: m.org_path, before: base });
  });
  return account(db, ctx, m.id);
}

/** A reduction (少交) or exemption (免交) approved by the higher committee, for a period. */
export async function addRelief(db: Db, ctx: RequestContext, memberId: number, body: AddReliefBody) {
  const m = await memberOr404(db, ctx, memberId);
  if (body.toMonth < body.fromMonth) throw badRequest('dues.monthOrder', 'toMonth');
  if (body.approvedOn > todayCN()) throw badRequest('dues.futureDate', 'approvedOn');
  if (body.kind === 'reduce' && body.monthlyFen === undefined) throw badRequest('dues.reliefAmount', 'monthlyFen');
  await db.transaction().execute(async (trx) => {
    await repo.lockMember(trx, m.id);
    const existing = await repo.listReliefs(trx, m.id);
    const overlap = existing.find((r) => r.from_month <= body.toMonth && body.fromMonth <= r.to_month);
    if (overlap) throw conflict('dues.reliefOverlap', { from: overlap.from_month, to: overlap.to_month }, 'fromMonth');
    const facts = (await repo.loadFacts(trx, [m])).get(m.id)!;
    const paid = monthRange(body.fromMonth, body.toMonth).find((x) => facts.paid.has(x));
    if (paid) throw conflict('dues.reliefPaid', { month: paid }, 'fromMonth');
    const row = {
      member_id: m.id,
      kind: body.kind,
      from_month: body.fromMonth,
      to_month: body.toMonth,
      monthly_fen: body.kind === 'reduce' ? body.monthlyFen! : null,
      reason: body.reason,
      approved_by: body.approvedBy,
      approved_on: body.approvedOn,
      created_by_name: ctx.actor.displayName,
    };
    const r = await repo.insertRelief(trx, row);
    await appendAudit(trx, ctx, { action: 'dues.relief.add', entity: 'member', entityId: m.id, scopePath: m.org_path, after: { reliefId: r.id, ...row } });
  });
  return account(db, ctx, m.id);
}

export async function deleteRelief(db: Db, ctx: RequestContext, memberId: number, reliefId: number) {
  const m = await memberOr404(db, ctx, memberId);
  await db.transaction().execute(async (trx) => {
    const r = await repo.deleteRelief(trx, m.id, reliefId);
    if (!r) throw notFound();
    await appendAudit(trx, ctx, { action: 'dues.relief.delete', entity: 'member', entityId: m.id, scopePath: m.org_path, before: r });
  });
  return account(db, ctx, m.id);
}

/**
 * The months from..to that a payment would settle, each at its computed dues; throws the rule a
 * month breaks (outside the dues period, already paid, exempted, beyond the prepayment limit).
 */
function monthsToSettle(rules: DuesRules, facts: MemberFacts, fromMonth: string, toMonth: string, today: string) {
  const first = firstDueMonth(rules, facts);
  if (!first) throw badRequest('dues.noBase', 'fromMonth');
  const limit = prepayLimit(rules, monthOf(today));
  if (toMonth > limit.last) throw badRequest('dues.prepayTooFar', 'toMonth', { last: limit.last, months: limit.months, source: limit.source });
  const out: { month: string; amountFen: number }[] = [];
  for (const month of monthRange(fromMonth, toMonth)) {
    const d = monthDue(rules, facts, month, first);
    if (!d) throw badRequest('dues.monthNotDue', 'fromMonth', { month, first });
    if (d.status === 'paid') throw conflict('dues.monthPaid', { month }, 'fromMonth');
    if (d.status === 'exempt') throw badRequest('dues.monthExempt', 'fromMonth', { month });
    out.push({ month, amountFen: d.dueFen });
  }
  return out;
}

/**
 * What paying from..to would cost, month by month (the payment form's amount). By default the
 * first unpaid month. A rule the months break comes back as `problem` (localized), not an error,
 * so the form can show it while the person is still choosing.
 */
export async function quote(db: Db, ctx: RequestContext, memberId: number, fromMonth?: string, toMonth?: string) {
  const m = await memberOr404(db, ctx, memberId);
  const today = todayCN();
  const [rules, facts] = await Promise.all([loadRules(db), factsOf(db, m)]);
  const until = paidUntil(rules, facts);
  const from = fromMonth ?? arrearsOf(rules, facts, today).months[0]?.month ?? (until ? addMonth(until, 1) : maxMonth(firstDueMonth(rules, facts) ?? monthOf(today), monthOf(today)));
  const to = toMonth ?? from;
  try {
    if (to < from) throw badRequest('dues.monthOrder', 'toMonth');
    const months = monthsToSettle(rules, facts, from, to, today);
    return { fromMonth: from, toMonth: to, months: months.map((x) => ({ month: x.month, dueFen: x.amountFen })), totalFen: months.reduce((s, x) => s + x.amountFen, 0), problem: null };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { fromMonth: from, toMonth: to, months: [], totalFen: 0, problem: t(ctx.locale, err.key, err.params) };
  }
}

/**
 * Record money received: the months it settles (past, current, or prepaid up to the limit), each
 * at its computed dues; anything above their sum is voluntary extra (自愿多交). A month already
 * paid is refused (409) — the primary key on (member, month) also refuses a concurrent duplicate.
 */
export async function recordPayment(db: Db, ctx: RequestContext, memberId: number, body: RecordPaymentBody) {
  const m = await memberOr404(db, ctx, memberId);
  let payerName = body.payerName ?? null;
  if (body.payerMemberId !== undefined) {
    if (body.payerMemberId === m.id) throw badRequest('dues.payerSelf', 'payerMemberId');
    const payer = await repo.findMember(db, ctx.scope, body.payerMemberId);
    if (!payer) throw badRequest('dues.payerOutOfScope', 'payerMemberId');
    payerName = payer.name;
  }
  const today = todayCN();
  if (body.paidOn > today) throw badRequest('dues.futureDate', 'paidOn');
  if (body.toMonth !== undefined && body.fromMonth === undefined) throw badRequest('validation', 'fromMonth');
  const fromMonth = body.fromMonth;
  const toMonth = body.toMonth ?? body.fromMonth;
  if (fromMonth === undefined && body.amountFen === 0) throw badRequest('dues.emptyPayment', 'amountFen');
  if (fromMonth && toMonth && toMonth < fromMonth) throw badRequest('dues.monthOrder', 'toMonth');

  const rules = await loadRules(db);
  try {
    await db.transaction().execute(async (trx) => {
      // The months and their amounts are worked out under the member's lock, so a base, relief or
      // payment recorded at the same moment cannot make them stale.
      await repo.lockMember(trx, m.id);
      const facts = await factsOf(trx, m);
      const settled = fromMonth && toMonth ? monthsToSettle(rules, facts, fromMonth, toMonth, today) : [];
      const dueFen = settled.reduce((s, x) => s + x.amountFen, 0);
      if (body.amountFen < dueFen) throw badRequest('dues.amountTooLow', 'amountFen', { amount: fenToYuan(body.amountFen), due: fenToYuan(dueFen) });
      const row = {
        member_id: m.id,
        org_id: m.org_id,
        paid_on: body.paidOn,
        amount_fen: body.amountFen,
        extra_fen: body.amountFen - dueFen,
        method: body.method,
        payer_member_id: body.payerMemberId ?? null,
        payer_name: payerName,
        receipt_no: body.receiptNo ?? null,
        note: body.note ?? null,
        created_by_name: ctx.actor.displayName,
      };
      const p = await repo.insertPayment(trx, row, settled);
      await appendAudit(trx, ctx, { action: 'dues.payment.record', entity: 'member', entityId: m.id, scopePath: m.org_path, after: { paymentId: p.id, ...row, months: settled } });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'dues_payment_months_pkey')) throw conflict('dues.monthPaid', { month: fromMonth === toMonth ? fromMonth! : `${fromMonth}—${toMonth}` }, 'fromMonth');
    throw err;
  }
  return account(db, ctx, m.id);
}

/** Void a payment recorded by mistake: its months are unpaid again; the row stays with the reason. */
export async function voidPayment(db: Db, ctx: RequestContext, paymentId: number, reason: string) {
  const memberId = await db.transaction().execute(async (trx) => {
    const p = await repo.findPayment(trx, ctx.scope, paymentId);
    if (!p) throw notFound();
    if (p.voided_at) throw new AppError(409, 'dues.alreadyVoided');
    const months = await repo.voidPayment(trx, p.id, reason);
    if (!months) throw new AppError(409, 'dues.alreadyVoided');
    await appendAudit(trx, ctx, { action: 'dues.payment.void', entity: 'member', entityId: p.member_id, scopePath: p.org_path, before: { paymentId: p.id, amountFen: p.amount_fen, months }, after: { voided: true, reason } });
    return p.member_id;
  });
  return account(db, ctx, memberId);
}
