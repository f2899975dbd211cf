import dayjs from 'dayjs';
import type { Reminder, ReminderProvider } from '../reminders/types.ts';
import { periodsEnding } from './status.repository.ts';
import { horizonEnd } from '../reminders/window.ts';

// Looking back this far keeps an ended allowance on the list for a while (renew or let it end).
const LOOKBACK_DAYS = 60;

/**
 * 留党察看 periods ending (decide on restoring the rights, or expulsion) and 离任村干部生活补助
 * periods ending (renew or end). A probation stays listed until a restoration or reversal is recorded.
 */
export const statusReminders: ReminderProvider = async (db, scope, q) => {
  const until = horizonEnd(q.today, q.horizonDays);
  const from = dayjs(q.today).subtract(LOOKBACK_DAYS, 'day').format('YYYY-MM-DD');
  const rows = await periodsEnding(db, scope, q.subtreePath, from, until, q.memberId, q.limit);
  const out: Reminder[] = [];
  for (const r of rows) {
    const endsOn = r.ends_on!;
    const past = endsOn < q.today;
    if (r.kind === 'discipline') {
      out.push({
        kind: 'status.probation_ending',
        severity: past ? 'overdue' : 'due',
        title: past ? `${r.member_name}的留党察看期已于 ${endsOn} 届满，请党组织作出恢复党员权利或其他处理的决定并登记` : `${r.member_name}的留党察看期将于 ${endsOn} 届满，请准备考察意见`,
        titleEn: past ? `The probation of ${r.member_name} ended on ${endsOn}; decide on restoring the rights and record it` : `The probation of ${r.member_name} ends on ${endsOn}; prepare the assessment`,
        dueOn: endsOn,
        orgId: r.org_id,
        orgName: r.org_name,
        memberId: r.member_id,
        memberName: r.member_name,
        link: `/orgs/${r.org_id}?tab=members`,
      });
    } else {
      out.push({
        kind: 'status.allowance_ending',
        severity: past ? 'overdue' : 'due',
        title: past ? `${r.member_name}的离任村干部生活补助期限已于 ${endsOn} 结束，如需继续发放请登记新的期限` : `${r.member_name}的离任村干部生活补助期限将于 ${endsOn} 结束`,
        titleEn: past ? `The retired village cadre allowance of ${r.member_name} ended on ${endsOn}; record a new period to continue` : `The retired village cadre allowance of ${r.member_name} ends on ${endsOn}`,
        dueOn: endsOn,
        orgId: r.org_id,
        orgName: r.org_name,
        memberId: r.member_id,
        memberName: r.member_name,
        link: `/orgs/${r.org_id}?tab=members`,
      });
    }
  }
  return out;
};
