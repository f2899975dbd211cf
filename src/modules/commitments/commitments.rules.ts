// The fulfillment and satisfaction rules as pure functions; the targets come from the rules table.
import type { RuleRow } from '../rules/rules.repository.ts';

/** How one item counts in a fulfillment rate (decision 0017). */
export type ItemStanding = 'kept' | 'late' | 'not_done' | 'overdue' | 'pending' | 'excluded';

/**
 * An item is settled once it is done, declared not done, or its deadline has passed:
 * - done on or before its deadline → kept (counts for);
 * - done after its deadline → late (counts against: the promise was not kept on time);
 * - declared not done → not_done (against), whenever it was declared;
 * - still in progress after its deadline day → overdue (against);
 * - still in progress up to and including its deadline day → pending (not yet due: left out);
 * - withdrawn with a reason → excluded (left out, but listed so a reviewer sees it).
 */
export function standing(i: { status: string; deadline: string; done_on: string | null }, today: string): ItemStanding {
  if (i.status === 'cancelled') return 'excluded';
  if (i.status === 'done') return i.done_on! <= i.deadline ? 'kept' : 'late';
  if (i.status === 'not_done') return 'not_done';
  return i.deadline < today ? 'overdue' : 'pending';
}

/** Counted in the denominator of a fulfillment rate. */
export const isDue = (s: ItemStanding) => s !== 'pending' && s !== 'excluded';

/** kept ÷ due, or null when nothing is due (neither 0 nor 100: there is nothing to measure). */
export function rate(kept: number, due: number): number | null {
  return due > 0 ? kept / due : null;
}

/** Does kept/due reach a target given in whole percent (exact integer comparison, no float edge). */
export function meetsTarget(kept: number, due: number, percent: number): boolean | null {
  if (due <= 0) return null;
  return kept * 100 >= percent * due;
}

/** 满意度: (满意 + 基本满意) ÷ all ballots, or null without ballots. */
export function satisfaction(t: { satisfied: number; basic: number; dissatisfied: number }): number | null {
  const total = t.satisfied + t.basic + t.dissatisfied;
  return total > 0 ? (t.satisfied + t.basic) / total : null;
}

/** '95.0%' or '—'. */
export const pct = (r: number | null) => (r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);

export interface Targets {
  orgPercent: number;
  memberPercent: number;
  source: string;
  ruleVersion: number;
}

/** The fulfillment targets in force (rule `commitment.targets`); a missing rule is a deployment fault. */
export function targetsFrom(rules: Map<string, RuleRow>): Targets {
  const r = rules.get('commitment.targets');
  const p = r?.params as { orgPercent?: unknown; memberPercent?: unknown } | undefined;
  if (!r || typeof p?.orgPercent !== 'number' || typeof p.memberPercent !== 'number') throw new Error('rule commitment.targets is not in force');
  return { orgPercent: p.orgPercent, memberPercent: p.memberPercent, source: r.source, ruleVersion: r.version };
}
