import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { ChildrenQuery, CreateOrgBody, DissolveOrgBody, IdParams, MergeOrgBody, MoveOrgBody, OrgEvents, SplitOrgBody, OrgDetail, OrgNode, OrgPage, SearchQuery, SearchReply, UpdateOrgBody } from './organizations.schemas.ts';
import * as ops from './operations.service.ts';
import * as service from './organizations.service.ts';
import { z } from 'zod';

const tags = ['organizations'];

export const organizationsModule: Module = {
  name: 'organizations',
  register(app) {
    const { db } = app.deps;
    app.get('/api/orgs/roots', { config: { permission: 'org.read' }, schema: { summary: '组织树顶层（本人管辖范围的根）', tags, response: { 200: z.object({ items: z.array(OrgNode) }) } } }, async (req) => ({
      items: await service.roots(db, requireCtx(req)),
    }));

    app.get('/api/orgs/search', { config: { permission: 'org.read' }, schema: { summary: '按名称或代码搜索组织', tags, querystring: SearchQuery, response: { 200: SearchReply } } }, async (req) =>
      service.search(db, requireCtx(req), req.query.q, req.query.limit),
    );

    app.get('/api/orgs/:id', { config: { permission: 'org.read' }, schema: { summary: '组织详情', tags, params: IdParams, response: { 200: OrgDetail } } }, async (req) =>
      service.detail(db, requireCtx(req), req.params.id),
    );

    app.get(
      '/api/orgs/:id/children',
      { config: { permission: 'org.read' }, schema: { summary: '下级组织（分页，懒加载组织树）', tags, params: IdParams, querystring: ChildrenQuery, response: { 200: OrgPage } } },
      async (req) => service.children(db, requireCtx(req), req.params.id, req.query.offset, req.query.limit),
    );

    app.post(
      '/api/orgs',
      {
        config: { permission: 'org.write', example: { body: { parentId: 1, code: 'WALK-1', name: '巡检测试支部', kind: 'branch', level: 'unit' } } },
        schema: { summary: '新建组织', tags, body: CreateOrgBody, response: { 201: OrgDetail } },
      },
      async (req, reply) => reply.status(201).send(await ops.create(db, requireCtx(req), req.body)),
    );

    app.patch(
      '/api/orgs/:id',
      { config: { permission: 'org.write', example: { body: { name: '巡检改名' } } }, schema: { summary: '修改组织信息', tags, params: IdParams, body: UpdateOrgBody, response: { 200: OrgDetail } } },
      async (req) => ops.update(db, requireCtx(req), req.params.id, req.body),
    );

    app.post(
      '/api/orgs/:id/move',
      { config: { permission: 'org.write', example: { body: { newParentId: 1 } } }, schema: { summary: '移动组织（连同全部下级，单个事务）', tags, params: IdParams, body: MoveOrgBody, response: { 200: OrgDetail } } },
      async (req) => ops.move(db, requireCtx(req), req.params.id, req.body.newParentId, req.body.effectiveOn),
    );

    app.post(
      '/api/orgs/:id/merge',
      { config: { permission: 'org.write', example: { body: { sourceIds: [1] } } }, schema: { summary: '合并：把若干组织并入本组织（党员、下级组织随之转入，来源组织撤销）', tags, params: IdParams, body: MergeOrgBody, response: { 200: OrgDetail } } },
      async (req) => ops.merge(db, requireCtx(req), req.params.id, req.body),
    );

    app.post(
      '/api/orgs/:id/split',
      {
        config: { permission: 'org.write', example: { body: { parts: [{ code: 'WALK-S', name: '巡检拆分支部', kind: 'branch', memberIds: [1], childIds: [] }] } } },
        schema: { summary: '拆分：新设同级组织并划转指定党员、下级组织', tags, params: IdParams, body: SplitOrgBody, response: { 200: z.object({ created: z.array(OrgDetail) }) } },
      },
      async (req) => ops.split(db, requireCtx(req), req.params.id, req.body),
    );

    app.post(
      '/api/orgs/:id/dissolve',
      { config: { permission: 'org.write', example: { body: { reason: '巡检' } } }, schema: { summary: '撤销组织（须先转出党员、移走下级组织）', tags, params: IdParams, body: DissolveOrgBody, response: { 200: OrgDetail } } },
      async (req) => ops.dissolve(db, requireCtx(req), req.params.id, req.body),
    );

    app.get('/api/orgs/:id/events', { config: { permission: 'org.read' }, schema: { summary: '组织沿革（成立、更名、调整、合并、拆分、撤销）', tags, params: IdParams, response: { 200: OrgEvents } } }, async (req) =>
      ops.events(db, requireCtx(req), req.params.id),
    );
  },
};
