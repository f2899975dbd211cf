import { rulesInForce } from '../rules/rules.repository.ts';
import type { Reminder, ReminderProvider } from '../reminders/types.ts';
import { listCases, stepDates } from './development.repository.ts';
import { nextDue, probationEnd, stepLabel, type DoneDates } from './steps.ts';
import { horizonEnd } from '../reminders/window.ts';

/**
 * Development reminders: a step with a deadline (talk within a month, approval within three
 * months…) due soon or overdue; the end of probation (convert or extend); an activist whose
 * year of cultivation is over (may now become a development target).
 */
export const developmentReminders: ReminderProvider = async (db, scope, q) => {
  const rules = await rulesInForce(db, q.today);
  const rows = (await listCases(db, scope, { subtreePath: q.subtreePath, status: 'open' })).filter((c) => q.memberId === undefined || c.member_id === q.memberId);
  const steps = await stepDates(db, rows.map((r) => r.id));
  const horizon = horizonEnd(q.today, q.horizonDays);
  const out: Reminder[] = [];
  for (const c of rows) {
    const done: DoneDates = Object.fromEntries(steps.filter((s) => s.case_id === c.id).map((s) => [s.step, s.done_on]));
    const due = nextDue(rules, c.last_step, done, c.probation_extension_months, c.applied_on);
    if (!due) continue;
    const base = { orgId: c.org_id, orgName: c.org_name, memberId: c.member_id, memberName: c.name, link: `/development/${c.id}` };
    const label = stepLabel(due.step);
    const end = probationEnd(rules, done, c.probation_extension_months);
    if ((due.step === 'full_application' || due.step === 'full_meeting') && end && end <= horizon) {
      const past = end < q.today;
      out.push({ ...base, kind: 'development.probation_end', severity: past ? 'overdue' : 'due', dueOn: end, title: past ? `${c.name}的预备期已于 ${end} 届满，请及时召开支部大会讨论转正或延长预备期` : `${c.name}的预备期将于 ${end} 届满，请准备转正`, titleEn: `${c.name}'s probation ${past ? 'ended' : 'ends'} on ${end}: discuss full membership` });
    } else if (due.dueOn && due.dueOn <= horizon) {
      const past = due.dueOn < q.today;
      out.push({ ...base, kind: 'development.step_due', severity: past ? 'overdue' : 'due', dueOn: due.dueOn, title: `${c.name}：“${label.zh}”${past ? '已超期，期限为' : '应不晚于'} ${due.dueOn}`, titleEn: `${c.name}: "${label.en}" ${past ? 'was due' : 'is due'} by ${due.dueOn}` });
    } else if (due.step === 'target' && due.earliestOn && due.earliestOn <= horizon) {
      out.push({ ...base, kind: 'development.target_ready', severity: 'info', dueOn: due.earliestOn, title: `${c.name}自 ${due.earliestOn} 起培养考察满一年，可以讨论确定为发展对象`, titleEn: `${c.name} completes a year as activist on ${due.earliestOn} and may become a development target` });
    }
    if (out.length >= q.limit) break;
  }
  return out;
};
