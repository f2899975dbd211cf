import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { IdParams } from '../organizations/organizations.schemas.ts';
import { CreateStatusBody, StatusRecord, StatusRecordList } from './status.schemas.ts';
import * as service from './status.service.ts';

const tags = ['status'];

export const statusModule: Module = {
  name: 'status',
  register(app) {
    const { db } = app.deps;
    app.get(
      '/api/members/:id/status-records',
      { config: { permission: 'member.read' }, schema: { summary: '党员奖惩与变动记录（逝世、出党、处分、表彰、关爱帮扶、生活补助、恢复权利、撤销更正）', tags, params: IdParams, response: { 200: StatusRecordList } } },
      async (req) => service.list(db, requireCtx(req), req.params.id),
    );
    app.post(
      '/api/members/:id/status-records',
      {
        config: { permission: 'member.write', example: { body: { kind: 'award', subtype: 'excellent_member', effectiveOn: '2026-07-01', awardLevel: 'county', issuer: '巡检县委' } } },
        schema: {
          summary: '登记奖惩与变动（逝世、出党、开除党籍即日起不在册；已不在册的党员只能登记撤销更正）',
          tags,
          params: IdParams,
          body: CreateStatusBody,
          response: { 201: StatusRecord },
        },
      },
      async (req, reply) => reply.status(201).send(await service.create(db, requireCtx(req), req.params.id, req.body)),
    );
  },
};
