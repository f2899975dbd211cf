import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import type { RequestContext } from '../../server/context.ts';
import { AppError, badRequest, notFound } from '../../server/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findMember } from '../members/members.repository.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import * as repo from './households.repository.ts';
import type { CreateHouseholdBody, HouseholdItem } from './households.schemas.ts';

// 党员联系户: households below a village or grid, each linked to the members who keep in touch with it.

type Item = z.infer<typeof HouseholdItem>;

export async function list(db: Kysely<DB>, ctx: RequestContext, orgId: number): Promise<{ items: Item[] }> {
  if (!(await findOrg(db, ctx.scope, orgId))) throw notFound();
  const rows = await repo.listHouseholds(db, orgId);
  return { items: rows.map((r) => ({ id: r.id, headName: r.head_name, address: r.address, size: r.size, members: r.members })) };
}

export async function create(db: Kysely<DB>, ctx: RequestContext, orgId: number, body: z.infer<typeof CreateHouseholdBody>) {
  const org = await findOrg(db, ctx.scope, orgId);
  if (!org) throw notFound();
  return db.transaction().execute(async (trx) => {
    const { id } = await repo.insertHousehold(trx, { orgId, headName: body.headName, address: body.address ?? null, size: body.size ?? null });
    await appendAudit(trx, ctx, { action: 'household.create', entity: 'household', entityId: id, scopePath: org.path, after: { orgId, ...body } });
    return { id };
  });
}

/** Link a member to a household they keep in touch with; both must be in the caller's scope. */
export async function linkMember(db: Kysely<DB>, ctx: RequestContext, householdId: number, memberId: number, since: string) {
  const h = await repo.findHousehold(db, ctx.scope, householdId);
  if (!h) throw notFound();
  if (!(await findMember(db, ctx.scope, memberId))) throw new AppError(404, 'notFound', {}, 'memberId');
  if (since > todayCN()) throw badRequest('history.future', 'since');
  await db.transaction().execute(async (trx) => {
    await repo.linkMember(trx, householdId, memberId, since);
    await appendAudit(trx, ctx, { action: 'household.linkMember', entity: 'household', entityId: householdId, scopePath: h.org_path, after: { memberId, since } });
  });
}
