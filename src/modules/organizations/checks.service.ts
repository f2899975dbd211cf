import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { addMonths, daysBetween, todayCN } from '../../lib/dates.ts';
import type { RequestContext } from '../../server/context.ts';
import { notFound } from '../../server/errors.ts';
import { rulesInForce, type RuleRow } from '../rules/rules.repository.ts';
import { setupFacts, unitsWithoutOrganization } from './checks.repository.ts';
import { findOrg } from './organizations.repository.ts';

export interface Warning {
  rule: string;
  version: number;
  source: string;
  severity: 'warning' | 'info';
  message: string;
}

const BRANCHES = new Set(['branch', 'joint_branch', 'temporary_branch']);

/** Term length in years for an organization, from the `term.years` rule (village/community organizations by level). */
export function termYears(rule: RuleRow | undefined, org: { kind: string; level: string; domain: string }, explicit: number | null): number | null {
  if (explicit) return explicit;
  const p = (rule?.params ?? {}) as Record<string, number>;
  if (org.level === 'village' && (org.domain === 'rural' || org.domain === 'community')) return p[org.domain === 'rural' ? 'village' : 'community'] ?? null;
  return p[org.kind] ?? null;
}

/**
 * The setup and term warnings that apply to an organization (they warn, never block). Each names
 * the rule version and its source.
 */
export async function checkOrganization(db: Kysely<DB>, ctx: Pick<RequestContext, 'scope'>, orgId: number, onDate = todayCN()): Promise<{ items: Warning[]; termEndsOn: string | null }> {
  const org = await findOrg(db, ctx.scope, orgId);
  if (!org) throw notFound();
  const rules = await rulesInForce(db, onDate);
  const facts = await setupFacts(db, org.id, org.path, onDate);
  const out: Warning[] = [];
  const warn = (code: string, message: string, severity: Warning['severity'] = 'warning') => {
    const r = rules.get(code);
    if (r) out.push({ rule: code, version: r.version, source: r.source, severity, message });
  };
  const p = (code: string) => (rules.get(code)?.params ?? {}) as Record<string, number>;

  if (BRANCHES.has(org.kind)) {
    const min = p('setup.branch_min_full').min;
    if (min !== undefined && facts.direct_full < min) warn('setup.branch_min_full', `正式党员 ${facts.direct_full} 人，少于 ${min} 人，不符合单独成立党支部的条件`);
    const max = p('setup.branch_max_members').max;
    if (max !== undefined && facts.direct_members > max) warn('setup.branch_max_members', `党员 ${facts.direct_members} 人，超过 ${max} 人，宜分设党支部或成立党总支`);
    const c = p('setup.committee_required');
    if (c.minFull !== undefined && facts.direct_full >= c.minFull && facts.committee_posts < (c.minPosts ?? 3))
      warn('setup.committee_required', `正式党员 ${facts.direct_full} 人（${c.minFull} 人以上），但支部委员会在任委员只有 ${facts.committee_posts} 人`);
    const size = p('setup.committee_size');
    if (size.hardMax !== undefined && facts.committee_posts > size.hardMax) warn('setup.committee_size', `支部委员 ${facts.committee_posts} 人，超过 ${size.hardMax} 人`);
    const gb = p('setup.general_branch_size');
    const party = p('setup.committee_size_party');
    if (party.min !== undefined && facts.subtree_members >= party.min) warn('setup.committee_size_party', `党员 ${facts.subtree_members} 人（${party.min} 人以上），可按规定申请成立基层党委`, 'info');
    else if (gb.min !== undefined && facts.subtree_members > gb.min) warn('setup.general_branch_size', `党员 ${facts.subtree_members} 人（超过 ${gb.min} 人），可按规定申请成立党总支`, 'info');
    const ju = p('setup.joint_branch_max_units').max;
    if (org.kind === 'joint_branch' && ju !== undefined && facts.units > ju) warn('setup.joint_branch_max_units', `联合党支部覆盖 ${facts.units} 个单位，超过 ${ju} 个`);
  } else if (org.kind === 'general_branch') {
    const party = p('setup.committee_size_party').min;
    if (party !== undefined && facts.subtree_members >= party) warn('setup.committee_size_party', `党员 ${facts.subtree_members} 人（${party} 人以上），可按规定申请成立基层党委`, 'info');
  }

  let termEndsOn: string | null = null;
  const years = termYears(rules.get('term.years'), org, org.term_years);
  if (org.term_started_on && years) {
    termEndsOn = addMonths(org.term_started_on, years * 12);
    const left = daysBetween(onDate, termEndsOn);
    const warnDays = p('term.warn_days').days ?? 90;
    if (left < 0) warn('term.years', `本届任期已于 ${termEndsOn} 届满（任期 ${years} 年），应按期换届`);
    else if (left <= warnDays) warn('term.warn_days', `本届任期将于 ${termEndsOn} 届满（还有 ${left} 天），请做好换届准备`);
  } else if (org.kind !== 'group' && org.status === 'active') {
    warn('term.years', '未登记本届任期起始日期，无法提示换届', 'info');
  }

  const minMembers = p('setup.unit_without_org').minMembers;
  if (minMembers !== undefined) {
    for (const u of await unitsWithoutOrganization(db, org.path, minMembers)) warn('setup.unit_without_org', `单位“${u.name}”有党员 ${u.members} 人，尚未建立党组织`);
  }
  return { items: out, termEndsOn };
}
