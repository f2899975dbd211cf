import { addMonths } from '../../lib/dates.ts';
import type { RuleRow } from '../rules/rules.repository.ts';

// The posts' own rules as pure functions; the interval's number comes from the rules table.

/** The review interval in months from the rule in force (a post may set its own). */
export function ruleReviewMonths(rules: Map<string, RuleRow>): { months: number; source: string } {
  const r = rules.get('service.review_interval');
  const months = (r?.params as { months?: unknown } | undefined)?.months;
  if (typeof months !== 'number') throw new Error('rule service.review_interval is not in force');
  return { months, source: r!.source };
}

/** The day by which the next review is due: the interval after the last review, or after the start. */
export function nextReviewOn(startsOn: string, lastReviewedOn: string | null, months: number): string {
  return addMonths(lastReviewedOn ?? startsOn, months);
}

/** Is an assignment current on a date (the end date is the last day on the post)? */
export const activeOn = (a: { starts_on: string; ends_on: string | null }, on: string) => a.starts_on <= on && (a.ends_on === null || a.ends_on >= on);

/**
 * Was a review due within a period, and was it done? Due when the interval since the last review
 * before the period (or the start) ends on or before the period's last day while the member is
 * still on the post; done when a review is dated inside the period. An early review counts as due.
 */
export function reviewInPeriod(a: { starts_on: string; ends_on: string | null; reviews: string[] }, months: number, from: string, to: string): { due: boolean; done: boolean; dueOn: string } {
  const before = a.reviews.filter((d) => d < from);
  const dueOn = nextReviewOn(a.starts_on, before.at(-1) ?? null, months);
  const done = a.reviews.some((d) => d >= from && d <= to);
  const due = done || (dueOn <= to && (a.ends_on === null || a.ends_on >= dueOn));
  return { due, done, dueOn };
}

/** Looks like a resident ID number (15 or 18 characters): not to be written into a record. */
export const looksLikeIdNumber = (s: string) => /\d{17}[\dXx]|\d{15}/.test(s.replace(/\s/g, ''));
