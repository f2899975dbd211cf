import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { addMonths, todayCN } from '../../lib/dates.ts';
import type { RequestContext } from '../../server/context.ts';
import { badRequest, conflict, forbidden, notFound } from '../../server/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findMember } from '../members/members.repository.ts';
import { ruleParam } from '../appraisal/appraisal.rules.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import * as repo from './status.repository.ts';
import { leftReason, ruleCodeFor, SUBTYPES } from './status.rules.ts';
import type { CreateStatusBody, StatusRecord } from './status.schemas.ts';

type Item = z.infer<typeof StatusRecord>;

function present(r: repo.RecordRow): Item {
  return {
    id: r.id,
    memberId: r.member_id,
    kind: r.kind as Item['kind'],
    subtype: r.subtype,
    effectiveOn: r.effective_on,
    docNumber: r.doc_number,
    issuer: r.issuer,
    reason: r.reason,
    awardLevel: r.award_level as Item['awardLevel'],
    amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
    periodMonths: r.period_months,
    endsOn: r.ends_on,
    relatesToId: r.relates_to_id,
    reversedById: r.reversed_by_id,
    restoredById: r.restored_by_id,
    endsMembership: leftReason(r.kind, r.subtype) !== null,
    legalBasis: r.legal_basis,
    orgName: r.org_name,
    note: r.note,
    recordedBy: r.recorded_by_name,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** A member's status records (a member signed in sees their own). */
export async function list(db: Kysely<DB>, ctx: RequestContext, memberId: number) {
  const m = await findMember(db, ctx.scope, memberId);
  if (!m) throw notFound();
  return { leftOn: m.left_on, leftReason: m.left_reason, items: (await repo.listRecords(db, memberId)).map(present) };
}

/**
 * Record a status change. Dated no later than today and not before joining; a member who has left
 * takes only reversal records (a correction of a wrong record — reversing the record that ended
 * the membership puts the member back on the roll from that date). Death, leaving and expulsion
 * end the membership and its open period on the effective date.
 */
export async function create(db: Kysely<DB>, ctx: RequestContext, memberId: number, body: CreateStatusBody) {
  if (ctx.scope.kind === 'self') throw forbidden();
  const today = todayCN();
  if (!SUBTYPES[body.kind].includes(body.subtype)) throw badRequest('status.badSubtype', 'subtype', { subtype: body.subtype });
  if (body.effectiveOn > today) throw badRequest('status.futureDate', 'effectiveOn', { today });
  const related = body.kind === 'reversal' || body.kind === 'restore';
  if (related && !body.relatesToId) throw badRequest('status.relatesRequired', 'relatesToId');
  if (!related && body.relatesToId) throw badRequest('status.relatesNotFound', 'relatesToId', { id: body.relatesToId });
  if ((body.kind === 'care' || body.kind === 'allowance') && (body.amountFen === null || body.amountFen === undefined)) throw badRequest('status.amountRequired', 'amountFen');
  if (body.kind === 'allowance' && (!body.endsOn || body.endsOn < body.effectiveOn)) throw badRequest('status.periodEndRequired', 'endsOn');

  return db.transaction().execute(async (trx) => {
    const m = await repo.findMemberForUpdate(trx, ctx.scope, memberId);
    if (!m) throw notFound();
    if (body.effectiveOn < m.joined_on) throw badRequest('status.beforeJoining', 'effectiveOn', { date: m.joined_on });
    if (m.left_on && body.kind !== 'reversal') throw conflict('status.memberLeft', { date: m.left_on });
    const rules = await rulesInForce(trx, body.effectiveOn);

    let endsOn = body.kind === 'allowance' ? body.endsOn! : null;
    let periodMonths: number | null = null;
    if (body.kind === 'discipline' && body.subtype === 'probation') {
      const step = ruleParam(rules, 'status.discipline_probation', 'stepMonths');
      const max = ruleParam(rules, 'status.discipline_probation', 'maxMonths');
      const months = body.periodMonths ?? 0;
      if (months <= 0 || months % step !== 0 || months > max) throw badRequest('status.probationPeriod', 'periodMonths', { step, max });
      periodMonths = months;
      endsOn = addMonths(body.effectiveOn, months);
    }

    const existing = related ? await repo.listRecords(trx, memberId) : [];
    const target = related ? existing.find((r) => r.id === body.relatesToId) : undefined;
    if (related && !target) throw badRequest('status.relatesNotFound', 'relatesToId', { id: body.relatesToId! });
    if (target && body.effectiveOn < target.effective_on) throw badRequest('status.beforeRelated', 'effectiveOn', { date: target.effective_on });
    if (target && body.kind === 'reversal') {
      if (target.kind === 'reversal') throw badRequest('status.reverseReversal', 'relatesToId');
      if (target.reversed_by_id) throw conflict('status.alreadyReversed', {}, 'relatesToId');
    }
    if (target && body.kind === 'restore') {
      if (target.kind !== 'discipline' || target.subtype !== 'probation' || target.reversed_by_id) throw badRequest('status.restoreNotProbation', 'relatesToId');
      if (target.restored_by_id) throw conflict('status.alreadyRestored', {}, 'relatesToId');
    }

    const ending = leftReason(body.kind, body.subtype);
    if (ending) {
      const since = await repo.openPeriodStart(trx, memberId);
      if (since && body.effectiveOn < since) throw badRequest('status.beforeJoining', 'effectiveOn', { date: since });
    }

    const ruleCode = ruleCodeFor(body.kind, body.subtype);
    const rule = ruleCode ? (rules.get(ruleCode) ?? (await rulesInForce(trx, today)).get(ruleCode)) : undefined;
    const row = {
      member_id: memberId,
      kind: body.kind,
      subtype: body.subtype,
      effective_on: body.effectiveOn,
      doc_number: body.docNumber ?? null,
      issuer: body.issuer ?? null,
      reason: body.reason ?? null,
      award_level: body.kind === 'award' ? (body.awardLevel ?? null) : null,
      amount_fen: body.kind === 'care' || body.kind === 'allowance' ? body.amountFen! : null,
      period_months: periodMonths,
      ends_on: endsOn,
      relates_to_id: related ? body.relatesToId! : null,
      org_id: m.org_id,
      rule_code: rule ? rule.code : null,
      rule_version: rule ? rule.version : null,
      note: body.note ?? null,
      recorded_by_name: ctx.actor.displayName,
    };
    const { id } = await repo.insertRecord(trx, row);

    let membership: { leftOn: string | null; leftReason: string | null } | undefined;
    if (ending) {
      await repo.endMembership(trx, memberId, body.effectiveOn, ending);
      membership = { leftOn: body.effectiveOn, leftReason: ending };
    } else if (target && body.kind === 'reversal' && m.left_on && m.left_reason === leftReason(target.kind, target.subtype) && target.effective_on === m.left_on) {
      // The record that ended the membership was wrong: back on the roll, the period continues.
      await repo.restoreMembership(trx, memberId, m.org_id, m.left_on);
      membership = { leftOn: null, leftReason: null };
    }
    await appendAudit(trx, ctx, {
      action: `status.${body.kind}`,
      entity: 'member',
      entityId: memberId,
      scopePath: m.org_path,
      before: membership ? { leftOn: m.left_on, leftReason: m.left_reason } : undefined,
      after: { recordId: id, ...row, ...(membership ? { membership } : {}) },
    });
    const records = await repo.listRecords(trx, memberId);
    return present(records.find((r) => r.id === id)!);
  });
}
