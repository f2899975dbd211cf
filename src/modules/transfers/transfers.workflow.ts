// The state changes of a transfer after it exists: submit, approve, reject, cancel, confirm,
// re-issue. Each locks the transfer row first (select … for update), so two decisions at once are
// taken one after the other and the second sees the first's result (409).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import { idBirthDate, maskIdNumber } from '../../lib/idcard.ts';
import type { FieldCipher } from '../../lib/secrets.ts';
import type { RequestContext } from '../../server/context.ts';
import { AppError, FieldErrors, badRequest, forbidden, notFound } from '../../server/errors.ts';
import { TRANSFER_ACTION, TRANSFER_STATE } from '../../shared/enums.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { duesPaidUntil } from '../dues/dues.repository.ts';
import { moveMembers } from '../organizations/history.repository.ts';
import { insertMember, openPeriod, updateMember } from '../members/members.repository.ts';
import { memberProblems } from '../members/validation.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import * as repo from './transfers.repository.ts';
import { canApproveStep, sides, stateOf } from './transfers.present.ts';
import { allowed, issuerOf, issuerTitle, letterNumber, validUntil, validityMonths, type Action, type ScopeCase, type ShownState } from './transfers.rules.ts';
import type { ConfirmBody } from './transfers.schemas.ts';

type Row = repo.TransferRow;

export function illegal(action: Action, state: ShownState) {
  return new AppError(409, 'transfer.illegal', {
    state: TRANSFER_STATE.table[state].zh,
    stateEn: TRANSFER_STATE.table[state].en,
    action: TRANSFER_ACTION.table[action].zh,
    actionEn: TRANSFER_ACTION.table[action].en,
  });
}

/** The letter validity rule in force on a date. */
export async function validityRule(db: Kysely<DB> | Transaction<DB>, on: string) {
  const rule = (await rulesInForce(db, on)).get('transfer.letter_validity');
  if (!rule) throw new Error('rule transfer.letter_validity missing');
  return rule.params as { months: number; crossProvinceMonths: number };
}

/** Issue (or re-issue) the letter: next number of the issuer this year, validity by the rule. */
export async function issueLetter(trx: Transaction<DB>, t: { id: number; scope_case: string; member_id: number | null; from_org_id: number | null; from_org_name: string; to_org_name: string; to_org_address: string | null; dues_paid_until: string | null }, today: string) {
  const c = t.scope_case as ScopeCase;
  const chain = await repo.orgChain(trx, t.from_org_id!);
  const issuer = issuerOf(chain, c);
  const year = Number(today.slice(0, 4));
  const seq = await repo.nextLetterSeq(trx, issuer.id, year);
  const months = validityMonths(await validityRule(trx, today), c);
  const m = await trx.selectFrom('members').select(['name', 'gender', 'birth_date', 'ethnicity', 'status', 'id_number_masked']).where('id', '=', t.member_id!).executeTakeFirstOrThrow();
  const dues = t.dues_paid_until ?? (await duesPaidUntil(trx, t.member_id!));
  const content = { name: m.name, gender: m.gender, birthDate: m.birth_date, ethnicity: m.ethnicity, status: m.status, idNumberMasked: m.id_number_masked, fromOrgName: t.from_org_name, toOrgName: t.to_org_name, toOrgAddress: t.to_org_address, duesPaidUntil: dues };
  await repo.supersedeLetters(trx, t.id, today);
  const number = letterNumber(issuer, year, seq);
  await repo.insertLetter(trx, { transfer_id: t.id, issuer_org_id: issuer.id, issuer_name: issuerTitle(issuer), year, seq, number, issued_on: today, valid_until: validUntil(today, months), content: JSON.stringify(content) });
  await trx
    .updateTable('transfers')
    .set((eb) => ({ state: 'issued', dues_paid_until: dues, first_issued_on: eb.fn.coalesce('first_issued_on', eb.val(today)), updated_at: new Date() }))
    .where('id', '=', t.id)
    .execute();
  return number;
}

/** Submit: with an approval chain the transfer waits for it; within a county the letter is issued at once. */
export async function submitIn(trx: Transaction<DB>, t: Parameters<typeof issueLetter>[1], today: string) {
  const steps = await repo.listSteps(trx, t.id);
  if (steps.length > 0) {
    await repo.updateTransfer(trx, t.id, { state: 'pending' });
    return null;
  }
  return issueLetter(trx, t, today);
}

interface Loaded {
  row: Row;
  state: ShownState;
  stepOrgPath: string | null;
  waitingSeq: number | null;
}

async function load(db: Kysely<DB> | Transaction<DB>, ctx: RequestContext, id: number, today: string): Promise<Loaded> {
  const row = await repo.findTransfer(db, ctx.scope, id);
  if (!row) throw notFound();
  let stepOrgPath: string | null = null;
  let waitingSeq: number | null = null;
  if (row.state === 'pending') {
    const step = (await repo.listSteps(db, id)).find((s) => s.decision === null);
    if (step) {
      waitingSeq = step.seq;
      const org = await db.selectFrom('organizations').select('path').where('id', '=', step.org_id).executeTakeFirst();
      stepOrgPath = org?.path ?? null;
    }
  }
  return { row, state: stateOf(row, today), stepOrgPath, waitingSeq };
}

const auditPath = (r: Row) => r.from_path ?? r.to_path;

/**
 * Run one action: lock the row, re-read it inside the transaction (a concurrent change shows
 * here), check the state and who may act, then apply.
 */
async function act(db: Kysely<DB>, ctx: RequestContext, id: number, action: Action, apply: (trx: Transaction<DB>, x: Loaded, today: string) => Promise<unknown>) {
  const today = todayCN();
  await load(db, ctx, id, today); // 404 outside the scope before anything is locked
  return db.transaction().execute(async (trx) => {
    const locked = await repo.lockTransfer(trx, id);
    if (!locked) throw notFound();
    const x = await load(trx, ctx, id, today);
    if (action === 'confirm' && x.row.state === 'confirmed') throw new AppError(409, 'transfer.alreadyConfirmed', { date: x.row.confirmed_on ?? '', by: x.row.confirmed_by_name ?? '' });
    if (action === 'confirm' && x.state === 'expired') throw new AppError(409, 'transfer.letterExpired', { date: x.row.letter_valid_until ?? '' });
    if (action === 'reissue' && x.state === 'issued') throw new AppError(409, 'transfer.notExpired', { date: x.row.letter_valid_until ?? '' });
    if (!allowed(action, x.state)) throw illegal(action, x.state);
    await apply(trx, x, today);
    await appendAudit(trx, ctx, { action: `transfer.${action}`, entity: 'transfer', entityId: id, scopePath: action === 'confirm' && x.row.to_path ? x.row.to_path : auditPath(x.row), before: { state: x.state }, after: { state: (await repo.findTransfer(trx, { kind: 'all' }, id))!.state } });
  });
}

export async function submit(db: Kysely<DB>, ctx: RequestContext, id: number) {
  await act(db, ctx, id, 'submit', async (trx, x, today) => {
    if (!sides(ctx, x.row).sending) throw forbidden('transfer.sendingSide');
    await submitIn(trx, x.row, today);
  });
}

export async function approve(db: Kysely<DB>, ctx: RequestContext, id: number, note: string | undefined) {
  await act(db, ctx, id, 'approve', async (trx, x, today) => {
    if (!canApproveStep(ctx, x.stepOrgPath)) {
      const step = (await repo.listSteps(trx, id)).find((s) => s.seq === x.waitingSeq);
      throw new AppError(403, 'transfer.stepOrg', { org: step?.org_name ?? '' });
    }
    await repo.decideStep(trx, id, x.waitingSeq!, { decision: 'approved', on: today, by: ctx.actor.displayName, note: note ?? null });
    const left = (await repo.listSteps(trx, id)).filter((s) => s.decision === null);
    if (left.length === 0) await issueLetter(trx, x.row, today);
  });
}

export async function reject(db: Kysely<DB>, ctx: RequestContext, id: number, note: string) {
  await act(db, ctx, id, 'reject', async (trx, x, today) => {
    const { sending, receiving } = sides(ctx, x.row);
    if (x.state === 'requested' && !sending) throw forbidden('transfer.sendingSide');
    if (x.state === 'pending') {
      if (!canApproveStep(ctx, x.stepOrgPath)) throw forbidden('transfer.stepOrg');
      await repo.decideStep(trx, id, x.waitingSeq!, { decision: 'rejected', on: today, by: ctx.actor.displayName, note });
    }
    if ((x.state === 'issued' || x.state === 'expired') && !(x.row.kind === 'outgoing' ? sending : receiving)) throw forbidden(x.row.kind === 'outgoing' ? 'transfer.sendingSide' : 'transfer.receivingSide');
    await repo.updateTransfer(trx, id, { state: 'rejected', closed_note: note });
  });
}

export async function cancel(db: Kysely<DB>, ctx: RequestContext, id: number, note: string | undefined) {
  await act(db, ctx, id, 'cancel', async (trx, x) => {
    const { sending, receiving } = sides(ctx, x.row);
    const own = ctx.scope.kind === 'self' && ctx.scope.memberId === x.row.member_id && x.state === 'requested';
    if (x.row.kind === 'incoming' ? !receiving : !(sending || own)) throw forbidden(x.row.kind === 'incoming' ? 'transfer.receivingSide' : 'transfer.sendingSide');
    await repo.updateTransfer(trx, id, { state: 'cancelled', closed_note: note ?? null });
  });
}

export async function reissue(db: Kysely<DB>, ctx: RequestContext, id: number) {
  await act(db, ctx, id, 'reissue', async (trx, x, today) => {
    if (x.row.kind === 'incoming' || !sides(ctx, x.row).sending) throw forbidden('transfer.sendingSide');
    await issueLetter(trx, x.row, today);
  });
}

/**
 * Confirm: within the system the member moves to the receiving organization as of today (periods
 * closed and opened, as history.moveMembers does); out of the system their membership ends; into
 * the system the member is registered (or re-instated, if they once left) with the data given.
 */
export async function confirm(db: Kysely<DB>, cipher: FieldCipher, ctx: RequestContext, id: number, body: ConfirmBody) {
  await act(db, ctx, id, 'confirm', async (trx, x, today) => {
    const r = x.row;
    const { sending, receiving } = sides(ctx, r);
    if (r.kind === 'outgoing' ? !sending : !receiving) throw forbidden(r.kind === 'outgoing' ? 'transfer.sendingSide' : 'transfer.receivingSide');
    let memberId = r.member_id;
    if (r.kind === 'internal') {
      const m = await trx.selectFrom('members').select(['org_id', 'left_on']).where('id', '=', memberId!).executeTakeFirstOrThrow();
      if (m.left_on) throw new AppError(409, 'member.left');
      await moveMembers(trx, [m.org_id], r.to_org_id!, today, [memberId!]);
    } else if (r.kind === 'outgoing') {
      await repo.endMembership(trx, memberId!, today);
    } else {
      memberId = await registerIncoming(trx, cipher, r.to_org_id!, body, today);
    }
    await repo.updateTransfer(trx, id, { state: 'confirmed', member_id: memberId, confirmed_on: today, confirmed_by_name: ctx.actor.displayName });
  });
}

async function registerIncoming(trx: Transaction<DB>, cipher: FieldCipher, orgId: number, body: ConfirmBody, today: string): Promise<number> {
  const b = body.member;
  if (!b) throw badRequest('validation', 'member');
  const idNumber = b.idNumber.toUpperCase();
  const problems = memberProblems({ ...b, idNumber }, today).map((p) => ({ ...p, field: `member.${p.field}` }));
  if (problems.length) throw new FieldErrors(problems);
  const row = {
    org_id: orgId,
    name: b.name,
    gender: b.gender,
    ethnicity: b.ethnicity,
    birth_date: idBirthDate(idNumber),
    id_number_cipher: cipher.encrypt(idNumber),
    id_number_hash: cipher.lookupHash(idNumber),
    id_number_masked: maskIdNumber(idNumber),
    education: b.education,
    category: b.category,
    work_unit: b.workUnit ?? null,
    post: b.post ?? null,
    joined_on: b.joinedOn,
    full_member_on: b.fullMemberOn ?? null,
    status: b.fullMemberOn ? 'full' : 'probationary',
    phone: b.phone ?? null,
    household: b.household,
    household_register: b.householdRegister ?? null,
    address: b.address ?? null,
    is_mobile: false,
    unit_id: null,
  };
  const holder = await repo.memberByIdHash(trx, row.id_number_hash);
  // Only someone who transferred out of the system comes back on their old record; anyone else
  // holding the number (on the roll, dead, expelled…) is refused, without naming them: the holder
  // may be outside the caller's scope.
  if (holder && !(holder.left_on && holder.left_reason === 'transferred_out')) throw new AppError(409, 'transfer.incomingRegistered', {}, 'member.idNumber');
  let memberId: number;
  if (holder) {
    // Once transferred out of the system, now back: the same record, on the roll again.
    await updateMember(trx, holder.id, { ...row, left_on: null, left_reason: null });
    memberId = holder.id;
  } else {
    memberId = (await insertMember(trx, row)).id;
  }
  await openPeriod(trx, memberId, orgId, today);
  return memberId;
}
