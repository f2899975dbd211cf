import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { pathInScope } from '../../db/scope.ts';
import { todayCN } from '../../lib/dates.ts';
import type { RequestContext } from '../../server/context.ts';
import { badRequest, conflict, forbidden, notFound } from '../../server/errors.ts';
import { HONOUR_KIND, NOMINATION_STATE, ORG_KIND, ORG_LEVEL } from '../../shared/enums.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import { insertRecord } from '../status/status.repository.ts';
import { recordFigures, summaryFigures, yearPeriod } from './recognition.records.ts';
import * as repo from './recognition.repository.ts';
import { eligibilityOf, ineligibility, quotasFor, type HonourKind } from './recognition.rules.ts';
import type { CampaignView, CreateCampaignBody, NominateBody, Nomination, RecordFigure } from './recognition.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;
type NominationView = z.infer<typeof Nomination>;
type NominationState = (typeof NOMINATION_STATE.values)[number];

const en = (ctx: RequestContext) => ctx.locale === 'en';
const kindLabel = (ctx: RequestContext, k: string) => HONOUR_KIND.table[k as HonourKind]?.[en(ctx) ? 'en' : 'zh'] ?? k;
const stateLabel = (ctx: RequestContext, s: string) => NOMINATION_STATE.table[s as NominationState]?.[en(ctx) ? 'en' : 'zh'] ?? s;
const levelLabel = (ctx: RequestContext, l: string) => ORG_LEVEL.table[l as keyof typeof ORG_LEVEL.table]?.[en(ctx) ? 'en' : 'zh'] ?? l;
const orgKindLabel = (ctx: RequestContext, k: string) => ORG_KIND.table[k as keyof typeof ORG_KIND.table]?.[en(ctx) ? 'en' : 'zh'] ?? k;

/** Recognition is organization staff's work; a member sees their own honours on their record. */
function requireStaff(ctx: RequestContext) {
  if (ctx.scope.kind === 'self') throw forbidden();
}

/** Award levels of the status module's award records, from the awarding organization's level. */
const AWARD_LEVEL: Record<string, string> = { province: 'provincial', city: 'city', county: 'county', township: 'township' };

function presentNomination(r: repo.NominationRow, ctx: RequestContext): NominationView {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    year: r.year,
    kind: r.kind as HonourKind,
    orgId: r.org_id,
    orgName: r.org_name,
    memberId: r.nominee_member_id,
    memberName: r.member_name,
    nominatedByName: r.nominated_by_name,
    nominatedByOrgName: pathInScope(ctx.scope, r.nominated_by_org_path) ? r.nominated_by_org_name : null,
    nominatedOn: r.nominated_on,
    reasons: r.reasons,
    summary: (Array.isArray(r.summary) ? r.summary : []) as z.infer<typeof RecordFigure>[],
    state: r.state as NominationState,
    reviewNote: r.review_note,
    reviewedOn: r.reviewed_on,
    approvedOn: r.approved_on,
    approvedByName: r.approved_by_name,
    closedReason: r.closed_reason,
    closedOn: r.closed_on,
    statusRecordId: r.status_record_id,
    published: r.state === 'approved' && r.campaign_state === 'published',
  };
}

/** A campaign as the caller sees it: quota usage for the awarding organization's staff, nominations under `underPath`. */
async function presentCampaign(db: Db, ctx: RequestContext, c: repo.CampaignRow, underPath: string): Promise<CampaignView> {
  const manage = pathInScope(ctx.scope, c.awarding_org_path);
  const quotas = quotasFor(await rulesInForce(db, `${c.year}-12-31`), c.awarding_level);
  const used = manage ? await repo.usage(db, c.id) : [];
  const rows = await repo.nominations(db, ctx.scope, c.id, manage ? c.awarding_org_path : underPath);
  return {
    id: c.id,
    year: c.year,
    state: c.state as CampaignView['state'],
    awardingOrgId: c.awarding_org_id,
    awardingOrgName: manage ? c.awarding_org_name : null,
    awardingLevel: c.awarding_level,
    manage,
    nominateUntil: c.nominate_until,
    publishedOn: c.published_on,
    note: c.note,
    quotas: quotas.map((q) => {
      const u = used.find((x) => x.kind === q.kind);
      return { kind: q.kind, min: q.min, max: q.max, source: q.source, ruleVersion: q.ruleVersion, approved: manage ? (u?.approved ?? 0) : null, pending: manage ? (u?.pending ?? 0) : null };
    }),
    nominations: rows.map((r) => presentNomination(r, ctx)),
  };
}

/** The campaigns of a year an organization runs or nominates into, with its nominations. */
export async function overview(db: Kysely<DB>, ctx: RequestContext, orgId: number, year = Number(todayCN().slice(0, 4))) {
  requireStaff(ctx);
  const org = await findOrg(db, ctx.scope, orgId);
  if (!org) throw notFound();
  const rows = await repo.campaignsFor(db, org.path, year);
  // Campaigns above the scope show to nominate into (no quota usage, only the caller's nominations).
  const campaigns = [];
  for (const c of rows) campaigns.push(await presentCampaign(db, ctx, c, org.path));
  const canStart = org.status === 'active' && quotasFor(await rulesInForce(db, `${year}-12-31`), org.level).length > 0 && !rows.some((c) => c.awarding_org_id === org.id);
  return { orgId: org.id, orgName: org.name, year, canStart, campaigns };
}

/** The figures the records give for an organization in a year (live, with links to the records). */
export async function records(db: Kysely<DB>, ctx: RequestContext, orgId: number, year = Number(todayCN().slice(0, 4))) {
  requireStaff(ctx);
  const org = await findOrg(db, ctx.scope, orgId);
  if (!org) throw notFound();
  const period = yearPeriod(year);
  const figures = await recordFigures(db, { id: org.id, path: org.path, name: org.name, level: org.level, kind: org.kind, domain: org.domain }, year);
  return { orgId: org.id, orgName: org.name, year, from: period.from, to: period.to, figures };
}

async function campaignView(db: Db, ctx: RequestContext, id: number) {
  const c = await repo.findCampaign(db, ctx.scope, id);
  if (!c) throw notFound();
  return presentCampaign(db, ctx, c, c.awarding_org_path);
}

export async function createCampaign(db: Kysely<DB>, ctx: RequestContext, body: CreateCampaignBody) {
  requireStaff(ctx);
  const org = await findOrg(db, ctx.scope, body.orgId);
  if (!org) throw notFound();
  if (org.status !== 'active') throw conflict('org.dissolved');
  const quotas = quotasFor(await rulesInForce(db, `${body.year}-12-31`), org.level);
  if (quotas.length === 0) throw badRequest('recognition.noQuotaLevel', 'orgId', { org: org.name, level: levelLabel(ctx, org.level) });
  return db.transaction().execute(async (trx) => {
    if (await repo.campaignExists(trx, org.id, body.year)) throw conflict('recognition.duplicateYear', { year: body.year }, 'year');
    const row = { awarding_org_id: org.id, year: body.year, nominate_until: body.nominateUntil ?? null, note: body.note ?? null, created_by_name: ctx.actor.displayName };
    const { id } = await repo.insertCampaign(trx, row);
    await appendAudit(trx, ctx, { action: 'recognition.campaign', entity: 'recognition_campaign', entityId: id, scopePath: org.path, after: row });
    return campaignView(trx, ctx, id);
  });
}

function checkDate(on: string, notBefore: string, field: string) {
  const today = todayCN();
  if (on > today) throw badRequest('recognition.futureDate', field, { today });
  if (on < notBefore) throw badRequest('recognition.dateBefore', field, { date: notBefore });
}

/** Publish (命名表彰): approved nominations become published honours; nothing more is approved after. */
export async function publish(db: Kysely<DB>, ctx: RequestContext, id: number, body: { on?: string | undefined }) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const c = await repo.findCampaign(trx, ctx.scope, id, true);
    if (!c || !pathInScope(ctx.scope, c.awarding_org_path)) throw notFound();
    if (c.state === 'published') throw conflict('recognition.published', { date: c.published_on ?? '' });
    const on = body.on ?? todayCN();
    checkDate(on, `${c.year}-01-01`, 'on');
    await repo.publishCampaign(trx, id, on);
    const approved = (await repo.usage(trx, id)).reduce((s, u) => s + u.approved, 0);
    await appendAudit(trx, ctx, { action: 'recognition.publish', entity: 'recognition_campaign', entityId: id, scopePath: c.awarding_org_path, before: { state: c.state }, after: { state: 'published', on, approved } });
    return campaignView(trx, ctx, id);
  });
}

/**
 * Nominate an organization or a member of the awarding organization's subtree (and the caller's
 * scope). The eligibility rules are checked here and again at approval; the figures behind the
 * nomination are computed from the records, never typed.
 */
export async function nominate(db: Kysely<DB>, ctx: RequestContext, body: NominateBody) {
  requireStaff(ctx);
  const today = todayCN();
  const c = await repo.findCampaign(db, ctx.scope, body.campaignId);
  if (!c) throw notFound();
  const rules = await rulesInForce(db, today);
  const e = eligibilityOf(rules, body.kind);
  const kind = kindLabel(ctx, body.kind);
  // The nominee must lie in both the caller's scope and the awarding organization's subtree: otherwise 404.
  const member = body.memberId ? await repo.memberUnder(db, ctx.scope, body.memberId, c.awarding_org_path) : undefined;
  if (body.memberId && !member) throw notFound();
  const orgId = member ? member.org_id : body.orgId;
  if (!orgId) throw badRequest(e.nominee === 'member' ? 'recognition.needsMember' : 'recognition.needsOrg', e.nominee === 'member' ? 'memberId' : 'orgId', { kind });
  const org = await repo.orgUnder(db, ctx.scope, orgId, c.awarding_org_path);
  if (!org) throw notFound();
  if (c.state === 'published') throw conflict('recognition.published', { date: c.published_on ?? '' });
  if (c.nominate_until && today > c.nominate_until) throw conflict('recognition.nominationClosed', { date: c.nominate_until });
  if (!quotasFor(await rulesInForce(db, `${c.year}-12-31`), c.awarding_level).some((q) => q.kind === body.kind)) throw badRequest('recognition.kindNotInCampaign', 'kind', { kind, level: levelLabel(ctx, c.awarding_level) });
  if (!member && org.id === c.awarding_org_id) throw badRequest('recognition.awardingSelf', 'orgId');
  if (!member && org.status !== 'active') throw conflict('org.dissolved');
  const broken = ineligibility(e, { orgKind: org.kind, member: member ? { fullMemberOn: member.full_member_on, leftOn: member.left_on, posts: member.posts } : undefined }, today);
  if (broken) {
    const field = broken === 'recognition.needsMember' || broken === 'recognition.notFullMember' || broken === 'recognition.needsPost' ? 'memberId' : 'orgId';
    throw badRequest(broken, field, { kind, name: member?.name ?? org.name, org: org.name, orgKind: orgKindLabel(ctx, org.kind), kinds: (e.orgKinds ?? []).map((k) => orgKindLabel(ctx, k)).join('、') });
  }
  const summary = await summaryFigures(db, { id: org.id, path: org.path, name: org.name, level: org.level, kind: org.kind, domain: org.domain }, c.year);
  return db.transaction().execute(async (trx) => {
    if (await repo.liveDuplicate(trx, c.year, body.kind, org.id, member?.id ?? null)) throw conflict('recognition.duplicate', { name: member?.name ?? org.name, kind, year: c.year }, member ? 'memberId' : 'orgId');
    const row = {
      campaign_id: c.id,
      year: c.year,
      kind: body.kind,
      org_id: org.id,
      nominee_member_id: member?.id ?? null,
      nominated_by_org_id: ctx.actor.orgId,
      nominated_by_name: ctx.actor.displayName,
      nominated_on: today,
      reasons: body.reasons,
      summary: JSON.stringify(summary),
    };
    const { id } = await repo.insertNomination(trx, row);
    await appendAudit(trx, ctx, { action: 'recognition.nominate', entity: 'recognition_nomination', entityId: id, scopePath: org.path, after: { ...row, summary: summary.map((f) => ({ code: f.code, display: f.display })) } });
    return nominationView(trx, ctx, id, 'nominator');
  });
}

async function nominationView(db: Db, ctx: RequestContext, id: number, as: 'nominator' | 'awarder') {
  const r = await repo.findNomination(db, ctx.scope, id, as);
  if (!r) throw notFound();
  return presentNomination(r, ctx);
}

/** Lock a nomination the caller acts on and check its state. */
async function lockedNomination(trx: Transaction<DB>, ctx: RequestContext, id: number, as: 'nominator' | 'awarder', allowed: NominationState[], action: string) {
  const n = await repo.findNomination(trx, ctx.scope, id, as, true);
  if (!n) throw notFound();
  if (!allowed.includes(n.state as NominationState)) throw conflict('recognition.wrongState', { state: stateLabel(ctx, n.state), action });
  return n;
}

export async function review(db: Kysely<DB>, ctx: RequestContext, id: number, body: { pass: boolean; note?: string | null | undefined }) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const n = await lockedNomination(trx, ctx, id, 'awarder', ['nominated'], en(ctx) ? 'review it' : '审核');
    if (n.campaign_state === 'published') throw conflict('recognition.published', { date: n.campaign_published_on ?? '' });
    if (!body.pass && !body.note) throw badRequest('recognition.rejectReason', 'note');
    const today = todayCN();
    const patch = body.pass
      ? { state: 'reviewed', review_note: body.note ?? null, reviewed_on: today, reviewed_by_name: ctx.actor.displayName }
      : { state: 'rejected', review_note: body.note ?? null, reviewed_on: today, reviewed_by_name: ctx.actor.displayName, closed_reason: body.note!, closed_on: today, closed_by_name: ctx.actor.displayName };
    await repo.updateNomination(trx, id, patch);
    await appendAudit(trx, ctx, { action: 'recognition.review', entity: 'recognition_nomination', entityId: id, scopePath: n.awarding_org_path, before: { state: n.state }, after: patch });
    return nominationView(trx, ctx, id, 'awarder');
  });
}

/**
 * Approve within the quota. The campaign row is locked first, so two approvals of the same honour
 * serialize and the second sees the first's count: the quota is never exceeded. A member honour is
 * also written to the member's status record (奖惩记录) in the same transaction.
 */
export async function approve(db: Kysely<DB>, ctx: RequestContext, id: number, body: { on?: string | undefined }) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const peek = await repo.findNomination(trx, ctx.scope, id, 'awarder');
    if (!peek) throw notFound();
    const c = await repo.findCampaign(trx, ctx.scope, peek.campaign_id, true);
    if (!c) throw notFound();
    const n = await lockedNomination(trx, ctx, id, 'awarder', ['reviewed'], en(ctx) ? 'approve it (review it first)' : '批准（须先审核通过）');
    if (c.state === 'published') throw conflict('recognition.published', { date: c.published_on ?? '' });
    const on = body.on ?? todayCN();
    checkDate(on, n.nominated_on, 'on');
    const quota = quotasFor(await rulesInForce(trx, `${c.year}-12-31`), c.awarding_level).find((q) => q.kind === n.kind);
    const used = await repo.approvedCount(trx, c.id, n.kind);
    if (!quota || used >= quota.max) throw conflict('recognition.quotaFull', { kind: kindLabel(ctx, n.kind), max: quota?.max ?? 0, used, source: quota?.source ?? '' });
    let statusRecordId: number | null = null;
    if (n.nominee_member_id) {
      const m = await repo.memberUnder(trx, { kind: 'all' }, n.nominee_member_id, c.awarding_org_path);
      const broken = m ? ineligibility(eligibilityOf(await rulesInForce(trx, on), n.kind as HonourKind), { orgKind: '', member: { fullMemberOn: m.full_member_on, leftOn: m.left_on, posts: m.posts } }, on) : 'recognition.notFullMember';
      if (!m || broken) throw conflict(broken ?? 'recognition.notFullMember', { kind: kindLabel(ctx, n.kind), name: n.member_name ?? '', org: n.org_name, orgKind: '', kinds: '' });
      const record = {
        member_id: m.id,
        kind: 'award',
        subtype: n.kind === 'red_star' ? 'red_star' : 'other',
        effective_on: on,
        doc_number: null,
        issuer: c.awarding_org_name,
        reason: `${c.year}年度${HONOUR_KIND.table[n.kind as HonourKind].zh}`,
        award_level: AWARD_LEVEL[c.awarding_level] ?? 'grassroots',
        amount_fen: null,
        period_months: null,
        ends_on: null,
        relates_to_id: null,
        org_id: m.org_id,
        rule_code: quota.ruleCode,
        rule_version: quota.ruleVersion,
        note: `评先评优推荐 #${n.id}`,
        recorded_by_name: ctx.actor.displayName,
      };
      statusRecordId = (await insertRecord(trx, record)).id;
    }
    const patch = { state: 'approved', approved_on: on, approved_by_name: ctx.actor.displayName, status_record_id: statusRecordId };
    await repo.updateNomination(trx, id, patch);
    await appendAudit(trx, ctx, { action: 'recognition.approve', entity: 'recognition_nomination', entityId: id, scopePath: c.awarding_org_path, before: { state: n.state }, after: { ...patch, quota: quota.max, usedBefore: used } });
    return nominationView(trx, ctx, id, 'awarder');
  });
}

/** The nominating side takes back a nomination not yet approved. */
export async function withdraw(db: Kysely<DB>, ctx: RequestContext, id: number, body: { reason: string; on?: string | undefined }) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const n = await lockedNomination(trx, ctx, id, 'nominator', ['nominated', 'reviewed'], en(ctx) ? 'withdraw it' : '撤回');
    const on = body.on ?? todayCN();
    checkDate(on, n.nominated_on, 'on');
    const patch = { state: 'withdrawn', closed_reason: body.reason, closed_on: on, closed_by_name: ctx.actor.displayName };
    await repo.updateNomination(trx, id, patch);
    await appendAudit(trx, ctx, { action: 'recognition.withdraw', entity: 'recognition_nomination', entityId: id, scopePath: n.org_path, before: { state: n.state }, after: patch });
    return nominationView(trx, ctx, id, 'nominator');
  });
}

/**
 * The awarding organization revokes an approved honour (before or after publication), with a
 * reason. The place in the quota is freed; a member's award record gets a reversal record.
 */
export async function revoke(db: Kysely<DB>, ctx: RequestContext, id: number, body: { reason: string; on?: string | undefined }) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const n = await lockedNomination(trx, ctx, id, 'awarder', ['approved'], en(ctx) ? 'revoke it' : '撤销');
    const on = body.on ?? todayCN();
    checkDate(on, n.approved_on ?? n.nominated_on, 'on');
    if (n.status_record_id && n.nominee_member_id) {
      const member = await trx.selectFrom('members').select('org_id').where('id', '=', n.nominee_member_id).executeTakeFirstOrThrow();
      await insertRecord(trx, { member_id: n.nominee_member_id, kind: 'reversal', subtype: 'reversal', effective_on: on, doc_number: null, issuer: null, reason: body.reason, award_level: null, amount_fen: null, period_months: null, ends_on: null, relates_to_id: n.status_record_id, org_id: member.org_id, rule_code: null, rule_version: null, note: `撤销评先评优 #${n.id}`, recorded_by_name: ctx.actor.displayName });
    }
    const patch = { state: 'revoked', closed_reason: body.reason, closed_on: on, closed_by_name: ctx.actor.displayName };
    await repo.updateNomination(trx, id, patch);
    await appendAudit(trx, ctx, { action: 'recognition.revoke', entity: 'recognition_nomination', entityId: id, scopePath: n.awarding_org_path, before: { state: n.state }, after: patch });
    return nominationView(trx, ctx, id, 'awarder');
  });
}
