import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { IdParams } from '../organizations/organizations.schemas.ts';
import {
  CreateRoundBody,
  CreateTargetBody,
  EmptyBody,
  ManualBody,
  ProviderList,
  ReturnBody,
  ReviewBody,
  RoundDetail,
  RoundList,
  RoundsQuery,
  SaveStandardBody,
  SheetDetail,
  Standard,
  StandardList,
  TargetList,
  CreatedTarget,
  TargetsQuery,
  UpdatedTarget,
  UpdateTargetBody,
} from './assessment.schemas.ts';
import * as service from './assessment.service.ts';
import * as sheets from './assessment.sheets.ts';
import * as targets from './assessment.targets.ts';
import { exportRound } from './assessment.export.ts';

const tags = ['assessment'];

export const assessmentModule: Module = {
  name: 'assessment',
  register(app) {
    const { db } = app.deps;
    app.get('/api/assessment/indicators', { config: { permission: 'member.read', referenceData: true }, schema: { summary: '可由记录计算的考核指标（代码、说明、参数）', tags, response: { 200: ProviderList } } }, async (req) => {
      service.requireStaff(requireCtx(req));
      return service.listProviders();
    });
    app.get('/api/assessment-standards', { config: { permission: 'member.read', referenceData: true }, schema: { summary: '考核标准（“五个好”等，含各版本）', tags, response: { 200: StandardList } } }, async (req) => service.listStandards(db, requireCtx(req)));
    app.post(
      '/api/assessment-standards',
      { config: { permission: 'org.write', example: { body: { code: 'walk_std', name: '测试标准', categoryLabel: '村级党组织', appliesTo: { levels: ['village'] }, definition: { items: [], pass: { itemMinPct: 60, totalMinPct: 85 }, stars: [] }, source: '测试' } } }, schema: { summary: '保存考核标准（已有代码则为新版本；进行中的考核仍按原版本）——县级以上组织部门', tags, body: SaveStandardBody, response: { 201: Standard } } },
      async (req, reply) => reply.status(201).send(await service.saveStandard(db, requireCtx(req), req.body)),
    );
    app.get('/api/assessment-rounds', { config: { permission: 'member.read' }, schema: { summary: '考核轮次（本组织及下属组织发起或涉及的）', tags, querystring: RoundsQuery, response: { 200: RoundList } } }, async (req) => service.listRounds(db, requireCtx(req), req.query.orgId));
    app.post(
      '/api/assessment-rounds',
      { config: { permission: 'member.write', example: { body: { orgId: 1, standardId: 1, cadence: 'quarter', year: 2026, part: 3 } } }, schema: { summary: '发起考核：为发起组织下属适用类别的每个组织生成一张考核表', tags, body: CreateRoundBody, response: { 201: RoundDetail } } },
      async (req, reply) => reply.status(201).send(await service.createRound(db, requireCtx(req), req.body)),
    );
    app.get('/api/assessment-rounds/:id', { config: { permission: 'member.read' }, schema: { summary: '考核轮次详情与各组织考核表进度', tags, params: IdParams, response: { 200: RoundDetail } } }, async (req) => service.roundDetail(db, requireCtx(req), req.params.id));
    app.get('/api/assessment-rounds/:id/export', { config: { permission: 'member.read' }, schema: { summary: '导出考核结果 Excel（每个组织一行：各项指标得分、总分、是否达标、星级）', tags, params: IdParams } }, async (req, reply) => {
      const { body, headers } = await exportRound(db, requireCtx(req), req.params.id);
      return reply.headers(headers).send(body);
    });
    app.get('/api/assessment-sheets/:id', { config: { permission: 'member.read' }, schema: { summary: '考核表：各项指标的数值、得分和所依据的记录', tags, params: IdParams, response: { 200: SheetDetail } } }, async (req) => sheets.detail(db, requireCtx(req), req.params.id));
    app.put(
      '/api/assessment-sheets/:id/manual',
      { config: { permission: 'member.write', example: { body: { entries: [] } } }, schema: { summary: '自查：人工评分指标的自评分和依据（须有依据）', tags, params: IdParams, body: ManualBody, response: { 200: SheetDetail } } },
      async (req) => sheets.saveManual(db, requireCtx(req), req.params.id, req.body),
    );
    app.post('/api/assessment-sheets/:id/submit', { config: { permission: 'member.write', example: { body: {} } }, schema: { summary: '提交自查（计算指标连同所依据的记录一并留存）', tags, params: IdParams, body: EmptyBody, response: { 200: SheetDetail } } }, async (req) =>
      sheets.submit(db, requireCtx(req), req.params.id),
    );
    app.post('/api/assessment-sheets/:id/recompute', { config: { permission: 'member.write', example: { body: {} } }, schema: { summary: '复核时按当前记录重新计算（表上注明重算时间和人员）', tags, params: IdParams, body: EmptyBody, response: { 200: SheetDetail } } }, async (req) =>
      sheets.recompute(db, requireCtx(req), req.params.id),
    );
    app.post(
      '/api/assessment-sheets/:id/review',
      { config: { permission: 'member.write', example: { body: { adjustments: [], comment: '复核意见' } } }, schema: { summary: '上级复核（可调整人工评分并说明理由；计算指标不能改）', tags, params: IdParams, body: ReviewBody, response: { 200: SheetDetail } } },
      async (req) => sheets.review(db, requireCtx(req), req.params.id, req.body),
    );
    app.post('/api/assessment-sheets/:id/return', { config: { permission: 'member.write', example: { body: { reason: '请补充依据' } } }, schema: { summary: '退回修改', tags, params: IdParams, body: ReturnBody, response: { 200: SheetDetail } } }, async (req) =>
      sheets.returnSheet(db, requireCtx(req), req.params.id, req.body.reason),
    );
    app.post('/api/assessment-sheets/:id/finalize', { config: { permission: 'member.write', example: { body: {} } }, schema: { summary: '确定最终结果（计入目标进度）', tags, params: IdParams, body: EmptyBody, response: { 200: SheetDetail } } }, async (req) =>
      sheets.finalize(db, requireCtx(req), req.params.id),
    );
    app.get('/api/assessment-targets', { config: { permission: 'member.read' }, schema: { summary: '考核目标及本范围的完成进度（计入和未计入的组织）', tags, querystring: TargetsQuery, response: { 200: TargetList } } }, async (req) => targets.listTargets(db, requireCtx(req), req.query.orgId));
    app.post(
      '/api/assessment-targets',
      { config: { permission: 'org.write', example: { body: { orgId: 1, standardCode: 'five_good_village', sharePct: 65, deadline: '2027-12-31', title: '村级党组织达到“五个好”', source: '测试' } } }, schema: { summary: '设定考核目标——县级以上组织部门', tags, body: CreateTargetBody, response: { 201: CreatedTarget } } },
      async (req, reply) => reply.status(201).send(await targets.createTarget(db, requireCtx(req), req.body)),
    );
    app.patch(
      '/api/assessment-targets/:id',
      { config: { permission: 'org.write', example: { body: { sharePct: 70, deadline: '2028-06-30' } } }, schema: { summary: '修改考核目标的比例、期限、名称或依据（考核标准不能改）——县级以上组织部门', tags, params: IdParams, body: UpdateTargetBody, response: { 200: UpdatedTarget } } },
      async (req) => targets.updateTarget(db, requireCtx(req), req.params.id, req.body),
    );
    app.delete(
      '/api/assessment-targets/:id',
      { config: { permission: 'org.write' }, schema: { summary: '删除考核目标（进度由考核结果计算，已有考核表不受影响）——县级以上组织部门', tags, params: IdParams } },
      async (req, reply) => {
        await targets.deleteTarget(db, requireCtx(req), req.params.id);
        return reply.status(204).send();
      },
    );
  },
};
