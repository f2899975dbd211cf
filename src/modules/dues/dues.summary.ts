import dayjs from 'dayjs';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import type { RequestContext } from '../../server/context.ts';
import { forbidden, notFound } from '../../server/errors.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import { arrearsOf, monthDue, paidUntil } from './dues.calc.ts';
import * as repo from './dues.repository.ts';
import type { ArrearsItem, DuesSummary, SummaryFigures } from './dues.schemas.ts';
import { loadRules } from './dues.service.ts';
import { monthOf, monthStart } from './months.ts';

type Figures = z.infer<typeof SummaryFigures>;
type Summary = z.infer<typeof DuesSummary>;
type Item = z.infer<typeof ArrearsItem>;

const emptyFigures = (): Figures => ({ members: 0, noBase: 0, dueMembers: 0, paidMembers: 0, unpaidMembers: 0, exemptMembers: 0, dueFen: 0, receivedFen: 0, extraFen: 0, arrearsMembers: 0, flaggedMembers: 0 });

/** Organization-level dues figures are for organization staff; a member sees only their own account. */
async function orgInScope(db: Kysely<DB>, ctx: RequestContext, orgId: number) {
  if (ctx.scope.kind === 'self') throw forbidden();
  const org = await findOrg(db, ctx.scope, orgId);
  if (!org) throw notFound();
  return org;
}

const monthEnd = (month: string) => dayjs(monthStart(month)).endOf('month').format('YYYY-MM-DD');

/**
 * A month's dues for an organization's subtree, in total and per direct child organization (plus
 * the organization's own members): members on the register in that month by their current
 * organization, dues due and received for that month, voluntary extra received in it, and the
 * members with arrears (and with the six-month flag) as of today.
 */
export async function summary(db: Kysely<DB>, ctx: RequestContext, orgId: number, month?: string): Promise<Summary> {
  const org = await orgInScope(db, ctx, orgId);
  const today = todayCN();
  const m = month ?? monthOf(today);
  const [rules, members, children] = await Promise.all([loadRules(db), repo.subtreeMembers(db, ctx.scope, org.path, monthStart(m), monthEnd(m)), repo.childOrgs(db, org.id)]);
  const [facts, extras] = await Promise.all([repo.loadFacts(db, members), repo.extrasPaidBetween(db, members.map((x) => x.id), monthStart(m), monthEnd(m))]);
  const totals = emptyFigures();
  const own = { orgId: org.id, orgName: org.name, own: true, ...emptyFigures() };
  const rows = children.map((c) => ({ orgId: c.id, orgName: c.name, own: false, path: c.path, ...emptyFigures() }));
  for (const mem of members) {
    const f = facts.get(mem.id)!;
    const row = rows.find((r) => mem.org_path === r.path || mem.org_path.startsWith(`${r.path}.`)) ?? own;
    const d = monthDue(rules, f, m);
    const a = mem.left_on ? null : arrearsOf(rules, f, today);
    for (const fig of [totals, row]) {
      fig.members++;
      if (f.bases.length === 0) fig.noBase++;
      if (d && d.dueFen > 0) fig.dueMembers++;
      if (d?.status === 'paid') fig.paidMembers++;
      if (d?.status === 'unpaid') fig.unpaidMembers++;
      if (d?.status === 'exempt') fig.exemptMembers++;
      fig.dueFen += d?.dueFen ?? 0;
      fig.receivedFen += d?.paidFen ?? 0;
      fig.extraFen += extras.get(mem.id) ?? 0;
      if (a && a.months.length > 0) fig.arrearsMembers++;
      if (a?.flagged) fig.flaggedMembers++;
    }
  }
  const childRows = rows.map(({ path: _p, ...r }) => r);
  return { month: m, orgId: org.id, orgName: org.name, totals, rows: own.members > 0 ? [own, ...childRows] : childRows };
}

/** Members of the subtree now on the register with at least `minMonths` months in arrears. */
export async function arrearsList(db: Kysely<DB>, ctx: RequestContext, orgId: number, minMonths = 1, flaggedOnly = false) {
  const org = await orgInScope(db, ctx, orgId);
  const today = todayCN();
  const [rules, members] = await Promise.all([loadRules(db), repo.subtreeMembers(db, ctx.scope, org.path, today, today)]);
  const facts = await repo.loadFacts(db, members);
  const items: Item[] = [];
  for (const mem of members) {
    if (mem.left_on) continue;
    const f = facts.get(mem.id)!;
    const a = arrearsOf(rules, f, today);
    if (a.months.length === 0 || a.months.length < minMonths || (flaggedOnly && !a.flagged)) continue;
    const { months, ...rest } = a;
    items.push({ ...rest, memberId: mem.id, name: mem.name, orgId: mem.org_id, orgName: mem.org_name, monthCount: months.length, firstMonth: months[0]!.month, lastMonth: months.at(-1)!.month, paidUntil: paidUntil(rules, f) });
  }
  items.sort((x, y) => Number(y.flagged) - Number(x.flagged) || y.monthCount - x.monthCount || x.orgName.localeCompare(y.orgName, 'zh-CN') || x.memberId - y.memberId);
  return { today, orgName: org.name, items };
}
