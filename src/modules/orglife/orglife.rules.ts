import dayjs from 'dayjs';
import type { ORGLIFE_KIND } from '../../shared/enums.ts';
import type { RuleRow } from '../rules/rules.repository.ts';

// The rules of organizational life as pure functions (decision 0016): which organization holds
// which kind of meeting, the periods a frequency makes, and the quorum.

export type MeetingKind = (typeof ORGLIFE_KIND.values)[number];

/** Kinds with a required frequency (rule orglife.frequency); 谈心谈话 is recorded, never counted per organization. */
export const REQUIRED_KINDS = ['member_meeting', 'committee_meeting', 'group_meeting', 'party_lecture', 'theme_day', 'life_meeting'] as const satisfies readonly MeetingKind[];
export type RequiredKind = (typeof REQUIRED_KINDS)[number];

/** Kinds that need more than half of those entitled present; one that misses it does not count as held. */
export const QUORUM_KINDS: ReadonlySet<MeetingKind> = new Set(['member_meeting', 'committee_meeting', 'group_meeting', 'life_meeting']);

/** Organizations the branch requirements apply to (党支部 of every kind). */
export const BRANCH_KINDS = ['branch', 'joint_branch', 'temporary_branch'];

/** A 党小组 holds group meetings (and talks); every other organization holds the other kinds. */
export function kindAllowedFor(orgKind: string, kind: MeetingKind): boolean {
  if (orgKind === 'group') return kind === 'group_meeting' || kind === 'talk';
  return kind !== 'group_meeting';
}

export function ruleParam(rules: Map<string, RuleRow>, code: string, key: string): number {
  const params = rules.get(code)?.params as Record<string, number> | undefined;
  const v = params?.[key];
  if (typeof v !== 'number') throw new Error(`rule ${code}.${key} missing`);
  return v;
}

/** Period months per required kind from orglife.frequency; 0 or a value not dividing 12 means no requirement. */
export function frequencies(rules: Map<string, RuleRow>): Map<RequiredKind, number> {
  const params = (rules.get('orglife.frequency')?.params ?? {}) as Record<string, number>;
  const out = new Map<RequiredKind, number>();
  for (const k of REQUIRED_KINDS) {
    const m = params[k];
    if (typeof m === 'number' && m > 0 && 12 % m === 0) out.set(k, m);
  }
  return out;
}

export interface Span {
  from: string;
  to: string;
}

/** '2026' → the year, '2026-H1' → a half, '2026-Q3' → a quarter, '2026-07' → a month. */
export function parseSpan(s: string): Span {
  const y = Number(s.slice(0, 4));
  const start = (m: number) => dayjs(`${y}-${String(m).padStart(2, '0')}-01`);
  let from = start(1);
  let months = 12;
  if (/^\d{4}-Q[1-4]$/.test(s)) {
    from = start((Number(s.slice(6)) - 1) * 3 + 1);
    months = 3;
  } else if (/^\d{4}-H[12]$/.test(s)) {
    from = start(s.endsWith('1') ? 1 : 7);
    months = 6;
  } else if (/^\d{4}-\d{2}$/.test(s)) {
    from = start(Number(s.slice(5)));
    months = 1;
  }
  return { from: from.format('YYYY-MM-DD'), to: from.add(months, 'month').subtract(1, 'day').format('YYYY-MM-DD') };
}

/** The calendar periods of `months` length (aligned to the year) that overlap [from, to]. */
export function slotsOverlapping(months: number, from: string, to: string): Span[] {
  const f = dayjs(from);
  let s = dayjs(`${f.year()}-${String(Math.floor(f.month() / months) * months + 1).padStart(2, '0')}-01`);
  const out: Span[] = [];
  while (s.format('YYYY-MM-DD') <= to) {
    out.push({ from: s.format('YYYY-MM-DD'), to: s.add(months, 'month').subtract(1, 'day').format('YYYY-MM-DD') });
    s = s.add(months, 'month');
  }
  return out;
}

const QUARTERS = ['一', '二', '三', '四'];
/** '2026年3月', '2026年第一季度', '2026年上半年', '2026年'. */
export function slotLabel(months: number, from: string, en = false): string {
  const y = from.slice(0, 4);
  const m = Number(from.slice(5, 7));
  if (months === 1) return en ? `${y}-${from.slice(5, 7)}` : `${y}年${m}月`;
  if (months === 3) return en ? `${y} Q${(m + 2) / 3}` : `${y}年第${QUARTERS[(m - 1) / 3]}季度`;
  if (months === 6) return en ? `${y} H${m === 1 ? 1 : 2}` : `${y}年${m === 1 ? '上' : '下'}半年`;
  return en ? y : `${y}年`;
}

export interface QuorumParams {
  numerator: number;
  denominator: number;
  probationaryInBase: number;
  leaveReducesBase: number;
}

export interface Quorum {
  applies: boolean;
  /** 应到人数 after the rule's exclusions. */
  base: number;
  present: number;
  /** The fewest present that makes the quorum. */
  needed: number;
  met: boolean;
}

/** More than numerator/denominator of those entitled present (strictly more: 2 of 4 is not enough). */
export function quorum(kind: MeetingKind, rows: { memberStatus: string; status: string | null }[], p: QuorumParams): Quorum {
  const counted = rows.filter((r) => (p.probationaryInBase ? true : r.memberStatus === 'full'));
  const base = counted.filter((r) => !(p.leaveReducesBase && r.status === 'leave')).length;
  const present = counted.filter((r) => r.status === 'present').length;
  const needed = Math.floor((base * p.numerator) / p.denominator) + 1;
  return { applies: QUORUM_KINDS.has(kind), base, present, needed, met: base > 0 && present * p.denominator > base * p.numerator };
}
