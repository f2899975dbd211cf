import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import { idBirthDate, maskIdNumber } from '../../lib/idcard.ts';
import type { FieldCipher } from '../../lib/secrets.ts';
import { can, type RequestContext } from '../../server/context.ts';
import { AppError, FieldErrors, badRequest, forbidden, notFound } from '../../server/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import { findUnit } from '../units/units.repository.ts';
import * as repo from './members.repository.ts';
import type { CreateMemberBody, MemberDetail, MemberListQuery, MemberSummary, UpdateMemberBody } from './members.schemas.ts';
import { memberProblems, type FieldProblem } from './validation.ts';

type Summary = z.infer<typeof MemberSummary>;
type Detail = z.infer<typeof MemberDetail>;
type Row = NonNullable<Awaited<ReturnType<typeof repo.findMember>>>;

function presentSummary(r: Awaited<ReturnType<typeof repo.listMembers>>[number]): Summary {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    name: r.name,
    gender: r.gender as Summary['gender'],
    birthDate: r.birth_date,
    idNumberMasked: r.id_number_masked,
    education: r.education as Summary['education'],
    category: r.category as Summary['category'],
    status: r.status as Summary['status'],
    joinedOn: r.joined_on,
  };
}

function presentDetail(m: Row): Detail {
  return {
    ...presentSummary(m),
    ethnicity: m.ethnicity,
    workUnit: m.work_unit,
    post: m.post,
    fullMemberOn: m.full_member_on,
    phone: m.phone,
    household: m.household as Detail['household'],
    address: m.address,
    isMobile: m.is_mobile,
    householdRegister: m.household_register,
    unitId: m.unit_id,
    leftOn: m.left_on,
  };
}

const encodeCursor = (v: string | number, id: number) => Buffer.from(JSON.stringify([v, id])).toString('base64url');
function decodeCursor(c: string): [string | number, number] {
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && (typeof v[0] === 'string' || typeof v[0] === 'number') && Number.isInteger(v[1])) return [v[0], v[1] as number];
  } catch {
    /* fall through */
  }
  throw badRequest('validation', 'cursor');
}

/** The repository filter for a list query: subtree of an in-scope organization, exact ID lookup by hash. */
export async function memberFilter(db: Kysely<DB>, cipher: FieldCipher, ctx: RequestContext, q: MemberListQuery): Promise<repo.MemberFilter> {
  let subtreePath: string | undefined;
  if (q.orgId) {
    const org = await findOrg(db, ctx.scope, q.orgId);
    if (!org) throw notFound();
    subtreePath = org.path;
  }
  return {
    subtreePath,
    q: q.q,
    idNumberHash: q.idNumber ? cipher.lookupHash(q.idNumber.toUpperCase()) : undefined,
    status: q.status,
    gender: q.gender,
    education: q.education,
    category: q.category,
    household: q.household,
    ethnicity: q.ethnicity,
    workUnit: q.workUnit,
    mobile: q.mobile === undefined ? undefined : q.mobile === 'true',
    bornFrom: q.bornFrom,
    bornTo: q.bornTo,
    joinedFrom: q.joinedFrom,
    joinedTo: q.joinedTo,
  };
}

export async function list(db: Kysely<DB>, cipher: FieldCipher, ctx: RequestContext, q: MemberListQuery) {
  const filter = await memberFilter(db, cipher, ctx, q);
  const rows = await repo.listMembers(db, ctx.scope, filter, { sort: q.sort, order: q.order, after: q.cursor ? decodeCursor(q.cursor) : undefined, limit: q.limit });
  const last = rows.at(-1);
  const key = { id: 'id', name: 'name', birthDate: 'birth_date', joinedOn: 'joined_on' } as const;
  return { items: rows.map(presentSummary), nextCursor: last && rows.length === q.limit ? encodeCursor(last[key[q.sort]], last.id) : null };
}

export async function detail(db: Kysely<DB> | Transaction<DB>, ctx: RequestContext, id: number): Promise<Detail> {
  const m = await repo.findMember(db, ctx.scope, id);
  if (!m) throw notFound();
  return presentDetail(m);
}

/** Registry rules plus the database facts: unique ID number, organization in scope and active. */
async function checkRecord(db: Kysely<DB>, cipher: FieldCipher, ctx: RequestContext, body: { idNumber: string; orgId?: number; unitId?: number | null | undefined }, facts: Parameters<typeof memberProblems>[0], selfId?: number) {
  const problems: FieldProblem[] = memberProblems(facts, todayCN());
  if (body.unitId && !(await findUnit(db, ctx.scope, body.unitId))) problems.push({ field: 'unitId', key: 'unit.outOfScope', params: { id: body.unitId } });
  const holder = await repo.findByIdHash(db, cipher.lookupHash(body.idNumber));
  if (holder && holder.id !== selfId) problems.push({ field: 'idNumber', key: 'member.duplicateIdNumber', params: { name: holder.name } });
  let org = null;
  if (body.orgId !== undefined) {
    org = await findOrg(db, ctx.scope, body.orgId);
    if (!org) problems.push({ field: 'orgId', key: 'member.orgOutOfScope' });
    else if (org.status !== 'active') problems.push({ field: 'orgId', key: 'member.orgDissolved' });
  }
  if (problems.length) throw new FieldErrors(problems);
  return org;
}

/** The audit view of a member: never the full ID number. */
const auditView = (m: Record<string, unknown>) => Object.fromEntries(Object.entries(m).filter(([k]) => !k.startsWith('id_number') || k === 'id_number_masked'));

export async function create(db: Kysely<DB>, cipher: FieldCipher, ctx: RequestContext, body: CreateMemberBody) {
  const idNumber = body.idNumber.toUpperCase();
  const org = (await checkRecord(db, cipher, ctx, { idNumber, orgId: body.orgId, unitId: body.unitId }, { ...body, idNumber }))!;
  return db.transaction().execute(async (trx) => {
    const row = {
      org_id: org.id,
      name: body.name,
      gender: body.gender,
      ethnicity: body.ethnicity,
      birth_date: idBirthDate(idNumber),
      id_number_cipher: cipher.encrypt(idNumber),
      id_number_hash: cipher.lookupHash(idNumber),
      id_number_masked: maskIdNumber(idNumber),
      education: body.education,
      category: body.category,
      work_unit: body.workUnit ?? null,
      post: body.post ?? null,
      joined_on: body.joinedOn,
      full_member_on: body.fullMemberOn ?? null,
      status: body.fullMemberOn ? 'full' : 'probationary',
      phone: body.phone ?? null,
      household: body.household,
      household_register: body.householdRegister ?? null,
      address: body.address ?? null,
      is_mobile: body.isMobile,
      unit_id: body.unitId ?? null,
    };
    const { id } = await repo.insertMember(trx, row);
    // The first period starts on the joining day, or on the organization's founding if later (as
    // the region seed does): "as of" counts then include members whose records were entered late.
    const since = org.established_on && org.established_on > body.joinedOn ? org.established_on : body.joinedOn;
    await repo.openPeriod(trx, id, org.id, since);
    await appendAudit(trx, ctx, { action: 'member.create', entity: 'member', entityId: id, scopePath: org.path, after: auditView(row) });
    return detail(trx, ctx, id);
  });
}

export async function update(db: Kysely<DB>, cipher: FieldCipher, ctx: RequestContext, id: number, body: z.infer<typeof UpdateMemberBody>) {
  const before = await repo.findMember(db, ctx.scope, id);
  if (!before) throw notFound();
  if (ctx.scope.kind === 'self' || !can(ctx.actor.role, 'member.write')) throw forbidden();
  if (before.left_on) throw new AppError(409, 'member.left');
  const idNumber = body.idNumber?.toUpperCase() ?? cipher.decrypt(before.id_number_cipher);
  const facts = {
    idNumber,
    gender: (body.gender ?? before.gender) as 'male' | 'female',
    birthDate: body.birthDate ?? (body.idNumber ? null : before.birth_date),
    joinedOn: body.joinedOn ?? before.joined_on,
    fullMemberOn: body.fullMemberOn === undefined ? before.full_member_on : body.fullMemberOn,
  };
  await checkRecord(db, cipher, ctx, { idNumber, unitId: body.unitId }, facts, id);
  const patch = {
    ...(body.name !== undefined && { name: body.name }),
    ...(body.gender !== undefined && { gender: body.gender }),
    ...(body.ethnicity !== undefined && { ethnicity: body.ethnicity }),
    ...(body.idNumber !== undefined && { id_number_cipher: cipher.encrypt(idNumber), id_number_hash: cipher.lookupHash(idNumber), id_number_masked: maskIdNumber(idNumber), birth_date: idBirthDate(idNumber) }),
    ...(body.education !== undefined && { education: body.education }),
    ...(body.category !== undefined && { category: body.category }),
    ...(body.workUnit !== undefined && { work_unit: body.workUnit }),
    ...(body.post !== undefined && { post: body.post }),
    ...(body.joinedOn !== undefined && { joined_on: body.joinedOn }),
    ...(body.fullMemberOn !== undefined && { full_member_on: body.fullMemberOn, status: body.fullMemberOn ? 'full' : 'probationary' }),
    ...(body.phone !== undefined && { phone: body.phone }),
    ...(body.household !== undefined && { household: body.household }),
    ...(body.householdRegister !== undefined && { household_register: body.householdRegister }),
    ...(body.address !== undefined && { address: body.address }),
    ...(body.isMobile !== undefined && { is_mobile: body.isMobile }),
    ...(body.unitId !== undefined && { unit_id: body.unitId }),
  };
  return db.transaction().execute(async (trx) => {
    await repo.updateMember(trx, id, patch);
    const beforeView = auditView(Object.fromEntries(Object.keys(patch).map((k) => [k, before[k as keyof Row]])));
    await appendAudit(trx, ctx, { action: 'member.update', entity: 'member', entityId: id, scopePath: before.org_path, before: beforeView, after: auditView(patch) });
    return presentDetail((await repo.findMember(trx, ctx.scope, id))!);
  });
}

/** The full ID number: a permission of its own, and always an audit entry. */
export async function revealIdNumber(db: Kysely<DB>, cipher: FieldCipher, ctx: RequestContext, id: number) {
  const m = await repo.findMember(db, ctx.scope, id);
  if (!m) throw notFound();
  const own = ctx.scope.kind === 'self' && ctx.scope.memberId === id;
  if (!own && !can(ctx.actor.role, 'member.revealId')) throw forbidden();
  await db.transaction().execute((trx) =>
    appendAudit(trx, ctx, { action: 'member.revealIdNumber', entity: 'member', entityId: id, scopePath: m.org_path }),
  );
  return { idNumber: cipher.decrypt(m.id_number_cipher) };
}
