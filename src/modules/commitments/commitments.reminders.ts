import { daysBetween } from '../../lib/dates.ts';
import type { Reminder, ReminderProvider } from '../reminders/types.ts';
import { openItemsDue } from './commitments.repository.ts';
import { horizonEnd } from '../reminders/window.ts';

/**
 * Commitment items still in progress that fall due within the horizon or are past their deadline;
 * for a member, the items of their own commitments.
 */
export const commitmentReminders: ReminderProvider = async (db, scope, q) => {
  const until = horizonEnd(q.today, q.horizonDays);
  const memberId = q.memberId ?? (scope.kind === 'self' ? (scope.memberId ?? -1) : undefined);
  const rows = await openItemsDue(db, scope, q.subtreePath, until, memberId, q.limit);
  return rows.map((r): Reminder => {
    const left = daysBetween(q.today, r.deadline);
    const whose = r.member_name ? `${r.member_name}的承诺` : `${r.org_name}的承诺`;
    const whoseEn = r.member_name ? `${r.member_name}’s commitment` : `${r.org_name}’s commitment`;
    return {
      kind: left < 0 ? 'commitment.item_overdue' : 'commitment.item_due',
      severity: left < 0 ? 'overdue' : 'due',
      title: left < 0 ? `${whose}“${r.content}”已过完成期限 ${r.deadline}（逾期 ${-left} 天），请登记兑现情况或说明原因` : `${whose}“${r.content}”应在 ${r.deadline} 前兑现（还有 ${left} 天）`,
      titleEn: left < 0 ? `${whoseEn} “${r.content}” was due by ${r.deadline} (${-left} days overdue); record what was done or why not` : `${whoseEn} “${r.content}” is due by ${r.deadline} (${left} days left)`,
      dueOn: r.deadline,
      orgId: r.org_id,
      orgName: r.org_name,
      memberId: r.member_id,
      memberName: r.member_name,
      link: `/commitments/${r.commitment_id}`,
    };
  });
};
