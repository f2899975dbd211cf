import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { pathInScope } from '../../db/scope.ts';
import type { RequestContext } from '../../server/context.ts';
import { conflict, forbidden, isUniqueViolation, notFound, AppError } from '../../server/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import * as repo from './organizations.repository.ts';
import type { OrgDetail, OrgNode } from './organizations.schemas.ts';
import type { z } from 'zod';
import type { CreateOrgBody, UpdateOrgBody } from './organizations.schemas.ts';

type NodeRow = { id: number; parent_id: number | null; code: string; name: string; kind: string; level: string; domain: string; child_count: number };

/** Row → API node. */
export function presentNode(r: NodeRow): OrgNode {
  return {
    id: r.id,
    parentId: r.parent_id,
    code: r.code,
    name: r.name,
    kind: r.kind as OrgNode['kind'],
    level: r.level as OrgNode['level'],
    domain: r.domain as OrgNode['domain'],
    childCount: r.child_count,
  };
}

export async function roots(db: Kysely<DB>, ctx: RequestContext) {
  return (await repo.listRoots(db, ctx.scope)).map(presentNode);
}

export async function children(db: Kysely<DB>, ctx: RequestContext, parentId: number, offset: number, limit: number) {
  const parent = await repo.findOrg(db, ctx.scope, parentId);
  if (!parent) throw notFound();
  const page = await repo.listChildren(db, parentId, offset, limit);
  return { items: page.items.map(presentNode), total: page.total };
}

export async function detail(db: Kysely<DB>, ctx: RequestContext, id: number): Promise<OrgDetail> {
  const o = await repo.findOrg(db, ctx.scope, id);
  if (!o) throw notFound();
  const [ancestors, counts] = await Promise.all([repo.listAncestors(db, ctx.scope, o.path), repo.subtreeCounts(db, o.id, o.path)]);
  return {
    ...presentNode(o),
    shortName: o.short_name,
    divisionCode: o.division_code,
    urbanRural: o.urban_rural as OrgDetail['urbanRural'],
    establishedOn: o.established_on,
    ancestors,
    subtreeOrgCount: counts.orgs,
    subtreeMemberCount: counts.members,
    directMemberCount: counts.direct,
  };
}

export async function search(db: Kysely<DB>, ctx: RequestContext, q: string, limit: number) {
  const rows = await repo.searchOrgs(db, ctx.scope, q, limit);
  // Breadcrumb names above the caller's own scope root are not theirs to see.
  const hidden = ctx.scope.kind === 'all' ? 0 : ctx.scope.path.split('.').length - 1;
  return { items: rows.map((r) => ({ ...presentNode(r), pathNames: (r.path_names ?? []).slice(hidden) })) };
}

/** Create an organization under a parent inside the caller's scope; its path is parent path + id. */
export async function create(db: Kysely<DB>, ctx: RequestContext, body: z.infer<typeof CreateOrgBody>) {
  const parent = await repo.findOrg(db, ctx.scope, body.parentId);
  if (!parent || !pathInScope(ctx.scope, parent.path)) throw new AppError(404, 'org.parentOutOfScope', {}, 'parentId');
  try {
    return await db.transaction().execute(async (trx) => {
      const id = await repo.nextOrgId(trx);
      const row = {
        id,
        parent_id: parent.id,
        path: `${parent.path}.${id}`,
        code: body.code,
        name: body.name,
        short_name: body.shortName ?? null,
        kind: body.kind,
        level: body.level,
        domain: body.domain,
        division_code: body.divisionCode ?? null,
        urban_rural: body.urbanRural ?? null,
        established_on: body.establishedOn ?? null,
      };
      await repo.insertOrg(trx, row);
      await appendAudit(trx, ctx, { action: 'org.create', entity: 'organization', entityId: id, scopePath: row.path, after: row });
      return detail(trx, ctx, id);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'organizations_code_key')) throw conflict('conflict.orgCode', { code: body.code }, 'code');
    throw err;
  }
}

export async function update(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof UpdateOrgBody>) {
  return db.transaction().execute(async (trx) => {
    const before = await repo.findOrg(trx, ctx.scope, id);
    if (!before) throw notFound();
    if (ctx.scope.kind === 'self') throw forbidden();
    const patch = {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.shortName !== undefined && { short_name: body.shortName }),
      ...(body.kind !== undefined && { kind: body.kind }),
      ...(body.level !== undefined && { level: body.level }),
      ...(body.domain !== undefined && { domain: body.domain }),
      ...(body.divisionCode !== undefined && { division_code: body.divisionCode }),
      ...(body.urbanRural !== undefined && { urban_rural: body.urbanRural }),
      ...(body.establishedOn !== undefined && { established_on: body.establishedOn }),
    };
    await repo.updateOrg(trx, id, patch);
    const beforeFields = Object.fromEntries(Object.keys(patch).map((k) => [k, before[k as keyof typeof before]]));
    await appendAudit(trx, ctx, { action: 'org.update', entity: 'organization', entityId: id, scopePath: before.path, before: beforeFields, after: patch });
    return detail(trx, ctx, id);
  });
}

/** Move an organization with its whole subtree under another parent, both inside the scope. */
export async function move(db: Kysely<DB>, ctx: RequestContext, id: number, newParentId: number) {
  return db.transaction().execute(async (trx) => {
    const org = await repo.findOrg(trx, ctx.scope, id);
    if (!org) throw notFound();
    if (org.parent_id === null || (ctx.scope.kind !== 'all' && org.id === ctx.scope.orgId)) throw forbidden('org.moveRoot');
    const target = await repo.findOrg(trx, ctx.scope, newParentId);
    if (!target) throw new AppError(404, 'org.parentOutOfScope', {}, 'newParentId');
    if (target.path === org.path || target.path.startsWith(`${org.path}.`)) throw new AppError(400, 'org.moveIntoItself', {}, 'newParentId');
    const moved = await repo.moveSubtree(trx, id, org.path, target.id, target.path);
    await appendAudit(trx, ctx, {
      action: 'org.move',
      entity: 'organization',
      entityId: id,
      scopePath: `${target.path}.${id}`,
      before: { parentId: org.parent_id, path: org.path },
      after: { parentId: target.id, path: `${target.path}.${id}`, subtreeSize: moved },
    });
    return detail(trx, ctx, id);
  });
}
