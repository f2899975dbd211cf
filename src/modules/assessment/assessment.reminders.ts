import { daysBetween } from '../../lib/dates.ts';
import type { Reminder, ReminderProvider } from '../reminders/types.ts';
import { sheetsAwaitingReview, sheetsToSelfCheck } from './assessment.repository.ts';
import { horizonEnd } from '../reminders/window.ts';

/**
 * 考核评价 reminders: an organization's sheet still to self-check when its round falls due within
 * the window (overdue after the round's due date), and, for the organization that launched the
 * round, sheets submitted and waiting for its review or reviewed and waiting to be made final
 * (undated). Organization lists only.
 */
export const assessmentReminders: ReminderProvider = async (db, scope, q) => {
  if (q.memberId !== undefined || scope.kind === 'self') return [];
  const until = horizonEnd(q.today, q.horizonDays);
  const [selfCheck, review] = await Promise.all([sheetsToSelfCheck(db, scope, q.subtreePath, until, q.limit), sheetsAwaitingReview(db, scope, q.subtreePath, q.limit)]);
  const out: Reminder[] = selfCheck.map((h) => {
    const left = daysBetween(q.today, h.due_on);
    const returned = h.state === 'returned' ? { zh: '（已退回修改）', en: ' (returned for changes)' } : { zh: '', en: '' };
    return {
      kind: 'assessment.self_check_due',
      severity: left < 0 ? 'overdue' : 'due',
      title: left < 0 ? `${h.org_name}未按期提交“${h.title}”${returned.zh}（应于 ${h.due_on} 前提交，已逾期 ${-left} 天）` : `${h.org_name}须在 ${h.due_on} 前提交“${h.title}”${returned.zh}（还有 ${left} 天）`,
      titleEn: left < 0 ? `The self-check of ${h.org_name} for “${h.title}”${returned.en} was due on ${h.due_on} (${-left} days overdue)` : `Submit the self-check of ${h.org_name} for “${h.title}”${returned.en} by ${h.due_on} (${left} days left)`,
      dueOn: h.due_on,
      orgId: h.org_id,
      orgName: h.org_name,
      memberId: null,
      memberName: null,
      link: `/assessment/sheets/${h.id}`,
    };
  });
  for (const h of review) {
    const submitted = h.state === 'submitted';
    out.push({
      kind: submitted ? 'assessment.review_pending' : 'assessment.final_pending',
      severity: 'due',
      title: submitted ? `${h.org_name}已于 ${h.submitted_on} 提交“${h.title}”，待${h.reviewer_org_name}审核` : `${h.org_name}的“${h.title}”已于 ${h.reviewed_on} 审核，待确定最终结果`,
      titleEn: submitted ? `${h.org_name} submitted its self-check for “${h.title}” on ${h.submitted_on}; it awaits review by ${h.reviewer_org_name}` : `“${h.title}” of ${h.org_name} was reviewed on ${h.reviewed_on}; make the result final`,
      dueOn: null,
      orgId: h.reviewer_org_id,
      orgName: h.reviewer_org_name,
      memberId: null,
      memberName: null,
      link: `/assessment/sheets/${h.id}`,
    });
  }
  return out.slice(0, q.limit);
};
