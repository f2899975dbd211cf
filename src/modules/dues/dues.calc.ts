// 党费 computation: pure functions over the rule versions and one member's facts (bases,
// reliefs, paid months). No database, no floating point: money is integer fen, rates are basis
// points (1/10000), and rounding follows the `dues.rounding` rule.
import { addMonth, maxMonth, monthOf, monthRange } from './months.ts';

export const DUES_CATEGORIES = ['employed', 'retired', 'farmer', 'student', 'unemployed', 'low_income'] as const;
export type DuesCategory = (typeof DUES_CATEGORIES)[number];
/** Categories whose dues are a share of a base (wage or pension); the others pay a fixed amount. */
export const BASED_CATEGORIES: readonly DuesCategory[] = ['employed', 'retired'];

export interface Bracket {
  /** Inclusive upper bound of the bracket in fen; null = no upper bound. */
  upToFen: number | null;
  /** Rate in basis points: 50 = 0.5%. */
  rateBp: number;
}

export interface RuleVersion {
  code: string;
  version: number;
  effectiveFrom: string;
  params: unknown;
  source: string;
}

export type RoundingMode = 'half_up' | 'down' | 'up';

/**
 * base × rate in integer fen. rateBp is in 1/10000, so the exact product is (base × bp) / 10000
 * fen; half_up adds 5000 before the integer division (6666.67 yuan × 1.5% = 100.00005 → 100.00).
 */
export function applyRate(baseFen: number, rateBp: number, mode: RoundingMode = 'half_up'): number {
  const p = BigInt(baseFen) * BigInt(rateBp);
  const add = mode === 'half_up' ? 5000n : mode === 'up' ? 9999n : 0n;
  return Number((p + add) / 10000n);
}

/** The bracket rate for a base: the first bracket whose inclusive upper bound holds the base. */
export function bracketRate(brackets: readonly Bracket[], baseFen: number): number {
  const b = brackets.find((x) => x.upToFen === null || baseFen <= x.upToFen);
  if (!b) throw new Error('dues brackets have no open-ended last bracket');
  return b.rateBp;
}

/** The dues rule versions, each looked up by the month it applies to. */
export class DuesRules {
  private readonly byCode = new Map<string, RuleVersion[]>();
  constructor(versions: readonly RuleVersion[]) {
    for (const v of versions) {
      const list = this.byCode.get(v.code) ?? [];
      list.push(v);
      this.byCode.set(v.code, list);
    }
    for (const list of this.byCode.values()) list.sort((a, b) => b.version - a.version);
  }

  /**
   * The version of a rule in force for a month: the highest version effective in or before that
   * month. For a month before the first version, the first version (the system has no older rates;
   * bases before it are refused when recorded).
   */
  at(code: string, month: string): RuleVersion {
    const list = this.byCode.get(code);
    const v = list?.find((x) => monthOf(x.effectiveFrom) <= month) ?? list?.at(-1);
    if (!v) throw new Error(`rule ${code} is missing`);
    return v;
  }

  /** The month the first version of a rule took effect. */
  firstMonth(code: string): string | null {
    const v = this.byCode.get(code)?.at(-1);
    return v ? monthOf(v.effectiveFrom) : null;
  }

  params<T>(code: string, month: string): T {
    return this.at(code, month).params as T;
  }
}

export interface StandardDue {
  fen: number;
  rateBp: number | null;
  ruleCode: string;
  ruleVersion: number;
}

/**
 * Brackets from flat rule params: b1UpToYuan, b1RateBp, b2UpToYuan, b2RateBp, …; the last bracket
 * has no UpToYuan (open-ended). Upper bounds are whole yuan and inclusive (3000.00 yuan is in the
 * first bracket, 3000.01 in the second), as the regulation's “（含3000元）”.
 */
export function bracketsOf(params: Record<string, number>): Bracket[] {
  const out: Bracket[] = [];
  for (let i = 1; params[`b${i}RateBp`] !== undefined; i++) {
    const upTo = params[`b${i}UpToYuan`];
    out.push({ upToFen: upTo === undefined ? null : upTo * 100, rateBp: params[`b${i}RateBp`]! });
  }
  return out;
}

/** The standard monthly dues (before any reduction) for a category and base in a month. */
export function standardDue(rules: DuesRules, month: string, category: DuesCategory, baseFen: number | null, provinceCode: string | null): StandardDue {
  const rounding: RoundingMode = rules.params<{ halfUp: number }>('dues.rounding', month).halfUp === 1 ? 'half_up' : 'down';
  if (category === 'employed' || category === 'retired') {
    const code = category === 'employed' ? 'dues.employed_rates' : 'dues.retired_rates';
    const v = rules.at(code, month);
    const rateBp = bracketRate(bracketsOf(v.params as Record<string, number>), baseFen ?? 0);
    return { fen: applyRate(baseFen ?? 0, rateBp, rounding), rateBp, ruleCode: code, ruleVersion: v.version };
  }
  if (category === 'farmer') {
    const v = rules.at('dues.farmer_amounts', month);
    const p = v.params as Record<string, number>;
    // The province amount (or the default), kept inside the regulation's 0.2–1 yuan.
    const set = (provinceCode ? p[`p${provinceCode}`] : undefined) ?? p.defaultFen ?? 20;
    const fen = Math.min(Math.max(set, p.minFen ?? 0), p.maxFen ?? set);
    return { fen, rateBp: null, ruleCode: v.code, ruleVersion: v.version };
  }
  const v = rules.at('dues.fixed_amounts', month);
  return { fen: (v.params as Record<string, number>)[category] ?? 0, rateBp: null, ruleCode: v.code, ruleVersion: v.version };
}

export interface BaseFact {
  id: number;
  effectiveMonth: string;
  category: DuesCategory;
  baseFen: number | null;
}
export interface ReliefFact {
  id: number;
  kind: 'exempt' | 'reduce';
  fromMonth: string;
  toMonth: string;
  monthlyFen: number | null;
}
export interface PaidFact {
  amountFen: number;
  paymentId: number;
}
export interface MemberFacts {
  joinedOn: string;
  leftOn: string | null;
  /** First two digits of the administrative division of the member's organization (or an ancestor). */
  provinceCode: string | null;
  bases: BaseFact[];
  reliefs: ReliefFact[];
  paid: Map<string, PaidFact>;
}

/** First month with dues: admission month (+ offset) or the first base, whichever is later. */
export function firstDueMonth(rules: DuesRules, f: MemberFacts): string | null {
  if (f.bases.length === 0) return null;
  const firstBase = f.bases.reduce((a, b) => (b.effectiveMonth < a ? b.effectiveMonth : a), f.bases[0]!.effectiveMonth);
  const joined = monthOf(f.joinedOn);
  const offset = rules.params<{ offsetMonths: number }>('dues.probationary_start', joined).offsetMonths;
  return maxMonth(addMonth(joined, offset), firstBase);
}

/** Last month with dues: the month before the member left the register; null = still on it. */
export const lastDueMonth = (f: MemberFacts): string | null => (f.leftOn ? addMonth(monthOf(f.leftOn), -1) : null);

export type MonthStatus = 'paid' | 'exempt' | 'unpaid';
export interface MonthDue {
  month: string;
  category: DuesCategory;
  baseFen: number | null;
  rateBp: number | null;
  standardFen: number;
  dueFen: number;
  relief: 'exempt' | 'reduce' | null;
  reliefId: number | null;
  ruleCode: string;
  ruleVersion: number;
  paidFen: number | null;
  paymentId: number | null;
  status: MonthStatus;
}

/** The dues of one month, or null when the month is outside the member's dues period. */
export function monthDue(rules: DuesRules, f: MemberFacts, month: string, first = firstDueMonth(rules, f)): MonthDue | null {
  const last = lastDueMonth(f);
  if (!first || month < first || (last && month > last)) return null;
  const base = f.bases.filter((b) => b.effectiveMonth <= month).reduce<BaseFact | null>((a, b) => (!a || b.effectiveMonth > a.effectiveMonth ? b : a), null);
  if (!base) return null;
  const std = standardDue(rules, month, base.category, base.baseFen, f.provinceCode);
  const relief = f.reliefs.find((r) => r.fromMonth <= month && month <= r.toMonth) ?? null;
  const dueFen = relief ? (relief.kind === 'exempt' ? 0 : Math.min(relief.monthlyFen ?? 0, std.fen)) : std.fen;
  const paid = f.paid.get(month) ?? null;
  const status: MonthStatus = paid ? 'paid' : dueFen === 0 ? 'exempt' : 'unpaid';
  return {
    month,
    category: base.category,
    baseFen: base.baseFen,
    rateBp: std.rateBp,
    standardFen: std.fen,
    dueFen,
    relief: relief?.kind ?? null,
    reliefId: relief?.id ?? null,
    ruleCode: std.ruleCode,
    ruleVersion: std.ruleVersion,
    paidFen: paid?.amountFen ?? null,
    paymentId: paid?.paymentId ?? null,
    status,
  };
}

/** Every month with dues from `from` to `to` inclusive (months outside the dues period are left out). */
export function monthsBetween(rules: DuesRules, f: MemberFacts, from: string, to: string): MonthDue[] {
  const first = firstDueMonth(rules, f);
  if (!first) return [];
  return monthRange(maxMonth(from, first), to)
    .map((m) => monthDue(rules, f, m, first))
    .filter((x): x is MonthDue => x !== null);
}

export interface Arrears {
  months: { month: string; dueFen: number }[];
  amountFen: number;
  /** Longest run of consecutive unpaid months (an exempt or paid month ends a run). */
  longestRun: number;
  /** Months of the longest run, first and last. */
  runFrom: string | null;
  runTo: string | null;
  /** Longest run ≥ dues.arrears_flag_months: for the branch to review (应按规定处理), never removal. */
  flagged: boolean;
  flagMonths: number;
}

/**
 * Arrears on a day: the months before the current month that are due (> 0) and unpaid. The
 * current month is still payable and not yet in arrears.
 */
export function arrearsOf(rules: DuesRules, f: MemberFacts, today: string): Arrears {
  const current = monthOf(today);
  const flagMonths = rules.params<{ months: number }>('dues.arrears_flag_months', current).months;
  const first = firstDueMonth(rules, f);
  const all = first ? monthsBetween(rules, f, first, addMonth(current, -1)) : [];
  const months: Arrears['months'] = [];
  let run = 0;
  let best = { len: 0, from: null as string | null, to: null as string | null };
  let runStart: string | null = null;
  let prev: string | null = null;
  for (const m of all) {
    const unpaid = m.status === 'unpaid';
    if (unpaid) {
      months.push({ month: m.month, dueFen: m.dueFen });
      const contiguous = prev !== null && addMonth(prev, 1) === m.month;
      run = contiguous ? run + 1 : 1;
      if (run === 1) runStart = m.month;
      if (run > best.len) best = { len: run, from: runStart, to: m.month };
    } else run = 0;
    prev = unpaid ? m.month : null;
  }
  return {
    months,
    amountFen: months.reduce((s, m) => s + m.dueFen, 0),
    longestRun: best.len,
    runFrom: best.from,
    runTo: best.to,
    flagged: best.len >= flagMonths,
    flagMonths,
  };
}

/**
 * 党费交至: the last month settled without a gap from the first due month (paid, prepaid, or
 * exempted), or null. Exemptions always end (to_month is required), so the walk ends.
 */
export function paidUntil(rules: DuesRules, f: MemberFacts): string | null {
  const first = firstDueMonth(rules, f);
  if (!first) return null;
  const settled = (m: string) => f.paid.has(m) || f.reliefs.some((r) => r.kind === 'exempt' && r.fromMonth <= m && m <= r.toMonth);
  let last: string | null = null;
  for (let m = first, i = 0; i < 1200 && settled(m); m = addMonth(m, 1), i++) last = m;
  return last;
}
