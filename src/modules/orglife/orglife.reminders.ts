import dayjs from 'dayjs';
import { daysBetween } from '../../lib/dates.ts';
import { ORGLIFE_KIND } from '../../shared/enums.ts';
import type { Reminder, ReminderProvider } from '../reminders/types.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import { computeSlots, inactiveOrgs } from './orglife.compliance.ts';
import * as repo from './orglife.repository.ts';
import { ruleParam, slotLabel, type MeetingKind } from './orglife.rules.ts';
import { horizonEnd } from '../reminders/window.ts';

const label = (k: string) => ORGLIFE_KIND.table[k as MeetingKind] ?? { zh: k, en: k };

/**
 * 组织生活 reminders. For an organization list: required meetings missed this year (overdue),
 * current periods closing without one (due), branches with no meeting for longer than the rule's
 * days (overdue), and planned meetings coming up (info). For a member: the meetings they are invited to.
 */
export const orglifeReminders: ReminderProvider = async (db, scope, q) => {
  const until = horizonEnd(q.today, q.horizonDays);
  const planned = await repo.plannedMeetings(db, scope, { subtreePath: q.subtreePath, memberId: q.memberId, from: q.today, until, limit: q.limit });
  const upcoming: Reminder[] = planned.map((m) => ({
    kind: 'orglife.meeting_planned',
    severity: 'info',
    title: `${m.planned_on}${m.starts_at ? ' ' + m.starts_at : ''} ${m.org_name}${label(m.kind).zh}：${m.topic}${m.place ? `（${m.place}）` : ''}`,
    titleEn: `${m.planned_on}${m.starts_at ? ' ' + m.starts_at : ''} ${label(m.kind).en} of ${m.org_name}: ${m.topic}`,
    dueOn: m.planned_on,
    orgId: m.org_id,
    orgName: m.org_name,
    memberId: q.memberId ?? null,
    memberName: null,
    link: `/orglife/meetings/${m.id}`,
  }));
  if (q.memberId !== undefined || scope.kind === 'self') return upcoming;

  const year = q.today.slice(0, 4);
  const [c, activity] = await Promise.all([
    computeSlots(db, scope, q.subtreePath, { from: `${year}-01-01`, to: `${year}-12-31` }, q.today, { unmetOnly: true }),
    repo.activityRows(db, scope, q.subtreePath, dayjs(q.today).subtract(1, 'year').format('YYYY-MM-DD'), q.today),
  ]);
  const rules = await rulesInForce(db, q.today);
  const closingDays = ruleParam(rules, 'orglife.activity', 'closingDays');
  const out: Reminder[] = [];
  for (const s of c.slots) {
    const p = slotLabel(s.periodMonths, s.slot_from);
    const pEn = slotLabel(s.periodMonths, s.slot_from, true);
    const base = { dueOn: s.slot_to, orgId: s.org_id, orgName: s.org_name, memberId: null, memberName: null, link: `/orglife?orgId=${s.org_id}&span=${year}` };
    if (s.status === 'missed') {
      out.push({ kind: 'orglife.missed', severity: 'overdue', title: `${s.org_name}${p}未召开${label(s.kind).zh}（应于 ${s.slot_to} 前召开）`, titleEn: `${s.org_name} held no ${label(s.kind).en} in ${pEn} (due by ${s.slot_to})`, ...base });
    } else if (s.status === 'open' && s.slot_from <= q.today && daysBetween(q.today, s.slot_to) <= closingDays) {
      const left = daysBetween(q.today, s.slot_to);
      out.push({ kind: 'orglife.closing', severity: 'due', title: `${s.org_name}${p}尚未召开${label(s.kind).zh}，还有 ${left} 天`, titleEn: `${s.org_name} has not yet held its ${label(s.kind).en} for ${pEn}; ${left} days left`, ...base });
    }
  }
  const days = ruleParam(rules, 'orglife.activity', 'inactiveDays');
  for (const r of inactiveOrgs(activity, q.today, days)) {
    out.push({
      kind: 'orglife.inactive',
      severity: 'overdue',
      title: r.lastHeldOn ? `${r.orgName}已 ${r.days} 天没有开展组织生活（最近一次 ${r.lastHeldOn}）` : `${r.orgName}没有已召开的组织生活记录`,
      titleEn: r.lastHeldOn ? `${r.orgName} has held no organizational life for ${r.days} days (last on ${r.lastHeldOn})` : `${r.orgName} has no recorded organizational life`,
      dueOn: r.lastHeldOn ? dayjs(r.lastHeldOn).add(days, 'day').format('YYYY-MM-DD') : null,
      orgId: r.orgId,
      orgName: r.orgName,
      memberId: null,
      memberName: null,
      link: `/orglife?orgId=${r.orgId}`,
    });
  }
  return [...out, ...upcoming].slice(0, q.limit);
};
