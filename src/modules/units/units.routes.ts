import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { IdParams } from '../organizations/organizations.schemas.ts';
import { CreateUnitBody, OrgUnits, OrgUnitsBody, UnitItem, UnitListQuery, UnitPage, UpdateUnitBody } from './units.schemas.ts';
import * as service from './units.service.ts';

const tags = ['units'];

export const unitsModule: Module = {
  name: 'units',
  register(app) {
    const { db } = app.deps;
    app.get('/api/units', { config: { permission: 'org.read' }, schema: { summary: '单位列表（村、社区、机关、企业、学校……）', tags, querystring: UnitListQuery, response: { 200: UnitPage } } }, async (req) =>
      service.list(db, requireCtx(req), req.query),
    );
    app.post(
      '/api/units',
      { config: { permission: 'org.write', example: { body: { code: 'WALK-U', name: '巡检单位', kind: 'non_public', orgId: 1 } } }, schema: { summary: '新建单位', tags, body: CreateUnitBody, response: { 201: UnitItem } } },
      async (req, reply) => reply.status(201).send(await service.create(db, requireCtx(req), req.body)),
    );
    app.patch(
      '/api/units/:id',
      { config: { permission: 'org.write', example: { body: { name: '巡检单位改名' } } }, schema: { summary: '修改单位', tags, params: IdParams, body: UpdateUnitBody, response: { 200: UnitItem } } },
      async (req) => service.update(db, requireCtx(req), req.params.id, req.body),
    );
    app.get('/api/orgs/:id/units', { config: { permission: 'org.read' }, schema: { summary: '组织所在单位（联合党组织可覆盖多个单位）', tags, params: IdParams, response: { 200: OrgUnits } } }, async (req) =>
      service.orgUnits(db, requireCtx(req), req.params.id),
    );
    app.put(
      '/api/orgs/:id/units',
      { config: { permission: 'org.write', example: { body: { unitIds: [1] } } }, schema: { summary: '设置组织覆盖的单位', tags, params: IdParams, body: OrgUnitsBody, response: { 200: OrgUnits } } },
      async (req) => service.setOrgUnits(db, requireCtx(req), req.params.id, req.body),
    );
  },
};
