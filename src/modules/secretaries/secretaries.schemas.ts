import { z } from 'zod';
import { SEC_REPORT_STATE, SECRETARY_RATING } from '../../shared/enums.ts';

const date = z.iso.date();
const Rating = z.enum(SECRETARY_RATING.values);
const count = z.number().int().min(0).max(100_000);

export const YearQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2200).optional().describe('年度，默认今年（详情默认最近一份述职的年度）') });

export const Votes = z.strictObject({ good: count, fairly_good: count, average: count, poor: count }).describe('评议会上各等次的票数（如实登记测评结果）');

export const CreateReportBody = z.strictObject({ year: z.number().int().min(2000).max(2200).describe('述职年度'), text: z.string().trim().max(20_000).nullish().describe('述职报告（可稍后填写）') });
export const UpdateReportBody = z.strictObject({ text: z.string().trim().max(20_000).describe('述职报告') });
export const SubmitBody = z.strictObject({ on: date.optional().describe('提交日期，默认今天') });
export const RateBody = z.strictObject({
  rating: Rating.describe('评定等次'),
  comment: z.string().trim().min(2).max(2000).describe('评议意见'),
  on: date.optional().describe('评定日期，默认今天'),
  votes: Votes.nullish(),
});

export const Report = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  year: z.number(),
  memberId: z.number().nullable(),
  holderName: z.string(),
  state: z.enum(SEC_REPORT_STATE.values),
  text: z.string(),
  submittedOn: z.string().nullable(),
  rating: Rating.nullable(),
  ratingComment: z.string().nullable(),
  ratedOn: z.string().nullable(),
  ratedByName: z.string().nullable(),
  ratedByOrgName: z.string().nullable(),
  votes: z.object({ good: z.number(), fairly_good: z.number(), average: z.number(), poor: z.number() }).nullable(),
});

export const Missing = z.object({ orgId: z.number(), orgName: z.string(), holderName: z.string(), memberId: z.number().nullable(), since: z.string() });
export const ReportList = z.object({
  year: z.number(),
  items: z.array(Report.omit({ text: true })),
  missing: z.array(Missing).describe('有在任书记、尚未建立该年度述职的组织'),
  missingTotal: z.number(),
  distribution: z.object({ good: z.number(), fairly_good: z.number(), average: z.number(), poor: z.number(), unrated: z.number() }),
});

export const RecordFigure = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string(),
  display: z.string(),
  value: z.number().nullable(),
  ratio: z.number().nullable(),
  note: z.string().nullable(),
  error: z.string().nullable(),
  evidence: z.array(z.object({ kind: z.string(), id: z.union([z.number(), z.string()]), label: z.string(), date: z.string().nullable(), link: z.string().nullable(), ok: z.boolean().nullable() })),
  evidenceTotal: z.number(),
});

export const ReportPage = z.object({
  org: z.object({ id: z.number(), name: z.string() }),
  year: z.number(),
  secretary: Missing.omit({ orgId: true, orgName: true }).nullable().describe('该年度的书记（班子职务记录）'),
  report: Report.nullable(),
  canRate: z.boolean().describe('当前用户是否为上级组织，可评定'),
  records: z.array(RecordFigure).describe('该组织该年度的工作记录（由各模块的考核指标自动汇集，非填报）'),
  history: z.array(Report.omit({ text: true })).describe('该书记历年述职评议'),
});
export const MemberReports = z.object({ items: z.array(Report.omit({ text: true })) });
