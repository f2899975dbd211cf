// What falls due for mobile members: no contact for the rule's interval (3 months), and members
// flagged for review (away over six months with no transfer, contact or dues in that time).
import { sql } from 'kysely';
import { addMonths } from '../../lib/dates.ts';
import type { Reminder, ReminderProvider } from '../reminders/types.ts';
import { contactOverdueSql, flaggedSql, visible } from './mobile.repository.ts';
import { flagParams } from './mobile.service.ts';

export const mobileReminders: ReminderProvider = async (db, scope, q) => {
  const p = await flagParams(db, q.today);
  let query = visible(db, scope)
    .where('r.direction', '=', 'outflow')
    .where('r.returned_on', 'is', null)
    .where(sql<boolean>`o.path <@ ${q.subtreePath}::ltree`)
    .where((eb) => eb.or([eb(flaggedSql(p), '=', true), eb(contactOverdueSql(p), '=', true)]))
    .select(['r.id', 'r.member_id', 'r.person_name', 'r.place', 'r.since', 'o.id as org_id', 'o.name as org_name'])
    .select([sql<string | null>`(select max(c.contacted_on)::text from mobile_contacts c where c.record_id = r.id)`.as('last_contact_on'), flaggedSql(p).as('flagged')])
    .orderBy('r.since')
    .limit(q.limit);
  if (q.memberId) query = query.where('r.member_id', '=', q.memberId);
  const rows = await query.execute();
  const out: Reminder[] = [];
  for (const r of rows) {
    const base = { orgId: r.org_id, orgName: r.org_name, memberId: r.member_id, memberName: r.person_name, link: `/mobile?id=${r.id}` };
    if (r.flagged) {
      out.push({ ...base, kind: 'mobile.review', severity: 'overdue', title: `流动党员${r.person_name}外出（${r.place}）已超过${p.reviewMonths}个月，近${p.reviewMonths}个月无联系、无转接、无党费记录，请核查（系统不自动处置）`, titleEn: `${r.person_name} has been away (${r.place}) over ${p.reviewMonths} months with no contact, transfer or dues since; please review`, dueOn: addMonths(r.since, p.reviewMonths) });
    } else {
      const due = addMonths(r.last_contact_on ?? r.since, p.contactMonths);
      out.push({ ...base, kind: 'mobile.no_contact', severity: 'overdue', title: `流动党员${r.person_name}（${r.place}）已超过${p.contactMonths}个月没有联系记录，请及时联系`, titleEn: `No contact with ${r.person_name} (${r.place}) for over ${p.contactMonths} months`, dueOn: due });
    }
  }
  return out;
};
