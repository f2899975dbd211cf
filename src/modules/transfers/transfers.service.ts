// 组织关系转接: reads, and starting a transfer (one member, a batch, a member's own request, an
// incoming letter from outside). The state changes after that are in transfers.workflow.ts.
import { randomUUID } from 'node:crypto';
import dayjs from 'dayjs';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import { can, type RequestContext } from '../../server/context.ts';
import { AppError, FieldErrors, badRequest, forbidden, isUniqueViolation, notFound } from '../../server/errors.ts';
import type { MessageKey } from '../../server/messages.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { duesPaidUntil } from '../dues/dues.repository.ts';
import { findMember } from '../members/members.repository.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import * as repo from './transfers.repository.ts';
import { letterPdf, type LetterData } from './transfers.letter.ts';
import { presentDetail, presentSummary } from './transfers.present.ts';
import { approvalSteps, scopeCaseOf, validUntil, validityMonths, type ScopeCase } from './transfers.rules.ts';
import type { BatchTransferBody, CreateTransferBody, IncomingTransferBody, TransferListQuery } from './transfers.schemas.ts';
import { submitIn, validityRule } from './transfers.workflow.ts';

export async function list(db: Kysely<DB>, ctx: RequestContext, q: TransferListQuery) {
  let subtreePath: string | undefined;
  if (q.orgId) {
    const org = await findOrg(db, ctx.scope, q.orgId);
    if (!org) throw notFound();
    subtreePath = org.path;
  }
  const today = todayCN();
  const r = await repo.listTransfers(db, ctx.scope, { subtreePath, side: q.side, state: q.state, kind: q.kind, q: q.q, today }, { offset: q.offset, limit: q.limit });
  return { items: r.items.map((x) => presentSummary(x, today)), total: r.total };
}

export async function detail(db: Kysely<DB> | Transaction<DB>, ctx: RequestContext, id: number) {
  const today = todayCN();
  const row = await repo.findTransfer(db, ctx.scope, id);
  if (!row) throw notFound();
  const [steps, letters] = await Promise.all([repo.listSteps(db, id), repo.listLetters(db, id)]);
  const waiting = row.state === 'pending' ? steps.find((s) => s.decision === null) : undefined;
  const stepOrg = waiting ? await db.selectFrom('organizations').select('path').where('id', '=', waiting.org_id).executeTakeFirst() : undefined;
  return presentDetail(ctx, row, steps, letters, today, stepOrg?.path ?? null);
}

export async function receivingOrgs(db: Kysely<DB>, q: { name: string; limit: number }) {
  const rows = await repo.searchReceivingOrgs(db, q.name, q.limit);
  return { items: rows.map((r) => ({ id: r.id, code: r.code, name: r.name, level: r.level, parentName: r.parent_name })) };
}

interface Destination {
  toOrgCode?: string | undefined;
  toOrgName?: string | undefined;
  toOrgAddress?: string | undefined;
  crossProvince?: boolean | undefined;
}
interface Resolved {
  kind: 'internal' | 'outgoing';
  toOrg: { id: number; name: string } | null;
  toOrgName: string;
  toOrgAddress: string | null;
  toChain: Awaited<ReturnType<typeof repo.orgChain>>;
  crossProvince: boolean;
}

async function resolveDestination(db: Kysely<DB>, d: Destination): Promise<Resolved> {
  if (d.toOrgCode) {
    const org = await repo.findActiveOrgByCode(db, d.toOrgCode);
    if (!org) throw badRequest('transfer.toOrgUnknown', 'toOrgCode');
    return { kind: 'internal', toOrg: org, toOrgName: org.name, toOrgAddress: d.toOrgAddress ?? null, toChain: await repo.orgChain(db, org.id), crossProvince: false };
  }
  return { kind: 'outgoing', toOrg: null, toOrgName: d.toOrgName!, toOrgAddress: d.toOrgAddress ?? null, toChain: [], crossProvince: d.crossProvince === true };
}

type Problem = { field: string; key: MessageKey; params?: Record<string, string | number> };

/** A member the caller may transfer: in scope, on the roll, no open transfer, not already there. */
async function memberProblem(db: Kysely<DB>, ctx: RequestContext, memberId: number, dest: Resolved, field: string): Promise<{ problem: Problem | null; member: Awaited<ReturnType<typeof findMember>> }> {
  const m = await findMember(db, ctx.scope, memberId);
  if (!m || m.left_on) return { problem: { field, key: 'transfer.memberOutOfScope', params: { id: memberId } }, member: m };
  if (dest.toOrg && dest.toOrg.id === m.org_id) return { problem: { field: 'toOrgCode', key: 'transfer.sameOrg' }, member: m };
  const open = await repo.openTransfersOf(db, [memberId]);
  if (open.length) return { problem: { field, key: 'transfer.alreadyOpen', params: { name: m.name, id: open[0]!.id } }, member: m };
  return { problem: null, member: m };
}

/** Insert one transfer (and its approval chain) for a member; optionally submit it. */
async function start(trx: Transaction<DB>, ctx: RequestContext, m: NonNullable<Awaited<ReturnType<typeof findMember>>>, dest: Resolved, o: { reason: string | null; dues: string | null; state: 'draft' | 'requested'; batchId: string | null; submit: boolean; today: string }) {
  const fromChain = await repo.orgChain(trx, m.org_id);
  const c: ScopeCase = dest.kind === 'internal' ? scopeCaseOf(fromChain, dest.toChain) : dest.crossProvince ? 'cross_province' : 'cross_county';
  const row = {
    kind: dest.kind,
    scope_case: c,
    state: o.state,
    member_id: m.id,
    member_name: m.name,
    from_org_id: m.org_id,
    from_org_name: m.org_name,
    to_org_id: dest.toOrg?.id ?? null,
    to_org_name: dest.toOrgName,
    to_org_address: dest.toOrgAddress,
    reason: o.reason,
    dues_paid_until: o.dues,
    batch_id: o.batchId,
    created_by_name: ctx.actor.displayName,
  };
  const { id } = await repo.insertTransfer(trx, row);
  await repo.insertSteps(trx, id, approvalSteps(fromChain, c));
  await appendAudit(trx, ctx, { action: o.state === 'requested' ? 'transfer.request' : 'transfer.create', entity: 'transfer', entityId: id, scopePath: m.org_path, after: row });
  if (o.submit) {
    await submitIn(trx, { id, ...row }, o.today);
    await appendAudit(trx, ctx, { action: 'transfer.submit', entity: 'transfer', entityId: id, scopePath: m.org_path, after: { state: 'submitted' } });
  }
  return id;
}

/** The one-open-transfer index caught a concurrent start for the same member. */
function openConflict(err: unknown, name: string): never {
  if (isUniqueViolation(err, 'transfers_one_open')) throw new AppError(409, 'transfer.alreadyOpen', { name, id: '' });
  throw err;
}

function staffOnly(ctx: RequestContext) {
  if (ctx.scope.kind === 'self' || !can(ctx.actor.role, 'member.write')) throw forbidden();
}

export async function create(db: Kysely<DB>, ctx: RequestContext, body: CreateTransferBody) {
  staffOnly(ctx);
  if (!(await findMember(db, ctx.scope, body.memberId))) throw notFound();
  const dest = await resolveDestination(db, body);
  const { problem, member } = await memberProblem(db, ctx, body.memberId, dest, 'memberId');
  if (!member) throw notFound();
  if (problem) throw problem.key === 'transfer.alreadyOpen' ? new AppError(409, problem.key, problem.params, problem.field) : new FieldErrors([problem]);
  const dues = body.duesPaidUntil !== undefined ? body.duesPaidUntil : await duesPaidUntil(db, member.id);
  const today = todayCN();
  const id = await db
    .transaction()
    .execute((trx) => start(trx, ctx, member, dest, { reason: body.reason ?? null, dues, state: 'draft', batchId: null, submit: body.submit, today }))
    .catch((e: unknown) => openConflict(e, member.name));
  return detail(db, ctx, id);
}

/** A member's own request: the sending organization sees it and processes (submits or rejects) it. */
export async function request(db: Kysely<DB>, ctx: RequestContext, memberId: number, body: Destination & { reason: string }) {
  if (!(await findMember(db, ctx.scope, memberId))) throw notFound();
  if (ctx.scope.kind !== 'self' || ctx.scope.memberId !== memberId) throw forbidden('transfer.selfOnly');
  const dest = await resolveDestination(db, body);
  const { problem, member } = await memberProblem(db, ctx, ctx.scope.memberId, dest, 'memberId');
  if (!member) throw notFound();
  if (problem) throw problem.key === 'transfer.alreadyOpen' ? new AppError(409, problem.key, problem.params) : new FieldErrors([problem]);
  const dues = await duesPaidUntil(db, member.id);
  const id = await db
    .transaction()
    .execute((trx) => start(trx, ctx, member, dest, { reason: body.reason, dues, state: 'requested', batchId: null, submit: false, today: todayCN() }))
    .catch((e: unknown) => openConflict(e, member.name));
  return detail(db, ctx, id);
}

/**
 * A batch (a class of graduates, a dissolved branch): every member is checked first and any
 * problem refuses the whole batch (400 naming each member); then all transfers are created in one
 * transaction, each with its own letter.
 */
export async function batch(db: Kysely<DB>, ctx: RequestContext, body: BatchTransferBody) {
  staffOnly(ctx);
  const dest = await resolveDestination(db, body);
  const problems: Problem[] = [];
  const members: NonNullable<Awaited<ReturnType<typeof findMember>>>[] = [];
  const seen = new Set<number>();
  for (const [i, memberId] of body.memberIds.entries()) {
    const field = `memberIds.${i}`;
    if (seen.has(memberId)) {
      problems.push({ field, key: 'transfer.batchDuplicate', params: { id: memberId } });
      continue;
    }
    seen.add(memberId);
    const { problem, member } = await memberProblem(db, ctx, memberId, dest, field);
    if (problem) problems.push({ ...problem, field });
    else members.push(member!);
  }
  if (problems.length) throw new FieldErrors(problems);
  const batchId = randomUUID();
  const today = todayCN();
  const dues = new Map<number, string | null>();
  for (const m of members) dues.set(m.id, await duesPaidUntil(db, m.id));
  const ids = await db
    .transaction()
    .execute(async (trx) => {
      const out: number[] = [];
      for (const m of members) out.push(await start(trx, ctx, m, dest, { reason: body.reason ?? null, dues: dues.get(m.id) ?? null, state: 'draft', batchId, submit: body.submit, today }));
      return out;
    })
    .catch((e: unknown) => openConflict(e, ''));
  const items = [];
  for (const id of ids) items.push(presentSummary((await repo.findTransfer(db, ctx.scope, id))!, today));
  return { batchId, items };
}

/**
 * An incoming letter from outside the system: registered by the receiving organization with the
 * outside number; the member joins the registry when it is confirmed (with full registry data).
 */
export async function createIncoming(db: Kysely<DB>, ctx: RequestContext, body: IncomingTransferBody) {
  staffOnly(ctx);
  const org = await findOrg(db, ctx.scope, body.toOrgId);
  if (!org) throw notFound();
  if (org.status !== 'active') throw badRequest('transfer.toOrgUnknown', 'toOrgId');
  const today = todayCN();
  if (body.issuedOn > today) throw badRequest('transfer.futureDate', 'issuedOn');
  const c: ScopeCase = body.crossProvince ? 'cross_province' : 'cross_county';
  const until = body.validUntil ?? validUntil(body.issuedOn, validityMonths(await validityRule(db, body.issuedOn), c));
  if (until < body.issuedOn) throw badRequest('transfer.validUntilBeforeIssued', 'validUntil');
  const id = await db.transaction().execute(async (trx) => {
    const row = {
      kind: 'incoming',
      scope_case: c,
      state: 'issued',
      member_id: null,
      member_name: body.memberName,
      from_org_id: null,
      from_org_name: body.fromOrgName,
      to_org_id: org.id,
      to_org_name: org.name,
      to_org_address: null,
      reason: body.reason ?? null,
      dues_paid_until: body.duesPaidUntil ?? null,
      batch_id: null,
      first_issued_on: body.issuedOn,
      created_by_name: ctx.actor.displayName,
    };
    const { id } = await repo.insertTransfer(trx, row);
    const content = { name: body.memberName, gender: null, birthDate: null, ethnicity: null, status: null, idNumberMasked: null, fromOrgName: body.fromOrgName, toOrgName: org.name, toOrgAddress: null, duesPaidUntil: body.duesPaidUntil ?? null };
    await repo.insertLetter(trx, { transfer_id: id, issuer_org_id: null, issuer_name: body.fromOrgName, year: null, seq: null, number: body.letterNumber, issued_on: body.issuedOn, valid_until: until, content: JSON.stringify(content) });
    await appendAudit(trx, ctx, { action: 'transfer.incoming', entity: 'transfer', entityId: id, scopePath: org.path, after: { ...row, letterNumber: body.letterNumber, validUntil: until } });
    return id;
  });
  return detail(db, ctx, id);
}

/** The current letter as a PDF (letters this system issued; an outside letter is on paper). */
export async function letterFile(db: Kysely<DB>, ctx: RequestContext, id: number) {
  const row = await repo.findTransfer(db, ctx.scope, id);
  if (!row) throw notFound();
  const letter = (await repo.listLetters(db, id)).find((l) => l.superseded_on === null && l.issuer_org_id !== null);
  if (!letter) throw new AppError(409, 'transfer.noLetter');
  const c = letter.content as Omit<LetterData, 'number' | 'issuerName' | 'issuedOn' | 'validUntil' | 'validityMonths'>;
  const months = dayjs(letter.valid_until).diff(dayjs(letter.issued_on), 'month');
  const pdf = await letterPdf({ ...c, number: letter.number, issuerName: letter.issuer_name, issuedOn: letter.issued_on, validUntil: letter.valid_until, validityMonths: months });
  return { pdf, fileName: `组织关系介绍信-${c.name}-${letter.number}.pdf`, asciiName: `transfer-letter-${id}.pdf` };
}
