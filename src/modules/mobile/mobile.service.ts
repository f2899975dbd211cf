// 流动党员: outflow and inflow registration, contact records, return, and the six-month review
// flag (decision 0012). members.is_mobile is true exactly while an outflow is open.
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { addMonths, todayCN } from '../../lib/dates.ts';
import { can, type RequestContext } from '../../server/context.ts';
import { AppError, badRequest, forbidden, isUniqueViolation, notFound } from '../../server/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findMember } from '../members/members.repository.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import * as repo from './mobile.repository.ts';
import type { ContactBody, InflowBody, MobileContact, MobileDetail, MobileListQuery, MobileRecord, OutflowBody, ReturnBody } from './mobile.schemas.ts';

type Item = z.infer<typeof MobileRecord>;

/** The review and contact rules in force today, as the dates the queries compare against. */
export async function flagParams(db: Kysely<DB> | Transaction<DB>, today = todayCN()): Promise<repo.FlagParams> {
  const rules = await rulesInForce(db, today);
  const reviewMonths = (rules.get('mobile.review_after')?.params as { months?: number } | undefined)?.months ?? 6;
  const contactMonths = (rules.get('mobile.contact_interval')?.params as { months?: number } | undefined)?.months ?? 3;
  return { today, reviewMonths, windowStart: addMonths(today, -reviewMonths), contactMonths, hasDues: await repo.duesTablesExist(db) };
}

function present(r: repo.RecordRow): Item {
  return {
    id: r.id,
    direction: r.direction as Item['direction'],
    memberId: r.member_id,
    orgId: r.org_id,
    orgName: r.org_name,
    personName: r.person_name,
    phone: r.phone,
    place: r.place,
    since: r.since,
    reason: r.reason,
    hostOrgName: r.host_org_name,
    hostIsTemporary: r.host_is_temporary,
    homeOrgName: r.home_org_name,
    certificateNo: r.certificate_no,
    returnedOn: r.returned_on,
    returnNote: r.return_note,
    createdByName: r.created_by_name,
    lastContactOn: r.last_contact_on,
    contactOverdue: r.contact_overdue,
    flagged: r.flagged,
  };
}

export async function list(db: Kysely<DB>, ctx: RequestContext, q: MobileListQuery) {
  let subtreePath: string | undefined;
  if (q.orgId) {
    const org = await findOrg(db, ctx.scope, q.orgId);
    if (!org) throw notFound();
    subtreePath = org.path;
  }
  const p = await flagParams(db);
  const r = await repo.listRecords(db, ctx.scope, { subtreePath, direction: q.direction, status: q.status, q: q.q }, p, { offset: q.offset, limit: q.limit });
  return { items: r.items.map(present), total: r.total };
}

export async function detail(db: Kysely<DB> | Transaction<DB>, ctx: RequestContext, id: number): Promise<z.infer<typeof MobileDetail>> {
  const r = await repo.findRecord(db, ctx.scope, id, await flagParams(db));
  if (!r) throw notFound();
  const contacts = await repo.listContacts(db, id);
  return {
    ...present(r),
    contacts: contacts.map((c) => ({ id: c.id, contactedOn: c.contacted_on, way: c.way as z.infer<typeof MobileContact>['way'], note: c.note, recordedByName: c.recorded_by_name })),
  };
}

const isStaff = (ctx: RequestContext) => ctx.scope.kind !== 'self' && can(ctx.actor.role, 'member.write');

/** Outflow: by the member's organization, or by the member themself (self-service). */
export async function registerOutflow(db: Kysely<DB>, ctx: RequestContext, body: OutflowBody) {
  const m = await findMember(db, ctx.scope, body.memberId);
  if (!m) throw notFound();
  const own = ctx.scope.kind === 'self' && ctx.scope.memberId === m.id;
  if (!own && !isStaff(ctx)) throw forbidden();
  if (m.left_on) throw new AppError(409, 'mobile.memberLeft');
  const today = todayCN();
  if (body.since > today) throw badRequest('mobile.futureDate', 'since');
  const open = await repo.openOutflowOf(db, m.id);
  if (open) throw new AppError(409, 'mobile.alreadyOut', { place: open.place, since: open.since });
  const row = {
    direction: 'outflow',
    member_id: m.id,
    org_id: m.org_id,
    person_name: m.name,
    phone: body.phone ?? m.phone,
    place: body.place,
    since: body.since,
    reason: body.reason ?? null,
    host_org_name: body.hostOrgName ?? null,
    host_is_temporary: body.hostIsTemporary,
    home_org_name: m.org_name,
    certificate_no: body.certificateNo ?? null,
    created_by_name: ctx.actor.displayName,
  };
  const id = await db
    .transaction()
    .execute(async (trx) => {
      const { id } = await repo.insertRecord(trx, row);
      await repo.setMobile(trx, m.id, true);
      await appendAudit(trx, ctx, { action: 'mobile.outflow', entity: 'mobile_record', entityId: id, scopePath: m.org_path, after: row });
      return id;
    })
    .catch((e: unknown) => {
      if (isUniqueViolation(e, 'mobile_records_one_open_outflow')) throw new AppError(409, 'mobile.alreadyOut', { place: '', since: '' });
      throw e;
    });
  return detail(db, ctx, id);
}

/** Inflow: a member of another place active here, linked to a local organization. */
export async function registerInflow(db: Kysely<DB>, ctx: RequestContext, body: InflowBody) {
  if (!isStaff(ctx)) throw forbidden();
  const org = await findOrg(db, ctx.scope, body.orgId);
  if (!org) throw notFound();
  if (org.status !== 'active') throw badRequest('org.dissolved', 'orgId');
  if (body.since > todayCN()) throw badRequest('mobile.futureDate', 'since');
  const row = {
    direction: 'inflow',
    member_id: null,
    org_id: org.id,
    person_name: body.personName,
    phone: body.phone ?? null,
    place: body.place,
    since: body.since,
    reason: body.reason ?? null,
    home_org_name: body.homeOrgName,
    certificate_no: body.certificateNo ?? null,
    created_by_name: ctx.actor.displayName,
  };
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await repo.insertRecord(trx, row);
    await appendAudit(trx, ctx, { action: 'mobile.inflow', entity: 'mobile_record', entityId: id, scopePath: org.path, after: row });
    return id;
  });
  return detail(db, ctx, id);
}

async function openRecordForStaff(db: Kysely<DB>, ctx: RequestContext, id: number) {
  const r = await repo.findRecord(db, ctx.scope, id, await flagParams(db));
  if (!r) throw notFound();
  if (!isStaff(ctx)) throw forbidden();
  if (r.returned_on) throw new AppError(409, 'mobile.returned', { date: r.returned_on });
  return r;
}

export async function addContact(db: Kysely<DB>, ctx: RequestContext, id: number, body: ContactBody) {
  const r = await openRecordForStaff(db, ctx, id);
  if (body.contactedOn > todayCN()) throw badRequest('mobile.futureDate', 'contactedOn');
  if (body.contactedOn < r.since) throw badRequest('mobile.beforeSince', 'contactedOn', { since: r.since });
  await db.transaction().execute(async (trx) => {
    const row = { record_id: id, contacted_on: body.contactedOn, way: body.way, note: body.note ?? null, recorded_by_name: ctx.actor.displayName };
    const c = await repo.insertContact(trx, row);
    await appendAudit(trx, ctx, { action: 'mobile.contact', entity: 'mobile_record', entityId: id, scopePath: r.org_path, after: { contactId: c.id, ...row } });
  });
  return detail(db, ctx, id);
}

/** Return: ends the record; for an outflow members.is_mobile goes back to false. */
export async function registerReturn(db: Kysely<DB>, ctx: RequestContext, id: number, body: ReturnBody) {
  const r = await openRecordForStaff(db, ctx, id);
  if (body.returnedOn > todayCN()) throw badRequest('mobile.futureDate', 'returnedOn');
  if (body.returnedOn < r.since) throw badRequest('mobile.beforeSince', 'returnedOn', { since: r.since });
  await db.transaction().execute(async (trx) => {
    await repo.endRecord(trx, id, body.returnedOn, body.note ?? null);
    await appendAudit(trx, ctx, { action: 'mobile.return', entity: 'mobile_record', entityId: id, scopePath: r.org_path, before: { returnedOn: null }, after: { returnedOn: body.returnedOn, note: body.note ?? null } });
  });
  return detail(db, ctx, id);
}
