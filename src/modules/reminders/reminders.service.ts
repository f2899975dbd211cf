import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import type { RequestContext, Scope } from '../../server/context.ts';
import { forbidden, notFound } from '../../server/errors.ts';
import { t } from '../../server/messages.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import { selfScope } from '../self/self.service.ts';
import { reminderProviders, type NamedProvider } from './providers.ts';
import { idsInSubtree } from './reminders.repository.ts';
import { horizonEnd } from './window.ts';
import type { MyRemindersQuery, ReminderCounts, ReminderCountsQuery, ReminderList, ReminderListQuery } from './reminders.schemas.ts';
import type { Reminder, ReminderQuery } from './types.ts';
import type { z } from 'zod';

type Log = Pick<FastifyBaseLogger, 'warn'>;
/** A reminder with the source that reported it. */
type Sourced = Reminder & { source: string };
const SEVERITY_ORDER = { overdue: 0, due: 1, info: 2 } as const;
/** The most any one provider is asked for: beyond it a county's counts would cost more than they tell. */
const PROVIDER_CAP = 5000;

/** Overdue first, then by due date (undated last), then by organization and title. */
export function compareReminders(a: Reminder, b: Reminder): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31') ||
    a.orgName.localeCompare(b.orgName, 'zh-CN') ||
    a.title.localeCompare(b.title, 'zh-CN')
  );
}

/** Does a reminder fall inside the window: past due, or due on or before today + horizon days. */
export function withinHorizon(r: Reminder, today: string, horizonDays: number): boolean {
  if (!r.dueOn) return true;
  return r.dueOn <= horizonEnd(today, horizonDays);
}

const kindMatches = (kind: string, filter: string | undefined) => !filter || kind === filter || kind.startsWith(filter + '.');

/**
 * Ask every provider at once. A provider that throws is reported (and logged) by name; the others'
 * reminders still come back. Each reminder's severity is settled here from its date, so all
 * sources agree on what "overdue" means.
 */
export async function collect(db: Kysely<DB>, scope: Scope, q: ReminderQuery, providers: readonly NamedProvider[], log: Log, locale: RequestContext['locale']) {
  const settled = await Promise.allSettled(providers.map((p) => p.provider(db, scope, q)));
  const items: Sourced[] = [];
  const failures: ReminderList['failures'] = [];
  settled.forEach((s, i) => {
    const p = providers[i]!;
    if (s.status === 'fulfilled') {
      for (const r of s.value) {
        // A dated task past its date is overdue, one not yet past is not; a note ('info') stays a note.
        const past = !!r.dueOn && r.dueOn < q.today;
        items.push({ ...r, source: p.source, ...(r.severity !== 'info' && past !== (r.severity === 'overdue') && r.dueOn ? { severity: past ? ('overdue' as const) : ('due' as const) } : {}) });
      }
    } else {
      log.warn({ err: s.reason, source: p.source }, 'reminder provider failed');
      failures.push({ source: p.source, message: t(locale, 'reminders.sourceFailed', { source: locale === 'en' ? p.nameEn : p.name }) });
    }
  });
  return { items, failures };
}

/** The most urgent `limit` of each kind, in the list's order: a busy kind never pushes another out of view. */
function firstOfEachKind(sorted: Sourced[], limit: number): Sourced[] {
  const seen = new Map<string, number>();
  return sorted.filter((r) => {
    const n = (seen.get(r.kind) ?? 0) + 1;
    seen.set(r.kind, n);
    return n <= limit;
  });
}

interface PresentQuery {
  today: string;
  horizonDays: number;
  kind?: string | undefined;
  source?: string | undefined;
  severity?: Reminder['severity'] | undefined;
  limit: number;
}

/** Counts per registered source in the window, before the source/kind/severity filters. */
function sourceCounts(inWindow: Sourced[], providers: readonly NamedProvider[], failures: ReminderList['failures']): ReminderList['sources'] {
  return providers.map((p) => {
    const mine = inWindow.filter((r) => r.source === p.source);
    const n = (s: Reminder['severity']) => mine.filter((r) => r.severity === s).length;
    return { source: p.source, name: p.name, nameEn: p.nameEn, total: mine.length, overdue: n('overdue'), due: n('due'), info: n('info'), failed: failures.some((f) => f.source === p.source) };
  });
}

function present(all: Sourced[], q: PresentQuery, org: { id: number; name: string } | null, failures: ReminderList['failures'], providers: readonly NamedProvider[]): ReminderList {
  const inWindow = all.filter((r) => withinHorizon(r, q.today, q.horizonDays));
  const items = inWindow.filter((r) => kindMatches(r.kind, q.kind) && (!q.source || r.source === q.source) && (!q.severity || r.severity === q.severity)).sort(compareReminders);
  const counts = new Map<string, { kind: string; total: number; overdue: number }>();
  for (const r of items) {
    const c = counts.get(r.kind) ?? { kind: r.kind, total: 0, overdue: 0 };
    c.total++;
    if (r.severity === 'overdue') c.overdue++;
    counts.set(r.kind, c);
  }
  return {
    orgId: org?.id ?? null,
    orgName: org?.name ?? null,
    today: q.today,
    horizonDays: q.horizonDays,
    items: firstOfEachKind(items, q.limit),
    counts: [...counts.values()].sort((a, b) => b.overdue - a.overdue || b.total - a.total || a.kind.localeCompare(b.kind)),
    total: items.length,
    overdue: items.filter((r) => r.severity === 'overdue').length,
    truncated: [...counts.values()].some((c) => c.total > q.limit),
    sources: sourceCounts(inWindow, providers, failures),
    failures,
  };
}

/** What falls due in an organization's subtree (the caller's whole scope when no orgId is given). */
export async function listForOrg(db: Kysely<DB>, ctx: RequestContext, query: ReminderListQuery, log: Log, providers: readonly NamedProvider[] = reminderProviders): Promise<ReminderList> {
  // A member's list is their own (GET /api/me/reminders); an organization's is staff business.
  if (ctx.scope.kind === 'self') throw forbidden('reminders.selfScope');
  const orgId = query.orgId ?? (ctx.scope.kind === 'subtree' ? ctx.scope.orgId : undefined);
  let subtreePath = '';
  let resolvedOrg: { id: number; name: string } | null = null;
  if (orgId !== undefined) {
    const org = await findOrg(db, ctx.scope, orgId);
    if (!org) throw notFound();
    subtreePath = org.path;
    resolvedOrg = { id: org.id, name: org.name };
  }
  const today = todayCN();
  // Providers count everything (up to a safety cap); the reply then lists the first `limit` of each kind.
  const q: ReminderQuery = { subtreePath, today, horizonDays: query.horizonDays, limit: PROVIDER_CAP };
  const { items, failures } = await collect(db, ctx.scope, q, providers, log, ctx.locale);
  // Only what lies in the subtree, whatever a provider returned (the scope is also in its SQL).
  let kept = items;
  if (subtreePath) {
    const inside = await idsInSubtree(db, [...new Set(items.map((r) => r.orgId))], subtreePath);
    kept = items.filter((r) => inside.has(r.orgId));
    if (kept.length < items.length) log.warn({ dropped: items.length - kept.length }, 'reminder provider returned organizations outside the subtree');
  }
  return present(kept, { ...query, today }, resolvedOrg, failures, providers);
}

/**
 * The header badge: the same collection as the list (so the numbers always agree with it) but
 * only the counts travel. Measured on the demo region in decision 0018.
 */
export async function countsForOrg(db: Kysely<DB>, ctx: RequestContext, query: z.infer<typeof ReminderCountsQuery>, log: Log, providers: readonly NamedProvider[] = reminderProviders): Promise<ReminderCounts> {
  const list = await listForOrg(db, ctx, { ...query, limit: 1 }, log, providers);
  return { orgId: list.orgId, orgName: list.orgName, horizonDays: list.horizonDays, total: list.total, overdue: list.overdue, due: list.sources.reduce((s, x) => s + x.due, 0), failures: list.failures.length };
}

/** The signed-in member's own reminders (dues owed, probation end, letter expiring…). */
export async function listForSelf(db: Kysely<DB>, ctx: RequestContext, query: z.infer<typeof MyRemindersQuery>, log: Log, providers: readonly NamedProvider[] = reminderProviders): Promise<ReminderList> {
  const { scope, member } = await selfScope(db, ctx);
  const today = todayCN();
  const q: ReminderQuery = { subtreePath: member.org_path, memberId: member.id, today, horizonDays: query.horizonDays, limit: 200 };
  const { items, failures } = await collect(db, scope, q, providers, log, ctx.locale);
  // Nobody else's reminders, whatever a provider returned.
  const own = items.filter((r) => r.memberId === member.id);
  return present(own, { ...query, today, limit: 200 }, { id: member.org_id, name: member.org_name }, failures, providers);
}
