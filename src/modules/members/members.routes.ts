import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { IdParams } from '../organizations/organizations.schemas.ts';
import { CreateMemberBody, MemberDetail, MemberListQuery, MemberPage, RevealReply, UpdateMemberBody } from './members.schemas.ts';
import * as service from './members.service.ts';

const tags = ['members'];

export const membersModule: Module = {
  name: 'members',
  register(app) {
    const { db, cipher } = app.deps;
    app.get('/api/members', { config: { permission: 'member.read' }, schema: { summary: '党员列表（管辖范围内；按任意字段筛选、排序，游标翻页）', tags, querystring: MemberListQuery, response: { 200: MemberPage } } }, async (req) =>
      service.list(db, cipher, requireCtx(req), req.query),
    );
    app.post(
      '/api/members',
      {
        config: { permission: 'member.write', example: { body: { orgId: 1, name: '巡检人', gender: 'male', idNumber: '330402199001010019', education: 'bachelor', category: 'worker', joinedOn: '2015-07-01', fullMemberOn: '2016-07-01' } } },
        schema: { summary: '登记党员（校验身份证号、日期规则，身份证号加密保存）', tags, body: CreateMemberBody, response: { 201: MemberDetail } },
      },
      async (req, reply) => reply.status(201).send(await service.create(db, cipher, requireCtx(req), req.body)),
    );
    app.patch(
      '/api/members/:id',
      { config: { permission: 'member.write', example: { body: { phone: '13800000000' } } }, schema: { summary: '修改党员信息', tags, params: IdParams, body: UpdateMemberBody, response: { 200: MemberDetail } } },
      async (req) => service.update(db, cipher, requireCtx(req), req.params.id, req.body),
    );
    app.get('/api/members/:id', { config: { permission: 'member.read' }, schema: { summary: '党员详情（身份证号脱敏）', tags, params: IdParams, response: { 200: MemberDetail } } }, async (req) =>
      service.detail(db, requireCtx(req), req.params.id),
    );
    app.post(
      '/api/members/:id/reveal-id-number',
      { config: { permission: 'member.read', example: { body: {} } }, schema: { summary: '查看完整身份证号（记入审计日志）', tags, params: IdParams, response: { 200: RevealReply } } },
      async (req) => service.revealIdNumber(db, cipher, requireCtx(req), req.params.id),
    );
  },
};
