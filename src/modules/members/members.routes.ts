import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { IdParams } from '../organizations/organizations.schemas.ts';
import { MemberDetail, MemberListQuery, MemberPage, RevealReply } from './members.schemas.ts';
import * as service from './members.service.ts';

const tags = ['members'];

export const membersModule: Module = {
  name: 'members',
  register(app) {
    const { db, cipher } = app.deps;
    app.get('/api/members', { config: { permission: 'member.read' }, schema: { summary: '党员列表（管辖范围内，按编号翻页）', tags, querystring: MemberListQuery, response: { 200: MemberPage } } }, async (req) =>
      service.list(db, requireCtx(req), req.query),
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
