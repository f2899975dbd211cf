import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireCtx } from '../../server/request.ts';
import { contentDisposition } from '../imports/export.ts';
import type { Module } from '../index.ts';
import { overview } from './orglife.compliance.ts';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_MB } from './orglife.files.ts';
import { AttachmentParams, AttachmentReply, CancelMeetingBody, MeetingDetail, MeetingList, MeetingListQuery, MeetingParams, Overview, OverviewQuery, PlanMeetingBody, RecordMeetingBody, UpdateMeetingBody } from './orglife.schemas.ts';
import * as service from './orglife.service.ts';

const tags = ['orglife'];

export const orglifeModule: Module = {
  name: 'orglife',
  async register(root) {
    // Own context: the multipart parser applies to the attachment upload only.
    await root.register(async (plain) => {
      await plain.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, parts: 6 } });
      const app = plain.withTypeProvider<ZodTypeProvider>();
      const { db } = root.deps;

      app.get('/api/orglife/overview', { config: { permission: 'org.read' }, schema: { summary: '组织生活概览：按规定频次的落实情况（组织 × 会议类型）、逾期和即将逾期、长期未开展活动的支部、每月召开次数', tags, querystring: OverviewQuery, response: { 200: Overview } } }, async (req) =>
        overview(db, requireCtx(req), req.query),
      );
      app.get('/api/orglife/meetings', { config: { permission: 'member.read' }, schema: { summary: '组织生活会议列表（党员本人只看到通知本人参加的会议）', tags, querystring: MeetingListQuery, response: { 200: MeetingList } } }, async (req) =>
        service.list(db, requireCtx(req), req.query),
      );
      app.post(
        '/api/orglife/meetings',
        {
          config: { permission: 'member.write', example: { body: { orgId: 1, kind: 'member_meeting', topic: '巡检议题', plannedOn: '2026-03-10' } } },
          schema: { summary: '安排会议并发出通知（应到人员按会议日期的名册自动确定）', tags, body: PlanMeetingBody, response: { 201: MeetingDetail } },
        },
        async (req, reply) => reply.status(201).send(await service.plan(db, requireCtx(req), req.body)),
      );
      app.get('/api/orglife/meetings/:id', { config: { permission: 'member.read' }, schema: { summary: '会议详情：通知、出席情况、是否达到法定人数、会议记录、附件', tags, params: MeetingParams, response: { 200: MeetingDetail } } }, async (req) =>
        service.detail(db, requireCtx(req), req.params.id),
      );
      app.patch(
        '/api/orglife/meetings/:id',
        { config: { permission: 'member.write', example: { body: { topic: '巡检议题' } } }, schema: { summary: '修改会议通知（仅限尚未召开的会议）', tags, params: MeetingParams, body: UpdateMeetingBody, response: { 200: MeetingDetail } } },
        async (req) => service.update(db, requireCtx(req), req.params.id, req.body),
      );
      app.post(
        '/api/orglife/meetings/:id/record',
        {
          config: { permission: 'member.write', example: { body: { heldOn: '2026-03-10', minutes: '巡检记录', attendance: [] } } },
          schema: { summary: '登记会议召开情况：出席 / 请假（写明事由）/ 缺席、会议记录；按召开当日规则判断是否达到法定人数（也用于更正记录）', tags, params: MeetingParams, body: RecordMeetingBody, response: { 200: MeetingDetail } },
        },
        async (req) => service.record(db, requireCtx(req), req.params.id, req.body),
      );
      app.post(
        '/api/orglife/meetings/:id/cancel',
        { config: { permission: 'member.write', example: { body: { reason: '巡检原因' } } }, schema: { summary: '取消会议（写明原因）', tags, params: MeetingParams, body: CancelMeetingBody, response: { 200: MeetingDetail } } },
        async (req) => service.cancel(db, requireCtx(req), req.params.id, req.body),
      );
      app.post(
        '/api/orglife/meetings/:id/attachments',
        {
          config: { permission: 'member.write', example: { body: {} } },
          schema: {
            summary: '上传会议附件（multipart 表单字段 file）',
            description: `PDF、JPEG/PNG、.docx/.xlsx、.txt，按文件内容识别类型，单个不超过 ${MAX_ATTACHMENT_MB} MB；保存在数据库中。`,
            tags,
            params: MeetingParams,
            consumes: ['multipart/form-data'],
            response: { 201: AttachmentReply },
          },
        },
        async (req, reply) => {
          const ctx = requireCtx(req);
          let file: { fileName: string; data: Uint8Array; truncated: boolean } | null = null;
          if (req.isMultipart()) {
            const part = await req.file({ throwFileSizeLimit: false, limits: { fileSize: MAX_ATTACHMENT_BYTES } });
            if (part) {
              const data = await part.toBuffer().catch(() => Buffer.alloc(0));
              file = { fileName: part.filename, data, truncated: part.file.truncated };
            }
          }
          return reply.status(201).send(await service.addAttachment(db, ctx, req.params.id, file));
        },
      );
      app.get('/api/orglife/attachments/:id', { config: { permission: 'member.read' }, schema: { summary: '下载会议附件（记入审计日志）', tags, params: AttachmentParams } }, async (req, reply) => {
        const f = await service.download(db, requireCtx(req), req.params.id);
        return reply.type(f.contentType).header('content-disposition', contentDisposition(f.fileName, `attachment-${req.params.id}`)).header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').send(f.data);
      });
      app.delete('/api/orglife/attachments/:id', { config: { permission: 'member.write' }, schema: { summary: '删除会议附件', tags, params: AttachmentParams, response: { 200: MeetingDetail } } }, async (req) =>
        service.removeAttachment(db, requireCtx(req), req.params.id),
      );
    });
  },
};
