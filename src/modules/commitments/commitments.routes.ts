import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { IdParams } from '../organizations/organizations.schemas.ts';
import { CommitmentDetail, CommitmentList, CreateCommitmentBody, EvaluationBody, EvaluationParams, FulfillmentQuery, FulfillmentReply, ItemBody, ItemStatusBody, ListQuery, MyCommitments, MyRatingBody, ProgressBody, UpdateCommitmentBody, UpdateItemBody } from './commitments.schemas.ts';
import * as service from './commitments.service.ts';
import * as figures from './fulfillment.service.ts';

const tags = ['commitments'];
const example = { year: 2026, title: '2026 年度公开承诺', announcedOn: '2026-02-20', items: [{ content: '年内修通村道 2.3 公里', category: 'infrastructure', deadline: '2026-10-31', responsible: '村党组织书记' }] };

/** 四级承诺一评议: commitments of organizations and members, their items, evaluations and fulfillment rates. */
export const commitmentsModule: Module = {
  name: 'commitments',
  register(app) {
    const { db } = app.deps;
    app.get('/api/commitments', { config: { permission: 'member.read' }, schema: { summary: '承诺列表（组织及下级；按年度、承诺主体、事项状态筛选；党员只看到本人和本组织的承诺）', tags, querystring: ListQuery, response: { 200: CommitmentList } } }, async (req) =>
      service.list(db, requireCtx(req), req.query),
    );
    app.get('/api/commitments/fulfillment', { config: { permission: 'member.read' }, schema: { summary: '承诺兑现率：本级及各下级组织（党组织承诺、党员承诺分列），对照目标', tags, querystring: FulfillmentQuery, response: { 200: FulfillmentReply } } }, async (req) =>
      figures.fulfillment(db, requireCtx(req), req.query),
    );
    app.get('/api/me/commitments', { config: { permission: 'member.read' }, schema: { summary: '我的承诺（党员本人），及本组织的承诺与本人的评价', tags, response: { 200: MyCommitments } } }, async (req) => figures.mine(db, requireCtx(req)));
    app.get('/api/commitments/:id', { config: { permission: 'member.read' }, schema: { summary: '承诺详情：事项、进展、评议与满意度', tags, params: IdParams, response: { 200: CommitmentDetail } } }, async (req) =>
      service.detail(db, requireCtx(req), req.params.id),
    );
    app.get('/api/members/:id/commitments', { config: { permission: 'member.read' }, schema: { summary: '党员的历年承诺', tags, params: IdParams, response: { 200: CommitmentList } } }, async (req) =>
      service.memberCommitments(db, requireCtx(req), req.params.id),
    );
    app.post('/api/orgs/:id/commitments', { config: { permission: 'member.write', example: { body: example } }, schema: { summary: '登记党组织承诺（含事项）', tags, params: IdParams, body: CreateCommitmentBody, response: { 201: CommitmentDetail } } }, async (req, reply) =>
      reply.status(201).send(await service.createForOrg(db, requireCtx(req), req.params.id, req.body)),
    );
    app.post(
      '/api/members/:id/commitments',
      { config: { permission: 'member.read', example: { body: { ...example, title: '2026 年度党员承诺', items: [{ content: '结对帮扶 2 户困难户', category: 'support', deadline: '2026-12-31' }] } } }, schema: { summary: '登记党员承诺（党员本人或工作人员代为登记）', tags, params: IdParams, body: CreateCommitmentBody, response: { 201: CommitmentDetail } } },
      async (req, reply) => reply.status(201).send(await service.createForMember(db, requireCtx(req), req.params.id, req.body)),
    );
    app.patch('/api/commitments/:id', { config: { permission: 'member.read', example: { body: { announcedOn: '2026-02-20', announceWay: '村务公开栏' } } }, schema: { summary: '修改承诺名称、公开日期与方式', tags, params: IdParams, body: UpdateCommitmentBody, response: { 200: CommitmentDetail } } }, async (req) =>
      service.update(db, requireCtx(req), req.params.id, req.body),
    );
    app.post('/api/commitments/:id/items', { config: { permission: 'member.read', example: { body: example.items[0] } }, schema: { summary: '增加承诺事项', tags, params: IdParams, body: ItemBody, response: { 200: CommitmentDetail } } }, async (req) =>
      service.addItem(db, requireCtx(req), req.params.id, req.body),
    );
    app.patch('/api/commitment-items/:id', { config: { permission: 'member.read', example: { body: { deadline: '2026-11-30' } } }, schema: { summary: '修改推进中的承诺事项', tags, params: IdParams, body: UpdateItemBody, response: { 200: CommitmentDetail } } }, async (req) =>
      service.updateItem(db, requireCtx(req), req.params.id, req.body),
    );
    app.post(
      '/api/commitment-items/:id/status',
      { config: { permission: 'member.read', example: { body: { status: 'done', on: '2026-10-20', note: '村道已硬化通车' } } }, schema: { summary: '登记事项兑现情况：已兑现（完成日期和情况）、未兑现或撤销（原因），或退回推进中', tags, params: IdParams, body: ItemStatusBody, response: { 200: CommitmentDetail } } },
      async (req) => service.setStatus(db, requireCtx(req), req.params.id, req.body),
    );
    app.post('/api/commitment-items/:id/progress', { config: { permission: 'member.read', example: { body: { text: '路基已完成，待硬化' } } }, schema: { summary: '记录事项进展', tags, params: IdParams, body: ProgressBody, response: { 200: CommitmentDetail } } }, async (req) =>
      service.addProgress(db, requireCtx(req), req.params.id, req.body),
    );
    app.post(
      '/api/commitments/:id/evaluations',
      { config: { permission: 'member.write', example: { body: { heldOn: '2026-11-20', evaluatorType: 'public', satisfied: 28, basic: 4, dissatisfied: 1 } } }, schema: { summary: '登记评议结果（评议会上的单张选票，或各评价的票数）', tags, params: IdParams, body: EvaluationBody, response: { 200: CommitmentDetail } } },
      async (req) => service.addEvaluation(db, requireCtx(req), req.params.id, req.body),
    );
    app.delete('/api/commitments/:id/evaluations/:evaluationId', { config: { permission: 'member.write' }, schema: { summary: '删除登记错误的评议记录', tags, params: EvaluationParams, response: { 200: CommitmentDetail } } }, async (req) =>
      service.deleteEvaluation(db, requireCtx(req), req.params.id, req.params.evaluationId),
    );
    app.put('/api/commitments/:id/my-rating', { config: { permission: 'member.read', example: { body: { rating: 'satisfied' } } }, schema: { summary: '党员本人评价本组织的承诺（再次评价即更正）', tags, params: IdParams, body: MyRatingBody, response: { 200: CommitmentDetail } } }, async (req) =>
      service.rateAsMember(db, requireCtx(req), req.params.id, req.body.rating),
    );
  },
};
