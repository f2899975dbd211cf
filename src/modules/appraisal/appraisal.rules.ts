import dayjs from 'dayjs';
import { APPRAISAL_STATE } from '../../shared/enums.ts';
import type { RuleRow } from '../rules/rules.repository.ts';

// The appraisal's own rules as pure functions; their numbers come from the rules table.

export type AppraisalState = (typeof APPRAISAL_STATE.values)[number];
const ORDER = APPRAISAL_STATE.values;

/** The stage that follows, or null once closed. Stages are passed in order, none skipped. */
export function nextState(s: AppraisalState): AppraisalState | null {
  const i = ORDER.indexOf(s);
  return ORDER[i + 1] ?? null;
}

/** Finished rounds: their results are on the members' records and nothing falls due. */
export const isFinished = (s: string) => s === 'published' || s === 'closed';

/** At most numerator/denominator of the participants may be graded 优秀, rounded down (10 → 3, 9 → 3, 8 → 2, 0 → 0). */
export function excellentMax(participants: number, numerator: number, denominator: number): number {
  if (participants <= 0 || denominator <= 0) return 0;
  return Math.floor((participants * numerator) / denominator);
}

/** The last day to finish a year's round: the end of the given number of months after the year ends (3 → 31 March next year). */
export function roundDeadline(year: number, monthsAfterYearEnd: number): string {
  return dayjs(`${year + 1}-01-01`).add(monthsAfterYearEnd, 'month').subtract(1, 'day').format('YYYY-MM-DD');
}

/** A numeric parameter of a rule in force; a missing rule is a deployment fault, not a user error. */
export function ruleParam(rules: Map<string, RuleRow>, code: string, key: string): number {
  const params = rules.get(code)?.params as Record<string, unknown> | undefined;
  const v = params?.[key];
  if (typeof v !== 'number') throw new Error(`rule ${code}.${key} is not in force`);
  return v;
}
