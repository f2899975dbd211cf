import dayjs from 'dayjs';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { daysBetween, todayCN } from '../../lib/dates.ts';
import type { RequestContext, Scope } from '../../server/context.ts';
import { forbidden } from '../../server/errors.ts';
import { ORGLIFE_KIND } from '../../shared/enums.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import * as repo from './orglife.repository.ts';
import { frequencies, parseSpan, ruleParam, slotLabel, slotsOverlapping, type RequiredKind, type Span } from './orglife.rules.ts';
import type { Overview, OverviewQuery } from './orglife.schemas.ts';
import { resolveOrg } from './orglife.service.ts';

// Compliance of organizational life against the required frequencies (decision 0016): every
// required slot (organization × kind × calendar period) is met (a counting meeting held in it by
// the as-of date), missed (ended without one) or open (still running). Shared by the 组织生活 page,
// the reminders and the assessment indicators, so they always agree.

export type SlotStatus = 'met' | 'missed' | 'open';
export interface ComputedSlot extends repo.SlotRow {
  status: SlotStatus;
  periodMonths: number;
}

/** `unmetOnly`: only the slots not met (missed or still open), for the overdue and closing lists. */
export async function computeSlots(db: Kysely<DB>, scope: Scope, subtreePath: string, span: Span, today: string, opts: { unmetOnly?: boolean } = {}) {
  const asOf = span.to < today ? span.to : today;
  const rules = await rulesInForce(db, asOf);
  const freq = frequencies(rules);
  const slots = [...freq].flatMap(([kind, months]) => slotsOverlapping(months, span.from, span.to).map((s) => ({ kind, ...s })));
  const rows = await repo.slotRows(db, scope, subtreePath, slots, asOf, ruleParam(rules, 'orglife.frequency', 'committeeMinPosts'), opts.unmetOnly);
  const computed: ComputedSlot[] = rows.map((r) => ({
    ...r,
    periodMonths: freq.get(r.kind as RequiredKind)!,
    status: r.meeting_ids.length > 0 ? 'met' : r.slot_to <= asOf && r.slot_to < today ? 'missed' : 'open',
  }));
  const rule = rules.get('orglife.frequency');
  return { asOf, freq, rules, slots: computed, rule: { version: rule?.version ?? 0, source: rule?.source ?? '' } };
}

/** Lists in the overview stop here (latest missed first); the totals say how many there are. */
const LIST_MAX = 200;

const zh = (k: string) => ORGLIFE_KIND.table[k as RequiredKind]?.zh ?? k;

function currentQuarter(today: string) {
  return `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The 组织生活 overview of a subtree: the compliance matrix for the span, overdue and closing requirements of the span's year, inactive branches, and meetings held per month. */
export async function overview(db: Kysely<DB>, ctx: RequestContext, q: z.infer<typeof OverviewQuery>): Promise<z.infer<typeof Overview>> {
  if (ctx.scope.kind === 'self') throw forbidden();
  const org = await resolveOrg(db, ctx, q.orgId);
  const today = todayCN();
  const spanCode = q.span ?? currentQuarter(today);
  const span = parseSpan(spanCode);
  const year = { from: `${span.from.slice(0, 4)}-01-01`, to: `${span.from.slice(0, 4)}-12-31` };
  const [matrix, yearly, activity, monthly] = await Promise.all([
    computeSlots(db, ctx.scope, org.path, span, today),
    computeSlots(db, ctx.scope, org.path, year, today, { unmetOnly: true }),
    repo.activityRows(db, ctx.scope, org.path, dayjs(today).subtract(1, 'year').format('YYYY-MM-DD'), today),
    repo.monthlyCounts(db, ctx.scope, org.path, year.from, year.to),
  ]);
  const en = ctx.locale === 'en';

  const rows = new Map<number, z.infer<typeof Overview>['rows'][number]>();
  for (const s of matrix.slots) {
    let row = rows.get(s.org_id);
    if (!row) rows.set(s.org_id, (row = { orgId: s.org_id, orgName: s.org_name, orgKind: s.org_kind, parentId: s.parent_id, cells: [], held: 0, required: 0 }));
    let cell = row.cells.find((c) => c.kind === s.kind);
    if (!cell) row.cells.push((cell = { kind: s.kind as RequiredKind, periodMonths: s.periodMonths, required: 0, held: 0, open: 0, slots: [] }));
    cell.slots.push({ from: s.slot_from, to: s.slot_to, label: slotLabel(s.periodMonths, s.slot_from, en), status: s.status, meetingIds: s.meeting_ids });
    if (s.status === 'open') cell.open++;
    else {
      cell.required++;
      row.required++;
    }
    if (s.status === 'met') {
      cell.held++;
      row.held++;
    }
  }

  const overdue = yearly.slots.filter((s) => s.status === 'missed').map((s) => ({ orgId: s.org_id, orgName: s.org_name, kind: s.kind as RequiredKind, from: s.slot_from, to: s.slot_to, label: slotLabel(s.periodMonths, s.slot_from, en) }));
  const closingDays = ruleParam(yearly.rules, 'orglife.activity', 'closingDays');
  const inactiveDays = ruleParam(yearly.rules, 'orglife.activity', 'inactiveDays');
  const closing = yearly.slots
    .filter((s) => s.status === 'open' && s.slot_from <= today && today <= s.slot_to && daysBetween(today, s.slot_to) <= closingDays)
    .map((s) => ({ orgId: s.org_id, orgName: s.org_name, kind: s.kind as RequiredKind, from: s.slot_from, to: s.slot_to, label: slotLabel(s.periodMonths, s.slot_from, en), daysLeft: daysBetween(today, s.slot_to) }));
  const inactive = inactiveOrgs(activity, today, inactiveDays);
  return {
    orgId: org.id,
    orgName: org.name,
    span: spanCode,
    from: span.from,
    to: span.to,
    asOf: matrix.asOf,
    requirements: [...matrix.freq].map(([kind, months]) => ({ kind, periodMonths: months, label: `${zh(kind)}：${months === 1 ? '每月' : months === 3 ? '每季度' : months === 6 ? '每半年' : '每年'}至少 1 次` })),
    rule: matrix.rule,
    rows: [...rows.values()],
    overdue: overdue.slice(-LIST_MAX).reverse(),
    overdueTotal: overdue.length,
    closing: closing.slice(0, LIST_MAX),
    inactive: inactive.slice(0, LIST_MAX),
    inactiveTotal: inactive.length,
    inactiveDays,
    monthly: monthly.map((m) => ({ month: m.month, kind: m.kind as RequiredKind, n: m.n })),
  };
}

/** Branches with no held meeting for more than `inactiveDays` days (founded earlier than that). */
export function inactiveOrgs(rows: repo.ActivityRow[], today: string, inactiveDays: number) {
  return rows
    .filter((r) => (r.last_held_on ? daysBetween(r.last_held_on, today) > inactiveDays : !r.established_on || daysBetween(r.established_on, today) > inactiveDays))
    .map((r) => ({ orgId: r.org_id, orgName: r.org_name, lastHeldOn: r.last_held_on, days: r.last_held_on ? daysBetween(r.last_held_on, today) : null }));
}
