import { daysBetween } from '../../lib/dates.ts';
import type { Reminder, ReminderProvider } from '../reminders/types.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import { activeAssignmentsWithLastReview } from './service.repository.ts';
import { nextReviewOn, ruleReviewMonths } from './service.rules.ts';
import { horizonEnd } from '../reminders/window.ts';

/**
 * Post reviews falling due: every current assignment whose next review (the interval after the
 * last review or the start, by the rule `service.review_interval` or the post's own) lies within
 * the window. The review is the organization's task: organization lists only.
 */
export const serviceReminders: ReminderProvider = async (db, scope, q) => {
  if (q.memberId !== undefined || scope.kind === 'self') return [];
  const until = horizonEnd(q.today, q.horizonDays);
  const { months } = ruleReviewMonths(await rulesInForce(db, q.today));
  const out: Reminder[] = [];
  for (const a of await activeAssignmentsWithLastReview(db, scope, q.subtreePath, q.today, q.limit)) {
    const due = nextReviewOn(a.starts_on, a.last_reviewed_on, a.review_months ?? months);
    if (due > until) continue;
    const left = daysBetween(q.today, due);
    out.push({
      kind: 'service.review_due',
      severity: left < 0 ? 'overdue' : 'due',
      title: left < 0 ? `${a.member_name}（${a.post_name}）的履职评议应于 ${due} 前完成，已超期 ${-left} 天` : `${a.member_name}（${a.post_name}）的履职评议应在 ${due} 前完成（还有 ${left} 天）`,
      titleEn: left < 0 ? `The review of ${a.member_name} on the post “${a.post_name}” was due by ${due} (${-left} days ago)` : `Review ${a.member_name} on the post “${a.post_name}” by ${due} (${left} days left)`,
      dueOn: due,
      orgId: a.org_id,
      orgName: a.org_name,
      memberId: a.member_id,
      memberName: a.member_name,
      link: `/service?orgId=${a.org_id}&tab=posts&assignment=${a.id}`,
    });
  }
  return out;
};
