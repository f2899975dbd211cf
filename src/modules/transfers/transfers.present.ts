// API shapes of a transfer, and which actions the caller may take on it now.
import type { z } from 'zod';
import { pathInScope } from '../../db/scope.ts';
import { can, type RequestContext } from '../../server/context.ts';
import type { TransferRow, listLetters, listSteps } from './transfers.repository.ts';
import { allowed, shownState, type Action, type ShownState } from './transfers.rules.ts';
import type { LetterContent, TransferDetail, TransferSummary } from './transfers.schemas.ts';

type Summary = z.infer<typeof TransferSummary>;
type Detail = z.infer<typeof TransferDetail>;
type Steps = Awaited<ReturnType<typeof listSteps>>;
type Letters = Awaited<ReturnType<typeof listLetters>>;

const iso = (d: Date | string) => new Date(d).toISOString();

export function stateOf(r: Pick<TransferRow, 'state' | 'letter_valid_until'>, today: string): ShownState {
  return shownState(r.state, r.letter_valid_until, today);
}

export function presentSummary(r: TransferRow, today: string): Summary {
  return {
    id: r.id,
    kind: r.kind as Summary['kind'],
    scopeCase: r.scope_case as Summary['scopeCase'],
    state: stateOf(r, today),
    memberId: r.member_id,
    memberName: r.member_name,
    fromOrgId: r.from_org_id,
    fromOrgName: r.from_org_name,
    toOrgId: r.to_org_id,
    toOrgName: r.to_org_name,
    toOrgAddress: r.to_org_address,
    reason: r.reason,
    duesPaidUntil: r.dues_paid_until,
    batchId: r.batch_id,
    letterNumber: r.letter_number,
    issuedOn: r.letter_issued_on,
    validUntil: r.letter_valid_until,
    confirmedOn: r.confirmed_on,
    confirmedByName: r.confirmed_by_name,
    closedNote: r.closed_note,
    createdByName: r.created_by_name,
    createdAt: iso(r.created_at),
    waitingFor: r.waiting_for ?? null,
  };
}

/** Which side of a transfer the caller acts for (a user above both ends acts for both). */
export function sides(ctx: RequestContext, r: Pick<TransferRow, 'from_path' | 'to_path'>) {
  const staff = ctx.scope.kind !== 'self' && can(ctx.actor.role, 'member.write');
  return {
    sending: staff && !!r.from_path && pathInScope(ctx.scope, r.from_path),
    receiving: staff && !!r.to_path && pathInScope(ctx.scope, r.to_path),
  };
}

/** May the caller decide the approval step waiting now (its organization department or above)? */
export function canApproveStep(ctx: RequestContext, stepOrgPath: string | null): boolean {
  return ctx.scope.kind !== 'self' && can(ctx.actor.role, 'org.write') && !!stepOrgPath && pathInScope(ctx.scope, stepOrgPath);
}

/**
 * Who does what: the sending side submits, cancels and re-issues (and confirms the departure of
 * a transfer out of the system); the approver decides its step; the receiving side confirms or
 * rejects a letter; a member may cancel their own request.
 */
export function actionsFor(ctx: RequestContext, r: TransferRow, today: string, stepOrgPath: string | null): Action[] {
  const state = stateOf(r, today);
  const { sending, receiving } = sides(ctx, r);
  const own = ctx.scope.kind === 'self' && ctx.scope.memberId === r.member_id;
  const out: Action[] = [];
  const may = (a: Action, who: boolean) => {
    if (who && allowed(a, state)) out.push(a);
  };
  const incoming = r.kind === 'incoming';
  const outgoing = r.kind === 'outgoing';
  may('submit', sending);
  may('approve', canApproveStep(ctx, stepOrgPath));
  if (state === 'requested') may('reject', sending);
  else if (state === 'pending') may('reject', canApproveStep(ctx, stepOrgPath));
  else may('reject', outgoing ? sending : receiving);
  may('cancel', incoming ? receiving : sending || (own && state === 'requested'));
  may('confirm', outgoing ? sending : receiving);
  may('reissue', !incoming && sending);
  return out;
}

export function presentDetail(ctx: RequestContext, r: TransferRow, steps: Steps, letters: Letters, today: string, stepOrgPath: string | null): Detail {
  return {
    ...presentSummary(r, today),
    steps: steps.map((s) => ({
      seq: s.seq,
      role: s.role as 'county' | 'province',
      orgId: s.org_id,
      orgName: s.org_name,
      decision: s.decision as 'approved' | 'rejected' | null,
      decidedOn: s.decided_on,
      decidedByName: s.decided_by_name,
      note: s.note,
    })),
    letters: letters.map((l) => ({
      id: l.id,
      number: l.number,
      issuerName: l.issuer_name,
      issuedOn: l.issued_on,
      validUntil: l.valid_until,
      supersededOn: l.superseded_on,
      content: l.content as z.infer<typeof LetterContent>,
    })),
    actions: actionsFor(ctx, r, today, stepOrgPath),
  };
}
