import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import type { RequestContext } from '../../server/context.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../server/errors.ts';
import { ORGLIFE_KIND, ORGLIFE_STATE } from '../../shared/enums.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import { detectType, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_MB } from './orglife.files.ts';
import * as repo from './orglife.repository.ts';
import { kindAllowedFor, quorum, ruleParam, type MeetingKind } from './orglife.rules.ts';
import type { CancelMeetingBody, MeetingDetail, MeetingListQuery, MeetingSummary, PlanMeetingBody, RecordMeetingBody, UpdateMeetingBody } from './orglife.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;
type Summary = z.infer<typeof MeetingSummary>;
type Detail = z.infer<typeof MeetingDetail>;

const kindLabel = (ctx: RequestContext, k: string) => ORGLIFE_KIND.table[k as MeetingKind]?.[ctx.locale === 'en' ? 'en' : 'zh'] ?? k;

/** Planning and recording are organization work: never the member self scope. */
function requireStaff(ctx: RequestContext) {
  if (ctx.scope.kind === 'self') throw forbidden();
}

/** The organization a list or overview is about: the one asked for (inside the scope) or the caller's own. */
export async function resolveOrg(db: Db, ctx: RequestContext, orgId: number | undefined) {
  const org = await findOrg(db, ctx.scope, orgId ?? (ctx.scope.kind === 'all' ? ctx.actor.orgId : ctx.scope.orgId));
  if (!org) throw notFound();
  return org;
}

function presentSummary(r: repo.MeetingRow): Summary {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    kind: r.kind as MeetingKind,
    state: r.state as Summary['state'],
    topic: r.topic,
    plannedOn: r.planned_on,
    startsAt: r.starts_at,
    place: r.place,
    heldOn: r.held_on,
    invited: Number(r.invited),
    present: Number(r.present),
    attachments: Number(r.attachments),
    quorumMet: r.quorum_met,
  };
}

async function quorumRule(db: Db, onDate: string) {
  const rules = await rulesInForce(db, onDate);
  const p = (k: string) => ruleParam(rules, 'orglife.quorum', k);
  const rule = rules.get('orglife.quorum')!;
  return { numerator: p('numerator'), denominator: p('denominator'), probationaryInBase: p('probationaryInBase'), leaveReducesBase: p('leaveReducesBase'), version: rule.version, source: rule.source };
}

export async function detail(db: Db, ctx: RequestContext, id: number): Promise<Detail> {
  const r = await repo.findMeeting(db, ctx.scope, id);
  if (!r) throw notFound();
  const [people, files, rule] = await Promise.all([repo.attendance(db, id), repo.attachments(db, id), quorumRule(db, r.held_on ?? r.planned_on)]);
  const rows = people.map((p) => ({ memberId: p.member_id, name: p.name, memberStatus: p.member_status as 'full' | 'probationary', status: p.status as Detail['attendance'][number]['status'], reason: p.reason }));
  return {
    ...presentSummary(r),
    notice: r.notice,
    noticeSentOn: r.notice_sent_on,
    hostName: r.host_name,
    recorderName: r.recorder_name,
    minutes: r.minutes,
    visitors: r.visitors ?? [],
    cancelledOn: r.cancelled_on,
    cancelReason: r.cancel_reason,
    createdByName: r.created_by_name,
    attendance: rows,
    quorum: { ...quorum(r.kind as MeetingKind, rows, rule), rule },
    files: files.map((f) => ({ id: f.id, fileName: f.file_name, contentType: f.content_type, size: f.size, uploadedByName: f.uploaded_by_name, uploadedAt: new Date(f.created_at).toISOString() })),
  };
}

export async function list(db: Kysely<DB>, ctx: RequestContext, q: z.infer<typeof MeetingListQuery>) {
  // A member sees the meetings they are invited to, wherever in their tree they are held.
  // An organization asked for must be in the caller's scope (a member's: their own organization), else 404.
  const asked = q.orgId !== undefined || ctx.scope.kind !== 'self' ? await resolveOrg(db, ctx, q.orgId) : null;
  const subtreePath = ctx.scope.kind === 'self' ? ctx.scope.path.split('.')[0]! : asked!.path;
  const r = await repo.listMeetings(db, ctx.scope, { subtreePath, kind: q.kind, state: q.state, from: q.from, to: q.to, limit: q.limit, offset: q.offset });
  return { items: r.items.map(presentSummary), total: r.total };
}

/** The invitation list for a plan: the register on the date, or the chosen participants of a talk. */
async function invitees(db: Db, org: { id: number; name: string }, kind: MeetingKind, onDate: string, participantIds: number[] | undefined) {
  if (kind !== 'talk') return repo.entitledOn(db, org.id, kind, onDate);
  const roll = await repo.entitledOn(db, org.id, 'member_meeting', onDate);
  const ids = new Set(participantIds ?? []);
  const chosen = roll.filter((m) => ids.has(m.member_id));
  if (chosen.length < 2 || chosen.length !== ids.size) throw badRequest('orglife.talkParticipants', 'participantIds');
  return chosen;
}

export async function plan(db: Kysely<DB>, ctx: RequestContext, body: PlanMeetingBody) {
  requireStaff(ctx);
  const org = await findOrg(db, ctx.scope, body.orgId);
  if (!org) throw notFound();
  if (org.status !== 'active') throw conflict('org.dissolved');
  if (!kindAllowedFor(org.kind, body.kind)) throw badRequest('orglife.kindNotForOrg', 'kind', { kind: kindLabel(ctx, body.kind), org: org.name });
  if (body.noticeSentOn && body.noticeSentOn > body.plannedOn) throw badRequest('orglife.noticeAfterMeeting', 'noticeSentOn', { date: body.plannedOn });
  return db.transaction().execute(async (trx) => {
    const people = await invitees(trx, org, body.kind, body.plannedOn, body.participantIds);
    const row: repo.MeetingInsert = {
      org_id: org.id,
      kind: body.kind,
      topic: body.topic,
      planned_on: body.plannedOn,
      starts_at: body.startsAt ?? null,
      place: body.place ?? null,
      notice: body.notice ?? null,
      notice_sent_on: body.noticeSentOn ?? null,
      created_by_name: ctx.actor.displayName,
    };
    const { id } = await repo.insertMeeting(trx, row);
    await repo.replaceAttendance(trx, id, people.map((p) => ({ member_id: p.member_id, member_status: p.status, status: null, reason: null })));
    await appendAudit(trx, ctx, { action: 'orglife.plan', entity: 'orglife_meeting', entityId: id, scopePath: org.path, after: { ...row, invited: people.map((p) => p.member_id) } });
    return detail(trx, ctx, id);
  });
}

async function lockedMeeting(trx: Transaction<DB>, ctx: RequestContext, id: number) {
  requireStaff(ctx);
  const r = await repo.findMeeting(trx, ctx.scope, id, true);
  if (!r) throw notFound();
  return r;
}

function requirePlanned(ctx: RequestContext, r: repo.MeetingRow) {
  if (r.state !== 'planned') throw conflict('orglife.notPlanned', { state: ORGLIFE_STATE.table[r.state as 'held'][ctx.locale === 'en' ? 'en' : 'zh'] });
}

export async function update(db: Kysely<DB>, ctx: RequestContext, id: number, body: UpdateMeetingBody) {
  return db.transaction().execute(async (trx) => {
    const r = await lockedMeeting(trx, ctx, id);
    requirePlanned(ctx, r);
    const plannedOn = body.plannedOn ?? r.planned_on;
    const sentOn = body.noticeSentOn === undefined ? r.notice_sent_on : body.noticeSentOn;
    if (sentOn && sentOn > plannedOn) throw badRequest('orglife.noticeAfterMeeting', 'noticeSentOn', { date: plannedOn });
    const patch: Parameters<typeof repo.updateMeeting>[2] = {};
    if (body.topic !== undefined) patch.topic = body.topic;
    if (body.plannedOn !== undefined) patch.planned_on = body.plannedOn;
    if (body.startsAt !== undefined) patch.starts_at = body.startsAt;
    if (body.place !== undefined) patch.place = body.place;
    if (body.notice !== undefined) patch.notice = body.notice;
    if (body.noticeSentOn !== undefined) patch.notice_sent_on = body.noticeSentOn;
    await repo.updateMeeting(trx, id, patch);
    // A new date can change who is on the register (talks keep their chosen participants).
    if (body.plannedOn && body.plannedOn !== r.planned_on && r.kind !== 'talk') {
      const people = await repo.entitledOn(trx, r.org_id, r.kind as MeetingKind, body.plannedOn);
      await repo.replaceAttendance(trx, id, people.map((p) => ({ member_id: p.member_id, member_status: p.status, status: null, reason: null })));
    }
    await appendAudit(trx, ctx, { action: 'orglife.update', entity: 'orglife_meeting', entityId: id, scopePath: r.org_path, before: { topic: r.topic, plannedOn: r.planned_on, place: r.place }, after: patch });
    return detail(trx, ctx, id);
  });
}

/**
 * Record a meeting as held (or correct the record): everyone entitled on the held date gets a
 * status; the quorum is judged under the rule in force that day and kept with the meeting.
 */
export async function record(db: Kysely<DB>, ctx: RequestContext, id: number, body: RecordMeetingBody) {
  return db.transaction().execute(async (trx) => {
    const r = await lockedMeeting(trx, ctx, id);
    if (r.state === 'cancelled') throw conflict('orglife.cancelledMeeting');
    const today = todayCN();
    if (body.heldOn > today) throw badRequest('orglife.futureDate', 'heldOn', { today });
    const kind = r.kind as MeetingKind;
    let entitled: repo.EntitledRow[];
    if (kind === 'talk') {
      const invited = new Set((await repo.attendance(trx, id)).map((a) => a.member_id));
      entitled = (await repo.entitledOn(trx, r.org_id, 'member_meeting', body.heldOn)).filter((m) => invited.has(m.member_id));
    } else entitled = await repo.entitledOn(trx, r.org_id, kind, body.heldOn);
    if (entitled.length === 0) throw badRequest('orglife.noAttendees', 'heldOn', { date: body.heldOn, org: r.org_name, kind: kindLabel(ctx, kind) });
    const byId = new Map(entitled.map((m) => [m.member_id, m]));
    const given = new Map<number, { status: string; reason: string | null }>();
    for (const [i, a] of body.attendance.entries()) {
      if (!byId.has(a.memberId)) throw badRequest('orglife.notEntitled', `attendance.${i}.memberId`, { name: `#${a.memberId}`, date: body.heldOn });
      if (a.status === 'leave' && !a.reason) throw badRequest('orglife.leaveReason', `attendance.${i}.reason`);
      given.set(a.memberId, { status: a.status, reason: a.status === 'present' ? null : (a.reason ?? null) });
    }
    const missing = entitled.filter((m) => !given.has(m.member_id));
    if (missing.length) throw badRequest('orglife.attendanceMissing', 'attendance', { names: missing.slice(0, 8).map((m) => m.name).join('、') + (missing.length > 8 ? ` 等 ${missing.length} 人` : '') });
    const rows = entitled.map((m) => ({ member_id: m.member_id, member_status: m.status, ...given.get(m.member_id)! }));
    const q = quorum(kind, rows.map((x) => ({ memberStatus: x.member_status, status: x.status })), await quorumRule(trx, body.heldOn));
    const patch = {
      state: 'held',
      held_on: body.heldOn,
      place: body.place === undefined ? r.place : body.place,
      host_name: body.hostName ?? null,
      recorder_name: body.recorderName ?? null,
      minutes: body.minutes,
      visitors: body.visitors ?? [],
      quorum_met: q.applies ? q.met : null,
    };
    await repo.updateMeeting(trx, id, patch);
    await repo.replaceAttendance(trx, id, rows.map((x) => ({ member_id: x.member_id, member_status: x.member_status, status: x.status, reason: x.reason })));
    await appendAudit(trx, ctx, {
      action: 'orglife.record',
      entity: 'orglife_meeting',
      entityId: id,
      scopePath: r.org_path,
      before: { state: r.state, heldOn: r.held_on },
      after: { ...patch, attendance: rows.map((x) => [x.member_id, x.status]), quorum: { base: q.base, present: q.present } },
    });
    return detail(trx, ctx, id);
  });
}

export async function cancel(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof CancelMeetingBody>) {
  return db.transaction().execute(async (trx) => {
    const r = await lockedMeeting(trx, ctx, id);
    requirePlanned(ctx, r);
    const today = todayCN();
    const on = body.on ?? today;
    if (on > today) throw badRequest('orglife.futureDate', 'on', { today });
    await repo.updateMeeting(trx, id, { state: 'cancelled', cancelled_on: on, cancel_reason: body.reason });
    await appendAudit(trx, ctx, { action: 'orglife.cancel', entity: 'orglife_meeting', entityId: id, scopePath: r.org_path, before: { state: r.state }, after: { state: 'cancelled', on, reason: body.reason } });
    return detail(trx, ctx, id);
  });
}

/** Store an uploaded file with its meeting; the scope is checked first, then the size, then the type by content. */
export async function addAttachment(db: Kysely<DB>, ctx: RequestContext, id: number, file: { fileName: string; data: Uint8Array; truncated: boolean } | null) {
  return db.transaction().execute(async (trx) => {
    const r = await lockedMeeting(trx, ctx, id);
    if (!file) throw badRequest('orglife.fileRequired', 'file');
    if (file.truncated || file.data.length > MAX_ATTACHMENT_BYTES) throw new AppError(413, 'orglife.fileTooLarge', { mb: MAX_ATTACHMENT_MB }, 'file');
    const fileName = file.fileName.replace(/^.*[\\/]/, '').slice(0, 200);
    const type = detectType(fileName, file.data);
    if (!type) throw badRequest('orglife.fileType', 'file');
    const sha256 = createHash('sha256').update(file.data).digest('hex');
    const row = { meeting_id: id, file_name: fileName, content_type: type, size: file.data.length, sha256, data: file.data, uploaded_by_name: ctx.actor.displayName };
    const { id: fileId } = await repo.insertAttachment(trx, row);
    await appendAudit(trx, ctx, { action: 'orglife.attach', entity: 'orglife_meeting', entityId: id, scopePath: r.org_path, after: { attachmentId: fileId, fileName, contentType: type, size: row.size, sha256 } });
    return { id: fileId, fileName, contentType: type, size: row.size };
  });
}

/** The file, its download recorded in the audit log (who read which minutes' attachment). */
export async function download(db: Kysely<DB>, ctx: RequestContext, id: number) {
  return db.transaction().execute(async (trx) => {
    const f = await repo.findAttachment(trx, ctx.scope, id, true);
    if (!f || !('data' in f)) throw notFound();
    await appendAudit(trx, ctx, { action: 'orglife.download', entity: 'orglife_attachment', entityId: id, scopePath: f.org_path, after: { meetingId: f.meeting_id, fileName: f.file_name, sha256: f.sha256 } });
    return { fileName: f.file_name, contentType: f.content_type, data: Buffer.from(f.data as Uint8Array) };
  });
}

export async function removeAttachment(db: Kysely<DB>, ctx: RequestContext, id: number) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const f = await repo.findAttachment(trx, ctx.scope, id, false);
    if (!f) throw notFound();
    await repo.deleteAttachment(trx, id);
    await appendAudit(trx, ctx, { action: 'orglife.detach', entity: 'orglife_meeting', entityId: f.meeting_id, scopePath: f.org_path, before: { attachmentId: id, fileName: f.file_name, sha256: f.sha256 } });
    return detail(trx, ctx, f.meeting_id);
  });
}
