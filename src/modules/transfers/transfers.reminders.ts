// What falls due in transfers: approvals waiting, letters waiting for confirmation (and those
// expiring within the rule's days), letters that expired unconfirmed.
import dayjs from 'dayjs';
import { sql } from 'kysely';
import { orgPathInScope } from '../../db/scope.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import type { Reminder, ReminderProvider } from '../reminders/types.ts';

interface Row {
  id: number;
  state: string;
  kind: string;
  member_id: number | null;
  member_name: string;
  valid_until: string | null;
  first_issued_on: string | null;
  org_id: number;
  org_name: string;
  from_org_name: string;
  to_org_name: string;
  step_org_name: string | null;
}

export const transferReminders: ReminderProvider = async (db, scope, q) => {
  const rules = await rulesInForce(db, q.today);
  const warnDays = (rules.get('transfer.expiry_warn_days')?.params as { days?: number } | undefined)?.days ?? 15;
  const confirmDays = (rules.get('transfer.confirm_warn_days')?.params as { days?: number } | undefined)?.days ?? 30;
  const member = q.memberId ? sql`and t.member_id = ${q.memberId}` : sql``;
  // One row per transfer and the organization that has to act: the approver (pending), the
  // receiving side (issued, internal or incoming), the sending side (issued out of the system, or
  // expired: the sending side re-issues).
  const r = await sql<Row>`
    select t.id, t.state, t.kind, t.member_id, t.member_name, l.valid_until::text as valid_until, t.first_issued_on::text as first_issued_on,
           o.id as org_id, o.name as org_name, t.from_org_name, t.to_org_name, s.org_name as step_org_name
    from transfers t
    left join transfer_letters l on l.transfer_id = t.id and l.superseded_on is null
    left join lateral (select org_id, org_name from transfer_steps where transfer_id = t.id and decision is null order by seq limit 1) s on t.state = 'pending'
    join organizations o on o.id = case
      when t.state = 'pending' then s.org_id
      when t.state = 'issued' and l.valid_until >= ${q.today}::date and t.kind <> 'outgoing' then t.to_org_id
      else coalesce(t.from_org_id, t.to_org_id) end
    where t.state in ('pending', 'issued')
      and o.path <@ ${q.subtreePath}::ltree and ${orgPathInScope(scope, 'o.path')} ${member}
    order by t.id
    limit ${q.limit}`.execute(db);
  const horizon = dayjs(q.today).add(warnDays, 'day').format('YYYY-MM-DD');
  const out: Reminder[] = [];
  for (const x of r.rows) {
    const base = { orgId: x.org_id, orgName: x.org_name, memberId: x.member_id, memberName: x.member_name, link: `/transfers?id=${x.id}` };
    if (x.state === 'pending') {
      out.push({ ...base, kind: 'transfer.approval_pending', severity: 'due', title: `${x.member_name}的组织关系转接（转往${x.to_org_name}）待${x.step_org_name ?? ''}审批`, titleEn: `Transfer of ${x.member_name} to ${x.to_org_name} awaits approval`, dueOn: null });
    } else if (x.valid_until && x.valid_until < q.today) {
      out.push({ ...base, kind: 'transfer.letter_expired', severity: 'overdue', title: `${x.member_name}的组织关系介绍信已于${x.valid_until}过期，请重新开具或撤销`, titleEn: `The transfer letter of ${x.member_name} expired on ${x.valid_until}; re-issue or cancel it`, dueOn: x.valid_until });
    } else if (x.valid_until && x.valid_until <= horizon) {
      out.push({ ...base, kind: 'transfer.letter_expiring', severity: 'due', title: `${x.member_name}的组织关系介绍信将于${x.valid_until}到期，请及时办理接收`, titleEn: `The transfer letter of ${x.member_name} expires on ${x.valid_until}; confirm it in time`, dueOn: x.valid_until });
    } else if (x.first_issued_on) {
      const due = dayjs(x.first_issued_on).add(confirmDays, 'day').format('YYYY-MM-DD');
      out.push({ ...base, kind: 'transfer.confirm_pending', severity: due < q.today ? 'overdue' : 'info', title: x.kind === 'outgoing' ? `${x.member_name}转往${x.to_org_name}，待确认已接收（回执）` : `${x.member_name}的组织关系（来自${x.from_org_name}）待接收`, titleEn: `Transfer of ${x.member_name} awaits confirmation`, dueOn: due < q.today ? due : null });
    }
  }
  return out;
};
