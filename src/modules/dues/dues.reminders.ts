import dayjs from 'dayjs';
import type { Reminder, ReminderProvider } from '../reminders/types.ts';
import { arrearsOf, DuesRules } from './dues.calc.ts';
import * as repo from './dues.repository.ts';
import { fenToYuan, monthOf, monthStart } from './months.ts';

/** Dues of a month fall due by the month's end. */
const monthEnd = (month: string) => dayjs(monthStart(month)).endOf('month').format('YYYY-MM-DD');

/**
 * Dues reminders: members with arrears of at least `dues.arrears_remind_months` months, and —
 * instead — members with a run of `dues.arrears_flag_months` consecutive unpaid months, flagged
 * for the branch to review (应按规定处理; the system never removes anyone). The member list is
 * the subtree's current members, with the scope predicate in the query (repo.subtreeMembers).
 */
export const duesReminders: ReminderProvider = async (db, scope, q) => {
  const [versions, all] = await Promise.all([repo.loadRuleVersions(db), repo.subtreeMembers(db, scope, q.subtreePath, q.today, q.today, { withAccount: true })]);
  const members = all.filter((m) => !m.left_on && (q.memberId === undefined || m.id === q.memberId));
  const rules = new DuesRules(versions);
  const remindMonths = rules.params<{ months: number }>('dues.arrears_remind_months', monthOf(q.today)).months;
  const facts = await repo.loadFacts(db, members);
  const out: Reminder[] = [];
  for (const m of members) {
    const a = arrearsOf(rules, facts.get(m.id)!, q.today);
    if (a.months.length === 0) continue;
    const first = a.months[0]!.month;
    const base = { orgId: m.org_id, orgName: m.org_name, memberId: m.id, memberName: m.name, link: `/dues?orgId=${m.org_id}&member=${m.id}` };
    if (a.flagged) {
      out.push({
        ...base,
        kind: 'dues.six_months',
        severity: 'overdue',
        title: `${m.name}已连续 ${a.longestRun} 个月未交纳党费（${a.runFrom} 至 ${a.runTo}），应按规定处理：请党支部了解情况、教育督促并研究处理（系统不会自动除名）`,
        titleEn: `${m.name} has not paid dues for ${a.longestRun} consecutive months (${a.runFrom} to ${a.runTo}); the branch should review the case as the rules require (no automatic removal)`,
        dueOn: monthEnd(a.runFrom!),
      });
    } else if (a.months.length >= remindMonths) {
      out.push({
        ...base,
        kind: 'dues.arrears',
        severity: 'overdue',
        title: `${m.name}欠交党费 ${a.months.length} 个月（${first} 起），共 ${fenToYuan(a.amountFen)} 元，请督促补交`,
        titleEn: `${m.name} owes dues for ${a.months.length} months (since ${first}), ${fenToYuan(a.amountFen)} yuan in total`,
        dueOn: monthEnd(first),
      });
    }
    if (out.length >= q.limit) break;
  }
  return out;
};
