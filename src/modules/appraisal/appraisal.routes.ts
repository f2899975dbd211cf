import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { IdParams } from '../organizations/organizations.schemas.ts';
import { CreateRoundBody, GradesBody, MemberAppraisals, MutualBody, RoundDetail, RoundList, RoundMemberParams, SelfAssessmentBody, TransitionBody, VotesBody } from './appraisal.schemas.ts';
import * as service from './appraisal.service.ts';

const tags = ['appraisal'];

export const appraisalModule: Module = {
  name: 'appraisal',
  register(app) {
    const { db } = app.deps;
    app.get('/api/orgs/:id/appraisal-rounds', { config: { permission: 'member.read' }, schema: { summary: '民主评议党员：本组织各年度评议', tags, params: IdParams, response: { 200: RoundList } } }, async (req) =>
      service.listRounds(db, requireCtx(req), req.params.id),
    );
    app.post(
      '/api/orgs/:id/appraisal-rounds',
      {
        config: { permission: 'member.write', example: { body: { year: 2025, startsOn: '2026-01-05', endsOn: '2026-02-28' } } },
        schema: { summary: '启动年度民主评议（参评党员为开始日期在册的本组织正式党员和预备党员）', tags, params: IdParams, body: CreateRoundBody, response: { 201: RoundDetail } },
      },
      async (req, reply) => reply.status(201).send(await service.createRound(db, requireCtx(req), req.params.id, req.body)),
    );
    app.get('/api/appraisal-rounds/:id', { config: { permission: 'member.read' }, schema: { summary: '民主评议详情：参评党员、自评、互评、测评票数、评定等次', tags, params: IdParams, response: { 200: RoundDetail } } }, async (req) =>
      service.detail(db, requireCtx(req), req.params.id),
    );
    app.post(
      '/api/appraisal-rounds/:id/transition',
      {
        config: { permission: 'member.write', example: { body: { to: 'self_assessment' } } },
        schema: { summary: '进入下一阶段（自评 → 互评 → 测评 → 公布结果 → 结束；公布时检查全部评定且优秀不超过三分之一）', tags, params: IdParams, body: TransitionBody, response: { 200: RoundDetail } },
      },
      async (req) => service.transition(db, requireCtx(req), req.params.id, req.body),
    );
    app.put(
      '/api/appraisal-rounds/:id/self-assessments/:memberId',
      {
        config: { permission: 'member.write', example: { body: { text: '巡检自评内容' } } },
        schema: { summary: '登记党员个人自评（自评阶段）', tags, params: RoundMemberParams, body: SelfAssessmentBody, response: { 200: RoundDetail } },
      },
      async (req) => service.saveSelfAssessment(db, requireCtx(req), req.params.id, req.params.memberId, req.body),
    );
    app.post(
      '/api/appraisal-rounds/:id/mutual',
      {
        config: { permission: 'member.write', example: { body: { assessorId: 1, assesseeId: 2, grade: 'qualified' } } },
        schema: { summary: '登记党员互评意见（互评阶段；同一评价人对同一党员再次登记即更正）', tags, params: IdParams, body: MutualBody, response: { 200: RoundDetail } },
      },
      async (req) => service.addMutual(db, requireCtx(req), req.params.id, req.body),
    );
    app.put(
      '/api/appraisal-rounds/:id/votes',
      {
        config: { permission: 'member.write', example: { body: { ballots: 1, tallies: [] } } },
        schema: { summary: '登记民主测评票数（测评阶段；整表替换）', tags, params: IdParams, body: VotesBody, response: { 200: RoundDetail } },
      },
      async (req) => service.saveVotes(db, requireCtx(req), req.params.id, req.body),
    );
    app.put(
      '/api/appraisal-rounds/:id/grades',
      {
        config: { permission: 'member.write', example: { body: { grades: [{ memberId: 1, grade: 'qualified' }] } } },
        schema: { summary: '评定等次（测评阶段；优秀不超过参评党员三分之一，不合格须写明理由和处理建议）', tags, params: IdParams, body: GradesBody, response: { 200: RoundDetail } },
      },
      async (req) => service.saveGrades(db, requireCtx(req), req.params.id, req.body),
    );
    app.get('/api/members/:id/appraisals', { config: { permission: 'member.read' }, schema: { summary: '党员历年民主评议结果（已公布）', tags, params: IdParams, response: { 200: MemberAppraisals } } }, async (req) =>
      service.memberHistory(db, requireCtx(req), req.params.id),
    );
  },
};
