import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { IdParams } from '../organizations/organizations.schemas.ts';
import * as records from './records.service.ts';
import {
  AssignBody,
  Assignment,
  CandidateList,
  CandidatesQuery,
  CreatePostBody,
  CreateRecordBody,
  EndAssignmentBody,
  MemberService,
  Post,
  PostList,
  PostsQuery,
  RecordPage,
  RecordsQuery,
  ReviewBody,
  ServiceRecord,
  ServiceSummary,
  SummaryQuery,
  UpdatePostBody,
} from './service.schemas.ts';
import * as service from './service.service.ts';

const tags = ['service'];

/** 无职党员设岗定责 (posts, assignments, reviews) and 记实卡 (records of serving the public). */
export const serviceModule: Module = {
  name: 'service',
  register(app) {
    const { db } = app.deps;
    app.get(
      '/api/orgs/:id/service/posts',
      { config: { permission: 'member.read' }, schema: { summary: '设岗定责：本组织及下级组织的岗位、在岗党员和履职评议', tags, params: IdParams, querystring: PostsQuery, response: { 200: PostList } } },
      async (req) => service.listPosts(db, requireCtx(req), req.params.id, req.query.includeEnded === 'true'),
    );
    app.post(
      '/api/orgs/:id/service/posts',
      {
        config: { permission: 'member.write', example: { body: { name: '政策宣传岗', duties: '向群众宣传惠农政策，每月入户不少于 4 次' } } },
        schema: { summary: '设立岗位（名称、职责、评议间隔）', tags, params: IdParams, body: CreatePostBody, response: { 201: Post } },
      },
      async (req, reply) => reply.status(201).send(await service.createPost(db, requireCtx(req), req.params.id, req.body)),
    );
    app.patch(
      '/api/service/posts/:id',
      { config: { permission: 'member.write', example: { body: { duties: '宣传惠农政策，收集群众意见' } } }, schema: { summary: '修改或撤销岗位（撤销前在岗党员须先离岗）', tags, params: IdParams, body: UpdatePostBody, response: { 200: Post } } },
      async (req) => service.updatePost(db, requireCtx(req), req.params.id, req.body),
    );
    app.post(
      '/api/service/posts/:id/assignments',
      {
        config: { permission: 'member.write', example: { body: { memberId: 1, startsOn: '2026-03-01' } } },
        schema: { summary: '安排党员上岗（须为本组织及下级在册、未担任职务的党员）', tags, params: IdParams, body: AssignBody, response: { 201: Assignment } },
      },
      async (req, reply) => reply.status(201).send(await service.assign(db, requireCtx(req), req.params.id, req.body)),
    );
    app.post(
      '/api/service/assignments/:id/end',
      { config: { permission: 'member.write', example: { body: { endsOn: '2026-06-30' } } }, schema: { summary: '党员离岗', tags, params: IdParams, body: EndAssignmentBody, response: { 200: Assignment } } },
      async (req) => service.endAssignment(db, requireCtx(req), req.params.id, req.body),
    );
    app.post(
      '/api/service/assignments/:id/reviews',
      {
        config: { permission: 'member.write', example: { body: { reviewedOn: '2026-06-30', grade: 'competent' } } },
        schema: { summary: '登记履职评议（优秀、称职、基本称职、不称职）', tags, params: IdParams, body: ReviewBody, response: { 201: Assignment } },
      },
      async (req, reply) => reply.status(201).send(await service.review(db, requireCtx(req), req.params.id, req.body)),
    );
    app.get(
      '/api/orgs/:id/service/candidates',
      { config: { permission: 'member.read' }, schema: { summary: '可上岗党员：本组织及下级在册党员，标出现任职务（有职务的不能设岗）', tags, params: IdParams, querystring: CandidatesQuery, response: { 200: CandidateList } } },
      async (req) => service.candidates(db, requireCtx(req), req.params.id, req.query.on),
    );
    app.get(
      '/api/orgs/:id/service/summary',
      { config: { permission: 'member.read' }, schema: { summary: '设岗覆盖率（截止日）与记实统计（期间），按下级组织和党员', tags, params: IdParams, querystring: SummaryQuery, response: { 200: ServiceSummary } } },
      async (req) => records.summary(db, requireCtx(req), req.params.id, req.query),
    );
    app.get(
      '/api/orgs/:id/service/records',
      { config: { permission: 'member.read' }, schema: { summary: '记实卡：本组织及下级的联系服务群众记录（可按党员、类别、日期筛选）', tags, params: IdParams, querystring: RecordsQuery, response: { 200: RecordPage } } },
      async (req) => records.listRecords(db, requireCtx(req), req.params.id, req.query),
    );
    app.post(
      '/api/service/records',
      {
        config: { permission: 'member.read', example: { body: { memberId: 1, orgId: 1, occurredOn: '2026-03-05', kind: 'visit', whom: '五保户张大伯', matter: '走访了解冬季取暖情况' } } },
        schema: { summary: '登记记实（党组织为党员或本组织登记；党员本人登记自己的）', tags, body: CreateRecordBody, response: { 201: ServiceRecord } },
      },
      async (req, reply) => reply.status(201).send(await records.createRecord(db, requireCtx(req), req.body)),
    );
    app.delete(
      '/api/service/records/:id',
      { config: { permission: 'member.read' }, schema: { summary: '删除记实（党员本人只能删除自己登记的）', tags, params: IdParams } },
      async (req, reply) => {
        await records.deleteRecord(db, requireCtx(req), req.params.id);
        return reply.status(204).send();
      },
    );
    app.get(
      '/api/members/:id/service',
      { config: { permission: 'member.read' }, schema: { summary: '党员的岗位、履职评议和记实', tags, params: IdParams, response: { 200: MemberService } } },
      async (req) => records.memberService(db, requireCtx(req), req.params.id),
    );
    app.get(
      '/api/me/service',
      { config: { permission: 'member.read' }, schema: { summary: '我的岗位与记实（党员本人）', tags, response: { 200: MemberService } } },
      async (req) => records.myService(db, requireCtx(req)),
    );
  },
};
