import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import type { RequestContext } from '../../server/context.ts';
import { AppError, badRequest, notFound } from '../../server/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import { findUnit } from '../units/units.repository.ts';
import * as repo from './alliances.repository.ts';
import type { AllianceDetail, AllianceItem, AllianceMeetingBody, AllianceMemberBody, CreateAllianceBody } from './alliances.schemas.ts';

// Regional party-building alliances (区域化党建联席会议, 街道大工委, 社区大党委, 党建联盟):
// led by an organization, with member units (any unit in the caller's scope) and their meetings.

type Item = z.infer<typeof AllianceItem>;
type Row = NonNullable<Awaited<ReturnType<typeof repo.findAlliance>>>;

const present = (r: Row): Item => ({
  id: r.id,
  kind: r.kind as Item['kind'],
  name: r.name,
  orgId: r.org_id,
  orgName: r.org_name,
  establishedOn: r.established_on,
  agreement: r.agreement,
  unitCount: r.unit_count,
  meetingCount: r.meeting_count,
});

async function alliance(db: Kysely<DB>, ctx: RequestContext, id: number) {
  const a = await repo.findAlliance(db, ctx.scope, id);
  if (!a) throw notFound();
  return a;
}

export async function list(db: Kysely<DB>, ctx: RequestContext, orgId?: number) {
  let path: string | undefined;
  if (orgId) {
    const org = await findOrg(db, ctx.scope, orgId);
    if (!org) throw notFound();
    path = org.path;
  }
  return { items: (await repo.listAlliances(db, ctx.scope, path)).map(present) };
}

export async function detail(db: Kysely<DB>, ctx: RequestContext, id: number): Promise<z.infer<typeof AllianceDetail>> {
  const a = await alliance(db, ctx, id);
  const [members, meetings] = await Promise.all([repo.listMembers(db, id), repo.listMeetings(db, id)]);
  return {
    ...present(a),
    members: members.map((m) => ({ unitId: m.unit_id, name: m.name, kind: m.kind as 'other', role: m.role as 'lead' | 'member', joinedOn: m.joined_on })),
    meetings: meetings.map((m) => ({ id: m.id, heldOn: m.held_on, title: m.title, summary: m.summary, attendees: m.attendees })),
  };
}

export async function create(db: Kysely<DB>, ctx: RequestContext, body: z.infer<typeof CreateAllianceBody>) {
  const org = await findOrg(db, ctx.scope, body.orgId);
  if (!org) throw new AppError(404, 'member.orgOutOfScope', {}, 'orgId');
  if (body.establishedOn > todayCN()) throw badRequest('history.future', 'establishedOn');
  return db.transaction().execute(async (trx) => {
    const { id } = await repo.insertAlliance(trx, { kind: body.kind, name: body.name, orgId: org.id, establishedOn: body.establishedOn, agreement: body.agreement ?? null });
    await appendAudit(trx, ctx, { action: 'alliance.create', entity: 'alliance', entityId: id, scopePath: org.path, after: body });
    return present((await repo.findAlliance(trx, ctx.scope, id))!);
  });
}

export async function addMember(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof AllianceMemberBody>) {
  const a = await alliance(db, ctx, id);
  if (!(await findUnit(db, ctx.scope, body.unitId))) throw new AppError(404, 'unit.outOfScope', { id: body.unitId }, 'unitId');
  await db.transaction().execute(async (trx) => {
    await repo.addMember(trx, id, body.unitId, body.role, body.joinedOn);
    await appendAudit(trx, ctx, { action: 'alliance.addMember', entity: 'alliance', entityId: id, scopePath: a.org_path, after: body });
  });
  return detail(db, ctx, id);
}

export async function addMeeting(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof AllianceMeetingBody>) {
  const a = await alliance(db, ctx, id);
  if (body.heldOn > todayCN()) throw badRequest('history.future', 'heldOn');
  await db.transaction().execute(async (trx) => {
    const m = await repo.insertMeeting(trx, { allianceId: id, heldOn: body.heldOn, title: body.title, summary: body.summary ?? null, attendees: body.attendees ?? null });
    await appendAudit(trx, ctx, { action: 'alliance.addMeeting', entity: 'alliance', entityId: id, scopePath: a.org_path, after: { meetingId: m.id, ...body } });
  });
  return detail(db, ctx, id);
}
