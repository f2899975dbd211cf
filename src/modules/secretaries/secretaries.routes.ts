import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { IdParams } from '../organizations/organizations.schemas.ts';
import { CreateReportBody, MemberReports, RateBody, Report, ReportList, ReportPage, SubmitBody, UpdateReportBody, YearQuery } from './secretaries.schemas.ts';
import * as service from './secretaries.service.ts';

const tags = ['secretaries'];

export const secretariesModule: Module = {
  name: 'secretaries',
  register(app) {
    const { db } = app.deps;
    app.get('/api/orgs/:id/secretary-reports', { config: { permission: 'member.read' }, schema: { summary: '书记抓党建述职评议：本组织所辖范围的年度述职、评定等次分布和尚未述职的书记', tags, params: IdParams, querystring: YearQuery, response: { 200: ReportList } } }, async (req) =>
      service.list(db, requireCtx(req), req.params.id, req.query.year),
    );
    app.get('/api/orgs/:id/secretary-report', { config: { permission: 'member.read' }, schema: { summary: '某组织书记的年度述职：报告、自动汇集的工作记录（含依据链接）、评议及历年等次', tags, params: IdParams, querystring: YearQuery, response: { 200: ReportPage } } }, async (req) =>
      service.page(db, requireCtx(req), req.params.id, req.query.year),
    );
    app.post(
      '/api/orgs/:id/secretary-reports',
      { config: { permission: 'member.write', example: { body: { year: 2026 } } }, schema: { summary: '建立本组织书记的年度述职（书记取自班子职务记录）', tags, params: IdParams, body: CreateReportBody, response: { 201: Report } } },
      async (req, reply) => reply.status(201).send(await service.create(db, requireCtx(req), req.params.id, req.body)),
    );
    app.put('/api/secretary-reports/:id', { config: { permission: 'member.write', example: { body: { text: '巡检述职报告' } } }, schema: { summary: '修改述职报告（起草中）', tags, params: IdParams, body: UpdateReportBody, response: { 200: Report } } }, async (req) =>
      service.update(db, requireCtx(req), req.params.id, req.body),
    );
    app.post('/api/secretary-reports/:id/submit', { config: { permission: 'member.write', example: { body: {} } }, schema: { summary: '提交述职报告，等待上级评议', tags, params: IdParams, body: SubmitBody, response: { 200: Report } } }, async (req) =>
      service.submit(db, requireCtx(req), req.params.id, req.body),
    );
    app.post(
      '/api/secretary-reports/:id/rate',
      { config: { permission: 'member.write', example: { body: { rating: 'good', comment: '巡检评议意见' } } }, schema: { summary: '上级组织评定述职等次（好、较好、一般、差），可登记评议会票数', tags, params: IdParams, body: RateBody, response: { 200: Report } } },
      async (req) => service.rate(db, requireCtx(req), req.params.id, req.body),
    );
    app.get('/api/members/:id/secretary-reports', { config: { permission: 'member.read' }, schema: { summary: '党员担任书记期间历年述职评议等次', tags, params: IdParams, response: { 200: MemberReports } } }, async (req) =>
      service.memberHistory(db, requireCtx(req), req.params.id),
    );
  },
};
