import { daysBetween } from '../../lib/dates.ts';
import { APPRAISAL_STATE } from '../../shared/enums.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import type { Reminder, ReminderProvider } from '../reminders/types.ts';
import { unfinishedRounds } from './appraisal.repository.ts';
import { roundDeadline, ruleParam, type AppraisalState } from './appraisal.rules.ts';
import { horizonEnd } from '../reminders/window.ts';

/**
 * Appraisal rounds not finished (results not published) by their deadline — by the rule
 * `appraisal.deadline`, the end of the first quarter after the appraised year. Organization lists only.
 */
export const appraisalReminders: ReminderProvider = async (db, scope, q) => {
  if (q.memberId !== undefined || scope.kind === 'self') return [];
  const until = horizonEnd(q.today, q.horizonDays);
  // A round's deadline lies after its year, so only years up to the horizon's can be due.
  const rows = await unfinishedRounds(db, scope, q.subtreePath, Number(until.slice(0, 4)), q.limit);
  const out: Reminder[] = [];
  for (const r of rows) {
    const months = ruleParam(await rulesInForce(db, `${r.year}-12-31`), 'appraisal.deadline', 'monthsAfterYearEnd');
    const deadline = roundDeadline(r.year, months);
    if (deadline > until) continue;
    const left = daysBetween(q.today, deadline);
    const stage = APPRAISAL_STATE.table[r.state as AppraisalState];
    out.push({
      kind: 'appraisal.round_due',
      severity: left < 0 ? 'overdue' : 'due',
      title: left < 0 ? `${r.org_name} ${r.year} 年度民主评议应于 ${deadline} 前完成，目前仍在“${stage.zh}”阶段` : `${r.org_name} ${r.year} 年度民主评议须在 ${deadline} 前公布结果（还有 ${left} 天，目前在“${stage.zh}”阶段）`,
      titleEn: left < 0 ? `The ${r.year} democratic appraisal of ${r.org_name} was due by ${deadline}; it is still at “${stage.en}”` : `Publish the ${r.year} democratic appraisal of ${r.org_name} by ${deadline} (${left} days left; now at “${stage.en}”)`,
      dueOn: deadline,
      orgId: r.org_id,
      orgName: r.org_name,
      memberId: null,
      memberName: null,
      link: `/appraisal/rounds/${r.id}`,
    });
  }
  return out;
};
