import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { IdParams } from '../organizations/organizations.schemas.ts';
import { ContactBody, InflowBody, MobileDetail, MobileListQuery, MobilePage, OutflowBody, ReturnBody } from './mobile.schemas.ts';
import * as service from './mobile.service.ts';

const tags = ['mobile'];

export const mobileModule: Module = {
  name: 'mobile',
  register(app) {
    const { db } = app.deps;
    app.get(
      '/api/mobile',
      { config: { permission: 'member.read' }, schema: { summary: '流动党员（外出流动、流入本地；在外、已返回、待核查）', tags, querystring: MobileListQuery, response: { 200: MobilePage } } },
      async (req) => service.list(db, requireCtx(req), req.query),
    );
    app.get('/api/mobile/:id', { config: { permission: 'member.read' }, schema: { summary: '流动党员记录详情（含联系记录）', tags, params: IdParams, response: { 200: MobileDetail } } }, async (req) =>
      service.detail(db, requireCtx(req), req.params.id),
    );
    app.post(
      '/api/mobile/outflows',
      {
        config: { permission: 'member.read', example: { body: { memberId: 1, place: '广东省深圳市', since: '2026-01-05' } } },
        schema: { summary: '登记外出流动（党组织登记，或党员本人登记）', tags, body: OutflowBody, response: { 201: MobileDetail } },
      },
      async (req, reply) => reply.status(201).send(await service.registerOutflow(db, requireCtx(req), req.body)),
    );
    app.post(
      '/api/mobile/inflows',
      {
        config: { permission: 'member.write', example: { body: { orgId: 1, personName: '巡检人', place: '四川省广安市', since: '2026-01-05', homeOrgName: '巡检外地党支部' } } },
        schema: { summary: '登记流入本地的外地党员', tags, body: InflowBody, response: { 201: MobileDetail } },
      },
      async (req, reply) => reply.status(201).send(await service.registerInflow(db, requireCtx(req), req.body)),
    );
    app.post(
      '/api/mobile/:id/contacts',
      { config: { permission: 'member.write', example: { body: { contactedOn: '2026-01-06', way: 'phone' } } }, schema: { summary: '添加联系记录', tags, params: IdParams, body: ContactBody, response: { 200: MobileDetail } } },
      async (req) => service.addContact(db, requireCtx(req), req.params.id, req.body),
    );
    app.post(
      '/api/mobile/:id/return',
      { config: { permission: 'member.write', example: { body: { returnedOn: '2026-01-06' } } }, schema: { summary: '登记返回（结束流动）', tags, params: IdParams, body: ReturnBody, response: { 200: MobileDetail } } },
      async (req) => service.registerReturn(db, requireCtx(req), req.params.id, req.body),
    );
  },
};
