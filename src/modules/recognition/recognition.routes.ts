import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { IdParams } from '../organizations/organizations.schemas.ts';
import * as contacts from './contact-points.service.ts';
import { ContactOverview, ContactPoint, CreateContactPointBody, CreateDemoPointBody, DemoPoint, EndBody, VisitBody } from './contact-points.schemas.ts';
import { ApproveBody, Campaign, CreateCampaignBody, NominateBody, Nomination, PublishBody, ReasonBody, RecognitionReply, RecordsReply, ReviewBody, YearQuery } from './recognition.schemas.ts';
import * as service from './recognition.service.ts';

const tags = ['recognition'];

export const recognitionModule: Module = {
  name: 'recognition',
  register(app) {
    const { db } = app.deps;
    app.get(
      '/api/orgs/:id/recognition',
      { config: { permission: 'member.read' }, schema: { summary: '评先评优（三树）：该组织本年度主办或参加推荐的评选、名额使用和推荐名单', tags, params: IdParams, querystring: YearQuery, response: { 200: RecognitionReply } } },
      async (req) => service.overview(db, requireCtx(req), req.params.id, req.query.year),
    );
    app.get(
      '/api/orgs/:id/recognition-records',
      { config: { permission: 'member.read' }, schema: { summary: '推荐依据：从各模块记录计算的该组织年度工作数据（附记录链接，不手填）', tags, params: IdParams, querystring: YearQuery, response: { 200: RecordsReply } } },
      async (req) => service.records(db, requireCtx(req), req.params.id, req.query.year),
    );
    app.post(
      '/api/recognition/campaigns',
      { config: { permission: 'org.write', example: { body: { orgId: 1, year: 2026 } } }, schema: { summary: '启动年度评选（名额按本级规则）', tags, body: CreateCampaignBody, response: { 201: Campaign } } },
      async (req, reply) => reply.status(201).send(await service.createCampaign(db, requireCtx(req), req.body)),
    );
    app.post(
      '/api/recognition/campaigns/:id/publish',
      { config: { permission: 'org.write', example: { body: {} } }, schema: { summary: '公布评选结果（命名表彰）', tags, params: IdParams, body: PublishBody, response: { 200: Campaign } } },
      async (req) => service.publish(db, requireCtx(req), req.params.id, req.body),
    );
    app.post(
      '/api/recognition/nominations',
      {
        config: { permission: 'member.write', example: { body: { campaignId: 1, kind: 'model_branch', orgId: 1, reasons: '支部班子团结，带领群众发展特色产业成效明显' } } },
        schema: { summary: '推荐（组织或党员；须在评选组织范围内并符合条件）', tags, body: NominateBody, response: { 201: Nomination } },
      },
      async (req, reply) => reply.status(201).send(await service.nominate(db, requireCtx(req), req.body)),
    );
    app.post(
      '/api/recognition/nominations/:id/review',
      { config: { permission: 'org.write', example: { body: { pass: true } } }, schema: { summary: '审核推荐（评选组织）', tags, params: IdParams, body: ReviewBody, response: { 200: Nomination } } },
      async (req) => service.review(db, requireCtx(req), req.params.id, req.body),
    );
    app.post(
      '/api/recognition/nominations/:id/approve',
      { config: { permission: 'org.write', example: { body: {} } }, schema: { summary: '批准（名额以内；党员荣誉同时记入奖惩记录）', tags, params: IdParams, body: ApproveBody, response: { 200: Nomination } } },
      async (req) => service.approve(db, requireCtx(req), req.params.id, req.body),
    );
    app.post(
      '/api/recognition/nominations/:id/withdraw',
      { config: { permission: 'member.write', example: { body: { reason: '推荐材料需补充' } } }, schema: { summary: '撤回推荐（批准前，推荐方）', tags, params: IdParams, body: ReasonBody, response: { 200: Nomination } } },
      async (req) => service.withdraw(db, requireCtx(req), req.params.id, req.body),
    );
    app.post(
      '/api/recognition/nominations/:id/revoke',
      { config: { permission: 'org.write', example: { body: { reason: '发现不符合条件' } } }, schema: { summary: '撤销已批准的荣誉（评选组织；释放名额）', tags, params: IdParams, body: ReasonBody, response: { 200: Nomination } } },
      async (req) => service.revoke(db, requireCtx(req), req.params.id, req.body),
    );

    app.get(
      '/api/orgs/:id/contact-points',
      { config: { permission: 'member.read' }, schema: { summary: '党建联系点与示范点：各乡镇的领导联系点、走访记录和示范点（缺口标出）', tags, params: IdParams, response: { 200: ContactOverview } } },
      async (req) => contacts.overview(db, requireCtx(req), req.params.id),
    );
    app.post(
      '/api/contact-points',
      { config: { permission: 'org.write', example: { body: { orgId: 1, leaderName: '王建华', leaderPost: '镇党委书记', startedOn: '2026-01-05' } } }, schema: { summary: '设立领导党建联系点', tags, body: CreateContactPointBody, response: { 201: ContactPoint } } },
      async (req, reply) => reply.status(201).send(await contacts.createContactPoint(db, requireCtx(req), req.body)),
    );
    app.post(
      '/api/contact-points/:id/visits',
      { config: { permission: 'org.write', example: { body: { visitedOn: '2026-03-10', content: '调研村集体经济发展，指导支部主题党日' } } }, schema: { summary: '登记联系点走访', tags, params: IdParams, body: VisitBody, response: { 200: ContactPoint } } },
      async (req) => contacts.addVisit(db, requireCtx(req), req.params.id, req.body),
    );
    app.post(
      '/api/contact-points/:id/end',
      { config: { permission: 'org.write', example: { body: { endedOn: '2026-06-30', reason: '职务调整' } } }, schema: { summary: '结束联系点', tags, params: IdParams, body: EndBody, response: { 200: ContactPoint } } },
      async (req) => contacts.endContactPoint(db, requireCtx(req), req.params.id, req.body),
    );
    app.post(
      '/api/demo-points',
      { config: { permission: 'org.write', example: { body: { orgId: 1, theme: '富民能人党建', since: '2026-01-05' } } }, schema: { summary: '确定示范点（乡镇下的村、社区或站所）', tags, body: CreateDemoPointBody, response: { 201: DemoPoint } } },
      async (req, reply) => reply.status(201).send(await contacts.createDemoPoint(db, requireCtx(req), req.body)),
    );
    app.post(
      '/api/demo-points/:id/end',
      { config: { permission: 'org.write', example: { body: { endedOn: '2026-06-30', reason: '调整示范点' } } }, schema: { summary: '取消示范点', tags, params: IdParams, body: EndBody, response: { 200: DemoPoint } } },
      async (req) => contacts.endDemoPoint(db, requireCtx(req), req.params.id, req.body),
    );
  },
};
