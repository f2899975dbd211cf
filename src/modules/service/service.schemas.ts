import { z } from 'zod';
import { SERVICE_RECORD_KIND, SERVICE_REVIEW_GRADE } from '../../shared/enums.ts';
import { Id } from '../organizations/organizations.schemas.ts';

const date = z.iso.date();
const Grade = z.enum(SERVICE_REVIEW_GRADE.values);
const Kind = z.enum(SERVICE_RECORD_KIND.values);
const ReviewMonths = z.union([z.literal(3), z.literal(6), z.literal(12)]);

// ---- 岗位 (posts) and assignments --------------------------------------------------------------

export const CreatePostBody = z.strictObject({
  name: z.string().trim().min(1).max(40).describe('岗位名称，如“政策宣传岗”'),
  duties: z.string().trim().min(1).max(2000).describe('岗位职责'),
  reviewMonths: ReviewMonths.nullish().describe('履职评议间隔（月）：3、6 或 12；缺省按规则 service.review_interval'),
});
export type CreatePostBody = z.infer<typeof CreatePostBody>;

export const UpdatePostBody = z.strictObject({
  name: z.string().trim().min(1).max(40).optional(),
  duties: z.string().trim().min(1).max(2000).optional(),
  reviewMonths: ReviewMonths.nullish(),
  retiredOn: date.nullish().describe('撤销岗位的日期（在岗党员须先离岗）；null 表示恢复'),
});
export type UpdatePostBody = z.infer<typeof UpdatePostBody>;

export const AssignBody = z.strictObject({
  memberId: Id.describe('上岗党员：本组织（含下级）在册、没有担任职务的党员'),
  startsOn: date.describe('上岗日期'),
  endsOn: date.nullish().describe('计划离岗日期（含当日），可空'),
  note: z.string().trim().max(500).nullish(),
});
export type AssignBody = z.infer<typeof AssignBody>;

export const EndAssignmentBody = z.strictObject({
  endsOn: date.describe('离岗日期（最后在岗的一天）'),
  reason: z.string().trim().max(500).nullish(),
});

export const ReviewBody = z.strictObject({
  reviewedOn: date.describe('评议日期'),
  grade: Grade.describe('评议等次：优秀、称职、基本称职、不称职'),
  comment: z.string().trim().max(1000).nullish(),
});
export type ReviewBody = z.infer<typeof ReviewBody>;

export const PostsQuery = z.strictObject({ includeEnded: z.enum(['true', 'false']).default('false').describe('包括已离岗的党员和已撤销的岗位') });

export const Review = z.object({ id: z.number(), reviewedOn: z.string(), grade: Grade, comment: z.string().nullable(), reviewerName: z.string() });

export const Assignment = z.object({
  id: z.number(),
  postId: z.number(),
  postName: z.string(),
  /** The post's duties, so a member sees on 「我的」 what the post asks of them. */
  postDuties: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  memberId: z.number(),
  memberName: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  endReason: z.string().nullable(),
  note: z.string().nullable(),
  active: z.boolean(),
  /** An office the member took up after being given the post (shown as a warning). */
  office: z.string().nullable(),
  reviewMonths: z.number(),
  lastReview: Review.nullable(),
  nextReviewOn: z.string().nullable().describe('下次评议应在此日前完成（离岗后为 null）'),
  reviewOverdue: z.boolean(),
  reviews: z.array(Review),
});

export const Post = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  duties: z.string(),
  reviewMonths: z.number().nullable(),
  effectiveReviewMonths: z.number(),
  retiredOn: z.string().nullable(),
  assignments: z.array(Assignment),
});

export const PostList = z.object({ orgId: z.number(), orgName: z.string(), items: z.array(Post), ruleReviewMonths: z.number(), ruleSource: z.string() });

export const CandidatesQuery = z.strictObject({ on: date.optional().describe('按哪一天判断在册与职务，默认今天') });

export const Candidate = z.object({
  memberId: z.number(),
  name: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  office: z.string().nullable().describe('现任职务（有职务的党员不能设岗）'),
  posts: z.array(z.string()),
});
export const CandidateList = z.object({ on: z.string(), items: z.array(Candidate) });

// ---- 记实卡 (service records) ---------------------------------------------------------------------

export const CreateRecordBody = z.strictObject({
  memberId: Id.nullish().describe('党员（党员本人登记时为本人）；为空则记为组织的记实'),
  orgId: Id.nullish().describe('组织；给出党员时须是该党员所在组织或其上级'),
  occurredOn: date.describe('日期'),
  kind: Kind.describe('类别：走访联系群众、为民办事、帮扶、调解、志愿服务、政策宣传、其他'),
  whom: z.string().trim().min(1).max(100).describe('服务对象：户主或个人（姓名或称呼，不填身份证号）'),
  matter: z.string().trim().min(1).max(1000).describe('事项'),
  result: z.string().trim().max(1000).nullish().describe('结果'),
  hours: z.number().positive().max(240).multipleOf(0.5).nullish().describe('用时（小时，可空）'),
});
export type CreateRecordBody = z.infer<typeof CreateRecordBody>;

export const RecordsQuery = z.strictObject({
  memberId: Id.optional(),
  kind: Kind.optional(),
  from: date.optional(),
  to: date.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type RecordsQuery = z.infer<typeof RecordsQuery>;

export const ServiceRecord = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  memberId: z.number().nullable(),
  memberName: z.string().nullable(),
  occurredOn: z.string(),
  kind: Kind,
  whom: z.string(),
  matter: z.string(),
  result: z.string().nullable(),
  hours: z.number().nullable(),
  enteredBy: z.enum(['staff', 'self']),
  createdByName: z.string(),
});
export const RecordPage = z.object({ items: z.array(ServiceRecord), total: z.number() });

// ---- summaries ------------------------------------------------------------------------------------

export const SummaryQuery = z.strictObject({
  from: date.optional().describe('记实统计起始日，默认本年 1 月 1 日'),
  to: date.optional().describe('截止日（含），默认今天；设岗覆盖率按这一天计算'),
});

const Coverage = z.object({ members: z.number(), withoutOffice: z.number(), posted: z.number(), ratio: z.number().nullable() });

export const ServiceSummary = z.object({
  orgId: z.number(),
  orgName: z.string(),
  from: z.string(),
  to: z.string(),
  coverage: Coverage,
  /** Each direct sub-organization (and the organization's own members as one row). */
  children: z.array(Coverage.extend({ orgId: z.number(), orgName: z.string(), records: z.number() })),
  records: z.object({ total: z.number(), hours: z.number(), byKind: z.array(z.object({ kind: Kind, count: z.number() })) }),
  /** Members with their record counts in the period, most first (members without any record included). */
  members: z.array(z.object({ memberId: z.number(), name: z.string(), orgName: z.string(), office: z.boolean(), post: z.string().nullable(), records: z.number() })),
  reviewsDue: z.number().describe('今天已到期未评议的岗位安排数'),
});

export const MemberService = z.object({
  memberId: z.number(),
  name: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  office: z.string().nullable(),
  assignments: z.array(Assignment),
  records: z.array(ServiceRecord),
  counts: z.object({ total: z.number(), thisYear: z.number(), hoursThisYear: z.number() }),
});
