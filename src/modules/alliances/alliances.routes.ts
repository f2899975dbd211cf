import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { IdParams } from '../organizations/organizations.schemas.ts';
import { AllianceDetail, AllianceItem, AllianceList, AllianceListQuery, AllianceMeetingBody, AllianceMemberBody, CreateAllianceBody } from './alliances.schemas.ts';
import * as service from './alliances.service.ts';

const tags = ['alliances'];

export const alliancesModule: Module = {
  name: 'alliances',
  register(app) {
    const { db } = app.deps;
    app.get('/api/alliances', { config: { permission: 'org.read' }, schema: { summary: '区域化党建联盟 / 联席会议 / 大工委 / 大党委', tags, querystring: AllianceListQuery, response: { 200: AllianceList } } }, async (req) =>
      service.list(db, requireCtx(req), req.query.orgId),
    );
    app.get('/api/alliances/:id', { config: { permission: 'org.read' }, schema: { summary: '联盟详情（成员单位、会议）', tags, params: IdParams, response: { 200: AllianceDetail } } }, async (req) =>
      service.detail(db, requireCtx(req), req.params.id),
    );
    app.post(
      '/api/alliances',
      { config: { permission: 'org.write', example: { body: { kind: 'joint_meeting', name: '巡检联席会议', orgId: 1, establishedOn: '2024-01-01' } } }, schema: { summary: '新建联盟', tags, body: CreateAllianceBody, response: { 201: AllianceItem } } },
      async (req, reply) => reply.status(201).send(await service.create(db, requireCtx(req), req.body)),
    );
    app.post(
      '/api/alliances/:id/members',
      { config: { permission: 'org.write', example: { body: { unitId: 1, joinedOn: '2024-01-01' } } }, schema: { summary: '加入成员单位', tags, params: IdParams, body: AllianceMemberBody, response: { 200: AllianceDetail } } },
      async (req) => service.addMember(db, requireCtx(req), req.params.id, req.body),
    );
    app.post(
      '/api/alliances/:id/meetings',
      { config: { permission: 'org.write', example: { body: { heldOn: '2024-03-01', title: '巡检会议' } } }, schema: { summary: '登记联盟会议', tags, params: IdParams, body: AllianceMeetingBody, response: { 200: AllianceDetail } } },
      async (req) => service.addMeeting(db, requireCtx(req), req.params.id, req.body),
    );
  },
};
