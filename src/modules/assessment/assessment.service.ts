import dayjs from 'dayjs';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { pathInScope } from '../../db/scope.ts';
import type { RequestContext } from '../../server/context.ts';
import { badRequest, conflict, forbidden, notFound } from '../../server/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import { indicatorProviders } from './indicator.registry.ts';
import * as repo from './assessment.repository.ts';
import { periodOf } from './assessment.score.ts';
import { AppliesTo, Definition, type CreateRoundBody, type RoundDetail, type RoundSummary, type SaveStandardBody, type SheetState, type Standard } from './assessment.schemas.ts';

// Standards (versioned data, edited by the county organization department) and rounds (a
// standard + a period + the organizations of its category in the launching organization's subtree).

type Summary = z.infer<typeof RoundSummary>;

export function requireStaff(ctx: RequestContext) {
  if (ctx.scope.kind === 'self' || ctx.actor.role === 'unit_contact') throw forbidden();
}

/** Standards and targets are set by the administrator or the staff of a county (or higher) organization. */
export async function requireCountyStaff(db: Kysely<DB>, ctx: RequestContext) {
  requireStaff(ctx);
  if (ctx.actor.role === 'admin') return;
  const org = await db.selectFrom('organizations').select('level').where('id', '=', ctx.actor.orgId).executeTakeFirst();
  if (ctx.actor.role !== 'org_staff' || !org || !['province', 'city', 'county'].includes(org.level)) throw forbidden('assessment.countyOnly');
}

function presentStandard(s: repo.StandardRow): z.infer<typeof Standard> {
  return {
    id: s.id,
    code: s.code,
    version: s.version,
    latest: s.latest,
    name: s.name,
    nameEn: s.name_en,
    categoryLabel: s.category_label,
    appliesTo: AppliesTo.parse(s.applies_to),
    definition: Definition.parse(s.definition),
    source: s.source,
    createdByName: s.created_by_name,
    createdAt: new Date(s.created_at).toISOString(),
    rounds: Number(s.rounds),
  };
}

export async function listStandards(db: Kysely<DB>, ctx: RequestContext) {
  requireStaff(ctx);
  return { items: (await repo.listStandards(db)).map(presentStandard) };
}

export async function getStandard(db: Kysely<DB>, ctx: RequestContext, id: number) {
  requireStaff(ctx);
  const s = await repo.findStandard(db, id);
  if (!s) throw notFound();
  return presentStandard(s);
}

export function listProviders() {
  return { items: indicatorProviders.map((p) => ({ code: p.code, name: p.name, nameEn: p.nameEn, description: p.description, params: p.params ?? {} })) };
}

/** Save a standard: a new code, or a new version of an existing one (rounds keep the version they started with). */
export async function saveStandard(db: Kysely<DB>, ctx: RequestContext, body: SaveStandardBody) {
  await requireCountyStaff(db, ctx);
  const keys = body.definition.items.flatMap((i) => [`item:${i.key}`, ...i.indicators.map((x) => x.key)]);
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup) throw badRequest('assessment.duplicateKey', 'definition', { key: dup.replace('item:', '') });
  const stars = body.definition.stars.map((s) => s.stars);
  if (new Set(stars).size !== stars.length) throw badRequest('assessment.duplicateKey', 'definition.stars', { key: 'stars' });
  const id = await db.transaction().execute(async (trx) => {
    const row = { code: body.code, name: body.name, name_en: body.nameEn, category_label: body.categoryLabel, applies_to: body.appliesTo, definition: body.definition, source: body.source, created_by_name: ctx.actor.displayName };
    const r = await repo.insertStandard(trx, row);
    await appendAudit(trx, ctx, { action: 'assessment.standardSave', entity: 'assessment_standard', entityId: r.id, scopePath: null, after: { ...row, version: r.version } });
    return r.id;
  });
  return getStandard(db, ctx, id);
}

/** How the launching organization's name shows: above the caller's scope it is only "上级党委". */
export const launcherName = (ctx: RequestContext, r: { org_name: string; org_path: string }) => (pathInScope(ctx.scope, r.org_path) ? r.org_name : ctx.locale === 'en' ? 'Higher committee' : '上级党委');

function presentRound(ctx: RequestContext, r: repo.RoundRow): Summary {
  const c = r.counts ?? {};
  const counts = { not_started: c.not_started ?? 0, returned: c.returned ?? 0, submitted: c.submitted ?? 0, reviewed: c.reviewed ?? 0, final: c.final ?? 0 };
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: launcherName(ctx, r),
    title: r.title,
    cadence: r.cadence as Summary['cadence'],
    periodFrom: r.period_from,
    periodTo: r.period_to,
    dueOn: r.due_on,
    standardId: r.standard_id,
    standardName: r.standard_name,
    standardVersion: r.standard_version,
    counts,
    sheets: Object.values(counts).reduce((a, b) => a + b, 0),
    passed: Number(r.passed),
    createdByName: r.created_by_name,
  };
}

async function viewOrg(db: Kysely<DB>, ctx: RequestContext, orgId: number | undefined) {
  const id = orgId ?? (ctx.scope.kind === 'all' ? (await db.selectFrom('organizations').select('id').where('parent_id', 'is', null).orderBy('id').executeTakeFirst())?.id : ctx.scope.orgId);
  const org = id ? await findOrg(db, ctx.scope, id) : undefined;
  if (!org) throw notFound();
  return org;
}

export async function listRounds(db: Kysely<DB>, ctx: RequestContext, orgId: number | undefined) {
  requireStaff(ctx);
  const org = await viewOrg(db, ctx, orgId);
  return { items: (await repo.listRounds(db, ctx.scope, org.path)).map((r) => presentRound(ctx, r)) };
}

export async function roundDetail(db: Kysely<DB>, ctx: RequestContext, id: number): Promise<z.infer<typeof RoundDetail>> {
  requireStaff(ctx);
  const r = await repo.findRound(db, ctx.scope, id);
  if (!r) throw notFound();
  const sheets = await repo.roundSheets(db, ctx.scope, id);
  return {
    ...presentRound(ctx, r),
    sheetList: sheets.map((h) => ({
      id: h.id,
      orgId: h.org_id,
      orgName: h.org_name,
      state: h.state as SheetState,
      totalPct: h.total_pct === null ? null : Number(h.total_pct),
      passed: h.passed,
      stars: h.stars,
      submittedOn: h.submitted_on,
      reviewedOn: h.reviewed_on,
      finalizedOn: h.finalized_on,
    })),
  };
}

const CADENCE_TITLE: Record<string, string> = { quarter: '季度自查', half_year: '半年考评', year: '年终总评' };

/** Launch a round: one sheet for every organization of the standard's category in the launching organization's subtree. */
export async function createRound(db: Kysely<DB>, ctx: RequestContext, body: CreateRoundBody) {
  requireStaff(ctx);
  const org = await findOrg(db, ctx.scope, body.orgId);
  if (!org) throw notFound();
  if (org.status !== 'active') throw conflict('org.dissolved');
  const std = await repo.findStandard(db, body.standardId);
  if (!std) throw badRequest('assessment.noStandard', 'standardId');
  const period = periodOf(body.cadence, body.year, body.part);
  if (!period) throw badRequest('assessment.badPart', 'part');
  const dueOn = body.dueOn ?? dayjs(period.to).add(15, 'day').format('YYYY-MM-DD');
  if (dueOn < period.from) throw badRequest('assessment.dueBeforePeriod', 'dueOn', { date: period.from });
  const id = await db.transaction().execute(async (trx) => {
    if (await repo.roundExists(trx, org.id, std.id, period.from, period.to)) throw conflict('assessment.duplicateRound', { title: period.label }, 'part');
    const orgs = await repo.categoryOrgs(trx, org.path, AppliesTo.parse(std.applies_to));
    if (orgs.length === 0) throw badRequest('assessment.noOrgs', 'orgId', { category: std.category_label });
    const row = { org_id: org.id, standard_id: std.id, cadence: body.cadence, title: `${period.label}${std.name}${CADENCE_TITLE[body.cadence]}`, period_from: period.from, period_to: period.to, due_on: dueOn, created_by_name: ctx.actor.displayName };
    const roundId = await repo.insertRound(trx, row);
    await repo.insertSheets(
      trx,
      roundId,
      orgs.map((o) => o.id),
    );
    await appendAudit(trx, ctx, { action: 'assessment.roundCreate', entity: 'assessment_round', entityId: roundId, scopePath: org.path, after: { ...row, sheets: orgs.map((o) => o.id) } });
    return roundId;
  });
  return roundDetail(db, ctx, id);
}
