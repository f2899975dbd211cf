import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { addMonths, todayCN } from '../../lib/dates.ts';
import type { RequestContext } from '../../server/context.ts';
import { AppError, badRequest, notFound } from '../../server/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findMember } from '../members/members.repository.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import { termYears } from './checks.service.ts';
import * as history from './history.repository.ts';
import { findOrg } from './organizations.repository.ts';
import * as repo from './posts.repository.ts';
import type { CreatePostBody, PostItem, TermBody } from './posts.schemas.ts';

type Post = z.infer<typeof PostItem>;

async function org(db: Kysely<DB>, ctx: RequestContext, id: number) {
  const o = await findOrg(db, ctx.scope, id);
  if (!o) throw notFound();
  return o;
}

export async function list(db: Kysely<DB>, ctx: RequestContext, orgId: number, includeEnded: boolean) {
  const o = await org(db, ctx, orgId);
  const rows = await repo.listPosts(db, orgId, includeEnded);
  const years = termYears((await rulesInForce(db, todayCN())).get('term.years'), o, o.term_years);
  return {
    items: rows.map((r): Post => ({ id: r.id, post: r.post as Post['post'], memberId: r.member_id, holderName: r.holder_name, startedOn: r.started_on, endedOn: r.ended_on })),
    termStartedOn: o.term_started_on,
    termYears: years,
    termEndsOn: o.term_started_on && years ? addMonths(o.term_started_on, years * 12) : null,
  };
}

/** Appoint a post holder; a member holder must be in the caller's scope. */
export async function appoint(db: Kysely<DB>, ctx: RequestContext, orgId: number, body: z.infer<typeof CreatePostBody>) {
  const o = await org(db, ctx, orgId);
  if (body.startedOn > todayCN()) throw badRequest('history.future', 'startedOn');
  let holder = body.holderName ?? null;
  if (body.memberId) {
    const m = await findMember(db, ctx.scope, body.memberId);
    if (!m) throw new AppError(404, 'notFound', {}, 'memberId');
    holder = holder ?? m.name;
  }
  return db.transaction().execute(async (trx) => {
    const { id } = await repo.insertPost(trx, { orgId, post: body.post, memberId: body.memberId ?? null, holderName: holder!, startedOn: body.startedOn });
    await history.recordEvent(trx, { orgId, kind: 'term', effectiveOn: body.startedOn, summary: `任职：${holder}（${body.post}）`, details: { postId: id, post: body.post }, actorName: ctx.actor.username });
    await appendAudit(trx, ctx, { action: 'orgPost.appoint', entity: 'org_post', entityId: id, scopePath: o.path, after: { orgId, ...body, holderName: holder } });
    return { id };
  });
}

export async function end(db: Kysely<DB>, ctx: RequestContext, orgId: number, postId: number, endedOn: string) {
  const o = await org(db, ctx, orgId);
  const post = await repo.findPost(db, orgId, postId);
  if (!post) throw notFound();
  if (post.ended_on) throw new AppError(409, 'post.alreadyEnded');
  if (endedOn < post.started_on) throw badRequest('post.endBeforeStart', 'endedOn');
  if (endedOn > todayCN()) throw badRequest('history.future', 'endedOn');
  await db.transaction().execute(async (trx) => {
    await repo.endPost(trx, postId, endedOn);
    await history.recordEvent(trx, { orgId, kind: 'term', effectiveOn: endedOn, summary: `免职：${post.holder_name}（${post.post}）`, details: { postId }, actorName: ctx.actor.username });
    await appendAudit(trx, ctx, { action: 'orgPost.end', entity: 'org_post', entityId: postId, scopePath: o.path, before: { endedOn: null }, after: { endedOn } });
  });
}

/** Record the start of the current term (换届) and optionally a term length other than the rule's. */
export async function setTerm(db: Kysely<DB>, ctx: RequestContext, orgId: number, body: z.infer<typeof TermBody>) {
  const o = await org(db, ctx, orgId);
  if (body.startedOn > todayCN()) throw badRequest('history.future', 'startedOn');
  await db.transaction().execute(async (trx) => {
    await repo.setTerm(trx, orgId, body.startedOn, body.years ?? null);
    await history.recordEvent(trx, { orgId, kind: 'term', effectiveOn: body.startedOn, summary: `换届：本届任期自 ${body.startedOn} 起${body.years ? `，${body.years} 年` : ''}`, actorName: ctx.actor.username });
    await appendAudit(trx, ctx, { action: 'org.term', entity: 'organization', entityId: orgId, scopePath: o.path, before: { termStartedOn: o.term_started_on, termYears: o.term_years }, after: body });
  });
}
