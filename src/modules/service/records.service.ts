import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { pathInScope } from '../../db/scope.ts';
import { todayCN } from '../../lib/dates.ts';
import { can, type RequestContext } from '../../server/context.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../server/errors.ts';
import { SERVICE_RECORD_KIND } from '../../shared/enums.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findMember } from '../members/members.repository.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import { selfScope } from '../self/self.service.ts';
import * as repo from './service.repository.ts';
import { looksLikeIdNumber, nextReviewOn } from './service.rules.ts';
import type { CreateRecordBody, MemberService, RecordPage, RecordsQuery, ServiceRecord, ServiceSummary } from './service.schemas.ts';
import { officeLabel, presentAssignments, requireStaff, reviewMonthsRule } from './service.service.ts';

type Kind = (typeof SERVICE_RECORD_KIND.values)[number];
type RecordOut = z.infer<typeof ServiceRecord>;

const isStaff = (ctx: RequestContext) => ctx.scope.kind !== 'self' && can(ctx.actor.role, 'member.write');

function presentRecord(r: repo.RecordRow): RecordOut {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    memberId: r.member_id,
    memberName: r.member_name,
    occurredOn: r.occurred_on,
    kind: r.kind as Kind,
    whom: r.whom,
    matter: r.matter,
    result: r.result,
    hours: r.minutes === null ? null : r.minutes / 60,
    enteredBy: r.entered_by as 'staff' | 'self',
    createdByName: r.created_by_name,
  };
}

/**
 * A 记实 record: a member's (by staff, or by the member themself) or an organization's. The record
 * stays with the organization the member belonged to when it was entered.
 */
export async function createRecord(db: Kysely<DB>, ctx: RequestContext, body: CreateRecordBody): Promise<RecordOut> {
  let org: { id: number; path: string } | null = null;
  let memberId: number | null = null;
  const self = ctx.scope.kind === 'self';
  if (body.orgId) {
    const o = await findOrg(db, ctx.scope, body.orgId);
    if (!o) throw new AppError(404, 'notFound', {}, 'orgId');
    org = { id: o.id, path: o.path };
  }
  if (body.memberId) {
    const m = await findMember(db, ctx.scope, body.memberId);
    if (!m) throw new AppError(404, 'notFound', {}, 'memberId');
    const own = self && ctx.scope.kind === 'self' && ctx.scope.memberId === m.id;
    if (!own && !isStaff(ctx)) throw forbidden();
    if (org && !pathInScope({ kind: 'subtree', orgId: org.id, path: org.path }, m.org_path)) throw badRequest('service.memberNotInOrg', 'memberId', { name: m.name, org: m.org_name });
    if (m.left_on && body.occurredOn >= m.left_on) throw conflict('service.memberLeft', { name: m.name, date: m.left_on }, 'memberId');
    org = { id: m.org_id, path: m.org_path };
    memberId = m.id;
  } else if (!org) {
    throw badRequest('service.recordTarget', 'memberId');
  } else if (!isStaff(ctx)) {
    throw forbidden();
  }
  const today = todayCN();
  if (body.occurredOn > today) throw badRequest('service.futureDate', 'occurredOn', { today });
  for (const f of ['whom', 'matter', 'result'] as const) if (body[f] && looksLikeIdNumber(body[f])) throw badRequest('service.idNumberInWhom', f);
  const row = {
    org_id: org.id,
    member_id: memberId,
    occurred_on: body.occurredOn,
    kind: body.kind,
    whom: body.whom,
    matter: body.matter,
    result: body.result ?? null,
    minutes: body.hours ? Math.round(body.hours * 60) : null,
    entered_by: self ? 'self' : 'staff',
    created_by_name: ctx.actor.displayName,
  };
  return db.transaction().execute(async (trx) => {
    const { id } = await repo.insertRecord(trx, row);
    await appendAudit(trx, ctx, { action: 'service.record', entity: 'service_record', entityId: id, scopePath: org.path, after: row });
    return presentRecord(await repo.recordById(trx, id));
  });
}

/** Delete a record: staff within their scope; a member only what they entered themselves. */
export async function deleteRecord(db: Kysely<DB>, ctx: RequestContext, id: number) {
  const r = await repo.findRecord(db, ctx.scope, id);
  if (!r) throw notFound();
  if (ctx.scope.kind === 'self') {
    if (r.entered_by !== 'self') throw forbidden('service.recordNotOwn');
  } else if (!isStaff(ctx)) throw forbidden();
  await db.transaction().execute(async (trx) => {
    await repo.deleteRecord(trx, id);
    await appendAudit(trx, ctx, { action: 'service.recordDelete', entity: 'service_record', entityId: id, scopePath: r.org_path, before: presentRecord(r) });
  });
}

export async function listRecords(db: Kysely<DB>, ctx: RequestContext, orgId: number, q: RecordsQuery): Promise<z.infer<typeof RecordPage>> {
  requireStaff(ctx);
  const org = await findOrg(db, ctx.scope, orgId);
  if (!org) throw notFound();
  // A member asked for must be one the caller may see (else 404, like any record outside the scope).
  if (q.memberId !== undefined && !(await findMember(db, ctx.scope, q.memberId))) throw new AppError(404, 'notFound', {}, 'memberId');
  const r = await repo.listRecords(db, ctx.scope, { subtreePath: org.path, memberId: q.memberId, kind: q.kind, from: q.from, to: q.to }, { limit: q.limit, offset: q.offset });
  return { items: r.items.map(presentRecord), total: r.total };
}

/** The id of the direct child of `root` a path lies under (the root's own id for its own members). */
function childOf(rootPath: string, path: string): number {
  const rest = path.slice(rootPath.length + 1).split('.')[0];
  return Number(rest || rootPath.split('.').at(-1));
}

/** Coverage of posts on the last day, record counts in the period, per direct sub-organization and per member. */
export async function summary(db: Kysely<DB>, ctx: RequestContext, orgId: number, q: { from?: string | undefined; to?: string | undefined }): Promise<z.infer<typeof ServiceSummary>> {
  requireStaff(ctx);
  const org = await findOrg(db, ctx.scope, orgId);
  if (!org) throw notFound();
  const today = todayCN();
  const to = q.to ?? today;
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw badRequest('service.beforeStart', 'from', { date: to });
  const [rows, totals, kids, active, rule] = await Promise.all([
    repo.membersOn(db, org.path, to, { from, to }),
    repo.recordTotals(db, ctx.scope, org.path, from, to),
    repo.childrenOf(db, org.id),
    repo.activeAssignmentsWithLastReview(db, ctx.scope, org.path, today, 20_000),
    reviewMonthsRule(db),
  ]);
  const cover = (list: repo.MemberOnRow[]) => {
    const withoutOffice = list.filter((r) => !r.office);
    const posted = withoutOffice.filter((r) => r.posts).length;
    return { members: list.length, withoutOffice: withoutOffice.length, posted, ratio: withoutOffice.length ? posted / withoutOffice.length : null };
  };
  const groups = [{ id: org.id, name: `${org.name}（本级）` }, ...kids.map((k) => ({ id: k.id, name: k.name }))];
  const recordsByChild = new Map<number, number>();
  for (const b of totals.byOrg) recordsByChild.set(childOf(org.path, b.path), (recordsByChild.get(childOf(org.path, b.path)) ?? 0) + b.n);
  const children = groups
    .map((g) => ({ orgId: g.id, orgName: g.name, ...cover(rows.filter((r) => childOf(org.path, r.org_path) === g.id)), records: recordsByChild.get(g.id) ?? 0 }))
    .filter((c) => c.members > 0 || c.records > 0);
  return {
    orgId: org.id,
    orgName: org.name,
    from,
    to,
    coverage: cover(rows),
    children,
    records: {
      total: totals.byKind.reduce((s, k) => s + k.n, 0),
      hours: Math.round(totals.byKind.reduce((s, k) => s + k.minutes, 0) / 6) / 10,
      byKind: SERVICE_RECORD_KIND.values.map((k) => ({ kind: k, count: totals.byKind.find((x) => x.kind === k)?.n ?? 0 })),
    },
    members: rows
      .map((r) => ({ memberId: r.member_id, name: r.name, orgName: r.org_name, office: !!r.office, post: r.posts, records: r.records }))
      .sort((a, b) => b.records - a.records || a.name.localeCompare(b.name, 'zh-CN'))
      .slice(0, 500),
    reviewsDue: active.filter((a) => nextReviewOn(a.starts_on, a.last_reviewed_on, a.review_months ?? rule.months) < today).length,
  };
}

async function memberView(db: Kysely<DB>, ctx: RequestContext, m: { id: number; name: string; org_id: number; org_name: string }): Promise<z.infer<typeof MemberService>> {
  const today = todayCN();
  const [rows, recs, office, rule] = await Promise.all([repo.assignmentsOfMember(db, m.id), repo.memberRecords(db, m.id, `${today.slice(0, 4)}-01-01`, 100), repo.officeOf(db, m.id, today), reviewMonthsRule(db)]);
  return {
    memberId: m.id,
    name: m.name,
    orgId: m.org_id,
    orgName: m.org_name,
    office: office ? `${office.org_name}${officeLabel(ctx, office.post)}` : null,
    assignments: await presentAssignments(db, ctx, rows, rule.months),
    records: recs.items.map(presentRecord),
    counts: { total: recs.total, thisYear: recs.thisYear, hoursThisYear: Math.round(recs.minutesThisYear / 6) / 10 },
  };
}

/** A member's posts and records: staff within their scope, or the member themself. */
export async function memberService(db: Kysely<DB>, ctx: RequestContext, memberId: number) {
  const m = await findMember(db, ctx.scope, memberId);
  if (!m) throw notFound();
  return memberView(db, ctx, m);
}

/** The signed-in member's own posts and records. */
export async function myService(db: Kysely<DB>, ctx: RequestContext) {
  const { scope, member } = await selfScope(db, ctx);
  return memberView(db, { ...ctx, scope }, { id: member.id, name: member.name, org_id: member.org_id, org_name: member.org_name });
}
