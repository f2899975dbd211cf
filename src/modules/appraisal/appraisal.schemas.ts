import { z } from 'zod';
import { APPRAISAL_FOLLOW_UP, APPRAISAL_GRADE, APPRAISAL_STATE, MEMBER_STATUS } from '../../shared/enums.ts';
import { Id } from '../organizations/organizations.schemas.ts';

const date = z.iso.date();
const Grade = z.enum(APPRAISAL_GRADE.values);
const State = z.enum(APPRAISAL_STATE.values);

export const RoundMemberParams = z.strictObject({ id: Id, memberId: Id });

export const CreateRoundBody = z.strictObject({
  year: z.number().int().min(1980).max(2200).describe('评议年度'),
  startsOn: date.describe('开始日期：参评党员为该日在册的本组织正式党员和预备党员'),
  endsOn: date.describe('计划结束日期'),
  note: z.string().trim().max(500).nullish(),
});
export type CreateRoundBody = z.infer<typeof CreateRoundBody>;

export const TransitionBody = z.strictObject({
  to: State.describe('要进入的阶段：只能是紧接着的下一阶段'),
  on: date.optional().describe('公布或结束的日期，默认今天'),
});

export const SelfAssessmentBody = z.strictObject({
  text: z.string().trim().min(2).max(5000).describe('个人自评（党性分析）'),
  on: date.optional().describe('自评日期，默认今天'),
});

export const MutualBody = z.strictObject({
  assessorId: Id.describe('评价人（参评党员）'),
  assesseeId: Id.describe('被评价人（参评党员）'),
  grade: Grade.describe('建议等次'),
  comment: z.string().trim().max(1000).nullish(),
});

const Tally = z.strictObject({
  memberId: Id,
  excellent: z.number().int().min(0).max(100_000),
  qualified: z.number().int().min(0).max(100_000),
  basically_qualified: z.number().int().min(0).max(100_000),
  unqualified: z.number().int().min(0).max(100_000),
});
export const VotesBody = z.strictObject({
  ballots: z.number().int().min(0).max(100_000).describe('有效票数（不超过有表决权的正式党员人数）'),
  tallies: z.array(Tally).max(2000),
});
export type VotesBody = z.infer<typeof VotesBody>;

export const GradeEntry = z.strictObject({
  memberId: Id,
  grade: Grade.nullable().describe('null 表示撤回已评定的等次'),
  reason: z.string().trim().max(1000).nullish().describe('评定理由；“不合格”必填'),
  followUp: z.enum(APPRAISAL_FOLLOW_UP.values).nullish().describe('“不合格”的处理建议：限期改正、劝其退党、除名（仅记录，不自动执行）'),
});
export const GradesBody = z.strictObject({ grades: z.array(GradeEntry).min(1).max(2000) });
export type GradesBody = z.infer<typeof GradesBody>;

export const RoundSummary = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  year: z.number(),
  startsOn: z.string(),
  endsOn: z.string(),
  state: State,
  deadline: z.string().describe('按规则 appraisal.deadline 计算的完成期限'),
  overdue: z.boolean(),
  participants: z.number(),
  graded: z.number(),
  publishedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  note: z.string().nullable(),
});
export const RoundList = z.object({ items: z.array(RoundSummary) });

const Votes = z.object({ excellent: z.number(), qualified: z.number(), basically_qualified: z.number(), unqualified: z.number() });

export const Participant = z.object({
  memberId: z.number(),
  name: z.string(),
  statusOnStart: z.enum(MEMBER_STATUS.values),
  selfAssessment: z.string().nullable(),
  selfAssessedOn: z.string().nullable(),
  votes: Votes.nullable(),
  grade: Grade.nullable(),
  gradeReason: z.string().nullable(),
  followUp: z.enum(APPRAISAL_FOLLOW_UP.values).nullable(),
  followUpDueOn: z.string().nullable(),
});

export const MutualEntry = z.object({
  id: z.number(),
  assessorId: z.number(),
  assessorName: z.string(),
  assesseeId: z.number(),
  assesseeName: z.string(),
  grade: Grade,
  comment: z.string().nullable(),
});

export const RoundDetail = RoundSummary.extend({
  ballots: z.number().nullable(),
  voters: z.number().describe('有表决权的参评正式党员人数'),
  nextState: State.nullable(),
  excellentLimit: z.object({
    max: z.number().describe('优秀最多人数'),
    numerator: z.number(),
    denominator: z.number(),
    source: z.string(),
    ruleVersion: z.number(),
  }),
  participantList: z.array(Participant),
  mutual: z.array(MutualEntry),
});

export const MemberAppraisal = z.object({
  roundId: z.number(),
  year: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  state: State,
  publishedOn: z.string().nullable(),
  grade: Grade,
  gradeReason: z.string().nullable(),
  followUp: z.enum(APPRAISAL_FOLLOW_UP.values).nullable(),
  followUpDueOn: z.string().nullable(),
});
export const MemberAppraisals = z.object({ items: z.array(MemberAppraisal) });
