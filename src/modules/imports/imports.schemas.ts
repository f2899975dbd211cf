import { z } from 'zod';
import { MemberListQuery } from '../members/members.schemas.ts';
import { Id } from '../organizations/organizations.schemas.ts';

export const IMPORT_KINDS = ['members', 'orgs'] as const;
export const IMPORT_STATUSES = ['queued', 'validating', 'applying', 'done', 'rejected', 'failed'] as const;

export const JobIdParams = z.strictObject({ jobId: z.uuid().describe('导入任务编号') });

export const TemplateParams = z.strictObject({ kind: z.enum(IMPORT_KINDS) });

export const UploadReply = z.object({ jobId: z.string() });

export const ImportProblem = z.object({
  row: z.number().describe('Excel 行号（表头为第 1 行）'),
  column: z.string(),
  field: z.string().describe('列名'),
  message: z.string(),
});

export const ImportJob = z.object({
  id: z.string(),
  kind: z.enum(IMPORT_KINDS),
  status: z.enum(IMPORT_STATUSES).describe('queued 排队 / validating 校验中 / applying 写入中 / done 完成 / rejected 有错误未导入 / failed 失败'),
  fileName: z.string(),
  fileSha256: z.string(),
  fileSize: z.number(),
  createdBy: z.string(),
  rowsTotal: z.number().nullable().describe('数据行数（校验时为估计值）'),
  rowsProcessed: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  errorCount: z.number().describe('有错误的行数'),
  errors: z.array(ImportProblem).describe('前 100 个错误（完整列表见错误报告工作簿）'),
  hasErrorReport: z.boolean(),
  message: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;

export const ImportJobListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('最多返回多少个任务，默认 20'),
});
export const ImportJobList = z.object({ items: z.array(ImportJob).describe('最近的导入任务，新的在前（errors 为空，详情见单个任务）') });

/** The member list's own query (same filters), plus the full ID numbers on request. */
export const ExportMembersQuery = MemberListQuery.extend({
  fullIdNumbers: z.enum(['true', 'false']).optional().describe('导出完整身份证号（需“查看身份证号”权限，记入审计日志）'),
});
export type ExportMembersQuery = z.infer<typeof ExportMembersQuery>;

export const ExportOrgsQuery = z.strictObject({
  orgId: Id.optional().describe('导出该组织及全部下级；默认为本人管辖范围的顶层组织'),
});
