import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import type { RequestContext } from '../../server/context.ts';
import { badRequest, conflict, forbidden, notFound } from '../../server/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { assemble, computeAll, type ComputedSnapshot, type ManualMap } from './assessment.compute.ts';
import * as repo from './assessment.repository.ts';
import { Definition, type ManualBody, type ReviewBody, type SheetDetail, type SheetState } from './assessment.schemas.ts';

// One organization's assessment sheet: self-check by the organization (computed indicators fill
// themselves, live while the sheet is open; manual ones are scored with evidence), submission
// (snapshot of the computed figures with their evidence), review by the level above (manual
// adjustments with a reason, return, recompute with a visible note), and finalization.

type Detail = z.infer<typeof SheetDetail>;
type Db = Kysely<DB> | Transaction<DB>;

const SELF_STATES: SheetState[] = ['not_started', 'returned'];

/** Users of the organization itself do its self-check (the administrator may act for anyone). */
function canSelfCheck(ctx: RequestContext, s: repo.SheetRow) {
  if (ctx.actor.role === 'admin') return true;
  return ctx.scope.kind !== 'self' && ctx.actor.role !== 'unit_contact' && ctx.actor.orgId === s.org_id;
}

/** The level above reviews: a user of an organization above the assessed one (never the organization itself). */
function canReview(ctx: RequestContext, s: repo.SheetRow) {
  if (ctx.actor.role === 'admin') return true;
  if (ctx.scope.kind === 'self' || ctx.actor.role === 'unit_contact') return false;
  return s.org_path !== ctx.actor.orgPath && s.org_path.startsWith(`${ctx.actor.orgPath}.`);
}

function requireStaff(ctx: RequestContext) {
  if (ctx.scope.kind === 'self') throw forbidden();
}

async function load(db: Db, ctx: RequestContext, id: number, lock = false) {
  requireStaff(ctx);
  const s = await repo.findSheet(db, ctx.scope, id, lock);
  if (!s) throw notFound();
  return s;
}

const definitionOf = (s: repo.SheetRow) => Definition.parse(s.definition);
const orgOf = (s: repo.SheetRow) => ({ id: s.org_id, path: s.org_path, name: s.org_name, level: s.org_level, kind: s.org_kind, domain: s.org_domain });
const periodOf = (s: repo.SheetRow) => ({ from: s.period_from, to: s.period_to });
const num = (v: string | number | null) => (v === null ? null : Number(v));

export async function detail(db: Kysely<DB>, ctx: RequestContext, id: number): Promise<Detail> {
  const s = await load(db, ctx, id);
  return present(db, ctx, s);
}

async function present(db: Kysely<DB>, ctx: RequestContext, s: repo.SheetRow): Promise<Detail> {
  const def = definitionOf(s);
  const live = SELF_STATES.includes(s.state as SheetState);
  const computed = live ? await computeAll(db, def, orgOf(s), periodOf(s)) : ((s.computed ?? {}) as ComputedSnapshot);
  const manual = (s.manual ?? {}) as ManualMap;
  const { items, result } = assemble(def, computed, manual, ctx.locale);
  const stored = !live && s.total_pct !== null;
  return {
    id: s.id,
    orgId: s.org_id,
    orgName: s.org_name,
    state: s.state as SheetState,
    totalPct: stored ? num(s.total_pct) : result.pct,
    passed: stored ? s.passed : result.passed,
    stars: stored ? s.stars : result.stars,
    submittedOn: s.submitted_on,
    reviewedOn: s.reviewed_on,
    finalizedOn: s.finalized_on,
    roundId: s.round_id,
    roundTitle: s.round_title,
    periodFrom: s.period_from,
    periodTo: s.period_to,
    dueOn: s.due_on,
    standardName: s.standard_name,
    standardVersion: s.standard_version,
    live,
    computedAt: s.computed_at ? new Date(s.computed_at).toISOString() : null,
    recomputedByName: s.recomputed_by_name,
    submittedByName: s.submitted_by_name,
    reviewedByName: s.reviewed_by_name,
    reviewComment: s.review_comment,
    returnedReason: s.returned_reason,
    finalizedByName: s.finalized_by_name,
    items,
    result: { ...result, itemMinPct: def.pass.itemMinPct, totalMinPct: def.pass.totalMinPct },
    canSelfCheck: live && canSelfCheck(ctx, s),
    canReview: (s.state === 'submitted' || s.state === 'reviewed') && canReview(ctx, s),
  };
}

/** The totals kept on the sheet row for lists and targets. */
function totals(def: ReturnType<typeof definitionOf>, computed: ComputedSnapshot, manual: ManualMap) {
  const { result } = assemble(def, computed, manual, 'zh-CN');
  return { total_points: result.points, total_full: result.full, total_pct: result.pct, passed: result.passed, stars: result.stars };
}

function manualIndicator(def: ReturnType<typeof definitionOf>, key: string, field: string) {
  const ind = def.items.flatMap((i) => i.indicators).find((i) => i.key === key);
  if (!ind) throw badRequest('assessment.unknownIndicator', field, { key });
  if (ind.type === 'computed') throw badRequest('assessment.computedNotEditable', field, { name: ind.name });
  return ind;
}

const hasEvidence = (e: { evidence: string; links: string[] }) => e.evidence.trim().length >= 4 || e.links.length > 0;

async function write(db: Kysely<DB>, ctx: RequestContext, id: number, action: string, change: (trx: Transaction<DB>, s: repo.SheetRow) => Promise<Record<string, unknown>>) {
  await db.transaction().execute(async (trx) => {
    const s = await load(trx, ctx, id, true);
    const before = { state: s.state, manual: s.manual, total_pct: s.total_pct };
    const after = await change(trx, s);
    await appendAudit(trx, ctx, { action, entity: 'assessment_sheet', entityId: id, scopePath: s.org_path, before, after });
  });
  return detail(db, ctx, id);
}

/** Self-check: the manual indicators' scores with their evidence (each score needs evidence). */
export async function saveManual(db: Kysely<DB>, ctx: RequestContext, id: number, body: ManualBody) {
  return write(db, ctx, id, 'assessment.selfScore', async (trx, s) => {
    if (!canSelfCheck(ctx, s)) throw forbidden('assessment.notSelf');
    if (!SELF_STATES.includes(s.state as SheetState)) throw conflict('assessment.badState', { state: s.state });
    const def = definitionOf(s);
    const manual = { ...((s.manual ?? {}) as ManualMap) };
    body.entries.forEach((e, i) => {
      const ind = manualIndicator(def, e.key, `entries.${i}.key`);
      if (e.points > ind.full) throw badRequest('assessment.pointsOverFull', `entries.${i}.points`, { name: ind.name, full: ind.full });
      if (!hasEvidence(e)) throw badRequest('assessment.evidenceRequired', `entries.${i}.evidence`, { name: ind.name });
      manual[e.key] = { selfPoints: e.points, evidence: e.evidence, links: e.links, reviewPoints: null, reviewReason: null };
    });
    await repo.updateSheet(trx, s.id, { manual: JSON.stringify(manual) });
    return { manual };
  });
}

/** Submit the self-check: every manual indicator scored with evidence; the computed figures are snapshotted with their evidence. */
export async function submit(db: Kysely<DB>, ctx: RequestContext, id: number) {
  return write(db, ctx, id, 'assessment.submit', async (trx, s) => {
    if (!canSelfCheck(ctx, s)) throw forbidden('assessment.notSelf');
    if (!SELF_STATES.includes(s.state as SheetState)) throw conflict('assessment.badState', { state: s.state });
    const def = definitionOf(s);
    const manual = (s.manual ?? {}) as ManualMap;
    for (const ind of def.items.flatMap((i) => i.indicators)) {
      if (ind.type !== 'manual') continue;
      const e = manual[ind.key];
      if (!e || e.selfPoints === null || !hasEvidence(e)) throw badRequest('assessment.evidenceRequired', ind.key, { name: ind.name });
    }
    const computed = await computeAll(trx, def, orgOf(s), periodOf(s));
    const t = totals(def, computed, manual);
    const patch = { state: 'submitted', computed: JSON.stringify(computed), computed_at: new Date(), recomputed_by_name: null, submitted_on: todayCN(), submitted_by_name: ctx.actor.displayName, returned_reason: null, ...t };
    await repo.updateSheet(trx, s.id, patch);
    return { state: 'submitted', ...t };
  });
}

function requireReviewer(ctx: RequestContext, s: repo.SheetRow, states: SheetState[]) {
  if (!canReview(ctx, s)) throw forbidden('assessment.notReviewer');
  if (!states.includes(s.state as SheetState)) throw conflict('assessment.badState', { state: s.state });
}

/** A reviewer recomputes the computed indicators from the records as they are now; the sheet shows when and by whom. */
export async function recompute(db: Kysely<DB>, ctx: RequestContext, id: number) {
  return write(db, ctx, id, 'assessment.recompute', async (trx, s) => {
    requireReviewer(ctx, s, ['submitted', 'reviewed']);
    const def = definitionOf(s);
    const computed = await computeAll(trx, def, orgOf(s), periodOf(s));
    const t = totals(def, computed, (s.manual ?? {}) as ManualMap);
    await repo.updateSheet(trx, s.id, { computed: JSON.stringify(computed), computed_at: new Date(), recomputed_by_name: ctx.actor.displayName, ...t });
    return { recomputed: true, ...t };
  });
}

/** Review by the level above: manual scores may be adjusted with a reason; computed scores are the records' and cannot be. */
export async function review(db: Kysely<DB>, ctx: RequestContext, id: number, body: ReviewBody) {
  return write(db, ctx, id, 'assessment.review', async (trx, s) => {
    requireReviewer(ctx, s, ['submitted', 'reviewed']);
    const def = definitionOf(s);
    const manual = { ...((s.manual ?? {}) as ManualMap) };
    body.adjustments.forEach((a, i) => {
      const ind = manualIndicator(def, a.key, `adjustments.${i}.key`);
      if (a.points > ind.full) throw badRequest('assessment.pointsOverFull', `adjustments.${i}.points`, { name: ind.name, full: ind.full });
      const e = manual[a.key];
      if (!e) throw badRequest('assessment.evidenceRequired', `adjustments.${i}.key`, { name: ind.name });
      manual[a.key] = { ...e, reviewPoints: a.points, reviewReason: a.reason };
    });
    const t = totals(def, (s.computed ?? {}) as ComputedSnapshot, manual);
    await repo.updateSheet(trx, s.id, { state: 'reviewed', manual: JSON.stringify(manual), reviewed_on: todayCN(), reviewed_by_name: ctx.actor.displayName, review_comment: body.comment ?? null, ...t });
    return { state: 'reviewed', adjustments: body.adjustments, ...t };
  });
}

/** Return the sheet to the organization for correction (its computed figures become live again). */
export async function returnSheet(db: Kysely<DB>, ctx: RequestContext, id: number, reason: string) {
  return write(db, ctx, id, 'assessment.return', async (trx, s) => {
    requireReviewer(ctx, s, ['submitted', 'reviewed']);
    await repo.updateSheet(trx, s.id, { state: 'returned', returned_reason: reason, computed: null, computed_at: null, recomputed_by_name: null });
    return { state: 'returned', reason };
  });
}

/** Make the reviewed result final: it then counts for targets. */
export async function finalize(db: Kysely<DB>, ctx: RequestContext, id: number) {
  return write(db, ctx, id, 'assessment.finalize', async (trx, s) => {
    requireReviewer(ctx, s, ['reviewed']);
    await repo.updateSheet(trx, s.id, { state: 'final', finalized_on: todayCN(), finalized_by_name: ctx.actor.displayName });
    return { state: 'final', passed: s.passed, total_pct: s.total_pct };
  });
}
