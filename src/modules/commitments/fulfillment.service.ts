// Fulfillment rates by organization against the targets, and a member's own page.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import type { RequestContext } from '../../server/context.ts';
import { forbidden, notFound } from '../../server/errors.ts';
import { findOrg, listRoots } from '../organizations/organizations.repository.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import { selfScope } from '../self/self.service.ts';
import { figure, ratingOf, summary } from './commitments.present.ts';
import * as repo from './commitments.repository.ts';
import { targetsFrom } from './commitments.rules.ts';
import type { FulfillmentQuery, FulfillmentReply, MyCommitments } from './commitments.schemas.ts';
import * as figures from './fulfillment.repository.ts';

type Counts = { kept: number; due: number; pending: number; withdrawn: number };
const zero = (): Counts => ({ kept: 0, due: 0, pending: 0, withdrawn: 0 });
const add = (a: Counts, b: Counts) => ({ kept: a.kept + b.kept, due: a.due + b.due, pending: a.pending + b.pending, withdrawn: a.withdrawn + b.withdrawn });

/**
 * The year's fulfillment for an organization's subtree: the whole subtree, the organization's own
 * commitments (本级: its own and its direct members'), and each direct child's subtree — for
 * organizations' and members' commitments separately, each against its target (rule commitment.targets).
 */
export async function fulfillment(db: Kysely<DB>, ctx: RequestContext, q: z.infer<typeof FulfillmentQuery>): Promise<z.infer<typeof FulfillmentReply>> {
  if (ctx.scope.kind === 'self') throw forbidden();
  const id = q.orgId ?? (ctx.scope.kind === 'all' ? (await listRoots(db, ctx.scope))[0]?.id : ctx.scope.orgId);
  const org = id === undefined ? undefined : await findOrg(db, ctx.scope, id);
  if (!org) throw notFound();
  const today = todayCN();
  const year = q.year ?? Number(today.slice(0, 4));
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const targets = targetsFrom(await rulesInForce(db, to));
  const [rows, kids] = await Promise.all([figures.fulfillmentBuckets(db, ctx.scope, org, from, to, today), figures.children(db, org.id)]);
  // bucket key ('' = the organization itself) → counts per maker type
  const buckets = new Map<string, { name: string; id: number | null; org: Counts; member: Counts }>();
  const bucket = (key: string, name: string, bid: number | null) => {
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = { name, id: bid, org: zero(), member: zero() }));
    return b;
  };
  bucket('', org.name, org.id);
  for (const k of kids) bucket(k.path, k.name, k.id);
  let total = { org: zero(), member: zero() };
  for (const r of rows) {
    const c = { kept: r.kept, due: r.due, pending: r.pending, withdrawn: r.withdrawn };
    const b = bucket(r.bucket_path ?? '', r.bucket_name ?? '（已调整的组织）', r.bucket_id);
    const side = r.maker_type === 'org' ? 'org' : 'member';
    b[side] = add(b[side], c);
    total = { ...total, [side]: add(total[side], c) };
  }
  const own = buckets.get('')!;
  const hasAny = (b: { org: Counts; member: Counts }) => b.org.due + b.org.pending + b.org.withdrawn + b.member.due + b.member.pending + b.member.withdrawn > 0;
  const list = [...buckets.entries()].filter(([key, b]) => key !== '' || hasAny(b));
  return {
    orgId: org.id,
    orgName: org.name,
    year,
    from,
    to,
    today,
    targets,
    total: { org: figure(total.org, targets.orgPercent), member: figure(total.member, targets.memberPercent) },
    rows: list.map(([key, b]) => ({ orgId: b.id, orgName: key === '' ? `${own.name}（本级）` : b.name, own: key === '', org: figure(b.org, targets.orgPercent), member: figure(b.member, targets.memberPercent) })),
  };
}

/** The signed-in member's commitments and their organization's, with their own rating of each. */
export async function mine(db: Kysely<DB>, ctx: RequestContext): Promise<z.infer<typeof MyCommitments>> {
  const { scope, member } = await selfScope(db, ctx);
  const today = todayCN();
  const rows = await repo.listCommitments(db, scope, { subtreePath: member.org_path, limit: 200 }, today);
  const own = rows.filter((r) => r.maker_type === 'member' && r.member_id === member.id);
  const ofOrg = rows.filter((r) => r.maker_type === 'org' && r.org_id === member.org_id);
  const ratings = new Map<number, ReturnType<typeof ratingOf>>();
  for (const c of ofOrg) {
    const e = (await repo.evaluations(db, c.id)).find((x) => x.member_id === member.id);
    if (e) ratings.set(c.id, ratingOf(e));
  }
  return {
    memberId: member.id,
    memberName: member.name,
    orgId: member.org_id,
    orgName: member.org_name,
    own: own.map(summary),
    ofMyOrg: ofOrg.map((c) => ({ ...summary(c), myRating: ratings.get(c.id) ?? null })),
  };
}
