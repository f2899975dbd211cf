import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { IdParams } from '../organizations/organizations.schemas.ts';
import { Board, BoardQuery, CaseDetail, CloseCaseBody, CreateCaseBody, ExtendProbationBody, RecordStepBody } from './development.schemas.ts';
import * as service from './development.service.ts';

const tags = ['development'];

export const developmentModule: Module = {
  name: 'development',
  register(app) {
    const { db, cipher } = app.deps;
    app.get(
      '/api/development/board',
      { config: { permission: 'member.read' }, schema: { summary: '发展党员工作台（组织及下级：各阶段人数、当前步骤、下一步及期限、超期）', tags, querystring: BoardQuery, response: { 200: Board } } },
      async (req) => service.board(db, requireCtx(req), req.query),
    );
    app.post(
      '/api/development/cases',
      {
        config: { permission: 'member.write', example: { body: { orgId: 1, name: '巡检申请人', gender: 'male', idNumber: '330402199001010019', education: 'bachelor', appliedOn: '2025-03-01' } } },
        schema: { summary: '登记入党申请人（第 1 步：递交入党申请书；校验年满 18 周岁，身份证号加密保存）', tags, body: CreateCaseBody, response: { 201: CaseDetail } },
      },
      async (req, reply) => reply.status(201).send(await service.create(db, cipher, requireCtx(req), req.body)),
    );
    app.get('/api/development/cases/:id', { config: { permission: 'member.read' }, schema: { summary: '发展党员记录详情（各步骤时间线）', tags, params: IdParams, response: { 200: CaseDetail } } }, async (req) =>
      service.detail(db, requireCtx(req), req.params.id),
    );
    app.post(
      '/api/development/cases/:id/steps',
      {
        config: { permission: 'member.write', example: { body: { step: 'talk', doneOn: '2025-03-10' } } },
        schema: { summary: '办理下一步骤（按规则校验，不符合时返回 422 及规则依据）', tags, params: IdParams, body: RecordStepBody, response: { 200: CaseDetail } },
      },
      async (req) => service.recordStep(db, requireCtx(req), req.params.id, req.body),
    );
    app.post(
      '/api/development/cases/:id/extension',
      {
        config: { permission: 'member.write', example: { body: { decidedOn: '2025-03-10', months: 6, reason: '巡检' } } },
        schema: { summary: '延长预备期（只能一次，6–12 个月）', tags, params: IdParams, body: ExtendProbationBody, response: { 200: CaseDetail } },
      },
      async (req) => service.extendProbation(db, requireCtx(req), req.params.id, req.body),
    );
    app.post(
      '/api/development/cases/:id/close',
      {
        config: { permission: 'member.write', example: { body: { kind: 'withdrawn', closedOn: '2025-03-10', reason: '巡检' } } },
        schema: { summary: '终止发展（本人放弃、不予发展，或取消预备党员资格）', tags, params: IdParams, body: CloseCaseBody, response: { 200: CaseDetail } },
      },
      async (req) => service.close(db, requireCtx(req), req.params.id, req.body),
    );
  },
};
