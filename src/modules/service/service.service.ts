import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { pathInScope } from '../../db/scope.ts';
import { todayCN } from '../../lib/dates.ts';
import { can, type RequestContext } from '../../server/context.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../server/errors.ts';
import type { SERVICE_REVIEW_GRADE } from '../../shared/enums.ts';
import { ORG_POST } from '../../shared/enums.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findMember } from '../members/members.repository.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import * as repo from './service.repository.ts';
import { activeOn, nextReviewOn, ruleReviewMonths } from './service.rules.ts';
import type { Assignment, AssignBody, CandidateList, CreatePostBody, EndAssignmentBody, Post, PostList, ReviewBody, UpdatePostBody } from './service.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;
type AssignmentOut = z.infer<typeof Assignment>;
type Grade = (typeof SERVICE_REVIEW_GRADE.values)[number];

/** Posts and assignments name members: organization staff only, never the self scope. */
export function requireStaff(ctx: RequestContext, write = false) {
  if (ctx.scope.kind === 'self') throw forbidden();
  if (write && !can(ctx.actor.role, 'member.write')) throw forbidden();
}

/** '书记', '组织委员'… as the user reads it. */
export function officeLabel(ctx: Pick<RequestContext, 'locale'>, post: string) {
  const l = ORG_POST.table[post as keyof typeof ORG_POST.table];
  return l ? (ctx.locale === 'en' ? l.en : l.zh) : post;
}

async function orgInScope(db: Db, ctx: RequestContext, orgId: number) {
  const org = await findOrg(db, ctx.scope, orgId);
  if (!org) throw notFound();
  return org;
}

function checkDate(on: string, field: string) {
  const today = todayCN();
  if (on > today) throw badRequest('service.futureDate', field, { today });
}

/** Assignments with their reviews and next review dates, as the API shows them. */
async function present(db: Db, ctx: RequestContext, rows: repo.AssignmentRow[], ruleMonths: number): Promise<AssignmentOut[]> {
  const today = todayCN();
  const reviews = await repo.reviewsOf(db, rows.map((r) => r.id));
  const offices = new Map<number, string | null>();
  for (const r of rows) {
    if (offices.has(r.member_id) || !activeOn(r, today)) continue;
    const o = await repo.officeOf(db, r.member_id, today);
    offices.set(r.member_id, o ? `${o.org_name}${officeLabel(ctx, o.post)}` : null);
  }
  return rows.map((r) => {
    const own = reviews.filter((v) => v.assignment_id === r.id).map((v) => ({ id: v.id, reviewedOn: v.reviewed_on, grade: v.grade as Grade, comment: v.comment, reviewerName: v.reviewer_name }));
    const last = own.at(-1) ?? null;
    const months = r.review_months ?? ruleMonths;
    const active = activeOn(r, today) || r.starts_on > today;
    const next = active ? nextReviewOn(r.starts_on, last?.reviewedOn ?? null, months) : null;
    return {
      id: r.id,
      postId: r.post_id,
      postName: r.post_name,
      postDuties: r.post_duties,
      orgId: r.org_id,
      orgName: r.org_name,
      memberId: r.member_id,
      memberName: r.member_name,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      endReason: r.end_reason,
      note: r.note,
      active,
      office: offices.get(r.member_id) ?? null,
      reviewMonths: months,
      lastReview: last,
      nextReviewOn: next,
      reviewOverdue: !!next && next < today,
      reviews: own,
    };
  });
}

export async function reviewMonthsRule(db: Db) {
  return ruleReviewMonths(await rulesInForce(db, todayCN()));
}

/** The posts of an organization and its sub-organizations, each with who holds it. */
export async function listPosts(db: Kysely<DB>, ctx: RequestContext, orgId: number, includeEnded: boolean): Promise<z.infer<typeof PostList>> {
  requireStaff(ctx);
  const org = await orgInScope(db, ctx, orgId);
  const rule = await reviewMonthsRule(db);
  const posts = await repo.listPosts(db, ctx.scope, org.path, includeEnded);
  const rows = await repo.assignmentsOfPosts(db, posts.map((p) => p.id), todayCN(), includeEnded);
  const assignments = await present(db, ctx, rows, rule.months);
  return {
    orgId: org.id,
    orgName: org.name,
    ruleReviewMonths: rule.months,
    ruleSource: rule.source,
    items: posts.map((p) => ({
      id: p.id,
      orgId: p.org_id,
      orgName: p.org_name,
      name: p.name,
      duties: p.duties,
      reviewMonths: p.review_months,
      effectiveReviewMonths: p.review_months ?? rule.months,
      retiredOn: p.retired_on,
      assignments: assignments.filter((a) => a.postId === p.id),
    })),
  };
}

async function onePost(db: Db, ctx: RequestContext, id: number): Promise<z.infer<typeof Post>> {
  const p = await repo.findPost(db, ctx.scope, id);
  if (!p) throw notFound();
  const rule = await reviewMonthsRule(db);
  const rows = await repo.assignmentsOfPosts(db, [p.id], todayCN(), true);
  return { id: p.id, orgId: p.org_id, orgName: p.org_name, name: p.name, duties: p.duties, reviewMonths: p.review_months, effectiveReviewMonths: p.review_months ?? rule.months, retiredOn: p.retired_on, assignments: await present(db, ctx, rows, rule.months) };
}

export async function createPost(db: Kysely<DB>, ctx: RequestContext, orgId: number, body: CreatePostBody) {
  requireStaff(ctx, true);
  const org = await orgInScope(db, ctx, orgId);
  if (org.status !== 'active') throw conflict('org.dissolved');
  return db.transaction().execute(async (trx) => {
    if (await repo.postNameTaken(trx, orgId, body.name)) throw conflict('service.postNameTaken', { name: body.name }, 'name');
    const row = { org_id: orgId, name: body.name, duties: body.duties, review_months: body.reviewMonths ?? null, created_by_name: ctx.actor.displayName };
    const { id } = await repo.insertPost(trx, row);
    await appendAudit(trx, ctx, { action: 'service.postCreate', entity: 'service_post', entityId: id, scopePath: org.path, after: row });
    return onePost(trx, ctx, id);
  });
}

export async function updatePost(db: Kysely<DB>, ctx: RequestContext, id: number, body: UpdatePostBody) {
  requireStaff(ctx, true);
  return db.transaction().execute(async (trx) => {
    const p = await repo.findPost(trx, ctx.scope, id, true);
    if (!p) throw notFound();
    const patch: Parameters<typeof repo.updatePost>[2] = {};
    if (body.name !== undefined && body.name !== p.name) {
      if (await repo.postNameTaken(trx, p.org_id, body.name, p.id)) throw conflict('service.postNameTaken', { name: body.name }, 'name');
      patch.name = body.name;
    }
    if (body.duties !== undefined) patch.duties = body.duties;
    if (body.reviewMonths !== undefined) patch.review_months = body.reviewMonths;
    if (body.retiredOn !== undefined) {
      if (body.retiredOn) {
        checkDate(body.retiredOn, 'retiredOn');
        // Members still on the post leave it first (each with their own date and reason).
        const open = await repo.openAssignmentsOfPost(trx, p.id);
        if (open > 0) throw conflict('service.postHasMembers', { post: p.name, count: open }, 'retiredOn');
      } else if (await repo.postNameTaken(trx, p.org_id, body.name ?? p.name, p.id)) throw conflict('service.postNameTaken', { name: body.name ?? p.name }, 'name');
      patch.retired_on = body.retiredOn;
    }
    await repo.updatePost(trx, id, patch);
    await appendAudit(trx, ctx, { action: 'service.postUpdate', entity: 'service_post', entityId: id, scopePath: p.org_path, before: { name: p.name, duties: p.duties, review_months: p.review_months, retired_on: p.retired_on }, after: patch });
    return onePost(trx, ctx, id);
  });
}

/**
 * Give a post to a member: on the roll of the post's organization (or below), without an office on
 * the start date or today (设岗定责 is for members without office — decision 0018), not already on it.
 */
export async function assign(db: Kysely<DB>, ctx: RequestContext, postId: number, body: AssignBody) {
  requireStaff(ctx, true);
  return db.transaction().execute(async (trx) => {
    const p = await repo.findPost(trx, ctx.scope, postId, true);
    if (!p) throw notFound();
    const m = await findMember(trx, ctx.scope, body.memberId);
    if (!m) throw new AppError(404, 'notFound', {}, 'memberId');
    if (p.retired_on) throw conflict('service.postRetired', { post: p.name, date: p.retired_on });
    if (m.left_on) throw conflict('service.memberLeft', { name: m.name, date: m.left_on }, 'memberId');
    if (!pathInScope({ kind: 'subtree', orgId: p.org_id, path: p.org_path }, m.org_path)) throw badRequest('service.memberNotInOrg', 'memberId', { name: m.name, org: p.org_name });
    checkDate(body.startsOn, 'startsOn');
    if (body.endsOn && body.endsOn < body.startsOn) throw badRequest('service.beforeStart', 'endsOn', { date: body.startsOn });
    for (const on of [body.startsOn, todayCN()]) {
      const office = await repo.officeOf(trx, m.id, on);
      if (office) throw conflict('service.officeHolder', { name: m.name, org: office.org_name, office: officeLabel(ctx, office.post) }, 'memberId');
    }
    if (await repo.openAssignment(trx, p.id, m.id, body.startsOn)) throw conflict('service.alreadyAssigned', { name: m.name, post: p.name }, 'memberId');
    const row = { post_id: p.id, member_id: m.id, starts_on: body.startsOn, ends_on: body.endsOn ?? null, note: body.note ?? null, created_by_name: ctx.actor.displayName };
    const { id } = await repo.insertAssignment(trx, row);
    await appendAudit(trx, ctx, { action: 'service.assign', entity: 'service_assignment', entityId: id, scopePath: p.org_path, after: { ...row, post: p.name, member: m.name } });
    return oneAssignment(trx, ctx, id);
  });
}

async function oneAssignment(db: Db, ctx: RequestContext, id: number) {
  const a = await repo.findAssignment(db, ctx.scope, id);
  if (!a) throw notFound();
  const [out] = await present(db, ctx, [a], (await reviewMonthsRule(db)).months);
  return out!;
}

export async function endAssignment(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof EndAssignmentBody>) {
  requireStaff(ctx, true);
  return db.transaction().execute(async (trx) => {
    const a = await repo.findAssignment(trx, ctx.scope, id, true);
    if (!a) throw notFound();
    if (a.ends_on && a.ends_on < todayCN()) throw conflict('service.assignmentEnded', { date: a.ends_on });
    if (body.endsOn < a.starts_on) throw badRequest('service.beforeStart', 'endsOn', { date: a.starts_on });
    checkDate(body.endsOn, 'endsOn');
    await repo.endAssignment(trx, id, body.endsOn, body.reason ?? null);
    await appendAudit(trx, ctx, { action: 'service.end', entity: 'service_assignment', entityId: id, scopePath: a.org_path, before: { ends_on: a.ends_on }, after: { ends_on: body.endsOn, reason: body.reason ?? null } });
    return oneAssignment(trx, ctx, id);
  });
}

/** Record a review of how the member did on the post (优秀/称职/基本称职/不称职). */
export async function review(db: Kysely<DB>, ctx: RequestContext, id: number, body: ReviewBody) {
  requireStaff(ctx, true);
  return db.transaction().execute(async (trx) => {
    const a = await repo.findAssignment(trx, ctx.scope, id, true);
    if (!a) throw notFound();
    checkDate(body.reviewedOn, 'reviewedOn');
    if (body.reviewedOn < a.starts_on) throw badRequest('service.beforeStart', 'reviewedOn', { date: a.starts_on });
    // A final review on the day after leaving is allowed; later ones belong to nobody's post.
    if (a.ends_on && body.reviewedOn > a.ends_on) throw conflict('service.assignmentEnded', { date: a.ends_on }, 'reviewedOn');
    if (await repo.reviewOn(trx, id, body.reviewedOn)) throw conflict('service.reviewTwice', { date: body.reviewedOn }, 'reviewedOn');
    const row = { assignment_id: id, reviewed_on: body.reviewedOn, grade: body.grade, comment: body.comment ?? null, reviewer_name: ctx.actor.displayName };
    const r = await repo.insertReview(trx, row);
    await appendAudit(trx, ctx, { action: 'service.review', entity: 'service_assignment', entityId: id, scopePath: a.org_path, after: { ...row, reviewId: r.id, member: a.member_name, post: a.post_name } });
    return oneAssignment(trx, ctx, id);
  });
}

/** Members of the subtree for the assignment picker: office holders are listed with their office, to be shown but not chosen. */
export async function candidates(db: Kysely<DB>, ctx: RequestContext, orgId: number, on: string | undefined): Promise<z.infer<typeof CandidateList>> {
  requireStaff(ctx);
  const org = await orgInScope(db, ctx, orgId);
  const day = on ?? todayCN();
  const rows = await repo.membersOn(db, org.path, day);
  return {
    on: day,
    items: rows.map((r) => ({ memberId: r.member_id, name: r.name, orgId: r.org_id, orgName: r.org_name, office: r.office ? `${r.office_org ?? ''}${officeLabel(ctx, r.office)}` : null, posts: r.posts ? r.posts.split('、') : [] })),
  };
}

export { present as presentAssignments };
