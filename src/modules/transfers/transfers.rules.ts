// Pure rules of a transfer (decision 0012): which case it is, who approves, who issues the letter,
// the letter's number and validity, and which state changes are allowed. No SQL here.
import dayjs from 'dayjs';
import { addMonths } from '../../lib/dates.ts';

export type ScopeCase = 'within_county' | 'cross_county' | 'cross_province';
export type StoredState = 'requested' | 'draft' | 'pending' | 'issued' | 'confirmed' | 'rejected' | 'cancelled';
export type ShownState = StoredState | 'expired';
export type Action = 'submit' | 'approve' | 'reject' | 'cancel' | 'confirm' | 'reissue';

export interface OrgNode {
  id: number;
  name: string;
  short_name: string | null;
  path: string;
  level: string;
  kind: string;
  division_code?: string | null;
}

const LOCAL_LEVELS = ['county', 'city', 'province'];

/**
 * The case from the tree: the lowest common ancestor of the two organizations. A county or anything
 * below it → within one county-level committee; a province or city → across counties; none
 * (different trees) → across counties when both division codes name the same province, else
 * across provinces.
 */
export function scopeCaseOf(fromChain: OrgNode[], toChain: OrgNode[]): ScopeCase {
  let lca: OrgNode | null = null;
  for (let i = 0; i < Math.min(fromChain.length, toChain.length); i++) {
    if (fromChain[i]!.id !== toChain[i]!.id) break;
    lca = fromChain[i]!;
  }
  if (!lca) {
    // Different trees: the administrative division codes (GB/T 2260, first two digits the
    // province) still tell a neighbouring county of the same province from another province.
    const from = divisionOf(fromChain);
    const to = divisionOf(toChain);
    return from && to && from.slice(0, 2) === to.slice(0, 2) ? 'cross_county' : 'cross_province';
  }
  if (lca.level === 'province' || lca.level === 'city') return 'cross_county';
  return 'within_county';
}

/** The nearest division code along a chain (the organization's own, else its ancestors'). */
function divisionOf(chain: OrgNode[]): string | null {
  for (let i = chain.length - 1; i >= 0; i--) if (chain[i]!.division_code) return chain[i]!.division_code!;
  return null;
}

/** Nearest ancestor-or-self (chain is root first) at one of the levels, else the root. */
function nearest(chain: OrgNode[], levels: string[]): OrgNode {
  for (let i = chain.length - 1; i >= 0; i--) if (levels.includes(chain[i]!.level)) return chain[i]!;
  return chain[0]!;
}

/**
 * The approval chain of the sending side: across counties the sending county organization
 * department; across provinces also the sending province. Within a county: none.
 */
export function approvalSteps(fromChain: OrgNode[], c: ScopeCase): { role: 'county' | 'province'; org: OrgNode }[] {
  if (c === 'within_county') return [];
  const county = nearest(fromChain, LOCAL_LEVELS);
  const steps: { role: 'county' | 'province'; org: OrgNode }[] = [{ role: 'county', org: county }];
  if (c === 'cross_province') {
    const province = nearest(fromChain, ['province']);
    if (province.id !== county.id) steps.push({ role: 'province', org: province });
  }
  return steps;
}

/**
 * Who issues (and numbers) the letter: the sending county organization department when there is
 * an approval chain; within a county the sending side's basic committee (nearest committee or
 * working committee), else the sending organization itself.
 */
export function issuerOf(fromChain: OrgNode[], c: ScopeCase): OrgNode {
  if (c !== 'within_county') return nearest(fromChain, LOCAL_LEVELS);
  for (let i = fromChain.length - 1; i >= 0; i--) if (['committee', 'working_committee'].includes(fromChain[i]!.kind)) return fromChain[i]!;
  return fromChain.at(-1)!;
}

/** The name printed as issuer: a county-or-higher committee issues through its organization department. */
export function issuerTitle(org: Pick<OrgNode, 'name' | 'level'>): string {
  return LOCAL_LEVELS.includes(org.level) && !org.name.endsWith('组织部') ? `${org.name}组织部` : org.name;
}

/**
 * The issuer's one-character abbreviation: its short name's first character, else that of the
 * last place name in its full name (中共嘉兴市南湖区委员会 → 南湖区 → 南).
 */
export function issuerAbbreviation(org: Pick<OrgNode, 'name' | 'short_name'>): string {
  if (org.short_name?.trim()) return [...org.short_name.trim()][0]!;
  const base = org.name.replace(/^中共|^中国共产党/, '').replace(/(党的)?(工作委员会|委员会|总支部委员会|支部委员会|党委|党总支|党支部)$/, '');
  const places = base.match(/.+?(?:自治区|街道|社区|省|市|州|盟|县|区|旗|镇|乡|村)/g);
  return [...(places?.at(-1) ?? base)][0] ?? '党';
}

/** 南组介〔2026〕第0012号: organization departments (county and up) 组介, basic committees 党介. */
export function letterNumber(org: Pick<OrgNode, 'name' | 'short_name' | 'level'>, year: number, seq: number): string {
  const suffix = LOCAL_LEVELS.includes(org.level) ? '组介' : '党介';
  return `${issuerAbbreviation(org)}${suffix}〔${year}〕第${String(seq).padStart(4, '0')}号`;
}

/** Validity in months from the rule `transfer.letter_validity`. */
export function validityMonths(params: { months: number; crossProvinceMonths: number }, c: ScopeCase): number {
  return c === 'cross_province' ? params.crossProvinceMonths : params.months;
}

/** Last valid day: the issue date plus the months (the letter is still valid on that day). */
export function validUntil(issuedOn: string, months: number): string {
  return addMonths(issuedOn, months);
}

/** A letter is valid through its last day: expiring today is valid, yesterday is expired. */
export function isExpired(validUntilDate: string, today: string): boolean {
  return validUntilDate < today;
}

export function shownState(state: string, currentValidUntil: string | null, today: string): ShownState {
  if (state === 'issued' && currentValidUntil && isExpired(currentValidUntil, today)) return 'expired';
  return state as StoredState;
}

/** The states each action starts from; anything else is an illegal transition (409). */
export const FROM_STATES: Record<Action, ShownState[]> = {
  submit: ['requested', 'draft'],
  approve: ['pending'],
  reject: ['requested', 'pending', 'issued', 'expired'],
  cancel: ['requested', 'draft', 'pending', 'issued', 'expired'],
  confirm: ['issued'],
  reissue: ['expired'],
};

export function allowed(action: Action, state: ShownState): boolean {
  return FROM_STATES[action].includes(state);
}

/** Months like 2026-03 are valid 'YYYY-MM'. */
export function isMonth(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

/** Whole years of age on a date. */
export function ageOn(birthDate: string, on: string): number {
  return dayjs(on).diff(dayjs(birthDate), 'year');
}
