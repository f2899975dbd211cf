import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import type { RequestContext } from '../../server/context.ts';
import { badRequest, conflict, forbidden, notFound } from '../../server/errors.ts';
import { ORG_LEVEL } from '../../shared/enums.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import * as repo from './contact-points.repository.ts';
import type { ContactPoint, CreateContactPointBody, CreateDemoPointBody, DemoPoint, TownshipPoints } from './contact-points.schemas.ts';
import { ruleNumber } from './recognition.rules.ts';

type Db = Kysely<DB> | Transaction<DB>;
type PointView = z.infer<typeof ContactPoint>;
type DemoView = z.infer<typeof DemoPoint>;

/** Contact points are at a township or a village (the seed: 乡镇党委书记、副书记包抓一个村). */
const CONTACT_LEVELS = ['township', 'village'];

function requireStaff(ctx: RequestContext) {
  if (ctx.scope.kind === 'self') throw forbidden();
}

type PointRow = Awaited<ReturnType<typeof repo.contactPointsUnder>>[number];
type VisitRow = Awaited<ReturnType<typeof repo.visitsOf>>[number];
type DemoRow = Awaited<ReturnType<typeof repo.demoPointsUnder>>[number];

function presentPoint(p: PointRow, visits: VisitRow[]): PointView {
  const own = visits.filter((v) => v.contact_point_id === p.id);
  return {
    id: p.id,
    orgId: p.org_id,
    orgName: p.org_name,
    orgLevel: p.org_level,
    leaderUserId: p.leader_user_id,
    leaderName: p.leader_name,
    leaderPost: p.leader_post,
    startedOn: p.started_on,
    endedOn: p.ended_on,
    endReason: p.end_reason,
    note: p.note,
    visits: own.map((v) => ({ id: v.id, visitedOn: v.visited_on, content: v.content, recordedBy: v.recorded_by_name })),
    lastVisitOn: own[0]?.visited_on ?? null,
  };
}

const presentDemo = (d: DemoRow): DemoView => ({ id: d.id, townshipId: d.township_id, orgId: d.org_id, orgName: d.org_name, theme: d.theme, since: d.since, endedOn: d.ended_on, endReason: d.end_reason, note: d.note });

const under = (path: string, parent: string) => path === parent || path.startsWith(parent + '.');

/**
 * Each township under the organization with its leaders' contact points and its demonstration
 * points; a township without an active contact point, or with fewer demonstration points than the
 * rule asks, carries its gaps so it stands out.
 */
export async function overview(db: Kysely<DB>, ctx: RequestContext, orgId: number) {
  requireStaff(ctx);
  const org = await findOrg(db, ctx.scope, orgId);
  if (!org) throw notFound();
  const rules = await rulesInForce(db, todayCN());
  const contactMin = ruleNumber(rules, 'recognition.contact_points', 'perTownshipMin');
  const demoMin = ruleNumber(rules, 'recognition.demo_points', 'perTownshipMin');
  const demoMax = ruleNumber(rules, 'recognition.demo_points', 'perTownshipMax');
  const [townships, points, demos] = await Promise.all([repo.townshipsUnder(db, ctx.scope, org.path), repo.contactPointsUnder(db, ctx.scope, org.path), repo.demoPointsUnder(db, ctx.scope, org.path)]);
  const visits = await repo.visitsOf(db, points.map((p) => p.id));
  // Below a township the organization itself is the only group (its township lies outside the view).
  const groups = townships.length > 0 || org.level === 'township' ? townships : [{ id: org.id, name: org.name, path: org.path }];
  const items: z.infer<typeof TownshipPoints>[] = groups.map((t) => {
    const cps = points.filter((p) => under(p.org_path, t.path)).map((p) => presentPoint(p, visits));
    const dps = demos.filter((d) => under(d.org_path, t.path)).map(presentDemo);
    const activeContacts = cps.filter((p) => !p.endedOn).length;
    const activeDemos = dps.filter((d) => !d.endedOn).length;
    const isTownship = townships.length > 0 || org.level === 'township';
    const gaps: ('no_contact_point' | 'demo_points_short')[] = [];
    if (isTownship && activeContacts < contactMin) gaps.push('no_contact_point');
    if (isTownship && activeDemos < demoMin) gaps.push('demo_points_short');
    return { id: t.id, name: t.name, isTownship, contactPoints: cps, demoPoints: dps, activeContacts, activeDemos, gaps };
  });
  return {
    orgId: org.id,
    orgName: org.name,
    rules: { contactMin, contactSource: rules.get('recognition.contact_points')!.source, demoMin, demoMax, demoSource: rules.get('recognition.demo_points')!.source },
    townships: items,
  };
}

function checkDate(on: string, notBefore: string | null, field: string) {
  const today = todayCN();
  if (on > today) throw badRequest('recognition.futureDate', field, { today });
  if (notBefore && on < notBefore) throw badRequest('recognition.dateBefore', field, { date: notBefore });
}

async function pointView(db: Db, ctx: RequestContext, id: number) {
  const p = await repo.findContactPoint(db, ctx.scope, id);
  if (!p) throw notFound();
  const [row] = (await repo.contactPointsUnder(db, ctx.scope, p.org_path)).filter((x) => x.id === id);
  return presentPoint(row!, await repo.visitsOf(db, [id]));
}

export async function createContactPoint(db: Kysely<DB>, ctx: RequestContext, body: CreateContactPointBody) {
  requireStaff(ctx);
  const org = await findOrg(db, ctx.scope, body.orgId);
  if (!org) throw notFound();
  if (body.leaderUserId && !(await repo.userInScope(db, ctx.scope, body.leaderUserId))) throw notFound();
  if (!CONTACT_LEVELS.includes(org.level)) {
    throw badRequest('contact.orgLevel', 'orgId', { org: org.name, level: ORG_LEVEL.table[org.level as keyof typeof ORG_LEVEL.table]?.[ctx.locale === 'en' ? 'en' : 'zh'] ?? org.level });
  }
  if (org.status !== 'active') throw conflict('org.dissolved');
  checkDate(body.startedOn, null, 'startedOn');
  return db.transaction().execute(async (trx) => {
    const row = { org_id: org.id, leader_user_id: body.leaderUserId ?? null, leader_name: body.leaderName, leader_post: body.leaderPost, started_on: body.startedOn, note: body.note ?? null, created_by_name: ctx.actor.displayName };
    const { id } = await repo.insertContactPoint(trx, row);
    await appendAudit(trx, ctx, { action: 'contact.create', entity: 'contact_point', entityId: id, scopePath: org.path, after: row });
    return pointView(trx, ctx, id);
  });
}

export async function addVisit(db: Kysely<DB>, ctx: RequestContext, id: number, body: { visitedOn: string; content: string }) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const p = await repo.findContactPoint(trx, ctx.scope, id, true);
    if (!p) throw notFound();
    checkDate(body.visitedOn, p.started_on, 'visitedOn');
    if (p.ended_on && body.visitedOn > p.ended_on) throw badRequest('contact.visitAfterEnd', 'visitedOn', { date: p.ended_on });
    const row = { contact_point_id: id, visited_on: body.visitedOn, content: body.content, recorded_by_name: ctx.actor.displayName };
    const v = await repo.insertVisit(trx, row);
    await appendAudit(trx, ctx, { action: 'contact.visit', entity: 'contact_point', entityId: id, scopePath: p.org_path, after: { visitId: v.id, ...row } });
    return pointView(trx, ctx, id);
  });
}

export async function endContactPoint(db: Kysely<DB>, ctx: RequestContext, id: number, body: { endedOn: string; reason: string }) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const p = await repo.findContactPoint(trx, ctx.scope, id, true);
    if (!p) throw notFound();
    if (p.ended_on) throw conflict('contact.ended', { date: p.ended_on });
    checkDate(body.endedOn, p.started_on, 'endedOn');
    await repo.endContactPoint(trx, id, body.endedOn, body.reason);
    await appendAudit(trx, ctx, { action: 'contact.end', entity: 'contact_point', entityId: id, scopePath: p.org_path, before: { endedOn: null }, after: body });
    return pointView(trx, ctx, id);
  });
}

async function demoView(db: Db, ctx: RequestContext, id: number) {
  const d = await repo.findDemoPoint(db, ctx.scope, id);
  if (!d) throw notFound();
  const [row] = (await repo.demoPointsUnder(db, ctx.scope, d.org_path)).filter((x) => x.id === id);
  return presentDemo(row!);
}

/** A village, community or station under a township becomes one of its demonstration points. */
export async function createDemoPoint(db: Kysely<DB>, ctx: RequestContext, body: CreateDemoPointBody) {
  requireStaff(ctx);
  const org = await findOrg(db, ctx.scope, body.orgId);
  if (!org) throw notFound();
  const township = await repo.townshipAbove(db, org.path);
  if (!township) throw badRequest('demo.noTownship', 'orgId', { org: org.name });
  if (org.status !== 'active') throw conflict('org.dissolved');
  checkDate(body.since, null, 'since');
  return db.transaction().execute(async (trx) => {
    const existing = await repo.activeDemoPoint(trx, org.id);
    if (existing) throw conflict('demo.duplicate', { org: org.name, date: existing.since }, 'orgId');
    const row = { township_id: township.id, org_id: org.id, theme: body.theme, since: body.since, note: body.note ?? null, created_by_name: ctx.actor.displayName };
    const { id } = await repo.insertDemoPoint(trx, row);
    await appendAudit(trx, ctx, { action: 'demo.create', entity: 'demonstration_point', entityId: id, scopePath: org.path, after: row });
    return demoView(trx, ctx, id);
  });
}

export async function endDemoPoint(db: Kysely<DB>, ctx: RequestContext, id: number, body: { endedOn: string; reason: string }) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const d = await repo.findDemoPoint(trx, ctx.scope, id, true);
    if (!d) throw notFound();
    if (d.ended_on) throw conflict('contact.ended', { date: d.ended_on });
    checkDate(body.endedOn, d.since, 'endedOn');
    await repo.endDemoPoint(trx, id, body.endedOn, body.reason);
    await appendAudit(trx, ctx, { action: 'demo.end', entity: 'demonstration_point', entityId: id, scopePath: d.org_path, before: { endedOn: null }, after: body });
    return demoView(trx, ctx, id);
  });
}
