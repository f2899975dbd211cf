import { addMonths } from '../../lib/dates.ts';
import { DEV_STEP } from '../../shared/enums.ts';

// The 25 steps in order and what follows from the dates already recorded: the person's stage,
// the step due next, its deadline or earliest date, and the end of the probation year.

export type StepCode = (typeof DEV_STEP.values)[number];
export type StageCode = 'applicant' | 'activist' | 'target' | 'probationary' | 'full';
export const STEPS = DEV_STEP.values;

export const stepIndex = (s: string) => STEPS.indexOf(s as StepCode);
export const stepLabel = (s: string) => DEV_STEP.table[s as StepCode] ?? { zh: s, en: s };

/** The step after `last`, or null when the last step (archive) is done. */
export function nextStep(last: string): StepCode | null {
  return STEPS[stepIndex(last) + 1] ?? null;
}

/** Where the person stands after `last`: applicant until confirmed as activist, and so on. */
export function personStage(last: string): StageCode {
  const i = stepIndex(last);
  if (i < stepIndex('activist')) return 'applicant';
  if (i < stepIndex('target')) return 'activist';
  if (i < stepIndex('approval')) return 'target';
  if (i < stepIndex('full_approval')) return 'probationary';
  return 'full';
}

/** The numeric parameters of the rules in force, by code (see rules.repository rulesInForce). */
export type RuleParams = Map<string, { params: unknown; source: string }>;

export function param(rules: RuleParams, code: string, key: string): number {
  const v = (rules.get(code)?.params as Record<string, unknown> | undefined)?.[key];
  if (typeof v !== 'number') throw new Error(`rule ${code}.${key} is missing`);
  return v;
}

/** Dates of the steps done so far, by step code. */
export type DoneDates = Partial<Record<StepCode | 'probation_extension', string>>;

/** End of probation: one year after the branch meeting, plus an extension if one was decided. */
export function probationEnd(rules: RuleParams, done: DoneDates, extensionMonths: number | null): string | null {
  if (!done.branch_meeting || !done.approval) return null;
  return addMonths(done.branch_meeting, param(rules, 'dev.probation', 'months') + (extensionMonths ?? 0));
}

export interface NextDue {
  step: StepCode;
  /** Deadline set by a rule, if the step has one. */
  dueOn: string | null;
  /** Not before this date (a minimum period), if any. */
  earliestOn: string | null;
}

/** The step due next with its deadline or earliest date, from the rules and the dates done. */
export function nextDue(rules: RuleParams, last: string, done: DoneDates, extensionMonths: number | null, appliedOn: string): NextDue | null {
  const step = nextStep(last);
  if (!step) return null;
  const end = probationEnd(rules, done, extensionMonths);
  switch (step) {
    case 'talk':
      return { step, dueOn: addMonths(appliedOn, param(rules, 'dev.talk_within', 'months')), earliestOn: null };
    case 'target':
      return { step, dueOn: null, earliestOn: addMonths(done.activist!, param(rules, 'dev.activist_min', 'months')) };
    case 'approval':
      return { step, dueOn: addMonths(done.branch_meeting!, param(rules, 'dev.approval_within', 'months')), earliestOn: null };
    case 'full_application':
      return { step, dueOn: end, earliestOn: null };
    case 'full_meeting':
      return { step, dueOn: end, earliestOn: end };
    case 'full_approval':
      return { step, dueOn: addMonths(done.full_meeting!, param(rules, 'dev.full_approval_within', 'months')), earliestOn: null };
    default:
      return { step, dueOn: null, earliestOn: null };
  }
}
