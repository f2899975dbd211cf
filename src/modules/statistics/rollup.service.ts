import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import type { RequestContext, Scope } from '../../server/context.ts';
import { AppError, notFound } from '../../server/errors.ts';
import { EDUCATION, GENDER, MEMBER_STATUS, ORG_LEVEL } from '../../shared/enums.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import type { Count, Rollup } from './statistics.schemas.ts';
import * as tallies from './tallies.repository.ts';

/** Sum cells by one dimension, in code-list order with zeros, then any unknown codes. */
function marginal(cells: tallies.RollupCell[], dim: 'gender' | 'education' | 'status', codes: readonly string[]): Count[] {
  const sums = new Map<string, number>();
  for (const c of cells) sums.set(c[dim], (sums.get(c[dim]) ?? 0) + c.n);
  const extra = [...sums.keys()].filter((k) => !codes.includes(k)).sort();
  return [...codes, ...extra].map((code) => ({ code, count: sums.get(code) ?? 0 }));
}

const rank = (level: string) => (ORG_LEVEL.values as readonly string[]).indexOf(level);

/**
 * Current members by gender × education × status for every organization of one level in a
 * subtree (e.g. every county of a province), from the pre-aggregated tallies.
 */
export async function rollupFor(db: Kysely<DB>, scope: Scope, org: { id: number; code: string; name: string; path: string; level: string }, requested?: tallies.AnchorLevel): Promise<Rollup> {
  if (requested && rank(requested) < rank(org.level)) throw new AppError(400, 'stats.rollupLevel', { level: requested }, 'level');
  // By default the next level down: a province by city, a city by county, a county by township.
  const level = requested ?? tallies.ANCHOR_LEVELS.find((l) => rank(l) > rank(org.level)) ?? null;
  const base = { org: { id: org.id, code: org.code, name: org.name }, asOf: todayCN() };
  if (!level) return { ...base, level: null, total: 0, rows: [] };
  const [orgs, cells] = await Promise.all([tallies.levelOrgs(db, scope, org.path, level), tallies.rollupByLevel(db, scope, org.path, level)]);
  const byOrg = new Map<number, tallies.RollupCell[]>();
  for (const c of cells) byOrg.set(c.org_id, [...(byOrg.get(c.org_id) ?? []), c]);
  const rows = orgs.map((o) => {
    const mine = byOrg.get(o.id) ?? [];
    return {
      id: o.id,
      code: o.code,
      name: o.name,
      total: mine.reduce((a, c) => a + c.n, 0),
      byGender: marginal(mine, 'gender', GENDER.values),
      byEducation: marginal(mine, 'education', EDUCATION.values),
      byStatus: marginal(mine, 'status', MEMBER_STATUS.values),
      cells: mine.map((c) => ({ gender: c.gender, education: c.education, status: c.status, count: c.n })),
    };
  });
  return { ...base, level, total: rows.reduce((a, r) => a + r.total, 0), rows };
}

export async function rollup(db: Kysely<DB>, ctx: RequestContext, id: number, level?: tallies.AnchorLevel): Promise<Rollup> {
  const org = await findOrg(db, ctx.scope, id);
  if (!org) throw notFound();
  return rollupFor(db, ctx.scope, org, level);
}
