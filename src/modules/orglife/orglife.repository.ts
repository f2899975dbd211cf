import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Updateable } from 'kysely';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';
import { BRANCH_KINDS, type MeetingKind } from './orglife.rules.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface EntitledRow {
  member_id: number;
  name: string;
  status: 'full' | 'probationary';
}

/**
 * Who is entitled to attend, from the register on the date: the committee members in office
 * (org_posts, not 党小组长) for a committee meeting; otherwise the organization's members — for a
 * branch including the members registered in its 党小组. Members who left or joined later are not listed.
 */
export async function entitledOn(db: Db, orgId: number, kind: MeetingKind, onDate: string): Promise<EntitledRow[]> {
  const status = sql`case when m.full_member_on is not null and m.full_member_on <= ${onDate}::date then 'full' else 'probationary' end`;
  const alive = sql`m.joined_on <= ${onDate}::date and (m.left_on is null or m.left_on > ${onDate}::date)`;
  if (kind === 'committee_meeting') {
    const r = await sql<EntitledRow>`
      select distinct m.id as member_id, m.name, ${status} as status
      from org_posts p join members m on m.id = p.member_id
      where p.org_id = ${orgId} and p.post <> 'group_leader' and p.started_on <= ${onDate}::date and (p.ended_on is null or p.ended_on >= ${onDate}::date) and ${alive}
      order by m.name, m.id`.execute(db);
    return r.rows;
  }
  const r = await sql<EntitledRow>`
    select m.id as member_id, m.name, ${status} as status
    from member_periods p join members m on m.id = p.member_id
    where p.org_id in (select g.id from organizations g where g.id = ${orgId} or (g.parent_id = ${orgId} and g.kind = 'group'))
      and p.valid_from <= ${onDate}::date and (p.valid_to is null or p.valid_to > ${onDate}::date) and ${alive}
    order by m.name, m.id`.execute(db);
  return r.rows;
}

const meetingColumns = [
  'm.id',
  'm.org_id',
  'o.name as org_name',
  'o.path as org_path',
  'o.kind as org_kind',
  'm.kind',
  'm.state',
  'm.topic',
  'm.planned_on',
  'm.starts_at',
  'm.place',
  'm.notice',
  'm.notice_sent_on',
  'm.held_on',
  'm.host_name',
  'm.recorder_name',
  'm.minutes',
  'm.visitors',
  'm.quorum_met',
  'm.cancelled_on',
  'm.cancel_reason',
  'm.created_by_name',
] as const;

const counts = [
  sql<number>`(select count(*) from orglife_attendance a where a.meeting_id = m.id)::int`.as('invited'),
  sql<number>`(select count(*) from orglife_attendance a where a.meeting_id = m.id and a.status = 'present')::int`.as('present'),
  sql<number>`(select count(*) from orglife_attachments f where f.meeting_id = m.id)::int`.as('attachments'),
];

/** Meetings a scope sees: inside its subtree; a member sees only those they are invited to. */
function visible(db: Db, scope: Scope) {
  const q = db.selectFrom('orglife_meetings as m').innerJoin('organizations as o', 'o.id', 'm.org_id');
  if (scope.kind === 'self') return q.where(sql<boolean>`exists (select 1 from orglife_attendance a where a.meeting_id = m.id and a.member_id = ${scope.memberId ?? -1})`);
  return q.where(orgPathInScope(scope, 'o.path'));
}

export async function findMeeting(db: Db, scope: Scope, id: number, lock = false) {
  let q = visible(db, scope).select([...meetingColumns, ...counts]).where('m.id', '=', id);
  if (lock) q = q.forUpdate('m');
  return q.executeTakeFirst();
}
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

export interface ListFilter {
  subtreePath: string;
  kind?: string | undefined;
  state?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

/** Meetings in a subtree, by their date (held date, else planned date), newest first. */
export async function listMeetings(db: Db, scope: Scope, f: ListFilter) {
  const date = sql<string>`coalesce(m.held_on, m.planned_on)`;
  let q = visible(db, scope).where(sql<boolean>`o.path <@ ${f.subtreePath}::ltree`);
  if (f.kind) q = q.where('m.kind', '=', f.kind);
  if (f.state) q = q.where('m.state', '=', f.state);
  if (f.from) q = q.where(sql<boolean>`${date} >= ${f.from}::date`);
  if (f.to) q = q.where(sql<boolean>`${date} <= ${f.to}::date`);
  const [items, total] = await Promise.all([
    q.select([...meetingColumns, ...counts]).orderBy(date, 'desc').orderBy('m.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export type MeetingInsert = {
  org_id: number;
  kind: string;
  topic: string;
  planned_on: string;
  starts_at: string | null;
  place: string | null;
  notice: string | null;
  notice_sent_on: string | null;
  created_by_name: string;
};

export async function insertMeeting(db: Db, row: MeetingInsert) {
  return db.insertInto('orglife_meetings').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateMeeting(db: Db, id: number, patch: Updateable<DB['orglife_meetings']>) {
  await db.updateTable('orglife_meetings').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function attendance(db: Db, meetingId: number) {
  return db
    .selectFrom('orglife_attendance as a')
    .innerJoin('members as mb', 'mb.id', 'a.member_id')
    .select(['a.member_id', 'mb.name', 'a.member_status', 'a.status', 'a.reason'])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('mb.name')
    .orderBy('a.member_id')
    .execute();
}

export async function replaceAttendance(db: Db, meetingId: number, rows: { member_id: number; member_status: string; status: string | null; reason: string | null }[]) {
  await db.deleteFrom('orglife_attendance').where('meeting_id', '=', meetingId).execute();
  if (rows.length) await db.insertInto('orglife_attendance').values(rows.map((r) => ({ meeting_id: meetingId, ...r }))).execute();
}

export async function attachments(db: Db, meetingId: number) {
  return db.selectFrom('orglife_attachments').select(['id', 'file_name', 'content_type', 'size', 'uploaded_by_name', 'created_at']).where('meeting_id', '=', meetingId).orderBy('id').execute();
}

export async function insertAttachment(db: Db, row: { meeting_id: number; file_name: string; content_type: string; size: number; sha256: string; data: Uint8Array; uploaded_by_name: string }) {
  return db.insertInto('orglife_attachments').values(row).returning('id').executeTakeFirstOrThrow();
}

/** An attachment with its meeting, if the meeting is visible to the scope. */
export async function findAttachment(db: Db, scope: Scope, id: number, withData: boolean) {
  const q = visible(db, scope).innerJoin('orglife_attachments as f', 'f.meeting_id', 'm.id').select(['f.id', 'f.meeting_id', 'f.file_name', 'f.content_type', 'f.size', 'f.sha256', 'o.path as org_path', 'm.state']).where('f.id', '=', id);
  return withData ? q.select('f.data').executeTakeFirst() : q.executeTakeFirst();
}

export async function deleteAttachment(db: Db, id: number) {
  await db.deleteFrom('orglife_attachments').where('id', '=', id).execute();
}

const orgsUnder = (scope: Scope, subtreePath: string, kinds: string[]) => sql`
  select o.id, o.name, o.path, o.kind, o.parent_id, o.established_on, o.dissolved_on, o.sort_order from organizations o
  where o.path <@ ${subtreePath}::ltree and ${orgPathInScope(scope, 'o.path')} and o.kind = any(${kinds}::text[])
    and (o.status = 'active' or o.dissolved_on is not null)`;

export interface SlotRow {
  org_id: number;
  org_name: string;
  org_path: string;
  org_kind: string;
  parent_id: number | null;
  kind: string;
  slot_from: string;
  slot_to: string;
  meeting_ids: number[];
  last_held_on: string | null;
}

/**
 * Every required meeting slot of every organization in the subtree, with the held meetings that
 * satisfy it (held by `asOf`, quorum met where needed), in one set-based query. Branches get the
 * branch kinds (committee meetings only while ≥ minPosts committee members are in office at the
 * slot's end or asOf), 党小组 get group meetings, and only slots while the organization existed.
 * `unmetOnly` returns only the slots without a meeting (the overdue and closing lists need no more).
 */
export async function slotRows(db: Db, scope: Scope, subtreePath: string, slots: { kind: string; from: string; to: string }[], asOf: string, minPosts: number, unmetOnly = false): Promise<SlotRow[]> {
  if (slots.length === 0) return [];
  const r = await sql<SlotRow>`
    with orgs as (${orgsUnder(scope, subtreePath, [...BRANCH_KINDS, 'group'])}),
    slots as (select * from unnest(${slots.map((s) => s.kind)}::text[], ${slots.map((s) => s.from)}::date[], ${slots.map((s) => s.to)}::date[]) as s(mkind, s_from, s_to)),
    req as (
      select o.*, s.mkind, s.s_from, s.s_to, least(s.s_to, ${asOf}::date) as upto from orgs o join slots s
        on (case when s.mkind = 'group_meeting' then o.kind = 'group' else o.kind <> 'group' end)
       and (o.established_on is null or o.established_on <= s.s_to) and (o.dissolved_on is null or o.dissolved_on >= s.s_from)
       and s.s_from <= ${asOf}::date
      where s.mkind <> 'committee_meeting' or (
        select count(distinct p.holder_name) from org_posts p
        where p.org_id = o.id and p.post <> 'group_leader' and p.started_on <= least(s.s_to, ${asOf}::date) and (p.ended_on is null or p.ended_on >= least(s.s_to, ${asOf}::date))) >= ${minPosts}
    )
    select r.id as org_id, r.name as org_name, r.path::text as org_path, r.kind as org_kind, r.parent_id, r.mkind as kind, r.s_from::text as slot_from, r.s_to::text as slot_to,
      coalesce(array_agg(m.id order by m.held_on, m.id) filter (where m.id is not null), '{}') as meeting_ids,
      max(m.held_on)::text as last_held_on
    from req r
    left join orglife_meetings m on m.org_id = r.id and m.kind = r.mkind and m.state = 'held' and coalesce(m.quorum_met, true) and m.held_on between r.s_from and r.upto
    group by r.id, r.name, r.path, r.kind, r.parent_id, r.sort_order, r.mkind, r.s_from, r.s_to
    ${unmetOnly ? sql`having count(m.id) = 0` : sql``}
    order by r.path, r.mkind, r.s_from`.execute(db);
  return r.rows.map((x) => ({ ...x, meeting_ids: (x.meeting_ids ?? []).map(Number) }));
}

export interface ActivityRow {
  org_id: number;
  org_name: string;
  org_path: string;
  established_on: string | null;
  last_held_on: string | null;
  /** Longest stretch in days without a held meeting between the window start (or the last meeting before it) and asOf. */
  max_gap: number;
  held: number;
}

/**
 * Activity of the branches in a subtree over [from, asOf]: the longest gap between consecutive
 * held meetings of any kind (the last one before `from`, or `from` itself / the founding date, opens
 * the window; asOf closes it), the last held date and the count held in the window.
 */
export async function activityRows(db: Db, scope: Scope, subtreePath: string, from: string, asOf: string): Promise<ActivityRow[]> {
  // Set-based (one pass over the window's meetings, grouped), not a subquery per organization:
  // a county's 500 branches with a year of meetings each take tens of milliseconds (decision 0023).
  const r = await sql<ActivityRow>`
    with orgs as (${orgsUnder(scope, subtreePath, BRANCH_KINDS)}),
    live as (select * from orgs where (established_on is null or established_on <= ${asOf}::date) and (dissolved_on is null or dissolved_on >= ${from}::date)),
    held as (select m.org_id, m.held_on as d from orglife_meetings m join live o on o.id = m.org_id where m.state = 'held' and m.held_on between ${from}::date and ${asOf}::date),
    opening as (
      select o.id as org_id, coalesce((select max(m.held_on) from orglife_meetings m where m.org_id = o.id and m.state = 'held' and m.held_on < ${from}::date), greatest(${from}::date, coalesce(o.established_on, ${from}::date))) as d from live o
    ),
    pts as (
      select org_id, d from held
      union all select org_id, d from opening
      union all select o.id, least(${asOf}::date, coalesce(o.dissolved_on, ${asOf}::date)) from live o
    ),
    gaps as (select org_id, max(gap) as max_gap from (select org_id, d - lag(d) over (partition by org_id order by d) as gap from pts) g group by org_id),
    counted as (select org_id, count(*)::int as held from held group by org_id)
    select o.id as org_id, o.name as org_name, o.path::text as org_path, o.established_on::text as established_on,
      (select max(m.held_on)::text from orglife_meetings m where m.org_id = o.id and m.state = 'held' and m.held_on <= ${asOf}::date) as last_held_on,
      coalesce(g.max_gap, 0)::int as max_gap,
      coalesce(c.held, 0)::int as held
    from live o left join gaps g on g.org_id = o.id left join counted c on c.org_id = o.id
    order by o.path`.execute(db);
  return r.rows;
}

/** Held meetings per month and kind in a subtree over [from, to] (for the chart). */
export async function monthlyCounts(db: Db, scope: Scope, subtreePath: string, from: string, to: string) {
  const r = await sql<{ month: string; kind: string; n: number }>`
    select to_char(m.held_on, 'YYYY-MM') as month, m.kind, count(*)::int as n
    from orglife_meetings m join organizations o on o.id = m.org_id
    where o.path <@ ${subtreePath}::ltree and ${orgPathInScope(scope, 'o.path')} and m.state = 'held' and m.held_on between ${from}::date and ${to}::date
    group by 1, 2 order by 1, 2`.execute(db);
  return r.rows;
}

/** Planned meetings in a subtree from `from` to `until` (reminders), or those a member is invited to. */
export async function plannedMeetings(db: Db, scope: Scope, q: { subtreePath: string; memberId?: number | undefined; from: string; until: string; limit: number }) {
  let x = visible(db, scope)
    .select(['m.id', 'm.org_id', 'o.name as org_name', 'm.kind', 'm.topic', 'm.planned_on', 'm.starts_at', 'm.place'])
    .where(sql<boolean>`o.path <@ ${q.subtreePath}::ltree`)
    .where('m.state', '=', 'planned')
    .where('m.planned_on', '>=', q.from)
    .where('m.planned_on', '<=', q.until);
  if (q.memberId !== undefined) x = x.where(sql<boolean>`exists (select 1 from orglife_attendance a where a.meeting_id = m.id and a.member_id = ${q.memberId})`);
  return x.orderBy('m.planned_on').orderBy('m.id').limit(q.limit).execute();
}

/** Held meetings by id with their organization (evidence labels). */
export async function meetingsByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('orglife_meetings as m')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.kind', 'm.topic', 'm.held_on', 'o.name as org_name'])
    .where('m.id', 'in', ids)
    .orderBy('m.held_on')
    .orderBy('m.id')
    .execute();
}
