import { z } from 'zod';
import { AWARD_LEVEL, STATUS_KIND } from '../../shared/enums.ts';
import { Id } from '../organizations/organizations.schemas.ts';

const date = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max).nullish();

export const CreateStatusBody = z.strictObject({
  kind: z.enum(STATUS_KIND.values).describe('逝世、出党、党纪处分、表彰奖励、关爱帮扶、离任村干部生活补助、恢复党员权利、撤销更正'),
  subtype: z.string().trim().min(1).max(40).describe('类别：出党为 removed/withdrew/lapsed，处分为 warning/serious_warning/post_removal/probation/expelled，等'),
  effectiveOn: date.describe('生效日期（补助为期限开始日期），不能晚于今天'),
  docNumber: text(100).describe('文号'),
  issuer: text(100).describe('作出决定、颁发或发放的组织（帮扶记录为帮扶人/单位）'),
  reason: text(1000),
  awardLevel: z.enum(AWARD_LEVEL.values).nullish().describe('表彰级别'),
  amountFen: z.number().int().min(0).max(100_000_000).nullish().describe('金额（分）；补助为每月金额'),
  periodMonths: z.number().int().min(1).max(60).nullish().describe('留党察看期限（月）：12 或 24'),
  endsOn: date.nullish().describe('补助期限截止日期'),
  relatesToId: Id.nullish().describe('撤销更正或恢复权利所对应的原记录'),
  note: text(500),
});
export type CreateStatusBody = z.infer<typeof CreateStatusBody>;

export const StatusRecord = z.object({
  id: z.number(),
  memberId: z.number(),
  kind: z.enum(STATUS_KIND.values),
  subtype: z.string(),
  effectiveOn: z.string(),
  docNumber: z.string().nullable(),
  issuer: z.string().nullable(),
  reason: z.string().nullable(),
  awardLevel: z.enum(AWARD_LEVEL.values).nullable(),
  amountFen: z.number().nullable(),
  periodMonths: z.number().nullable(),
  endsOn: z.string().nullable(),
  relatesToId: z.number().nullable(),
  reversedById: z.number().nullable().describe('撤销更正此记录的记录编号'),
  restoredById: z.number().nullable().describe('留党察看：恢复党员权利的记录编号'),
  endsMembership: z.boolean(),
  legalBasis: z.string().nullable().describe('依据（规则表中该记录日期适用的版本）'),
  orgName: z.string(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  createdAt: z.string(),
});
export const StatusRecordList = z.object({
  leftOn: z.string().nullable(),
  leftReason: z.string().nullable(),
  items: z.array(StatusRecord),
});
