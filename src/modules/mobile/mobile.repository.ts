import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB, MobileRecordTable } from '../../db/schema.ts';
import { orgPathInScope } from '../../db/scope.ts';
import type { Scope } from '../../server/context.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Dates the review flag and the contact reminder are computed against (from the rules in force). */
export interface FlagParams {
  today: string;
  /** `mobile.review_after` months: away longer than this, and no evidence since windowStart. */
  reviewMonths: number;
  /** today − reviewMonths: the start of "the last six months". */
  windowStart: string;
  /** `mobile.contact_interval` months. */
  contactMonths: number;
  /** Whether the dues tables exist (the dues module may be absent): checked once per request. */
  hasDues: boolean;
}

/** Does the dues payments table exist? (to_regclass answers null for a missing table, no error.) */
export async function duesTablesExist(db: Db): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select to_regclass('dues_payments') is not null as ok`.execute(db);
  return r.rows[0]?.ok === true;
}

const lastContact = sql<string | null>`(select max(c.contacted_on)::text from mobile_contacts c where c.record_id = r.id)`;

/**
 * The six-month review rule (decision 0012): an open outflow older than the review period, with
 * no contact record and no attendance (present) at a held meeting (组织生活, decision 0016), no
 * transfer started and no dues payment since the window start.
 */
export function flaggedSql(p: FlagParams) {
  const dues = p.hasDues ? sql`and not exists (select 1 from dues_payments dp where dp.member_id = r.member_id and dp.voided_at is null and dp.paid_on >= ${p.windowStart}::date)` : sql``;
  return sql<boolean>`(r.direction = 'outflow' and r.returned_on is null
    and (r.since + make_interval(months => ${p.reviewMonths}))::date < ${p.today}::date
    and not exists (select 1 from mobile_contacts c where c.record_id = r.id and c.contacted_on >= ${p.windowStart}::date)
    and not exists (select 1 from orglife_attendance oa join orglife_meetings om on om.id = oa.meeting_id where oa.member_id = r.member_id and oa.status = 'present' and om.state = 'held' and om.held_on >= ${p.windowStart}::date)
    and not exists (select 1 from transfers t where t.member_id = r.member_id and t.state <> 'cancelled' and (t.created_at at time zone 'Asia/Shanghai')::date >= ${p.windowStart}::date)
    ${dues})`;
}

export function contactOverdueSql(p: FlagParams) {
  return sql<boolean>`(r.direction = 'outflow' and r.returned_on is null
    and (coalesce((select max(c.contacted_on) from mobile_contacts c where c.record_id = r.id), r.since) + make_interval(months => ${p.contactMonths}))::date < ${p.today}::date)`;
}

/**
 * Records a scope sees: an outflow belongs to the member's current organization, an inflow to the
 * local organization it is linked to; a member sees their own.
 */
export function visible(db: Db, scope: Scope) {
  const q = db
    .selectFrom('mobile_records as r')
    .leftJoin('members as m', 'm.id', 'r.member_id')
    .innerJoin('organizations as o', (j) => j.on(sql<boolean>`o.id = case when r.direction = 'outflow' then m.org_id else r.org_id end`))
    .where(orgPathInScope(scope, 'o.path'));
  return scope.kind === 'self' ? q.where('r.member_id', '=', scope.memberId ?? -1) : q;
}

const columns = [
  'r.id',
  'r.direction',
  'r.member_id',
  'o.id as org_id',
  'o.name as org_name',
  'o.path as org_path',
  'r.person_name',
  'r.phone',
  'r.place',
  'r.since',
  'r.reason',
  'r.host_org_name',
  'r.host_is_temporary',
  'r.home_org_name',
  'r.certificate_no',
  'r.returned_on',
  'r.return_note',
  'r.created_by_name',
] as const;

export interface MobileFilter {
  subtreePath?: string | undefined;
  direction: string;
  status: 'open' | 'returned' | 'flagged' | 'all';
  q?: string | undefined;
}

function filtered(db: Db, scope: Scope, f: MobileFilter, p: FlagParams) {
  let q = visible(db, scope).where('r.direction', '=', f.direction);
  if (f.subtreePath) q = q.where(sql<boolean>`o.path <@ ${f.subtreePath}::ltree`);
  if (f.status === 'open') q = q.where('r.returned_on', 'is', null);
  else if (f.status === 'returned') q = q.where('r.returned_on', 'is not', null);
  else if (f.status === 'flagged') q = q.where(flaggedSql(p));
  if (f.q) q = q.where('r.person_name', 'like', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return q;
}

export async function listRecords(db: Db, scope: Scope, f: MobileFilter, p: FlagParams, page: { offset: number; limit: number }) {
  const [items, total] = await Promise.all([
    filtered(db, scope, f, p)
      .select(columns)
      .select([lastContact.as('last_contact_on'), flaggedSql(p).as('flagged'), contactOverdueSql(p).as('contact_overdue')])
      .orderBy('r.since', 'desc')
      .orderBy('r.id', 'desc')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    filtered(db, scope, f, p).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export async function findRecord(db: Db, scope: Scope, id: number, p: FlagParams) {
  return visible(db, scope)
    .select(columns)
    .select([lastContact.as('last_contact_on'), flaggedSql(p).as('flagged'), contactOverdueSql(p).as('contact_overdue')])
    .where('r.id', '=', id)
    .executeTakeFirst();
}
export type RecordRow = NonNullable<Awaited<ReturnType<typeof findRecord>>>;

export async function listContacts(db: Db, recordId: number) {
  return db.selectFrom('mobile_contacts').selectAll().where('record_id', '=', recordId).orderBy('contacted_on', 'desc').orderBy('id', 'desc').execute();
}

export async function openOutflowOf(db: Db, memberId: number) {
  return db.selectFrom('mobile_records').select(['id', 'place', 'since']).where('member_id', '=', memberId).where('direction', '=', 'outflow').where('returned_on', 'is', null).executeTakeFirst();
}

export async function insertRecord(trx: Transaction<DB>, row: Insertable<MobileRecordTable>) {
  return trx.insertInto('mobile_records').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function insertContact(trx: Transaction<DB>, row: { record_id: number; contacted_on: string; way: string; note: string | null; recorded_by_name: string }) {
  return trx.insertInto('mobile_contacts').values(row).returning('id').executeTakeFirstOrThrow();
}

/** End a record; an outflow's end clears members.is_mobile in the same transaction. */
export async function endRecord(trx: Transaction<DB>, id: number, on: string, note: string | null) {
  const r = await trx.updateTable('mobile_records').set({ returned_on: on, return_note: note }).where('id', '=', id).where('returned_on', 'is', null).returning(['member_id', 'direction']).executeTakeFirst();
  if (r?.direction === 'outflow' && r.member_id) await setMobile(trx, r.member_id, false);
}

export async function setMobile(trx: Transaction<DB>, memberId: number, value: boolean) {
  await trx.updateTable('members').set({ is_mobile: value, updated_at: new Date() }).where('id', '=', memberId).execute();
}
