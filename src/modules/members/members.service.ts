import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { FieldCipher } from '../../lib/secrets.ts';
import { can, type RequestContext } from '../../server/context.ts';
import { forbidden, notFound } from '../../server/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import * as repo from './members.repository.ts';
import type { MemberDetail, MemberListQuery, MemberSummary } from './members.schemas.ts';

type Summary = z.infer<typeof MemberSummary>;

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

export async function list(db: Kysely<DB>, ctx: RequestContext, q: z.infer<typeof MemberListQuery>) {
  let subtreePath: string | undefined;
  if (q.orgId) {
    const org = await findOrg(db, ctx.scope, q.orgId);
    if (!org) throw notFound();
    subtreePath = org.path;
  }
  const rows = await repo.listMembers(db, ctx.scope, { subtreePath, q: q.q, status: q.status, afterId: q.afterId, limit: q.limit });
  return { items: rows.map(presentSummary), nextAfterId: rows.length === q.limit ? rows.at(-1)!.id : null };
}

export async function detail(db: Kysely<DB>, ctx: RequestContext, id: number): Promise<z.infer<typeof MemberDetail>> {
  const m = await repo.findMember(db, ctx.scope, id);
  if (!m) throw notFound();
  return {
    ...presentSummary(m),
    ethnicity: m.ethnicity,
    workUnit: m.work_unit,
    post: m.post,
    fullMemberOn: m.full_member_on,
    phone: m.phone,
    household: m.household as 'urban' | 'rural',
    address: m.address,
    isMobile: m.is_mobile,
  };
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
