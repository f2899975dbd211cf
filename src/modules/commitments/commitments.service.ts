import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import { can, type RequestContext } from '../../server/context.ts';
import { badRequest, conflict, forbidden, notFound } from '../../server/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findMember } from '../members/members.repository.ts';
import { findOrg, listRoots } from '../organizations/organizations.repository.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import { ballotOf, ballots, item, ratingOf, summary, type Rating } from './commitments.present.ts';
import * as repo from './commitments.repository.ts';
import { targetsFrom } from './commitments.rules.ts';
import type { CommitmentDetail, CreateCommitmentBody, EvaluationBody, ItemBody, ItemStatusBody, ListQuery, ProgressBody, UpdateCommitmentBody, UpdateItemBody } from './commitments.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;
type Detail = z.infer<typeof CommitmentDetail>;
type Commitment = NonNullable<Awaited<ReturnType<typeof repo.findCommitment>>>;

const isStaffWriter = (ctx: RequestContext) => ctx.scope.kind !== 'self' && can(ctx.actor.role, 'member.write');
const ownMemberCommitment = (ctx: RequestContext, c: { maker_type: string; member_id: number | null }) =>
  ctx.scope.kind === 'self' && c.maker_type === 'member' && c.member_id !== null && c.member_id === ctx.scope.memberId;
/** Staff who may write, or the member on their own commitment. */
const mayEdit = (ctx: RequestContext, c: { maker_type: string; member_id: number | null }) => isStaffWriter(ctx) || ownMemberCommitment(ctx, c);

function requireStaffWriter(ctx: RequestContext) {
  if (!isStaffWriter(ctx)) throw forbidden('commitment.staffOnly');
}

function notFuture(on: string, field: string) {
  if (on > todayCN()) throw badRequest('commitment.futureDate', field, { today: todayCN() });
}

/** Deadlines lie in the commitment's year or the next (a year's promise may run into spring). */
function checkItem(year: number, i: Partial<ItemBody>, field: string) {
  if (i.deadline !== undefined && (i.deadline < `${year}-01-01` || i.deadline > `${year + 1}-12-31`)) throw badRequest('commitment.deadlineYear', `${field}deadline`, { year, next: year + 1 });
}

async function targetPercent(db: Db, year: number, makerType: string) {
  const t = targetsFrom(await rulesInForce(db, `${year}-12-31`));
  return makerType === 'org' ? t.orgPercent : t.memberPercent;
}

async function load(db: Db, ctx: RequestContext, id: number, lock = false) {
  const c = await repo.findCommitment(db, ctx.scope, id, todayCN(), lock);
  if (!c) throw notFound();
  return c;
}

export async function detail(db: Db, ctx: RequestContext, id: number): Promise<Detail> {
  const today = todayCN();
  const c = await load(db, ctx, id);
  const rows = await repo.items(db, id);
  const [progress, evals] = await Promise.all([repo.progressOf(db, rows.map((r) => r.id)), repo.evaluations(db, id)]);
  const self = ctx.scope.kind === 'self' ? ctx.scope.memberId : null;
  const mine = self === null ? undefined : evals.find((e) => e.member_id === self);
  return {
    ...summary(c),
    announceWay: c.announce_way,
    note: c.note,
    createdBy: c.created_by_name,
    itemList: rows.map((r) => item(r, progress, today)),
    // A member sees the totals only: the entries name other members who rated.
    evaluations:
      self === null
        ? evals.map((e) => ({ id: e.id, heldOn: e.held_on, evaluatorType: e.evaluator_type as 'member' | 'public', memberName: e.member_name, satisfied: e.satisfied, basic: e.basic, dissatisfied: e.dissatisfied, note: e.note, recordedBy: e.recorded_by_name }))
        : [],
    ballots: { member: ballots(evals.filter((e) => e.evaluator_type === 'member')), public: ballots(evals.filter((e) => e.evaluator_type === 'public')), all: ballots(evals) },
    myRating: mine ? ratingOf(mine) : null,
    canEdit: mayEdit(ctx, c),
    canRate: self !== null && c.maker_type === 'org',
    target: await targetPercent(db, c.year, c.maker_type),
  };
}

/** The organization a list is for: the given one inside the scope, else the scope's own (the first root for admins). */
async function resolveOrg(db: Db, ctx: RequestContext, orgId: number | undefined) {
  const id = orgId ?? (ctx.scope.kind === 'all' ? (await listRoots(db, ctx.scope))[0]?.id : ctx.scope.orgId);
  const org = id === undefined ? undefined : await findOrg(db, ctx.scope, id);
  if (!org) throw notFound();
  return org;
}

const LIST_LIMIT = 500;

export async function list(db: Kysely<DB>, ctx: RequestContext, q: z.infer<typeof ListQuery>) {
  const org = await resolveOrg(db, ctx, q.orgId);
  const rows = await repo.listCommitments(db, ctx.scope, { subtreePath: org.path, year: q.year, makerType: q.makerType, status: q.status, limit: LIST_LIMIT + 1 }, todayCN());
  return { orgId: org.id, orgName: org.name, items: rows.slice(0, LIST_LIMIT).map(summary), truncated: rows.length > LIST_LIMIT };
}

export async function memberCommitments(db: Kysely<DB>, ctx: RequestContext, memberId: number) {
  const m = await findMember(db, ctx.scope, memberId);
  if (!m) throw notFound();
  const rows = await repo.listCommitments(db, ctx.scope, { memberId, limit: LIST_LIMIT }, todayCN());
  return { orgId: m.org_id, orgName: m.org_name, items: rows.map(summary), truncated: false };
}

async function create(db: Kysely<DB>, ctx: RequestContext, org: { id: number; path: string }, memberId: number | null, body: CreateCommitmentBody) {
  if (body.announcedOn) notFuture(body.announcedOn, 'announcedOn');
  body.items.forEach((i, k) => checkItem(body.year, i, `items.${k}.`));
  return db.transaction().execute(async (trx) => {
    const row = { org_id: org.id, maker_type: memberId === null ? 'org' : 'member', member_id: memberId, year: body.year, title: body.title, announced_on: body.announcedOn ?? null, announce_way: body.announceWay ?? null, note: body.note ?? null, created_by_name: ctx.actor.displayName };
    const { id } = await repo.insertCommitment(trx, row);
    const items = body.items.map((i) => ({ content: i.content, category: i.category, deadline: i.deadline, responsible: i.responsible ?? null }));
    await repo.insertItems(trx, id, items);
    await appendAudit(trx, ctx, { action: 'commitment.create', entity: 'commitment', entityId: id, scopePath: org.path, after: { ...row, items } });
    return detail(trx, ctx, id);
  });
}

/** An organization's own commitment (staff of the organization or above). */
export async function createForOrg(db: Kysely<DB>, ctx: RequestContext, orgId: number, body: CreateCommitmentBody) {
  const org = await findOrg(db, ctx.scope, orgId);
  if (!org) throw notFound();
  requireStaffWriter(ctx);
  if (org.status !== 'active') throw conflict('org.dissolved');
  return create(db, ctx, org, null, body);
}

/** A member's commitment: made by the member (self-service) or recorded for them by staff. */
export async function createForMember(db: Kysely<DB>, ctx: RequestContext, memberId: number, body: CreateCommitmentBody) {
  const m = await findMember(db, ctx.scope, memberId);
  if (!m) throw notFound();
  if (!mayEdit(ctx, { maker_type: 'member', member_id: memberId })) throw forbidden('commitment.staffOnly');
  if (m.left_on) throw conflict('commitment.memberLeft', { name: m.name });
  return create(db, ctx, { id: m.org_id, path: m.org_path }, memberId, body);
}

export async function update(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof UpdateCommitmentBody>) {
  return db.transaction().execute(async (trx) => {
    const c = await load(trx, ctx, id, true);
    if (!mayEdit(ctx, c)) throw forbidden('commitment.staffOnly');
    if (body.announcedOn) notFuture(body.announcedOn, 'announcedOn');
    const patch = { title: body.title, announced_on: body.announcedOn, announce_way: body.announceWay, note: body.note };
    await repo.updateCommitment(trx, id, patch);
    await appendAudit(trx, ctx, { action: 'commitment.update', entity: 'commitment', entityId: id, scopePath: c.org_path, before: { title: c.title, announced_on: c.announced_on, announce_way: c.announce_way, note: c.note }, after: patch });
    return detail(trx, ctx, id);
  });
}

export async function addItem(db: Kysely<DB>, ctx: RequestContext, id: number, body: ItemBody) {
  return db.transaction().execute(async (trx) => {
    const c = await load(trx, ctx, id, true);
    if (!mayEdit(ctx, c)) throw forbidden('commitment.staffOnly');
    checkItem(c.year, body, '');
    const row = { content: body.content, category: body.category, deadline: body.deadline, responsible: body.responsible ?? null };
    const [added] = await repo.insertItems(trx, id, [row]);
    await appendAudit(trx, ctx, { action: 'commitment.addItem', entity: 'commitment', entityId: id, scopePath: c.org_path, after: { itemId: added?.id, ...row } });
    return detail(trx, ctx, id);
  });
}

/** An item the caller may change, locked, with its commitment's facts. */
async function lockedItem(trx: Transaction<DB>, ctx: RequestContext, itemId: number) {
  const i = await repo.findItem(trx, ctx.scope, itemId, true);
  if (!i) throw notFound();
  if (!mayEdit(ctx, i)) throw forbidden('commitment.staffOnly');
  return i;
}

export async function updateItem(db: Kysely<DB>, ctx: RequestContext, itemId: number, body: z.infer<typeof UpdateItemBody>) {
  return db.transaction().execute(async (trx) => {
    const i = await lockedItem(trx, ctx, itemId);
    checkItem(i.year, body, '');
    if (i.status !== 'in_progress') throw conflict('commitment.itemSettled');
    const patch = { content: body.content, category: body.category, deadline: body.deadline, responsible: body.responsible };
    await repo.updateItem(trx, itemId, patch);
    await appendAudit(trx, ctx, { action: 'commitment.updateItem', entity: 'commitment', entityId: i.commitment_id, scopePath: i.org_path, before: { itemId, content: i.content, category: i.category, deadline: i.deadline, responsible: i.responsible }, after: { itemId, ...patch } });
    return detail(trx, ctx, i.commitment_id);
  });
}

/**
 * Settle an item (done with what was done; not done or withdrawn with the reason) or put it back in
 * progress to correct a mistake. Withdrawing takes staff: it removes the item from the rate.
 */
export async function setStatus(db: Kysely<DB>, ctx: RequestContext, itemId: number, body: ItemStatusBody) {
  return db.transaction().execute(async (trx) => {
    const i = await lockedItem(trx, ctx, itemId);
    const on = body.on ?? todayCN();
    notFuture(on, 'on');
    if (body.status === 'done' && !body.note) throw badRequest('commitment.doneNote', 'note');
    if ((body.status === 'not_done' || body.status === 'cancelled') && !body.reason) throw badRequest('commitment.reasonRequired', 'reason');
    if (body.status === 'cancelled') requireStaffWriter(ctx);
    if (body.status === 'in_progress' ? i.status === 'in_progress' : i.status !== 'in_progress') throw conflict(body.status === 'in_progress' ? 'commitment.itemOpen' : 'commitment.itemSettled');
    const patch =
      body.status === 'done'
        ? { status: 'done', done_on: on, done_note: body.note!, reason: null, status_on: on }
        : body.status === 'in_progress'
          ? { status: 'in_progress', done_on: null, done_note: null, reason: body.reason ?? null, status_on: null }
          : { status: body.status, done_on: null, done_note: null, reason: body.reason!, status_on: on };
    await repo.updateItem(trx, itemId, patch);
    await appendAudit(trx, ctx, { action: 'commitment.itemStatus', entity: 'commitment', entityId: i.commitment_id, scopePath: i.org_path, before: { itemId, status: i.status, done_on: i.done_on, done_note: i.done_note, reason: i.reason }, after: { itemId, ...patch } });
    return detail(trx, ctx, i.commitment_id);
  });
}

export async function addProgress(db: Kysely<DB>, ctx: RequestContext, itemId: number, body: z.infer<typeof ProgressBody>) {
  return db.transaction().execute(async (trx) => {
    const i = await lockedItem(trx, ctx, itemId);
    const on = body.on ?? todayCN();
    notFuture(on, 'on');
    const row = { item_id: itemId, noted_on: on, text: body.text, recorded_by_name: ctx.actor.displayName };
    await repo.insertProgress(trx, row);
    await appendAudit(trx, ctx, { action: 'commitment.progress', entity: 'commitment', entityId: i.commitment_id, scopePath: i.org_path, after: row });
    return detail(trx, ctx, i.commitment_id);
  });
}

/** Ballots from an evaluation meeting (一评议), entered by staff: one ballot or the counts per rating. */
export async function addEvaluation(db: Kysely<DB>, ctx: RequestContext, id: number, body: EvaluationBody) {
  return db.transaction().execute(async (trx) => {
    const c = await load(trx, ctx, id, true);
    requireStaffWriter(ctx);
    notFuture(body.heldOn, 'heldOn');
    if (body.satisfied + body.basic + body.dissatisfied === 0) throw badRequest('commitment.noBallots', 'satisfied');
    const row = { commitment_id: id, held_on: body.heldOn, evaluator_type: body.evaluatorType, member_id: null, satisfied: body.satisfied, basic: body.basic, dissatisfied: body.dissatisfied, note: body.note ?? null, recorded_by_name: ctx.actor.displayName };
    const { id: evaluationId } = await repo.insertEvaluation(trx, row);
    await appendAudit(trx, ctx, { action: 'commitment.evaluation', entity: 'commitment', entityId: id, scopePath: c.org_path, after: { evaluationId, ...row } });
    return detail(trx, ctx, id);
  });
}

export async function deleteEvaluation(db: Kysely<DB>, ctx: RequestContext, id: number, evaluationId: number) {
  return db.transaction().execute(async (trx) => {
    const c = await load(trx, ctx, id, true);
    const e = await repo.findEvaluation(trx, id, evaluationId);
    if (!e) throw notFound();
    requireStaffWriter(ctx);
    await repo.deleteEvaluation(trx, evaluationId);
    await appendAudit(trx, ctx, { action: 'commitment.evaluationDelete', entity: 'commitment', entityId: id, scopePath: c.org_path, before: e });
    return detail(trx, ctx, id);
  });
}

/** A member rates their own organization's commitment (one ballot, changed by rating again). */
export async function rateAsMember(db: Kysely<DB>, ctx: RequestContext, id: number, rating: Rating) {
  return db.transaction().execute(async (trx) => {
    const c = await load(trx, ctx, id, true);
    if (ctx.scope.kind !== 'self' || !ctx.scope.memberId) throw forbidden('commitment.selfOnly');
    if (c.maker_type !== 'org') throw badRequest('commitment.rateOrgOnly', 'rating');
    const row = { commitment_id: id, held_on: todayCN(), member_id: ctx.scope.memberId, ...ballotOf(rating), recorded_by_name: ctx.actor.displayName };
    await repo.upsertMemberRating(trx, row);
    await appendAudit(trx, ctx, { action: 'commitment.memberRating', entity: 'commitment', entityId: id, scopePath: c.org_path, after: { rating, memberId: row.member_id } });
    return detail(trx, ctx, id);
  });
}

export type { Commitment };
