import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import type { RequestContext } from '../../server/context.ts';
import { badRequest, conflict, forbidden, isUniqueViolation, notFound } from '../../server/errors.ts';
import { indicatorProviders } from '../assessment/indicator.registry.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findMember } from '../members/members.repository.ts';
import { findOrg } from '../organizations/organizations.repository.ts';
import * as repo from './secretaries.repository.ts';
import type { CreateReportBody, RateBody, RecordFigure, Report, ReportList, ReportPage, SubmitBody, UpdateReportBody } from './secretaries.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;
type ReportT = z.infer<typeof Report>;
type Rating = NonNullable<ReportT['rating']>;

const thisYear = () => Number(todayCN().slice(0, 4));
/** The day a year's secretary is read on: its last day, or today for the current year. */
const refDay = (year: number) => [`${year}-12-31`, todayCN()].sort()[0] as string;

/** Reports are about a person's work: staff and secretaries only, not the member self scope (a member sees their own history). */
function requireStaff(ctx: RequestContext) {
  if (ctx.scope.kind === 'self') throw forbidden();
}

/** Review and rating are by the level above: the organization must lie strictly below the actor's own. */
const isAbove = (ctx: RequestContext, orgPath: string) => orgPath.startsWith(ctx.actor.orgPath + '.');

function present(r: repo.ReportRow): ReportT {
  const v = [r.votes_good, r.votes_fairly_good, r.votes_average, r.votes_poor];
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    year: r.year,
    memberId: r.member_id,
    holderName: r.holder_name,
    state: r.state as ReportT['state'],
    text: r.report_text,
    submittedOn: r.submitted_on,
    rating: r.rating as Rating | null,
    ratingComment: r.rating_comment,
    ratedOn: r.rated_on,
    ratedByName: r.rated_by_name,
    ratedByOrgName: r.rated_by_org_name,
    votes: v.some((x) => x !== null) ? { good: r.votes_good ?? 0, fairly_good: r.votes_fairly_good ?? 0, average: r.votes_average ?? 0, poor: r.votes_poor ?? 0 } : null,
  };
}
const short = ({ text: _t, ...r }: ReportT) => r;

export async function list(db: Kysely<DB>, ctx: RequestContext, orgId: number, year?: number): Promise<z.infer<typeof ReportList>> {
  requireStaff(ctx);
  const org = await findOrg(db, ctx.scope, orgId);
  if (!org) throw notFound();
  const y = year ?? thisYear();
  const [rows, missing] = await Promise.all([repo.listReports(db, ctx.scope, org.path, y), repo.missingReports(db, ctx.scope, org.path, y, refDay(y), 300)]);
  const items = rows.map((r) => short(present(r)));
  const n = (g: Rating) => items.filter((i) => i.state === 'rated' && i.rating === g).length;
  return {
    year: y,
    items,
    missing: missing.rows.map((m) => ({ orgId: m.org_id, orgName: m.org_name, holderName: m.holder_name, memberId: m.member_id, since: m.started_on })),
    missingTotal: missing.total,
    distribution: { good: n('good'), fairly_good: n('fairly_good'), average: n('average'), poor: n('poor'), unrated: items.filter((i) => i.state !== 'rated').length },
  };
}

/** The records behind a report: every registered indicator (but the rating itself) for the organization and year, with evidence. */
async function records(db: Kysely<DB>, org: { id: number; path: string; name: string; level: string; kind: string; domain: string }, year: number): Promise<z.infer<typeof RecordFigure>[]> {
  const period = { from: `${year}-01-01`, to: refDay(year) };
  const out: z.infer<typeof RecordFigure>[] = [];
  for (const p of indicatorProviders.filter((x) => x.code !== 'secretaries.rating')) {
    const head = { code: p.code, name: p.name, description: p.description };
    try {
      const r = await p.compute(db, org, period, Object.fromEntries(Object.entries(p.params ?? {}).map(([k, v]) => [k, v.default])), { evidenceLimit: 30 });
      out.push({ ...head, display: r.display, value: r.value, ratio: r.ratio, note: r.note, error: null, evidence: r.evidence.slice(0, 30), evidenceTotal: r.evidenceTotal });
    } catch (err) {
      out.push({ ...head, display: '—', value: null, ratio: null, note: null, error: `计算出错：${(err as Error).message.slice(0, 200)}`, evidence: [], evidenceTotal: 0 });
    }
  }
  return out;
}

/** An organization's report for a year (default: its latest report's year, else this year), with the records panel and history. */
export async function page(db: Kysely<DB>, ctx: RequestContext, orgId: number, year?: number): Promise<z.infer<typeof ReportPage>> {
  requireStaff(ctx);
  const org = await findOrg(db, ctx.scope, orgId);
  if (!org) throw notFound();
  const y = year ?? (await repo.latestYear(db, orgId)) ?? thisYear();
  const [row, posts] = await Promise.all([repo.reportOf(db, orgId, y), repo.secretaryPosts(db, orgId, y, refDay(y))]);
  const post = posts[0];
  const history = row?.member_id ? await repo.memberReports(db, ctx.scope, row.member_id) : row ? await repo.postReports(db, ctx.scope, row.post_id) : [];
  return {
    org: { id: org.id, name: org.name },
    year: y,
    secretary: post ? { holderName: post.holder_name, memberId: post.member_id, since: post.started_on } : null,
    report: row ? present(row) : null,
    canRate: !!row && row.state === 'submitted' && isAbove(ctx, org.path),
    records: await records(db, org, y),
    history: history.map((r) => short(present(r))),
  };
}

/** Open the year's report for the organization's secretary (the holder of the 书记 post that year). */
export async function create(db: Kysely<DB>, ctx: RequestContext, orgId: number, body: z.infer<typeof CreateReportBody>) {
  requireStaff(ctx);
  const org = await findOrg(db, ctx.scope, orgId);
  if (!org) throw notFound();
  if (body.year > thisYear()) throw badRequest('secretaries.futureYear', 'year');
  const post = (await repo.secretaryPosts(db, orgId, body.year, refDay(body.year)))[0];
  if (!post) throw conflict('secretaries.noSecretary', { org: org.name, year: body.year });
  try {
    return await db.transaction().execute(async (trx) => {
      const row = { org_id: orgId, year: body.year, post_id: post.id, member_id: post.member_id, holder_name: post.holder_name, report_text: body.text ?? '', created_by_name: ctx.actor.displayName };
      const { id } = await repo.insertReport(trx, row);
      await appendAudit(trx, ctx, { action: 'secretaries.create', entity: 'sec_report', entityId: id, scopePath: org.path, after: row });
      return present((await repo.findReport(trx, ctx.scope, id))!);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'sec_reports_org_year')) throw conflict('secretaries.duplicate', { year: body.year }, 'year');
    throw err;
  }
}

async function locked(trx: Db, ctx: RequestContext, id: number, state: string) {
  const r = await repo.findReport(trx, ctx.scope, id, true);
  if (!r) throw notFound();
  if (r.state !== state) throw conflict('secretaries.wrongState', { state: r.state });
  return r;
}

export async function update(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof UpdateReportBody>) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const r = await locked(trx, ctx, id, 'draft');
    await repo.updateReport(trx, id, { report_text: body.text });
    await appendAudit(trx, ctx, { action: 'secretaries.update', entity: 'sec_report', entityId: id, scopePath: r.org_path, before: { text: r.report_text }, after: { text: body.text } });
    return present((await repo.findReport(trx, ctx.scope, id))!);
  });
}

export async function submit(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof SubmitBody>) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const r = await locked(trx, ctx, id, 'draft');
    if (r.report_text.trim().length < 20) throw badRequest('secretaries.textTooShort', 'text');
    const on = body.on ?? todayCN();
    if (on > todayCN()) throw badRequest('status.futureDate', 'on', { today: todayCN() });
    await repo.updateReport(trx, id, { state: 'submitted', submitted_on: on });
    await appendAudit(trx, ctx, { action: 'secretaries.submit', entity: 'sec_report', entityId: id, scopePath: r.org_path, before: { state: r.state }, after: { state: 'submitted', on } });
    return present((await repo.findReport(trx, ctx.scope, id))!);
  });
}

/** Rating by the level above; the review meeting's vote counts are recorded as given. */
export async function rate(db: Kysely<DB>, ctx: RequestContext, id: number, body: z.infer<typeof RateBody>) {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    const r = await repo.findReport(trx, ctx.scope, id, true);
    if (!r) throw notFound();
    if (!isAbove(ctx, r.org_path)) throw forbidden('secretaries.notLevelAbove');
    if (r.state !== 'submitted') throw conflict('secretaries.wrongState', { state: r.state });
    const on = body.on ?? todayCN();
    if (on > todayCN()) throw badRequest('status.futureDate', 'on', { today: todayCN() });
    if (r.submitted_on && on < r.submitted_on) throw badRequest('secretaries.ratedBeforeSubmit', 'on', { date: r.submitted_on });
    const v = body.votes ?? null;
    const patch = { state: 'rated', rating: body.rating, rating_comment: body.comment, rated_on: on, rated_by_name: ctx.actor.displayName, rated_by_org_id: ctx.actor.orgId, votes_good: v?.good ?? null, votes_fairly_good: v?.fairly_good ?? null, votes_average: v?.average ?? null, votes_poor: v?.poor ?? null };
    await repo.updateReport(trx, id, patch);
    await appendAudit(trx, ctx, { action: 'secretaries.rate', entity: 'sec_report', entityId: id, scopePath: r.org_path, before: { state: r.state }, after: patch });
    return present((await repo.findReport(trx, ctx.scope, id))!);
  });
}

/** A member's reports as secretary, with their ratings (their own, for a member signed in). */
export async function memberHistory(db: Kysely<DB>, ctx: RequestContext, memberId: number) {
  if (!(await findMember(db, ctx.scope, memberId))) throw notFound();
  const scope = ctx.scope.kind === 'self' ? ({ kind: 'all' } as const) : ctx.scope;
  return { items: (await repo.memberReports(db, scope, memberId)).map((r) => short(present(r))) };
}
