import fs from 'node:fs';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pickLocale } from '../../server/messages.ts';
import { requireCtx } from '../../server/request.ts';
import type { Module } from '../index.ts';
import { buildTemplate } from './excel.ts';
import { contentDisposition, exportMembers } from './export.ts';
import { exportOrgs } from './export-orgs.ts';
import { ExportMembersQuery, ExportOrgsQuery, ImportJob, ImportJobList, ImportJobListQuery, JobIdParams, UploadReply } from './imports.schemas.ts';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_MB, createJob, errorReport, getJob, listJobs, runImport, storeUpload, type ImportKind } from './imports.service.ts';
import { looksLikeZip } from './zip.ts';
import { tr, type ImportMessageKey } from './messages.ts';

const tags = ['imports'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A problem+json answer in the same shape as the app's error handler, for this module's own messages. */
function problem(req: FastifyRequest, reply: FastifyReply, status: number, key: ImportMessageKey, params: Record<string, string | number> = {}) {
  const locale = req.ctx?.locale ?? pickLocale(req.headers['accept-language']);
  const text = tr(locale, key, params);
  return reply
    .status(status)
    .type('application/problem+json; charset=utf-8')
    .send({ type: `urn:tongchou:problem:${key}`, title: text, status, detail: text, code: key, instance: req.url, requestId: req.id, errors: [{ field: 'file', message: text }] });
}

const templates = new Map<ImportKind, Promise<Buffer>>();
const template = (kind: ImportKind) => {
  let t = templates.get(kind);
  if (!t) templates.set(kind, (t = buildTemplate(kind)));
  return t;
};

export const importsModule: Module = {
  name: 'imports',
  async register(root) {
    // Own context: the multipart parser applies to these routes only.
    await root.register(async (plain) => {
      await plain.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, parts: 12 } });
      const app = plain.withTypeProvider<ZodTypeProvider>();
      const { db, cipher, engine } = root.deps;
      const running = new Set<Promise<unknown>>();
      app.addHook('onClose', async () => {
        await Promise.allSettled([...running]);
      });

      for (const kind of ['members', 'orgs'] as const) {
        app.get(
          `/api/imports/templates/${kind}.xlsx`,
          {
            config: { permission: kind === 'members' ? 'member.write' : 'org.write', referenceData: true },
            schema: { summary: kind === 'members' ? '党员信息导入模板（.xlsx，含下拉选项和填写说明）' : '党组织信息导入模板（.xlsx，含下拉选项和填写说明）', tags },
          },
          async (_req, reply) => {
            const name = kind === 'members' ? '党员信息导入模板.xlsx' : '党组织信息导入模板.xlsx';
            return reply.type(XLSX).header('content-disposition', contentDisposition(name, `${kind}-template.xlsx`)).send(await template(kind));
          },
        );

        app.post(
          `/api/imports/${kind}`,
          {
            config: { permission: kind === 'members' ? 'member.write' : 'org.write', example: { body: {} } },
            schema: {
              summary: kind === 'members' ? '导入党员（multipart 上传 .xlsx，后台校验全部行后一次性写入）' : '导入党组织（multipart 上传 .xlsx，先上级后下级一次性写入）',
              description: `表单字段 file：.xlsx 文件，不超过 ${MAX_UPLOAD_MB} MB。立即返回任务编号，用 GET /api/imports/{jobId} 查询进度。`,
              tags,
              consumes: ['multipart/form-data'],
              response: { 202: UploadReply },
            },
          },
          async (req, reply) => {
            const ctx = requireCtx(req);
            if (!req.isMultipart()) return problem(req, reply, 400, 'import.uploadRequired');
            const part = await req.file({ throwFileSizeLimit: false, limits: { fileSize: MAX_UPLOAD_BYTES } });
            if (!part) return problem(req, reply, 400, 'import.uploadRequired');
            if (!/\.xlsx$/i.test(part.filename)) {
              part.file.resume();
              return problem(req, reply, 400, 'import.notXlsx');
            }
            const upload = await storeUpload(part.file);
            const drop = () => fs.promises.rm(upload.file, { force: true });
            if (upload.truncated) {
              await drop();
              return problem(req, reply, 413, 'import.fileTooLarge', { mb: MAX_UPLOAD_MB });
            }
            if (!(await looksLikeZip(upload.file))) {
              await drop();
              return problem(req, reply, 400, 'import.notXlsx');
            }
            const fileName = part.filename.replace(/^.*[\\/]/, '');
            const jobId = await createJob(db, ctx, kind, fileName, upload);
            // Runs on this node after the reply; progress goes to import_jobs for every node to read.
            const job = runImport({ db, engine, cipher, who: ctx, jobId, kind, file: upload.file, fileName, sha256: upload.sha256 })
              .then((r) => {
                if (r.status === 'failed') req.log.error({ jobId, message: r.message }, 'import failed');
              })
              .finally(() => drop());
            running.add(job);
            void job.finally(() => running.delete(job));
            return reply.status(202).send({ jobId });
          },
        );
      }

      app.get(
        '/api/imports',
        { config: { permission: 'member.read' }, schema: { summary: '最近的导入任务（本人的，及管辖范围内的）', tags, querystring: ImportJobListQuery, response: { 200: ImportJobList } } },
        async (req) => listJobs(db, requireCtx(req), req.query.limit),
      );

      app.get(
        '/api/imports/:jobId',
        { config: { permission: 'member.read' }, schema: { summary: '导入任务进度与结果（本人或管辖范围包含该任务的用户可见）', tags, params: JobIdParams, response: { 200: ImportJob } } },
        async (req) => getJob(db, requireCtx(req), req.params.jobId),
      );

      app.get(
        '/api/imports/:jobId/errors.xlsx',
        { config: { permission: 'member.read' }, schema: { summary: '错误报告工作簿：原数据逐行加“错误说明”列', tags, params: JobIdParams } },
        async (req, reply) => {
          const r = await errorReport(db, requireCtx(req), req.params.jobId);
          return reply.type(XLSX).header('content-disposition', contentDisposition(r.fileName, 'import-errors.xlsx')).send(r.body);
        },
      );

      app.get(
        '/api/exports/orgs.xlsx',
        {
          config: { permission: 'org.read' },
          schema: { summary: '导出党组织名册（.xlsx，导入模板的列，上级在前，可修改后重新导入）', tags, querystring: ExportOrgsQuery },
        },
        async (req, reply) => {
          const r = await exportOrgs(db, requireCtx(req), req.query.orgId, (err) => req.log.error({ err }, 'organization export failed'));
          return reply.type(XLSX).header('content-disposition', contentDisposition(r.fileName, r.asciiName)).header('cache-control', 'no-store').send(r.stream);
        },
      );

      app.get(
        '/api/exports/members.xlsx',
        {
          config: { permission: 'member.read' },
          schema: { summary: '导出党员名册（.xlsx，筛选条件同党员列表；身份证号脱敏，fullIdNumbers=true 需相应权限并记入审计）', tags, querystring: ExportMembersQuery },
        },
        async (req, reply) => {
          const r = await exportMembers(db, cipher, requireCtx(req), req.query, (err) => req.log.error({ err }, 'member export failed'));
          return reply.type(XLSX).header('content-disposition', contentDisposition(r.fileName, r.asciiName)).header('cache-control', 'no-store').send(r.stream);
        },
      );
    });
  },
};
