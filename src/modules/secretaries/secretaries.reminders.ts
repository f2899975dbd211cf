import type { Reminder, ReminderProvider } from '../reminders/types.ts';
import { reportsAwaitingRating } from './secretaries.repository.ts';

/**
 * 书记抓党建述职评议: submitted reports waiting for the level above to rate them, listed at that
 * level (the report organization's parent). Undated: the rating has no deadline of its own in the
 * rules. Organization lists only.
 */
export const secretaryReminders: ReminderProvider = async (db, scope, q) => {
  if (q.memberId !== undefined || scope.kind === 'self') return [];
  const rows = await reportsAwaitingRating(db, scope, q.subtreePath, q.limit);
  return rows.map(
    (r): Reminder => ({
      kind: 'secretaries.rating_pending',
      severity: 'due',
      title: `${r.org_name}书记${r.holder_name}的${r.year}年度抓党建述职已于 ${r.submitted_on} 提交，待${r.rater_org_name}评议`,
      titleEn: `The ${r.year} report of ${r.holder_name}, secretary of ${r.org_name}, was submitted on ${r.submitted_on} and awaits rating by ${r.rater_org_name}`,
      dueOn: null,
      orgId: r.rater_org_id,
      orgName: r.rater_org_name,
      memberId: null,
      memberName: null,
      link: `/secretary-reports/orgs/${r.org_id}?year=${r.year}`,
    }),
  );
};
