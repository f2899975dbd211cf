import { HONOUR_KIND } from '../../shared/enums.ts';
import type { RuleRow } from '../rules/rules.repository.ts';

// Recognition rules as pure functions over rule rows: the yearly quota of an honour for the level of
// the awarding organization, and who may be nominated for it.

export type HonourKind = (typeof HONOUR_KIND.values)[number];
export const HONOUR_KINDS = HONOUR_KIND.values;

export interface Quota {
  kind: HonourKind;
  min: number;
  max: number;
  source: string;
  ruleCode: string;
  ruleVersion: number;
}

/** The quota of every honour the awarding level may confer: params `<level>Max` (and `<level>Min`); kinds without one for that level are left out. */
export function quotasFor(rules: Map<string, RuleRow>, level: string): Quota[] {
  const out: Quota[] = [];
  for (const kind of HONOUR_KINDS) {
    const rule = rules.get(`recognition.quota.${kind}`);
    const p = (rule?.params ?? {}) as Record<string, unknown>;
    const max = p[`${level}Max`];
    const min = p[`${level}Min`];
    if (!rule || typeof max !== 'number' || max <= 0) continue;
    out.push({ kind, min: typeof min === 'number' ? min : 0, max, source: rule.source, ruleCode: rule.code, ruleVersion: rule.version });
  }
  return out;
}

export interface Eligibility {
  nominee: 'org' | 'member';
  orgKinds?: string[];
  memberStatus?: 'full';
  post?: string;
}

/**
 * Who may be nominated for an honour, from the rule `recognition.eligibility.<kind>`: `member: 1`
 * for a member honour (with `fullMember: 1`, `post_<post>: 1`), else the organization kinds set to 1.
 * A missing rule is a deployment fault, not a user error.
 */
export function eligibilityOf(rules: Map<string, RuleRow>, kind: HonourKind): Eligibility & { source: string } {
  const rule = rules.get(`recognition.eligibility.${kind}`);
  if (!rule) throw new Error(`rule recognition.eligibility.${kind} is not in force`);
  const p = rule.params as Record<string, number>;
  if (p.member === 1) {
    const post = Object.keys(p).find((k) => k.startsWith('post_') && p[k] === 1)?.slice(5);
    return { nominee: 'member', ...(p.fullMember === 1 ? { memberStatus: 'full' as const } : {}), ...(post ? { post } : {}), source: rule.source };
  }
  return { nominee: 'org', orgKinds: Object.keys(p).filter((k) => p[k] === 1), source: rule.source };
}

export interface NomineeFacts {
  orgKind: string;
  member?: { fullMemberOn: string | null; leftOn: string | null; posts: string[] };
}

/** The first eligibility rule the nominee breaks (a message key), or null when eligible on `today`. */
export function ineligibility(e: Eligibility, n: NomineeFacts, today: string): 'recognition.needsMember' | 'recognition.needsOrg' | 'recognition.orgKind' | 'recognition.notFullMember' | 'recognition.needsPost' | null {
  if (e.nominee === 'member' && !n.member) return 'recognition.needsMember';
  if (e.nominee === 'org' && n.member) return 'recognition.needsOrg';
  if (e.orgKinds && e.nominee === 'org' && !e.orgKinds.includes(n.orgKind)) return 'recognition.orgKind';
  if (n.member) {
    const m = n.member;
    if (m.leftOn && m.leftOn <= today) return 'recognition.notFullMember';
    if (e.memberStatus === 'full' && (!m.fullMemberOn || m.fullMemberOn > today)) return 'recognition.notFullMember';
    if (e.post && !m.posts.includes(e.post)) return 'recognition.needsPost';
  }
  return null;
}

/** A numeric parameter of a rule in force. */
export function ruleNumber(rules: Map<string, RuleRow>, code: string, key: string): number {
  const v = (rules.get(code)?.params as Record<string, unknown> | undefined)?.[key];
  if (typeof v !== 'number') throw new Error(`rule ${code}.${key} is not in force`);
  return v;
}
