import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import { idBirthDate, idNumberProblem, maskIdNumber } from '../../lib/idcard.ts';
import type { FieldCipher } from '../../lib/secrets.ts';
import type { RequestContext } from '../../server/context.ts';
import { AppError, FieldErrors, badRequest, notFound } from '../../server/errors.ts';
import { DEV_CASE_STATUS, DEV_CLOSE_KIND, DEV_STAGE } from '../../shared/enums.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findMember } from '../members/members.repository.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import { admitMember, convertMember } from './admission.ts';
import { checkAge, checkExtension, checkStep, type IntroducerFact, type Violation } from './checks.ts';
import * as repo from './development.repository.ts';
import type { Board, BoardQuery, CaseDetail, CaseSummary, CloseCaseBody, CreateCaseBody, ExtendProbationBody, RecordStepBody } from './development.schemas.ts';
import { nextDue, nextStep, personStage, probationEnd, stepIndex, stepLabel, type DoneDates, type RuleParams } from './steps.ts';

type Summary = z.infer<typeof CaseSummary>;
type Detail = z.infer<typeof CaseDetail>;
type Row = repo.CaseRow;

/** A rule violation as a 422 that explains itself: the rule, a plain message, and its source. */
function ruleError(vs: Violation[]): AppError {
  const uniq = (xs: string[]) => [...new Set(xs)];
  return new AppError(
    422,
    'development.rule',
    { rule: uniq(vs.map((v) => v.rule)).join('、'), message: vs.map((v) => v.message).join('；'), messageEn: vs.map((v) => v.messageEn).join('; '), source: uniq(vs.map((v) => v.source)).join('；') },
    vs[0]!.field,
  );
}

function summarize(c: Row, done: DoneDates, rules: RuleParams, today: string): Summary {
  const due = c.status === 'open' ? nextDue(rules, c.last_step, done, c.probation_extension_months, c.applied_on) : null;
  return {
    id: c.id,
    name: c.name,
    gender: c.gender as Summary['gender'],
    orgId: c.org_id,
    orgName: c.org_name,
    trainingOrgId: c.training_org_id,
    trainingOrgName: c.training_org_name,
    status: c.status as Summary['status'],
    stage: personStage(c.last_step),
    lastStep: c.last_step as Summary['lastStep'],
    lastStepOn: c.last_step_on,
    appliedOn: c.applied_on,
    next: due ? { ...due, overdue: !!due.dueOn && due.dueOn < today } : null,
    probationEndOn: probationEnd(rules, done, c.probation_extension_months),
    memberId: c.member_id,
  };
}

const doneOf = (steps: { step: string; done_on: string }[]): DoneDates => Object.fromEntries(steps.map((s) => [s.step, s.done_on]));

/** The pipeline board of an organization's subtree: who is where, what is due, what is overdue. */
export async function board(db: Kysely<DB>, ctx: RequestContext, q: z.infer<typeof BoardQuery>): Promise<z.infer<typeof Board>> {
  let subtreePath: string | undefined;
  if (q.orgId) {
    const org = await findOrg(db, ctx.scope, q.orgId);
    if (!org) throw notFound();
    subtreePath = org.path;
  }
  const today = todayCN();
  const rules = await rulesInForce(db, today);
  const rows = await repo.listCases(db, ctx.scope, { subtreePath, status: q.status === 'all' ? undefined : q.status, q: q.q });
  const steps = await repo.stepDates(db, rows.map((r) => r.id));
  const byCase = new Map<number, { step: string; done_on: string }[]>();
  for (const s of steps) byCase.set(s.case_id, [...(byCase.get(s.case_id) ?? []), s]);
  const all = rows.map((r) => summarize(r, doneOf(byCase.get(r.id) ?? []), rules, today));
  const items = q.stage ? all.filter((i) => i.stage === q.stage) : all;
  return {
    today,
    stages: DEV_STAGE.values.map((stage) => ({ stage, count: all.filter((i) => i.stage === stage).length })),
    overdue: items.filter((i) => i.next?.overdue).length,
    items,
  };
}

async function load(db: Kysely<DB>, ctx: RequestContext, id: number) {
  const c = await repo.findCase(db, ctx.scope, id);
  if (!c) throw notFound();
  return c;
}

export async function detail(db: Kysely<DB>, ctx: RequestContext, id: number): Promise<Detail> {
  const c = await load(db, ctx, id);
  const steps = await repo.listSteps(db, id);
  const today = todayCN();
  const rules = await rulesInForce(db, today);
  return {
    ...summarize(c, doneOf(steps), rules, today),
    ethnicity: c.ethnicity,
    birthDate: c.birth_date,
    idNumberMasked: c.id_number_masked,
    education: c.education as Detail['education'],
    category: c.category as Detail['category'],
    household: c.household as Detail['household'],
    isLeagueMember: c.is_league_member,
    workUnit: c.work_unit,
    phone: c.phone,
    probationExtensionMonths: c.probation_extension_months,
    closedOn: c.closed_on,
    closeKind: c.close_kind as Detail['closeKind'],
    closeReason: c.close_reason,
    steps: steps.map((s) => ({
      id: s.id,
      step: s.step as Detail['steps'][number]['step'],
      doneOn: s.done_on,
      recordedByName: s.recorded_by_name,
      documents: (s.documents ?? []) as Detail['steps'][number]['documents'],
      votes: (s.votes ?? null) as Detail['steps'][number]['votes'],
      introducers: (s.introducers ?? null) as Detail['steps'][number]['introducers'],
      approver: s.approver,
      note: s.note,
      details: (s.details ?? null) as Detail['steps'][number]['details'],
    })),
  };
}

const recorder = (ctx: RequestContext) => ({ recorded_by: ctx.actor.userId, recorded_by_name: ctx.actor.displayName });
const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** Open a case with the application (step 1): a valid ID number, at least 18, not yet a member. */
export async function create(db: Kysely<DB>, cipher: FieldCipher, ctx: RequestContext, body: CreateCaseBody) {
  const idNumber = body.idNumber.toUpperCase();
  const problem = idNumberProblem(idNumber);
  if (problem) throw new FieldErrors([{ field: 'idNumber', key: `idNumber.${problem}` }]);
  if ((Number(idNumber[16]) % 2 === 1) !== (body.gender === 'male')) throw new FieldErrors([{ field: 'gender', key: 'member.genderMismatch' }]);
  if (body.appliedOn > todayCN()) throw badRequest('development.futureDate', 'appliedOn');
  const org = await findOrg(db, ctx.scope, body.orgId);
  if (!org) throw notFound();
  if (org.status !== 'active') throw new AppError(409, 'member.orgDissolved', {}, 'orgId');
  if (body.trainingOrgId && !(await findOrg(db, ctx.scope, body.trainingOrgId))) throw notFound();
  const birthDate = idBirthDate(idNumber);
  const rules = await rulesInForce(db, body.appliedOn);
  const age = checkAge(rules, birthDate, body.appliedOn);
  if (age.length) throw ruleError(age);
  const hash = cipher.lookupHash(idNumber);
  const holder = await db.selectFrom('members').select(['name']).where('id_number_hash', '=', hash).executeTakeFirst();
  if (holder) throw new AppError(409, 'development.alreadyMember', { name: holder.name }, 'idNumber');
  const open = await repo.findOpenCaseByHash(db, hash);
  if (open) throw new AppError(409, 'development.openCase', { id: open.id }, 'idNumber');
  const id = await db.transaction().execute(async (trx) => {
    const row = {
      org_id: org.id,
      training_org_id: body.trainingOrgId ?? null,
      name: body.name,
      gender: body.gender,
      ethnicity: body.ethnicity,
      birth_date: birthDate,
      id_number_cipher: cipher.encrypt(idNumber),
      id_number_hash: hash,
      id_number_masked: maskIdNumber(idNumber),
      education: body.education,
      category: body.category,
      household: body.household,
      is_league_member: body.isLeagueMember,
      work_unit: body.workUnit ?? null,
      phone: body.phone ?? null,
      applied_on: body.appliedOn,
      last_step: 'apply',
      last_step_on: body.appliedOn,
    };
    const { id } = await repo.insertCase(trx, row);
    await repo.insertStep(trx, { case_id: id, step: 'apply', done_on: body.appliedOn, ...recorder(ctx), documents: JSON.stringify(body.documents), votes: null, introducers: null, approver: null, note: null, details: null });
    const { id_number_cipher: _c, id_number_hash: _h, ...view } = row;
    await appendAudit(trx, ctx, { action: 'development.create', entity: 'development_case', entityId: id, scopePath: org.path, after: view });
    return id;
  });
  return detail(db, ctx, id);
}

function assertOpen(c: Row) {
  if (c.status !== 'open') {
    const s = DEV_CASE_STATUS.table[c.status as keyof typeof DEV_CASE_STATUS.table];
    throw new AppError(409, 'development.notOpen', { status: s.zh, statusEn: s.en });
  }
}

/** Introducers as the rules see them: found in the registry within the caller's scope, or not. */
async function introducerFacts(db: Kysely<DB>, ctx: RequestContext, ids: number[]): Promise<IntroducerFact[]> {
  return Promise.all(
    ids.map(async (id) => {
      const m = await findMember(db, ctx.scope, id);
      return m ? { id, name: m.name, status: m.status, leftOn: m.left_on, fullMemberOn: m.full_member_on } : { id, name: null, status: null, leftOn: null, fullMemberOn: null };
    }),
  );
}

function wrongStep(last: string, step: string) {
  const e = stepLabel(nextStep(last) ?? last);
  const s = stepLabel(step);
  return new AppError(409, 'development.wrongStep', { expected: e.zh, expectedEn: e.en, step: s.zh, stepEn: s.en }, 'step');
}

/**
 * Admission, conversion and cancellation change the register: only the admitting organization's
 * side may do them (not the training organization's), and only while the member is still in the
 * caller's scope (a member transferred away since is their new organization's business).
 */
async function assertRegisterSide(db: Kysely<DB>, ctx: RequestContext, c: { org_path: string; member_id: number | null }) {
  if (ctx.scope.kind === 'self' || (ctx.scope.kind === 'subtree' && !(c.org_path === ctx.scope.path || c.org_path.startsWith(`${ctx.scope.path}.`)))) throw new AppError(403, 'development.admittingSide');
  if (c.member_id !== null && !(await findMember(db, ctx.scope, c.member_id))) throw new AppError(409, 'development.memberElsewhere');
}

/** The case as locked must still be the one the checks were made on. */
function assertUnchanged(locked: { last_step: string; status: string; member_id: number | null; probation_extension_months: number | null }, c: { last_step: string; status: string; member_id: number | null; probation_extension_months: number | null }) {
  if (locked.last_step !== c.last_step || locked.status !== c.status || locked.member_id !== c.member_id || locked.probation_extension_months !== c.probation_extension_months) {
    throw new AppError(409, 'development.changed');
  }
}

/** Record the next step: only the step due now, dated in order, and only if the rules allow it. */
export async function recordStep(db: Kysely<DB>, ctx: RequestContext, id: number, body: RecordStepBody) {
  const c = await load(db, ctx, id);
  assertOpen(c);
  const expected = stepIndex(c.last_step) + 1;
  if (stepIndex(body.step) !== expected) {
    throw wrongStep(c.last_step, body.step);
  }
  if (body.doneOn > todayCN()) throw badRequest('development.futureDate', 'doneOn');
  const steps = await repo.listSteps(db, id);
  const done = doneOf(steps);
  if (body.doneOn < c.last_step_on) {
    const p = stepLabel(c.last_step);
    throw badRequest('development.dateOrder', 'doneOn', { previous: p.zh, previousEn: p.en, date: c.last_step_on });
  }
  if (body.step === 'approval' || body.step === 'full_approval') await assertRegisterSide(db, ctx, c);
  const rules = await rulesInForce(db, body.doneOn);
  const introducers = body.step === 'introducers' ? await introducerFacts(db, ctx, body.introducerIds ?? []) : undefined;
  const facts = { name: c.name, birthDate: c.birth_date, isLeagueMember: c.is_league_member, appliedOn: c.applied_on, done, extensionMonths: c.probation_extension_months };
  const violations = checkStep(rules, facts, { ...body, introducers });
  if (violations.length) throw ruleError(violations);
  await db.transaction().execute(async (trx) => {
    const locked = await repo.lockCase(trx, id);
    if (locked.last_step !== c.last_step || locked.status !== 'open') throw wrongStep(locked.last_step, body.step);
    const details = { trainingDays: body.trainingDays, trainingHours: body.trainingHours, leagueRecommended: body.leagueRecommended, special: body.special };
    const detailsSet = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== null && v !== undefined));
    const step = {
      case_id: id,
      step: body.step,
      done_on: body.doneOn,
      ...recorder(ctx),
      documents: JSON.stringify(body.documents),
      votes: json(body.votes),
      introducers: introducers ? JSON.stringify(introducers.map((x) => ({ id: x.id, name: x.name }))) : null,
      approver: body.approver ?? null,
      note: body.note ?? null,
      details: Object.keys(detailsSet).length ? JSON.stringify(detailsSet) : null,
    };
    await repo.insertStep(trx, step);
    const patch: Parameters<typeof repo.updateCase>[2] = { last_step: body.step, last_step_on: body.doneOn };
    if (body.step === 'approval') {
      const org = await trx.selectFrom('organizations').select('established_on').where('id', '=', c.org_id).executeTakeFirstOrThrow();
      patch.member_id = await admitMember(trx, ctx, c, done.branch_meeting!, org.established_on);
    }
    if (body.step === 'full_approval') await convertMember(trx, ctx, c, probationEnd(rules, done, c.probation_extension_months)!);
    if (body.step === 'archive') patch.status = 'completed';
    await repo.updateCase(trx, id, patch);
    await appendAudit(trx, ctx, { action: 'development.step', entity: 'development_case', entityId: id, scopePath: c.org_path, before: { last_step: c.last_step }, after: { ...step, member_id: patch.member_id } });
  });
  return detail(db, ctx, id);
}

/** Extend probation once, by a branch meeting decision, before full membership is approved. */
export async function extendProbation(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof ExtendProbationBody>) {
  const c = await load(db, ctx, id);
  assertOpen(c);
  if (stepIndex(c.last_step) < stepIndex('approval')) throw new AppError(409, 'development.notAdmitted');
  if (stepIndex(c.last_step) >= stepIndex('full_approval')) throw new AppError(409, 'development.extensionTooLate');
  if (body.decidedOn > todayCN()) throw badRequest('development.futureDate', 'decidedOn');
  const steps = await repo.listSteps(db, id);
  const admitted = steps.find((s) => s.step === 'approval')!;
  if (body.decidedOn < admitted.done_on) throw badRequest('development.dateOrder', 'decidedOn', { previous: stepLabel('approval').zh, previousEn: stepLabel('approval').en, date: admitted.done_on });
  const rules = await rulesInForce(db, body.decidedOn);
  const violations = checkExtension(rules, body.months, c.probation_extension_months !== null);
  if (violations.length) throw ruleError(violations);
  await db.transaction().execute(async (trx) => {
    assertUnchanged(await repo.lockCase(trx, id), c);
    const step = { case_id: id, step: 'probation_extension', done_on: body.decidedOn, ...recorder(ctx), documents: JSON.stringify(body.documents), votes: null, introducers: null, approver: null, note: body.reason, details: JSON.stringify({ months: body.months }) };
    await repo.insertStep(trx, step);
    await repo.updateCase(trx, id, { probation_extension_months: body.months });
    await appendAudit(trx, ctx, { action: 'development.extendProbation', entity: 'development_case', entityId: id, scopePath: c.org_path, before: { probation_extension_months: null }, after: step });
  });
  return detail(db, ctx, id);
}

/** Close a case: withdrawn or not admitted before admission; probation cancelled after it. */
export async function close(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof CloseCaseBody>) {
  const c = await load(db, ctx, id);
  assertOpen(c);
  const i = stepIndex(c.last_step);
  const admitted = i >= stepIndex('approval');
  const label = DEV_CLOSE_KIND.table[body.kind];
  if (i >= stepIndex('full_approval') || admitted !== (body.kind === 'probation_cancelled')) throw new AppError(409, 'development.closeKind', { kind: label.zh, kindEn: label.en }, 'kind');
  if (body.closedOn > todayCN()) throw badRequest('development.futureDate', 'closedOn');
  if (body.closedOn < c.last_step_on) throw badRequest('development.dateOrder', 'closedOn', { previous: stepLabel(c.last_step).zh, previousEn: stepLabel(c.last_step).en, date: c.last_step_on });
  if (admitted) await assertRegisterSide(db, ctx, c);
  await db.transaction().execute(async (trx) => {
    assertUnchanged(await repo.lockCase(trx, id), c);
    const patch = { status: 'closed', closed_on: body.closedOn, close_kind: body.kind, close_reason: body.reason };
    await repo.updateCase(trx, id, patch);
    if (admitted && c.member_id) {
      if (!(await repo.endMembership(trx, c.member_id, body.closedOn))) throw new AppError(409, 'member.left');
      await appendAudit(trx, ctx, { action: 'member.leave', entity: 'member', entityId: c.member_id, scopePath: c.org_path, after: { left_on: body.closedOn, left_reason: 'probation_cancelled', reason: body.reason, developmentCaseId: id } });
    }
    await appendAudit(trx, ctx, { action: 'development.close', entity: 'development_case', entityId: id, scopePath: c.org_path, before: { status: c.status }, after: patch });
  });
  return detail(db, ctx, id);
}
