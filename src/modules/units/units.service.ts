import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { RequestContext } from '../../server/context.ts';
import { AppError, badRequest, conflict, isUniqueViolation, notFound } from '../../server/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import * as repo from './units.repository.ts';
import type { CreateUnitBody, OrgUnitsBody, UnitItem, UnitListQuery, UpdateUnitBody } from './units.schemas.ts';

type Item = z.infer<typeof UnitItem>;
type Row = NonNullable<Awaited<ReturnType<typeof repo.findUnit>>>;

export function presentUnit(r: Row): Item {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind as Item['kind'],
    orgId: r.org_id,
    orgName: r.org_name,
    divisionCode: r.division_code,
    urbanRural: r.urban_rural as Item['urbanRural'],
    employees: r.employees,
    establishedOn: r.established_on,
    dissolvedOn: r.dissolved_on,
    members: r.members,
    organizations: r.orgs,
  };
}

/** Urban–rural class presumed from the name: 社区/居委会 → main urban area, 村 → village; editable. */
export function presumedUrbanRural(name: string): 'main_urban' | 'village' | null {
  if (/社区|居委会|居民委员会/.test(name)) return 'main_urban';
  if (/村(委会|民委员会)?$|村$/.test(name)) return 'village';
  return null;
}

async function responsibleOrg(db: Kysely<DB>, ctx: RequestContext, orgId: number) {
  const org = await findOrg(db, ctx.scope, orgId);
  if (!org) throw new AppError(404, 'member.orgOutOfScope', {}, 'orgId');
  return org;
}

export async function list(db: Kysely<DB>, ctx: RequestContext, q: z.infer<typeof UnitListQuery>) {
  const subtreePath = q.orgId ? (await responsibleOrg(db, ctx, q.orgId)).path : undefined;
  const r = await repo.listUnits(db, ctx.scope, { subtreePath, q: q.q, withoutOrg: q.withoutOrg === 'true', offset: q.offset, limit: q.limit });
  return { items: r.items.map(presentUnit), total: r.total };
}

export async function create(db: Kysely<DB>, ctx: RequestContext, body: z.infer<typeof CreateUnitBody>) {
  const org = await responsibleOrg(db, ctx, body.orgId);
  try {
    return await db.transaction().execute(async (trx) => {
      const row = {
        code: body.code,
        name: body.name,
        kind: body.kind,
        org_id: org.id,
        division_code: body.divisionCode ?? null,
        urban_rural: body.urbanRural ?? presumedUrbanRural(body.name),
        employees: body.employees ?? null,
        established_on: body.establishedOn ?? null,
      };
      const { id } = await repo.insertUnit(trx, row);
      await appendAudit(trx, ctx, { action: 'unit.create', entity: 'unit', entityId: id, scopePath: org.path, after: row });
      return presentUnit((await repo.findUnit(trx, ctx.scope, id))!);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'units_code_key')) throw conflict('conflict.unitCode', { code: body.code }, 'code');
    throw err;
  }
}

export async function update(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof UpdateUnitBody>) {
  const before = await repo.findUnit(db, ctx.scope, id);
  if (!before) throw notFound();
  const org = body.orgId !== undefined ? await responsibleOrg(db, ctx, body.orgId) : null;
  const patch = {
    ...(body.name !== undefined && { name: body.name }),
    ...(body.kind !== undefined && { kind: body.kind }),
    ...(org && { org_id: org.id }),
    ...(body.divisionCode !== undefined && { division_code: body.divisionCode }),
    ...(body.urbanRural !== undefined && { urban_rural: body.urbanRural }),
    ...(body.employees !== undefined && { employees: body.employees }),
    ...(body.establishedOn !== undefined && { established_on: body.establishedOn }),
    ...(body.dissolvedOn !== undefined && { dissolved_on: body.dissolvedOn }),
  };
  return db.transaction().execute(async (trx) => {
    await repo.updateUnit(trx, id, patch);
    const beforeView = Object.fromEntries(Object.keys(patch).map((k) => [k, before[k as keyof Row]]));
    await appendAudit(trx, ctx, { action: 'unit.update', entity: 'unit', entityId: id, scopePath: before.org_path, before: beforeView, after: patch });
    return presentUnit((await repo.findUnit(trx, ctx.scope, id))!);
  });
}

export async function orgUnits(db: Kysely<DB>, ctx: RequestContext, orgId: number) {
  if (!(await findOrg(db, ctx.scope, orgId))) throw notFound();
  return { items: (await repo.unitsOfOrg(db, orgId)).map((r) => ({ ...presentUnit(r), isPrimary: r.is_primary })) };
}

/** Set the units an organization covers (a joint organization covers several); all must be in scope. */
export async function setOrgUnits(db: Kysely<DB>, ctx: RequestContext, orgId: number, body: z.infer<typeof OrgUnitsBody>) {
  const org = await findOrg(db, ctx.scope, orgId);
  if (!org) throw notFound();
  const ids = [...new Set(body.unitIds)];
  for (const u of ids) if (!(await repo.findUnit(db, ctx.scope, u))) throw new AppError(404, 'unit.outOfScope', { id: u }, 'unitIds');
  if (body.primaryId && !ids.includes(body.primaryId)) throw badRequest('unit.primaryNotListed', 'primaryId');
  return db.transaction().execute(async (trx) => {
    const before = (await repo.unitsOfOrg(trx, orgId)).map((u) => u.id);
    await repo.replaceOrgUnits(trx, orgId, ids, body.primaryId ?? ids[0] ?? null);
    await appendAudit(trx, ctx, { action: 'org.units', entity: 'organization', entityId: orgId, scopePath: org.path, before: { unitIds: before }, after: { unitIds: ids, primaryId: body.primaryId ?? ids[0] ?? null } });
    return { items: (await repo.unitsOfOrg(trx, orgId)).map((r) => ({ ...presentUnit(r), isPrimary: r.is_primary })) };
  });
}
