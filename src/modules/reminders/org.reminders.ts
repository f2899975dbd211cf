import { addMonths, daysBetween } from '../../lib/dates.ts';
import { checkOrganization, termYears } from '../organizations/checks.service.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import { orgByPath, termOrgs } from './reminders.repository.ts';
import type { Reminder, ReminderProvider } from './types.ts';
import { horizonEnd } from './window.ts';

/**
 * Organization reminders over the existing setup checks: the term end of every organization in
 * the subtree (computed with the same `term.years` rule as the checks), and the setup advice of
 * the organization the list is asked for. Nothing for a member's own list.
 */
export const organizationReminders: ReminderProvider = async (db, scope, q) => {
  if (q.memberId !== undefined) return [];
  const out: Reminder[] = [];
  const rules = await rulesInForce(db, q.today);
  const until = horizonEnd(q.today, q.horizonDays);
  for (const o of await termOrgs(db, scope, q.subtreePath, q.limit)) {
    const years = termYears(rules.get('term.years'), o, o.term_years);
    if (!years || !o.term_started_on) continue;
    const endsOn = addMonths(o.term_started_on, years * 12);
    if (endsOn > until) continue;
    const left = daysBetween(q.today, endsOn);
    const overdue = left < 0;
    out.push({
      kind: 'org.term_expiring',
      severity: overdue ? 'overdue' : 'due',
      title: overdue ? `${o.name}本届任期已于 ${endsOn} 届满（任期 ${years} 年），应按期换届` : `${o.name}本届任期将于 ${endsOn} 届满（还有 ${left} 天），请做好换届准备`,
      titleEn: overdue ? `The term of ${o.name} ended on ${endsOn} (${years} years); hold the election` : `The term of ${o.name} ends on ${endsOn} (in ${left} days); prepare the election`,
      dueOn: endsOn,
      orgId: o.id,
      orgName: o.name,
      memberId: null,
      memberName: null,
      link: `/orgs/${o.id}?tab=posts`,
    });
  }
  // Setup advice (undated) for the organization itself; its term is already listed above.
  const root = await orgByPath(db, scope, q.subtreePath);
  if (root) {
    const checks = await checkOrganization(db, { scope }, root.id, q.today);
    for (const w of checks.items) {
      if (w.rule.startsWith('term.')) continue;
      out.push({
        kind: 'org.setup',
        severity: w.severity === 'warning' ? 'due' : 'info',
        title: `${root.name}：${w.message}`,
        titleEn: `${root.name}: setup advice (${w.rule}, ${w.source})`,
        dueOn: null,
        orgId: root.id,
        orgName: root.name,
        memberId: null,
        memberName: null,
        link: `/orgs/${root.id}?tab=checks`,
      });
    }
  }
  return out;
};
