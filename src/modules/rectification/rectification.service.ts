import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import type { RequestContext } from '../../server/context.ts';
import { badRequest, conflict, notFound } from '../../server/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import type { CriterionT } from './rectification.criteria.ts';
import * as repo from './rectification.repository.ts';
import { assertAbove, requireStaff } from './rectification.screening.ts';
import type { AcceptanceBody, AddEntryBody, Check, ConfirmBody, DoneBody, EntryDetail, EntryList, EntrySummary, LeaderBody, NoteBody, OrgRectification, RemoveBody, TaskBody, TaskPatchBody } from './rectification.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;
type Summary = z.infer<typeof EntrySummary>;
type Detail = z.infer<typeof EntryDetail>;
type Hit = Detail['hits'][number];

const thisYear = () => Number(todayCN().slice(0, 4));

function presentSummary(r: repo.EntryRow): Summary {
  const [on, result] = r.last_acceptance ? r.last_acceptance.split('|') : [];
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    year: r.year,
    origin: r.origin as Summary['origin'],
    reason: r.reason,
    state: r.state as Summary['state'],
    listedOn: r.listed_on,
    leaderName: r.leader_name,
    leaderTitle: r.leader_title,
    closedOn: r.closed_on,
    removedOn: r.removed_on,
    removedReason: r.removed_reason,
    tasks: { total: Number(r.tasks_total), done: Number(r.tasks_done), overdue: Number(r.tasks_overdue) },
    lastAcceptance: on && result ? { on, result: result as 'pass' | 'fail' } : null,
  };
}

async function detailOf(db: Db, ctx: RequestContext, id: number): Promise<Detail> {
  const today = todayCN();
  const r = await repo.findEntry(db, ctx.scope, id, today);
  if (!r) throw notFound();
  const [tasks, acceptances] = await Promise.all([repo.tasksOf(db, id), repo.acceptancesOf(db, id)]);
  const notes = await repo.notesOf(db, tasks.map((t) => t.id));
  return {
    ...presentSummary(r),
    hits: r.reasons as Hit[],
    taskList: tasks.map((t) => ({
      id: t.id,
      content: t.content,
      ownerName: t.owner_name,
      ownerPost: t.owner_post,
      ownerOrgId: t.owner_org_id,
      ownerOrgName: t.owner_org_name,
      deadline: t.deadline,
      doneOn: t.done_on,
      overdue: !t.done_on && t.deadline < today,
      notes: notes.filter((n) => n.task_id === t.id).map((n) => ({ id: n.id, on: n.noted_on, text: n.text, byName: n.by_name })),
    })),
    acceptances: acceptances.map((a) => ({ id: a.id, on: a.reviewed_on, result: a.result as 'pass' | 'fail', comment: a.comment, reviewerName: a.reviewer_name, reviewerOrgName: a.reviewer_org_name })),
  };
}

export async function entryList(db: Kysely<DB>, ctx: RequestContext, orgId: number, year?: number): Promise<z.infer<typeof EntryList>> {
  requireStaff(ctx);
  const org = await findOrg(db, ctx.scope, orgId);
  if (!org) throw notFound();
  const y = year ?? thisYear();
  const items = (await repo.listEntries(db, ctx.scope, org.path, y, todayCN())).map(presentSummary);
  const count = (s: string) => items.filter((i) => i.state === s).length;
  return { year: y, items, counts: { listed: count('listed'), closed: count('closed'), removed: count('removed') } };
}

/** An organization's rectification for a year (null when it is not listed) and its listings of every year. */
export async function orgRectification(db: Kysely<DB>, ctx: RequestContext, orgId: number, year?: number): Promise<z.infer<typeof OrgRectification>> {
  requireStaff(ctx);
  const org = await findOrg(db, ctx.scope, orgId);
  if (!org) throw notFound();
  const y = year ?? thisYear();
  const all = await repo.orgEntries(db, ctx.scope, orgId, todayCN());
  const current = all.find((e) => e.year === y && e.state !== 'removed') ?? all.find((e) => e.year === y);
  return { org: { id: org.id, name: org.name }, year: y, entry: current ? await detailOf(db, ctx, current.id) : null, history: all.map(presentSummary) };
}

async function assertNotListed(db: Db, orgIds: number[], year: number, names: Map<number, string>) {
  const existing = await repo.activeEntries(db, orgIds, year);
  if (existing.length) throw conflict('rectification.alreadyListed', { org: names.get(existing[0]!.org_id) ?? String(existing[0]!.org_id), year });
}

/** Confirm flagged candidates of a screening into the year's list, with the reasons and evidence found. */
export async function confirm(db: Kysely<DB>, ctx: RequestContext, screeningId: number, body: z.infer<typeof ConfirmBody>) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const s = await repo.findScreening(trx, ctx.scope, screeningId);
    if (!s) throw notFound();
    const results = new Map((await repo.screeningResults(trx, ctx.scope, screeningId)).map((r) => [r.org_id, r]));
    const crit = new Map((s.criteria as CriterionT[]).map((c) => [c.key, c]));
    const ids = [...new Set(body.orgIds)];
    ids.forEach((id, i) => {
      if (!results.get(id)?.flagged) throw badRequest('rectification.notCandidate', `orgIds.${i}`, { id });
    });
    const orgs = new Map<number, string>();
    for (const id of ids) {
      const o = await findOrg(trx, ctx.scope, id);
      if (!o) throw notFound();
      assertAbove(ctx, o.path);
      orgs.set(id, o.name);
    }
    await assertNotListed(trx, ids, s.year, orgs);
    const today = todayCN();
    const created: number[] = [];
    for (const id of ids) {
      const hits = (results.get(id)!.results as Check[]).filter((c) => c.status === 'flagged').map((c) => ({ ...c, description: crit.get(c.key)?.description ?? c.key }));
      const reason = hits.map((h) => `${h.description}（${h.display}）`).join('；');
      const row = { org_id: id, year: s.year, origin: 'screening', screening_id: s.id, reason, reasons: JSON.stringify(hits), listed_on: today, created_by_name: ctx.actor.displayName };
      const { id: entryId } = await repo.insertEntry(trx, row);
      created.push(entryId);
      const org = await findOrg(trx, ctx.scope, id);
      await appendAudit(trx, ctx, { action: 'rectification.list', entity: 'rect_entry', entityId: entryId, scopePath: org!.path, after: { ...row, reasons: hits.map((h) => ({ key: h.key, figure: h.figure })) } });
    }
    const items = [];
    for (const id of created) items.push(presentSummary((await repo.findEntry(trx, ctx.scope, id, today))!));
    return { created: created.length, items };
  });
}

/** Put an organization on the year's list by hand, with the reason. */
export async function addByHand(db: Kysely<DB>, ctx: RequestContext, orgId: number, body: z.infer<typeof AddEntryBody>) {
  requireStaff(ctx);
  const org = await findOrg(db, ctx.scope, orgId);
  if (!org) throw notFound();
  assertAbove(ctx, org.path);
  if (org.status !== 'active') throw conflict('org.dissolved');
  if (body.year > thisYear()) throw badRequest('rectification.futureYear', 'year');
  return db.transaction().execute(async (trx) => {
    await assertNotListed(trx, [orgId], body.year, new Map([[orgId, org.name]]));
    const row = { org_id: orgId, year: body.year, origin: 'manual', screening_id: null, reason: body.reason, reasons: '[]', listed_on: todayCN(), created_by_name: ctx.actor.displayName };
    const { id } = await repo.insertEntry(trx, row);
    await appendAudit(trx, ctx, { action: 'rectification.list', entity: 'rect_entry', entityId: id, scopePath: org.path, after: row });
    return detailOf(trx, ctx, id);
  });
}

/** Lock an entry in the scope for a write; `open` requires it to be still under rectification. */
async function lockedEntry(trx: Transaction<DB>, ctx: RequestContext, id: number, open = true) {
  const e = await repo.findEntry(trx, ctx.scope, id, todayCN(), true);
  if (!e) throw notFound();
  if (open && e.state !== 'listed') throw conflict('rectification.entryFinished');
  return e;
}

/** Withdraw a listing made by mistake: only before rectification has begun (no task, no acceptance), with the reason. */
export async function remove(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof RemoveBody>) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const e = await lockedEntry(trx, ctx, id);
    assertAbove(ctx, e.org_path);
    if (Number(e.tasks_total) > 0 || e.last_acceptance) throw conflict('rectification.removeAfterStart');
    const patch = { state: 'removed', removed_on: todayCN(), removed_reason: body.reason };
    await repo.updateEntry(trx, id, patch);
    await appendAudit(trx, ctx, { action: 'rectification.remove', entity: 'rect_entry', entityId: id, scopePath: e.org_path, before: { state: e.state }, after: patch });
    return detailOf(trx, ctx, id);
  });
}

export async function setLeader(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof LeaderBody>) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const e = await lockedEntry(trx, ctx, id);
    assertAbove(ctx, e.org_path);
    const patch = { leader_name: body.name, leader_title: body.title ?? null };
    await repo.updateEntry(trx, id, patch);
    await appendAudit(trx, ctx, { action: 'rectification.leader', entity: 'rect_entry', entityId: id, scopePath: e.org_path, before: { leader_name: e.leader_name, leader_title: e.leader_title }, after: patch });
    return detailOf(trx, ctx, id);
  });
}

async function ownerOrg(db: Db, ctx: RequestContext, id: number) {
  if (!(await findOrg(db, ctx.scope, id))) throw badRequest('rectification.ownerOrgOutOfScope', 'ownerOrgId', { id });
}

export async function addTask(db: Kysely<DB>, ctx: RequestContext, entryId: number, body: z.infer<typeof TaskBody>) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const e = await lockedEntry(trx, ctx, entryId);
    await ownerOrg(trx, ctx, body.ownerOrgId);
    if (body.deadline < e.listed_on) throw badRequest('rectification.dateBeforeListing', 'deadline', { date: e.listed_on });
    const row = { entry_id: entryId, content: body.content, owner_name: body.ownerName, owner_post: body.ownerPost ?? null, owner_org_id: body.ownerOrgId, deadline: body.deadline, created_by_name: ctx.actor.displayName };
    const { id } = await repo.insertTask(trx, row);
    await appendAudit(trx, ctx, { action: 'rectification.task', entity: 'rect_task', entityId: id, scopePath: e.org_path, after: row });
    return detailOf(trx, ctx, entryId);
  });
}

/** Lock a task's entry for a write on the task; the entry must still be under rectification. */
async function lockedTask(trx: Transaction<DB>, ctx: RequestContext, id: number) {
  const t = await repo.findTask(trx, ctx.scope, id, true);
  if (!t) throw notFound();
  if (t.entry_state !== 'listed') throw conflict('rectification.entryFinished');
  return t;
}

export async function updateTask(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof TaskPatchBody>) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const t = await lockedTask(trx, ctx, id);
    if (body.ownerOrgId !== undefined) await ownerOrg(trx, ctx, body.ownerOrgId);
    if (body.deadline !== undefined && body.deadline < t.listed_on) throw badRequest('rectification.dateBeforeListing', 'deadline', { date: t.listed_on });
    const patch = { content: body.content, owner_name: body.ownerName, owner_post: body.ownerPost === undefined ? undefined : (body.ownerPost ?? null), owner_org_id: body.ownerOrgId, deadline: body.deadline };
    await repo.updateTask(trx, id, patch);
    await appendAudit(trx, ctx, { action: 'rectification.taskUpdate', entity: 'rect_task', entityId: id, scopePath: t.org_path, before: { content: t.content, owner_name: t.owner_name, owner_post: t.owner_post, owner_org_id: t.owner_org_id, deadline: t.deadline }, after: patch });
    return detailOf(trx, ctx, t.entry_id);
  });
}

function checkDay(on: string, listedOn: string, field: string) {
  const today = todayCN();
  if (on > today) throw badRequest('status.futureDate', field, { today });
  if (on < listedOn) throw badRequest('rectification.dateBeforeListing', field, { date: listedOn });
}

export async function addNote(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof NoteBody>) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const t = await lockedTask(trx, ctx, id);
    const on = body.on ?? todayCN();
    checkDay(on, t.listed_on, 'on');
    const row = { task_id: id, noted_on: on, text: body.text, by_name: ctx.actor.displayName };
    await repo.insertNote(trx, row);
    await appendAudit(trx, ctx, { action: 'rectification.note', entity: 'rect_task', entityId: id, scopePath: t.org_path, after: row });
    return detailOf(trx, ctx, t.entry_id);
  });
}

export async function setDone(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof DoneBody>) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const t = await lockedTask(trx, ctx, id);
    if (body.doneOn) checkDay(body.doneOn, t.listed_on, 'doneOn');
    await repo.updateTask(trx, id, { done_on: body.doneOn });
    await appendAudit(trx, ctx, { action: 'rectification.taskDone', entity: 'rect_task', entityId: id, scopePath: t.org_path, before: { done_on: t.done_on }, after: { done_on: body.doneOn } });
    return detailOf(trx, ctx, t.entry_id);
  });
}

/**
 * Acceptance review (整顿验收) by the level above. 通过 needs every task done and takes the
 * organization off the list (the only way off); 不通过 keeps it on the list with the comment.
 */
export async function accept(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof AcceptanceBody>) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const e = await lockedEntry(trx, ctx, id);
    assertAbove(ctx, e.org_path);
    const on = body.on ?? todayCN();
    checkDay(on, e.listed_on, 'on');
    if (body.result === 'pass') {
      if (Number(e.tasks_total) === 0) throw conflict('rectification.noTasks');
      const open = Number(e.tasks_total) - Number(e.tasks_done);
      if (open > 0) throw conflict('rectification.tasksOpen', { count: open });
    }
    const row = { entry_id: id, reviewed_on: on, result: body.result, comment: body.comment, reviewer_name: ctx.actor.displayName, reviewer_org_id: ctx.actor.orgId };
    await repo.insertAcceptance(trx, row);
    if (body.result === 'pass') await repo.updateEntry(trx, id, { state: 'closed', closed_on: on });
    await appendAudit(trx, ctx, { action: 'rectification.acceptance', entity: 'rect_entry', entityId: id, scopePath: e.org_path, before: { state: e.state }, after: { ...row, state: body.result === 'pass' ? 'closed' : e.state } });
    return detailOf(trx, ctx, id);
  });
}
