import { daysBetween } from '../../lib/dates.ts';
import type { Reminder, ReminderProvider } from '../reminders/types.ts';
import { dueTasks } from './rectification.repository.ts';
import { horizonEnd } from '../reminders/window.ts';

/** Open rectification tasks of organizations on the 软弱涣散 list whose deadline has passed or falls within the horizon. Organization lists only. */
export const rectificationReminders: ReminderProvider = async (db, scope, q) => {
  if (q.memberId !== undefined || scope.kind === 'self') return [];
  const until = horizonEnd(q.today, q.horizonDays);
  const rows = await dueTasks(db, scope, q.subtreePath, until, q.limit);
  return rows.map((t): Reminder => {
    const left = daysBetween(q.today, t.deadline);
    const what = t.content.length > 30 ? `${t.content.slice(0, 30)}…` : t.content;
    return {
      kind: 'rectification.task_due',
      severity: left < 0 ? 'overdue' : 'due',
      title: left < 0 ? `${t.org_name} 软弱涣散整顿任务“${what}”应于 ${t.deadline} 完成，已逾期 ${-left} 天（责任人 ${t.owner_name}）` : `${t.org_name} 软弱涣散整顿任务“${what}”须在 ${t.deadline} 前完成（还有 ${left} 天，责任人 ${t.owner_name}）`,
      titleEn: left < 0 ? `Rectification task of ${t.org_name} was due on ${t.deadline} (${-left} days overdue; owner ${t.owner_name})` : `Rectification task of ${t.org_name} is due on ${t.deadline} (${left} days left; owner ${t.owner_name})`,
      dueOn: t.deadline,
      orgId: t.org_id,
      orgName: t.org_name,
      memberId: null,
      memberName: null,
      link: `/rectification/orgs/${t.org_id}?year=${t.year}`,
    };
  });
};
