import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import type { RequestContext } from '../../server/context.ts';
import { badRequest, conflict, forbidden, notFound } from '../../server/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import { evaluateOrg, loadCriteria, type CriterionT } from './rectification.criteria.ts';
import * as repo from './rectification.repository.ts';
import type { Candidate, Check, CriteriaReply, ScreeningDetail, ScreeningList, StartScreeningBody } from './rectification.schemas.ts';

type Detail = z.infer<typeof ScreeningDetail>;

/** A step of a screening evaluates organizations for about this long, then answers with the progress. */
const STEP_MS = 1500;
const STEP_MAX_ORGS = 60;

/** The lists name organizations' weaknesses: staff and secretaries only, never the member self scope. */
export function requireStaff(ctx: RequestContext) {
  if (ctx.scope.kind === 'self') throw forbidden();
}

/** Listing, removing and accepting are the level above's: the organization must lie strictly below the actor's own. */
export function assertAbove(ctx: RequestContext, orgPath: string) {
  if (!orgPath.startsWith(ctx.actor.orgPath + '.')) throw forbidden('rectification.notLevelAbove');
}

export async function criteria(db: Kysely<DB>, asOf?: string): Promise<z.infer<typeof CriteriaReply>> {
  const day = asOf ?? todayCN();
  return { asOf: day, items: (await loadCriteria(db, day)).map(({ params: _p, ...c }) => c) };
}

const iso = (d: Date | string) => new Date(d).toISOString();

async function present(db: Kysely<DB>, ctx: RequestContext, s: repo.ScreeningRow): Promise<Detail> {
  const crit = s.criteria as CriterionT[];
  const byKey = new Map(crit.map((c) => [c.key, c]));
  const rows = await repo.screeningResults(db, ctx.scope, s.id);
  const flaggedIds = rows.filter((r) => r.flagged).map((r) => r.org_id);
  const listed = new Map((await repo.activeEntries(db, flaggedIds, s.year)).map((e) => [e.org_id, e]));
  const candidates: z.infer<typeof Candidate>[] = [];
  const missing = new Map<string, { orgs: number; reasons: Set<string> }>();
  for (const r of rows) {
    const checks = r.results as Check[];
    const notEvaluated = checks.filter((c) => c.status === 'not_evaluated');
    for (const c of notEvaluated) {
      const m = missing.get(c.key) ?? { orgs: 0, reasons: new Set<string>() };
      m.orgs++;
      if (m.reasons.size < 5) m.reasons.add(c.reason ?? '');
      missing.set(c.key, m);
    }
    if (!r.flagged) continue;
    const e = listed.get(r.org_id);
    candidates.push({
      orgId: r.org_id,
      orgName: r.org_name,
      hits: checks.filter((c) => c.status === 'flagged').map((c) => ({ ...c, description: byKey.get(c.key)?.description ?? c.key })),
      notEvaluated: notEvaluated.map((c) => ({ key: c.key, description: byKey.get(c.key)?.description ?? c.key, reason: c.reason ?? '' })),
      listed: e ? { entryId: e.id, state: e.state as 'listed' | 'closed' | 'removed' } : null,
    });
  }
  return {
    id: s.id,
    orgId: s.org_id,
    orgName: s.org_name,
    year: s.year,
    from: s.period_from,
    to: s.period_to,
    state: s.state as Detail['state'],
    total: s.total,
    done: Number(s.done),
    createdAt: iso(s.created_at),
    createdByName: s.created_by_name,
    criteria: crit.map(({ params: _p, ...c }) => c),
    candidates,
    notEvaluated: [...missing.entries()].map(([key, m]) => ({ key, description: byKey.get(key)?.description ?? key, orgs: m.orgs, reasons: [...m.reasons] })),
  };
}

/** Evaluate the next organizations of a running screening for about STEP_MS; the last step marks it done. */
async function step(db: Kysely<DB>, s: repo.ScreeningRow) {
  const crit = s.criteria as CriterionT[];
  const period = { from: s.period_from, to: s.period_to };
  const started = Date.now();
  let evaluated = 0;
  while (Date.now() - started < STEP_MS) {
    const batch = await repo.pendingOrgs(db, s.id, 10);
    if (batch.length === 0) break;
    for (const o of batch) {
      const checks = await evaluateOrg(db, crit, o, period);
      await repo.saveResult(db, s.id, o.id, checks.some((c) => c.status === 'flagged'), checks);
      evaluated++;
      if (evaluated >= STEP_MAX_ORGS || Date.now() - started >= STEP_MS) break;
    }
    if (evaluated >= STEP_MAX_ORGS) break;
  }
  if ((await repo.pendingOrgs(db, s.id, 1)).length === 0) await repo.finishScreening(db, s.id);
  return evaluated;
}

/** Start a screening of the organization's subtree for a year and evaluate its first organizations. */
export async function start(db: Kysely<DB>, ctx: RequestContext, orgId: number, body: z.infer<typeof StartScreeningBody>) {
  requireStaff(ctx);
  const org = await findOrg(db, ctx.scope, orgId);
  if (!org) throw notFound();
  const today = todayCN();
  if (body.year > Number(today.slice(0, 4))) throw badRequest('rectification.futureYear', 'year');
  const from = body.from ?? `${body.year}-01-01`;
  const to = body.to ?? ([`${body.year}-12-31`, today].sort()[0] as string);
  if (to < from) throw badRequest('rectification.badPeriod', 'to');
  if (to > today) throw badRequest('status.futureDate', 'to', { today });
  const crit = await loadCriteria(db, to);
  const orgs = await repo.screenableOrgs(db, org.path);
  if (orgs.length === 0) throw conflict('rectification.nothingToScreen');
  const id = await db.transaction().execute(async (trx) => {
    const row = { org_id: orgId, year: body.year, period_from: from, period_to: to, criteria: JSON.stringify(crit), total: orgs.length, created_by_name: ctx.actor.displayName };
    const { id } = await repo.insertScreening(trx, row);
    await repo.insertScreeningOrgs(trx, id, orgs.map((o) => o.id));
    await appendAudit(trx, ctx, { action: 'rectification.screen', entity: 'rect_screening', entityId: id, scopePath: org.path, after: { year: body.year, from, to, total: orgs.length, criteria: crit.map((c) => ({ key: c.key, indicator: c.indicator, threshold: c.threshold, ruleVersion: c.ruleVersion })) } });
    return id;
  });
  // The first organizations are evaluated at once; the start's audit row stands for this first step.
  return advance(db, ctx, id, false);
}

/** Evaluate the next organizations of a screening (the page calls this until it is done). */
export async function advance(db: Kysely<DB>, ctx: RequestContext, id: number, audit = true) {
  requireStaff(ctx);
  const s = await repo.findScreening(db, ctx.scope, id);
  if (!s) throw notFound();
  if (s.state === 'running') {
    const evaluated = await step(db, s);
    if (audit) await db.transaction().execute((trx) => appendAudit(trx, ctx, { action: 'rectification.screenStep', entity: 'rect_screening', entityId: id, scopePath: s.org_path, after: { evaluated } }));
  }
  return present(db, ctx, (await repo.findScreening(db, ctx.scope, id))!);
}

/** The latest screening run on this organization for the year, and the earlier ones. */
export async function latest(db: Kysely<DB>, ctx: RequestContext, orgId: number, year?: number): Promise<z.infer<typeof ScreeningList>> {
  requireStaff(ctx);
  if (!(await findOrg(db, ctx.scope, orgId))) throw notFound();
  const y = year ?? Number(todayCN().slice(0, 4));
  const rows = await repo.listScreenings(db, orgId, y);
  const history = rows.map((r) => ({ id: r.id, year: r.year, state: r.state as Detail['state'], total: r.total, candidates: Number(r.candidates), createdAt: iso(r.created_at), createdByName: r.created_by_name }));
  return { latest: rows[0] ? await present(db, ctx, { ...rows[0], done: rows[0].done }) : null, history };
}
