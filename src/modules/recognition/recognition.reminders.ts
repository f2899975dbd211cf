import { daysBetween } from '../../lib/dates.ts';
import { HONOUR_KIND } from '../../shared/enums.ts';
import type { Reminder, ReminderProvider } from '../reminders/types.ts';
import { campaignsClosing, nominationsWaiting } from './recognition.repository.ts';
import { horizonEnd } from '../reminders/window.ts';

const honour = (k: string) => HONOUR_KIND.table[k as keyof typeof HONOUR_KIND.table] ?? { zh: k, en: k };

/**
 * 评先评优 reminders for the awarding organization: a campaign whose nomination deadline falls
 * within the window (due), and nominations still waiting for its review or approval (due, undated:
 * they wait until the campaign is published). Organization lists only.
 */
export const recognitionReminders: ReminderProvider = async (db, scope, q) => {
  if (q.memberId !== undefined || scope.kind === 'self') return [];
  const until = horizonEnd(q.today, q.horizonDays);
  const [closing, waiting] = await Promise.all([campaignsClosing(db, scope, q.subtreePath, q.today, until, q.limit), nominationsWaiting(db, scope, q.subtreePath, q.limit)]);
  const out: Reminder[] = closing.map((c) => {
    const left = daysBetween(q.today, c.nominate_until!);
    return {
      kind: 'recognition.nominations_closing',
      severity: 'due',
      title: `${c.org_name}${c.year}年度评先评优推荐将于 ${c.nominate_until} 截止（还有 ${left} 天，已推荐 ${c.nominations} 个）`,
      titleEn: `Nominations for the ${c.year} honours of ${c.org_name} close on ${c.nominate_until} (${left} days left; ${c.nominations} so far)`,
      dueOn: c.nominate_until,
      orgId: c.org_id,
      orgName: c.org_name,
      memberId: null,
      memberName: null,
      link: `/recognition?orgId=${c.org_id}&year=${c.year}`,
    };
  });
  for (const n of waiting) {
    const who = n.member_name ? `${n.member_name}（${n.nominee_org_name}）` : n.nominee_org_name;
    const step = n.state === 'nominated' ? { zh: '待审核', en: 'awaits review' } : { zh: '已审核，待审批', en: 'is reviewed and awaits approval' };
    out.push({
      kind: 'recognition.nomination_waiting',
      severity: 'due',
      title: `${who}被推荐为“${honour(n.kind).zh}”（${n.nominated_on} 推荐），${step.zh}`,
      titleEn: `The nomination of ${who} for ${honour(n.kind).en} (${n.nominated_on}) ${step.en}`,
      dueOn: null,
      orgId: n.awarding_org_id,
      orgName: n.awarding_org_name,
      memberId: n.nominee_member_id,
      memberName: n.member_name,
      link: `/recognition?orgId=${n.awarding_org_id}&year=${n.year}`,
    });
  }
  return out.slice(0, q.limit);
};
