import { z } from 'zod';
import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { checkOrganization } from './checks.service.ts';
import { IdParams } from './organizations.schemas.ts';
import { CheckList, CreatePostBody, EndPostBody, PostList, PostParams, PostsQuery, TermBody } from './posts.schemas.ts';
import * as posts from './posts.service.ts';

const tags = ['organizations'];
const Ok = z.object({ ok: z.literal(true) });

/** Committee posts, terms and setup checks of an organization. */
export const structureModule: Module = {
  name: 'organization-structure',
  register(app) {
    const { db } = app.deps;
    app.get('/api/orgs/:id/posts', { config: { permission: 'org.read' }, schema: { summary: '班子成员与任期', tags, params: IdParams, querystring: PostsQuery, response: { 200: PostList } } }, async (req) =>
      posts.list(db, requireCtx(req), req.params.id, req.query.includeEnded === 'true'),
    );
    app.post(
      '/api/orgs/:id/posts',
      { config: { permission: 'org.write', example: { body: { post: 'secretary', holderName: '巡检人', startedOn: '2024-01-01' } } }, schema: { summary: '任职（书记、副书记、委员……）', tags, params: IdParams, body: CreatePostBody, response: { 201: z.object({ id: z.number() }) } } },
      async (req, reply) => reply.status(201).send(await posts.appoint(db, requireCtx(req), req.params.id, req.body)),
    );
    app.post(
      '/api/orgs/:id/posts/:postId/end',
      { config: { permission: 'org.write', example: { body: { endedOn: '2025-01-01' } } }, schema: { summary: '免职', tags, params: PostParams, body: EndPostBody, response: { 200: Ok } } },
      async (req) => {
        await posts.end(db, requireCtx(req), req.params.id, req.params.postId, req.body.endedOn);
        return { ok: true as const };
      },
    );
    app.put(
      '/api/orgs/:id/term',
      { config: { permission: 'org.write', example: { body: { startedOn: '2024-01-01' } } }, schema: { summary: '登记换届（本届任期起始日期）', tags, params: IdParams, body: TermBody, response: { 200: Ok } } },
      async (req) => {
        await posts.setTerm(db, requireCtx(req), req.params.id, req.body);
        return { ok: true as const };
      },
    );
    app.get('/api/orgs/:id/checks', { config: { permission: 'org.read' }, schema: { summary: '组织设置检查（按规则表提示，不阻止操作）', tags, params: IdParams, response: { 200: CheckList } } }, async (req) =>
      checkOrganization(db, requireCtx(req), req.params.id),
    );
  },
};
