import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RequestContext } from '../../server/context.ts';
import { notFound } from '../../server/errors.ts';
import * as repo from './organizations.repository.ts';
import type { OrgDetail, OrgNode } from './organizations.schemas.ts';

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

export async function detail(db: Kysely<DB> | Transaction<DB>, ctx: RequestContext, id: number): Promise<OrgDetail> {
  const o = await repo.findOrg(db, ctx.scope, id);
  if (!o) throw notFound();
  const [ancestors, counts] = await Promise.all([repo.listAncestors(db, ctx.scope, o.path), repo.subtreeCounts(db, o.id, o.path, o.level)]);
  return {
    ...presentNode(o),
    shortName: o.short_name,
    divisionCode: o.division_code,
    urbanRural: o.urban_rural as OrgDetail['urbanRural'],
    establishedOn: o.established_on,
    status: o.status === 'dissolved' ? 'dissolved' : 'active',
    jointType: o.joint_type as OrgDetail['jointType'],
    termStartedOn: o.term_started_on,
    dissolvedOn: o.dissolved_on,
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
