import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { pathInScope } from '../../db/scope.ts';
import { todayCN } from '../../lib/dates.ts';
import type { RequestContext } from '../../server/context.ts';
import { AppError, badRequest, conflict, forbidden, isUniqueViolation, notFound } from '../../server/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { anchorOf, retally } from '../statistics/tallies.repository.ts';
import * as history from './history.repository.ts';
import * as repo from './organizations.repository.ts';
import type { CreateOrgBody, DissolveOrgBody, MergeOrgBody, SplitOrgBody, UpdateOrgBody } from './organizations.schemas.ts';
import { detail } from './organizations.service.ts';

// Tree operations. Each runs in one transaction: change the current rows, record versions
// effective from the given date (history.repository), an event for the organization's timeline,
// and an audit entry.

type Trx = Transaction<DB>;

/** The effective date: today by default, never in the future, never before the latest recorded change. */
async function effectiveDate(trx: Trx, given: string | undefined, set: history.OrgSet, memberOrgIds: number[] = []): Promise<string> {
  const today = todayCN();
  const d = given ?? today;
  if (d > today) throw badRequest('history.future', 'effectiveOn');
  const latest = [await history.latestVersionStart(trx, set), memberOrgIds.length ? await history.latestMemberPeriodStart(trx, memberOrgIds) : null]
    .filter((x): x is string => !!x)
    .sort()
    .at(-1);
  if (latest && d < latest) throw badRequest('history.beforeLatest', 'effectiveOn', { date: latest });
  return d;
}

async function activeOrg(trx: Trx, ctx: RequestContext, id: number, field?: string) {
  const org = await repo.findOrg(trx, ctx.scope, id);
  if (!org) throw new AppError(404, field ? 'org.parentOutOfScope' : 'notFound', {}, field);
  if (org.status !== 'active') throw new AppError(409, 'org.dissolved', {}, field);
  return org;
}

function scopeRoot(ctx: RequestContext, orgId: number) {
  return ctx.scope.kind !== 'all' && ctx.scope.orgId === orgId;
}

/** Create an organization under a parent inside the caller's scope; its path is parent path + id. */
export async function create(db: Kysely<DB>, ctx: RequestContext, body: z.infer<typeof CreateOrgBody>) {
  try {
    return await db.transaction().execute(async (trx) => {
      const parent = await activeOrg(trx, ctx, body.parentId, 'parentId');
      if (!pathInScope(ctx.scope, parent.path)) throw new AppError(404, 'org.parentOutOfScope', {}, 'parentId');
      const established = body.establishedOn ?? todayCN();
      if (established > todayCN()) throw badRequest('history.future', 'establishedOn');
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
        joint_type: body.jointType ?? null,
        established_on: established,
      };
      await repo.insertOrg(trx, row);
      await history.snapshotVersions(trx, { ids: [id] }, established);
      await history.recordEvent(trx, { orgId: id, kind: 'establish', effectiveOn: established, summary: `成立，隶属${parent.name}`, actorName: ctx.actor.username });
      await appendAudit(trx, ctx, { action: 'org.create', entity: 'organization', entityId: id, scopePath: row.path, after: row });
      return detail(trx, ctx, id);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'organizations_code_key')) throw conflict('conflict.orgCode', { code: body.code }, 'code');
    throw err;
  }
}

/** Rename or change attributes, effective from a date (history keeps the old values). */
export async function update(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof UpdateOrgBody>) {
  return db.transaction().execute(async (trx) => {
    if (ctx.scope.kind === 'self') throw forbidden();
    const before = await activeOrg(trx, ctx, id);
    const d = await effectiveDate(trx, body.effectiveOn, { ids: [id] });
    const patch = {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.shortName !== undefined && { short_name: body.shortName }),
      ...(body.kind !== undefined && { kind: body.kind }),
      ...(body.level !== undefined && { level: body.level }),
      ...(body.domain !== undefined && { domain: body.domain }),
      ...(body.divisionCode !== undefined && { division_code: body.divisionCode }),
      ...(body.urbanRural !== undefined && { urban_rural: body.urbanRural }),
      ...(body.jointType !== undefined && { joint_type: body.jointType }),
    };
    const anchorBefore = body.level !== undefined ? await anchorOf(trx, before.path) : null;
    await repo.updateOrg(trx, id, patch);
    if (anchorBefore !== null) {
      // A level change can make the organization a tally anchor, or stop it being one.
      const anchorAfter = await anchorOf(trx, before.path);
      if (anchorAfter !== anchorBefore) await retally(trx, [anchorBefore, anchorAfter]);
    }
    await history.snapshotVersions(trx, { ids: [id] }, d);
    const beforeFields = Object.fromEntries(Object.keys(patch).map((k) => [k, before[k as keyof typeof before]]));
    const renamed = body.name !== undefined && body.name !== before.name;
    await history.recordEvent(trx, {
      orgId: id,
      kind: renamed ? 'rename' : 'update',
      effectiveOn: d,
      summary: renamed ? `更名：${before.name} → ${body.name}` : `修改：${Object.keys(patch).join('、')}`,
      details: { before: beforeFields, after: patch },
      actorName: ctx.actor.username,
    });
    await appendAudit(trx, ctx, { action: 'org.update', entity: 'organization', entityId: id, scopePath: before.path, before: beforeFields, after: { ...patch, effectiveOn: d } });
    return detail(trx, ctx, id);
  });
}

/** Move an organization with its whole subtree under another parent, both inside the scope. */
export async function move(db: Kysely<DB>, ctx: RequestContext, id: number, newParentId: number, effectiveOn?: string) {
  return db.transaction().execute(async (trx) => {
    const org = await activeOrg(trx, ctx, id);
    if (org.parent_id === null || scopeRoot(ctx, org.id)) throw forbidden('org.moveRoot');
    const target = await activeOrg(trx, ctx, newParentId, 'newParentId');
    if (target.path === org.path || target.path.startsWith(`${org.path}.`)) throw badRequest('org.moveIntoItself', 'newParentId');
    const d = await effectiveDate(trx, effectiveOn, { subtree: org.path });
    const oldParent = await trx.selectFrom('organizations').select('name').where('id', '=', org.parent_id).executeTakeFirstOrThrow();
    const moved = await repo.moveSubtree(trx, id, org.path, target.id, target.path);
    const newPath = `${target.path}.${id}`;
    await history.snapshotVersions(trx, { subtree: newPath }, d);
    await history.recordEvent(trx, { orgId: id, kind: 'move', effectiveOn: d, summary: `隶属关系调整：${oldParent.name} → ${target.name}（含下级 ${moved - 1} 个组织）`, details: { fromParentId: org.parent_id, toParentId: target.id, subtreeSize: moved }, actorName: ctx.actor.username });
    await appendAudit(trx, ctx, {
      action: 'org.move',
      entity: 'organization',
      entityId: id,
      scopePath: newPath,
      before: { parentId: org.parent_id, path: org.path },
      after: { parentId: target.id, path: newPath, subtreeSize: moved, effectiveOn: d },
    });
    return detail(trx, ctx, id);
  });
}

/** Merge organizations into a target: their members and sub-organizations move over, they are dissolved. */
export async function merge(db: Kysely<DB>, ctx: RequestContext, targetId: number, body: z.infer<typeof MergeOrgBody>) {
  return db.transaction().execute(async (trx) => {
    const target = await activeOrg(trx, ctx, targetId);
    const sources = [];
    for (const sid of new Set(body.sourceIds)) {
      const s = await activeOrg(trx, ctx, sid, 'sourceIds');
      if (s.id === target.id || target.path.startsWith(`${s.path}.`) || scopeRoot(ctx, s.id) || s.parent_id === null) throw badRequest('org.mergeSelf', 'sourceIds');
      sources.push(s);
    }
    const sourceIds = sources.map((s) => s.id);
    const d = await effectiveDate(trx, body.effectiveOn, { ids: [target.id, ...sourceIds] }, sourceIds);
    let members = 0;
    let children = 0;
    for (const s of sources) {
      const kids = await trx.selectFrom('organizations').select(['id', 'path']).where('parent_id', '=', s.id).where('status', '=', 'active').execute();
      for (const k of kids) {
        const current = await trx.selectFrom('organizations').select('path').where('id', '=', target.id).executeTakeFirstOrThrow();
        await repo.moveSubtree(trx, k.id, k.path, target.id, current.path);
        await history.snapshotVersions(trx, { subtree: `${current.path}.${k.id}` }, d);
      }
      children += kids.length;
    }
    members = await history.moveMembers(trx, sourceIds, target.id, d);
    await trx.updateTable('organizations').set({ status: 'dissolved', dissolved_on: d, updated_at: new Date() }).where('id', 'in', sourceIds).execute();
    await history.snapshotVersions(trx, { ids: sourceIds }, d);
    for (const s of sources) {
      await history.recordEvent(trx, { orgId: s.id, kind: 'merged_into', effectiveOn: d, summary: `并入${target.name}`, details: { targetId: target.id }, actorName: ctx.actor.username });
    }
    await history.recordEvent(trx, { orgId: target.id, kind: 'merge', effectiveOn: d, summary: `合并：${sources.map((s) => s.name).join('、')} 并入本组织（党员 ${members} 名，下级组织 ${children} 个）`, details: { sourceIds, members, children }, actorName: ctx.actor.username });
    await appendAudit(trx, ctx, { action: 'org.merge', entity: 'organization', entityId: target.id, scopePath: target.path, after: { sourceIds, members, children, effectiveOn: d } });
    return detail(trx, ctx, target.id);
  });
}

/** Split: new sibling organizations take the listed members and sub-organizations; the source may be dissolved. */
export async function split(db: Kysely<DB>, ctx: RequestContext, sourceId: number, body: z.infer<typeof SplitOrgBody>) {
  try {
    return await db.transaction().execute(async (trx) => {
      const source = await activeOrg(trx, ctx, sourceId);
      if (source.parent_id === null || scopeRoot(ctx, source.id)) throw forbidden('org.moveRoot');
      const parent = await trx.selectFrom('organizations').select(['id', 'path', 'name']).where('id', '=', source.parent_id).executeTakeFirstOrThrow();
      const d = await effectiveDate(trx, body.effectiveOn, { subtree: source.path }, [source.id]);
      const created: { id: number; name: string; members: number; children: number }[] = [];
      for (const part of body.parts) {
        const id = await repo.nextOrgId(trx);
        const path = `${parent.path}.${id}`;
        await repo.insertOrg(trx, { id, parent_id: parent.id, path, code: part.code, name: part.name, kind: part.kind, level: source.level, domain: source.domain, division_code: source.division_code, urban_rural: source.urban_rural, established_on: d });
        await history.snapshotVersions(trx, { ids: [id] }, d);
        for (const cid of part.childIds) {
          const child = await trx.selectFrom('organizations').select(['id', 'path', 'parent_id']).where('id', '=', cid).executeTakeFirst();
          if (!child || child.parent_id !== source.id) throw badRequest('org.splitChildElsewhere', 'parts', { id: cid });
          await repo.moveSubtree(trx, cid, child.path, id, path);
          await history.snapshotVersions(trx, { subtree: `${path}.${cid}` }, d);
        }
        const moved = part.memberIds.length ? await history.moveMembers(trx, [source.id], id, d, part.memberIds) : 0;
        if (moved !== new Set(part.memberIds).size) {
          const found = await trx.selectFrom('members').select('id').where('id', 'in', part.memberIds).where('org_id', '=', id).execute();
          const missing = part.memberIds.find((m) => !found.some((f) => f.id === m));
          throw badRequest('org.splitMemberElsewhere', 'parts', { id: missing ?? 0 });
        }
        await history.recordEvent(trx, { orgId: id, kind: 'split_from', effectiveOn: d, summary: `由${source.name}拆分设立`, details: { sourceId: source.id }, actorName: ctx.actor.username });
        created.push({ id, name: part.name, members: moved, children: part.childIds.length });
      }
      if (body.dissolveSource) {
        const left = await history.occupancy(trx, source.id);
        if (left.members > 0 || left.children > 0) throw new AppError(409, 'org.notEmpty', left);
        await trx.updateTable('organizations').set({ status: 'dissolved', dissolved_on: d, updated_at: new Date() }).where('id', '=', source.id).execute();
        await history.snapshotVersions(trx, { ids: [source.id] }, d);
      }
      await history.recordEvent(trx, { orgId: source.id, kind: 'split', effectiveOn: d, summary: `拆分出：${created.map((c) => c.name).join('、')}${body.dissolveSource ? '；原组织撤销' : ''}`, details: { created, dissolved: body.dissolveSource }, actorName: ctx.actor.username });
      await appendAudit(trx, ctx, { action: 'org.split', entity: 'organization', entityId: source.id, scopePath: source.path, after: { created, dissolveSource: body.dissolveSource, effectiveOn: d } });
      return { created: await Promise.all(created.map((c) => detail(trx, ctx, c.id))) };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'organizations_code_key')) throw conflict('conflict.orgCode', { code: body.parts.map((p) => p.code).join(', ') }, 'parts');
    throw err;
  }
}

/** Dissolve an empty organization (members transferred and sub-organizations moved first). */
export async function dissolve(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof DissolveOrgBody>) {
  return db.transaction().execute(async (trx) => {
    const org = await activeOrg(trx, ctx, id);
    if (org.parent_id === null || scopeRoot(ctx, org.id)) throw forbidden('org.moveRoot');
    const left = await history.occupancy(trx, id);
    if (left.members > 0 || left.children > 0) throw new AppError(409, 'org.notEmpty', left);
    const d = await effectiveDate(trx, body.effectiveOn, { ids: [id] });
    await trx.updateTable('organizations').set({ status: 'dissolved', dissolved_on: d, updated_at: new Date() }).where('id', '=', id).execute();
    await history.snapshotVersions(trx, { ids: [id] }, d);
    await history.recordEvent(trx, { orgId: id, kind: 'dissolve', effectiveOn: d, summary: `撤销${body.reason ? `：${body.reason}` : ''}`, actorName: ctx.actor.username });
    await appendAudit(trx, ctx, { action: 'org.dissolve', entity: 'organization', entityId: id, scopePath: org.path, after: { effectiveOn: d, reason: body.reason ?? null } });
    return detail(trx, ctx, id);
  });
}

/** The organization's timeline, newest first. */
export async function events(db: Kysely<DB>, ctx: RequestContext, id: number) {
  const org = await repo.findOrg(db, ctx.scope, id);
  if (!org) throw notFound();
  const rows = await history.listEvents(db, id);
  return {
    items: rows.map((r) => ({ id: r.id, kind: r.kind, effectiveOn: r.effective_on, summary: r.summary, details: r.details, actorName: r.actor_name, createdAt: new Date(r.created_at).toISOString() })),
  };
}
