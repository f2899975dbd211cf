import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import type { Scope } from '../../server/context.ts';
import type { RequestContext } from '../../server/context.ts';
import { AppError, notFound } from '../../server/errors.ts';
import { EDUCATION, GENDER, HOUSEHOLD, MEMBER_CATEGORY, MEMBER_STATUS, ORG_DOMAIN, ORG_KIND, ORG_LEVEL, URBAN_RURAL } from '../../shared/enums.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import { AGE_BAND, HAN, TOP_ETHNICITIES, UNIT_LIST_LIMIT } from './statistics.codes.ts';
import * as repo from './statistics.repository.ts';
import type { Count, OrgStatistics } from './statistics.schemas.ts';

type Stats = OrgStatistics;

/**
 * A breakdown in code-list order with every code (zero when absent), then any stored code the
 * list does not know, largest first, so nothing counted goes missing from the sum.
 */
function breakdown(rows: repo.DimRow[], dim: string, codes: readonly string[]): Count[] {
  const found = new Map(rows.filter((r) => r.dim === dim).map((r) => [r.code ?? '', r.n]));
  const known = codes.map((code) => ({ code, count: found.get(code) ?? 0 }));
  const extra = [...found.entries()]
    .filter(([code]) => !codes.includes(code))
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  return [...known, ...extra];
}

const total = (rows: repo.DimRow[]) => rows.find((r) => r.dim === 'total')?.n ?? 0;

/** Which tables answer for a date: today → the live tables (fast path), a past date → history. */
export function sourceFor(scope: Scope, org: { id: number; path: string }, asOf: string, today = todayCN()): repo.Source {
  return asOf === today ? { kind: 'current', scope, path: org.path, asOf } : { kind: 'history', orgId: org.id, asOf };
}

/** Every figure for one subtree from one source (no scope check here: callers do it). */
export async function collect(db: Kysely<DB>, org: { id: number; code: string; name: string }, src: repo.Source): Promise<Stats> {
  const [orgRows, memberRows, units, villages] = await Promise.all([
    repo.orgBreakdown(db, src),
    repo.memberBreakdown(db, src),
    repo.unitsWithoutOrg(db, src, UNIT_LIST_LIMIT),
    repo.villages(db, src),
  ]);

  const urbanRural = breakdown(
    orgRows.filter((r) => r.code !== null),
    'urbanRural',
    URBAN_RURAL.values,
  ) as { code: string | null; count: number }[];
  const unclassified = orgRows.find((r) => r.dim === 'urbanRural' && r.code === null)?.n ?? 0;
  if (unclassified > 0) urbanRural.push({ code: null, count: unclassified });

  const ethnic = memberRows.filter((r) => r.dim === 'ethnicity');
  const membersTotal = total(memberRows);
  const han = ethnic.find((r) => r.code === HAN)?.n ?? 0;
  const top = ethnic
    .filter((r) => r.code !== HAN)
    .map((r) => ({ code: r.code ?? '', count: r.n }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
    .slice(0, TOP_ETHNICITIES);

  const lacking = villages.filter((v) => v.graduates === 0);
  const covered = villages.length - lacking.length;

  return {
    org: { id: org.id, code: org.code, name: org.name },
    asOf: src.asOf,
    organizations: {
      total: total(orgRows),
      byKind: breakdown(orgRows, 'kind', ORG_KIND.values),
      byDomain: breakdown(orgRows, 'domain', ORG_DOMAIN.values),
      byUrbanRural: urbanRural,
      byLevel: breakdown(orgRows, 'level', ORG_LEVEL.values),
    },
    members: {
      total: membersTotal,
      byGender: breakdown(memberRows, 'gender', GENDER.values),
      byAgeBand: breakdown(memberRows, 'ageBand', AGE_BAND.values),
      byEthnicity: { han, minority: membersTotal - han, top },
      byEducation: breakdown(memberRows, 'education', EDUCATION.values),
      byCategory: breakdown(memberRows, 'category', MEMBER_CATEGORY.values),
      byStatus: breakdown(memberRows, 'status', MEMBER_STATUS.values),
      byHousehold: breakdown(memberRows, 'household', HOUSEHOLD.values),
    },
    coverage: {
      unitsWithoutOrg: {
        total: units[0]?.total_units ?? 0,
        members: units[0]?.total_members ?? 0,
        items: units.map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind as Stats['coverage']['unitsWithoutOrg']['items'][number]['kind'], orgId: u.org_id, orgName: u.org_name, members: u.members })),
      },
      villagesWithoutGraduate: {
        villages: villages.length,
        covered,
        lacking: lacking.length,
        rate: villages.length ? Math.round((covered / villages.length) * 10_000) / 10_000 : null,
        items: lacking.map((v) => ({ id: v.id, code: v.code, name: v.name, domain: v.domain as 'rural' | 'community', members: v.members })),
      },
    },
  };
}

/** The as-of date: today (China) by default, never in the future. */
export function resolveAsOf(asOf: string | undefined, today = todayCN()): string {
  const d = asOf ?? today;
  if (d > today) throw new AppError(400, 'member.futureDate', {}, 'asOf');
  return d;
}

/** Statistics of an organization's subtree inside the caller's scope, as of a date. */
export async function orgStatistics(db: Kysely<DB>, ctx: RequestContext, id: number, asOf?: string): Promise<Stats> {
  const org = await findOrg(db, ctx.scope, id);
  if (!org) throw notFound();
  const today = todayCN();
  const d = resolveAsOf(asOf, today);
  return collect(db, org, sourceFor(ctx.scope, org, d, today));
}

/** The same figures for an organization by code, without a scope (the command line). */
export async function orgStatisticsByCode(db: Kysely<DB>, code: string, asOf: string): Promise<Stats | null> {
  const org = await repo.findOrgByCode(db, code);
  if (!org) return null;
  const scope: Scope = { kind: 'all' };
  return collect(db, org, sourceFor(scope, org, asOf));
}
