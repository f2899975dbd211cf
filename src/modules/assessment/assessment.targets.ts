import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { pathInScope } from '../../db/scope.ts';
import type { RequestContext } from '../../server/context.ts';
import { badRequest, notFound } from '../../server/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import * as repo from './assessment.repository.ts';
import { AppliesTo, type CreateTargetBody, type Target, type TargetList, type UpdateTargetBody } from './assessment.schemas.ts';
import { requireCountyStaff, requireStaff } from './assessment.service.ts';

// Targets ("by 2027-12-31, ≥65% of village organizations reach 五个好") and their progress in a
// subtree: organizations of the standard's category whose latest final sheet reached the standard
// ÷ organizations of the category there; over time by round period. The organizations counted and
// not counted are listed, so a person can check the figure against the sheets.

type T = z.infer<typeof Target>;
const pct = (n: number, d: number) => (d > 0 ? Math.round((n * 10000) / d) / 100 : null);

/** Reached when reached / total ≥ share, in integers (13 of 20 = 65% meets a 65% target). */
export const meets = (reached: number, total: number, shareBp: number) => total > 0 && reached * 10000 >= shareBp * total;

function periodLabel(to: string) {
  const [y, m] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  return m === 12 ? `${y}年末` : `${y}年${m}月末`;
}

async function progress(db: Kysely<DB>, ctx: RequestContext, t: Awaited<ReturnType<typeof repo.listTargets>>[number], view: { path: string }, setsTargets: boolean): Promise<T | null> {
  const std = await repo.latestStandard(db, t.standard_code);
  if (!std) return null;
  const orgs = await repo.categoryOrgs(db, view.path, AppliesTo.parse(std.applies_to), true);
  const sheets = await repo.finalSheets(db, view.path, t.standard_code);
  const ids = new Set(orgs.map((o) => o.id));
  const latest = new Map<number, (typeof sheets)[number]>();
  for (const h of sheets) if (ids.has(h.org_id)) latest.set(h.org_id, h);
  const reached = orgs.filter((o) => latest.get(o.id)?.passed === true).length;
  const periods = [...new Set(sheets.map((h) => h.period_to))].sort();
  const series = periods.map((d) => {
    const asOf = new Map<number, boolean>();
    for (const h of sheets) if (ids.has(h.org_id) && h.period_to <= d) asOf.set(h.org_id, h.passed === true);
    const n = [...asOf.values()].filter(Boolean).length;
    return { periodTo: d, label: periodLabel(d), reached: n, total: orgs.length, pct: pct(n, orgs.length) };
  });
  return {
    id: t.id,
    orgId: t.org_id,
    orgName: pathInScope(ctx.scope, t.org_path) ? t.org_name : ctx.locale === 'en' ? 'Higher committee' : '上级党委',
    title: t.title,
    source: t.source,
    standardCode: t.standard_code,
    standardName: std.name,
    categoryLabel: std.category_label,
    sharePct: t.share_bp / 100,
    deadline: t.deadline,
    total: orgs.length,
    reached,
    progressPct: pct(reached, orgs.length),
    met: meets(reached, orgs.length, t.share_bp),
    canEdit: setsTargets && pathInScope(ctx.scope, t.org_path),
    series,
    orgs: orgs.map((o) => {
      const h = latest.get(o.id);
      return { orgId: o.id, orgName: o.name, reached: h?.passed === true, sheetId: h?.id ?? null, roundTitle: h?.round_title ?? null, totalPct: h?.total_pct == null ? null : Number(h.total_pct), finalizedOn: h?.finalized_on ?? null };
    }),
  };
}

/** Targets that concern the subtree of `orgId` (set there or above), with their progress there. */
export async function listTargets(db: Kysely<DB>, ctx: RequestContext, orgId: number | undefined): Promise<z.infer<typeof TargetList>> {
  requireStaff(ctx);
  const id = orgId ?? (ctx.scope.kind === 'all' ? (await db.selectFrom('organizations').select('id').where('parent_id', 'is', null).orderBy('id').executeTakeFirst())?.id : ctx.scope.orgId);
  const org = id ? await findOrg(db, ctx.scope, id) : undefined;
  if (!org) throw notFound();
  const rows = await repo.listTargets(db, org.path);
  const sets = await requireCountyStaff(db, ctx).then(
    () => true,
    () => false,
  );
  const items = (await Promise.all(rows.map((t) => progress(db, ctx, t, org, sets)))).filter((x): x is T => x !== null);
  return { orgId: org.id, orgName: org.name, items };
}

export async function createTarget(db: Kysely<DB>, ctx: RequestContext, body: CreateTargetBody) {
  await requireCountyStaff(db, ctx);
  const org = await findOrg(db, ctx.scope, body.orgId);
  if (!org) throw notFound();
  if (!(await repo.latestStandard(db, body.standardCode))) throw badRequest('assessment.noStandard', 'standardCode');
  const row = { org_id: org.id, standard_code: body.standardCode, share_bp: Math.round(body.sharePct * 100), deadline: body.deadline, title: body.title, source: body.source, created_by_name: ctx.actor.displayName };
  const id = await db.transaction().execute(async (trx) => {
    const newId = await repo.insertTarget(trx, row);
    await appendAudit(trx, ctx, { action: 'assessment.targetCreate', entity: 'assessment_target', entityId: newId, scopePath: org.path, after: row });
    return newId;
  });
  return { id, ...(await listTargets(db, ctx, org.id)) };
}

/** A target the caller may change: set by an organization inside the scope (else 404, like any record outside it), by county staff. */
async function targetToChange(trx: Transaction<DB>, ctx: RequestContext, id: number) {
  requireStaff(ctx);
  const t = await repo.findTarget(trx, ctx.scope, id, true);
  if (!t) throw notFound();
  await requireCountyStaff(trx, ctx);
  return t;
}

const stored = (t: NonNullable<Awaited<ReturnType<typeof repo.findTarget>>>) => ({ org_id: t.org_id, standard_code: t.standard_code, share_bp: t.share_bp, deadline: t.deadline, title: t.title, source: t.source });

/** Change a target's share, deadline, title or source; the standard it counts stays (a different one is a new target). */
export async function updateTarget(db: Kysely<DB>, ctx: RequestContext, id: number, body: UpdateTargetBody) {
  const patch = {
    ...(body.sharePct === undefined ? {} : { share_bp: Math.round(body.sharePct * 100) }),
    ...(body.deadline === undefined ? {} : { deadline: body.deadline }),
    ...(body.title === undefined ? {} : { title: body.title }),
    ...(body.source === undefined ? {} : { source: body.source }),
  };
  const orgId = await db.transaction().execute(async (trx) => {
    const t = await targetToChange(trx, ctx, id);
    await repo.updateTarget(trx, id, patch);
    await appendAudit(trx, ctx, { action: 'assessment.targetUpdate', entity: 'assessment_target', entityId: id, scopePath: t.org_path, before: stored(t), after: { ...stored(t), ...patch } });
    return t.org_id;
  });
  return { id, ...(await listTargets(db, ctx, orgId)) };
}

/** Remove a target: it holds no history of its own (progress is counted from the sheets, which stay). */
export async function deleteTarget(db: Kysely<DB>, ctx: RequestContext, id: number) {
  await db.transaction().execute(async (trx) => {
    const t = await targetToChange(trx, ctx, id);
    await repo.deleteTarget(trx, id);
    await appendAudit(trx, ctx, { action: 'assessment.targetDelete', entity: 'assessment_target', entityId: id, scopePath: t.org_path, before: { ...stored(t), created_by_name: t.created_by_name } });
  });
}
