import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { IdParams } from '../organizations/organizations.schemas.ts';
import { AcceptanceBody, AddEntryBody, ConfirmBody, ConfirmReply, CriteriaQuery, CriteriaReply, DoneBody, EmptyBody, EntryDetail, EntryList, LeaderBody, NoteBody, OrgRectification, RemoveBody, ScreeningDetail, ScreeningList, StartScreeningBody, TaskBody, TaskPatchBody, YearQuery } from './rectification.schemas.ts';
import * as screening from './rectification.screening.ts';
import * as service from './rectification.service.ts';

const tags = ['rectification'];
const task = { content: '巡检整顿任务：每月召开支部委员会', ownerName: '巡检责任人', ownerOrgId: 1, deadline: '2026-12-31' };

export const rectificationModule: Module = {
  name: 'rectification',
  register(app) {
    const { db } = app.deps;
    app.get('/api/rectification/criteria', { config: { permission: 'member.read', referenceData: true }, schema: { summary: '软弱涣散排查条件（指标、比较方式、阈值及依据）', tags, querystring: CriteriaQuery, response: { 200: CriteriaReply } } }, async (req) =>
      screening.criteria(db, req.query.asOf),
    );
    app.get('/api/orgs/:id/rectification/screenings', { config: { permission: 'member.read' }, schema: { summary: '本组织发起的年度软弱涣散排查（最近一次的候选组织、理由和依据记录）', tags, params: IdParams, querystring: YearQuery, response: { 200: ScreeningList } } }, async (req) =>
      screening.latest(db, requireCtx(req), req.params.id, req.query.year),
    );
    app.post(
      '/api/orgs/:id/rectification/screenings',
      { config: { permission: 'org.write', example: { body: { year: 2026 } } }, schema: { summary: '对本组织所辖村（社区）和支部开展软弱涣散排查（分步计算，未完成时继续调用 continue）', tags, params: IdParams, body: StartScreeningBody, response: { 201: ScreeningDetail } } },
      async (req, reply) => reply.status(201).send(await screening.start(db, requireCtx(req), req.params.id, req.body)),
    );
    app.post('/api/rectification/screenings/:id/continue', { config: { permission: 'org.write', example: { body: {} } }, schema: { summary: '继续计算排查（返回进度）', tags, params: IdParams, body: EmptyBody, response: { 200: ScreeningDetail } } }, async (req) =>
      screening.advance(db, requireCtx(req), req.params.id),
    );
    app.post('/api/rectification/screenings/:id/confirm', { config: { permission: 'org.write', example: { body: { orgIds: [1] } } }, schema: { summary: '确认候选组织列入年度整顿名单（由上级组织确认）', tags, params: IdParams, body: ConfirmBody, response: { 200: ConfirmReply } } }, async (req) =>
      service.confirm(db, requireCtx(req), req.params.id, req.body),
    );
    app.get('/api/orgs/:id/rectification/entries', { config: { permission: 'member.read' }, schema: { summary: '本组织所辖范围的年度软弱涣散整顿名单（任务进度、逾期、验收）', tags, params: IdParams, querystring: YearQuery, response: { 200: EntryList } } }, async (req) =>
      service.entryList(db, requireCtx(req), req.params.id, req.query.year),
    );
    app.get('/api/orgs/:id/rectification', { config: { permission: 'member.read' }, schema: { summary: '某组织的软弱涣散整顿（该年度的任务、进展和验收，及历年列入情况）', tags, params: IdParams, querystring: YearQuery, response: { 200: OrgRectification } } }, async (req) =>
      service.orgRectification(db, requireCtx(req), req.params.id, req.query.year),
    );
    app.post(
      '/api/orgs/:id/rectification',
      { config: { permission: 'org.write', example: { body: { year: 2026, reason: '巡检：班子不团结，长期不开展组织生活' } } }, schema: { summary: '直接将组织列入年度整顿名单（须写明理由）', tags, params: IdParams, body: AddEntryBody, response: { 201: EntryDetail } } },
      async (req, reply) => reply.status(201).send(await service.addByHand(db, requireCtx(req), req.params.id, req.body)),
    );
    app.post('/api/rectification/entries/:id/remove', { config: { permission: 'org.write', example: { body: { reason: '巡检：误列' } } }, schema: { summary: '撤销列入（仅限尚未开始整顿，须写明理由）', tags, params: IdParams, body: RemoveBody, response: { 200: EntryDetail } } }, async (req) =>
      service.remove(db, requireCtx(req), req.params.id, req.body),
    );
    app.put('/api/rectification/entries/:id/leader', { config: { permission: 'org.write', example: { body: { name: '巡检领导', title: '县委常委' } } }, schema: { summary: '指定包联领导', tags, params: IdParams, body: LeaderBody, response: { 200: EntryDetail } } }, async (req) =>
      service.setLeader(db, requireCtx(req), req.params.id, req.body),
    );
    app.post('/api/rectification/entries/:id/tasks', { config: { permission: 'member.write', example: { body: task } }, schema: { summary: '添加整顿任务（内容、责任人、责任单位、时限）', tags, params: IdParams, body: TaskBody, response: { 200: EntryDetail } } }, async (req) =>
      service.addTask(db, requireCtx(req), req.params.id, req.body),
    );
    app.patch('/api/rectification/tasks/:id', { config: { permission: 'member.write', example: { body: { deadline: '2026-12-31' } } }, schema: { summary: '修改整顿任务', tags, params: IdParams, body: TaskPatchBody, response: { 200: EntryDetail } } }, async (req) =>
      service.updateTask(db, requireCtx(req), req.params.id, req.body),
    );
    app.post('/api/rectification/tasks/:id/notes', { config: { permission: 'member.write', example: { body: { text: '巡检：已召开专题组织生活会' } } }, schema: { summary: '登记整顿任务进展', tags, params: IdParams, body: NoteBody, response: { 200: EntryDetail } } }, async (req) =>
      service.addNote(db, requireCtx(req), req.params.id, req.body),
    );
    app.put('/api/rectification/tasks/:id/done', { config: { permission: 'member.write', example: { body: { doneOn: '2026-06-30' } } }, schema: { summary: '登记任务完成日期（null 撤回）', tags, params: IdParams, body: DoneBody, response: { 200: EntryDetail } } }, async (req) =>
      service.setDone(db, requireCtx(req), req.params.id, req.body),
    );
    app.post(
      '/api/rectification/entries/:id/acceptances',
      { config: { permission: 'org.write', example: { body: { result: 'fail', comment: '巡检：任务未完成' } } }, schema: { summary: '整顿验收（上级组织；通过须全部任务完成，通过后销号出列）', tags, params: IdParams, body: AcceptanceBody, response: { 200: EntryDetail } } },
      async (req) => service.accept(db, requireCtx(req), req.params.id, req.body),
    );
  },
};
