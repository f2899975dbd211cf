import { z } from 'zod';
import { CAMPAIGN_STATE, HONOUR_KIND, NOMINATION_STATE } from '../../shared/enums.ts';
import { Id } from '../organizations/organizations.schemas.ts';

const date = z.iso.date();
const Kind = z.enum(HONOUR_KIND.values);
const reason = z.string().trim().min(2).max(1000);

export const YearQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2200).optional().describe('年度，默认今年') });

export const CreateCampaignBody = z.strictObject({
  orgId: Id.describe('评选组织（授予荣誉的组织，如县委）'),
  year: z.number().int().min(2000).max(2200).describe('评选年度'),
  nominateUntil: date.nullish().describe('推荐截止日期'),
  note: z.string().trim().max(500).nullish(),
});
export type CreateCampaignBody = z.infer<typeof CreateCampaignBody>;

export const PublishBody = z.strictObject({ on: date.optional().describe('公布（命名表彰）日期，默认今天') });

export const NominateBody = z.strictObject({
  campaignId: Id.describe('评选活动'),
  kind: Kind.describe('荣誉：旗帜党委、标杆支部、五好示范党组织推荐组织；红星党员、优秀书记推荐党员'),
  orgId: Id.optional().describe('被推荐组织（推荐组织类荣誉时）'),
  memberId: Id.optional().describe('被推荐党员（推荐党员类荣誉时）'),
  reasons: z.string().trim().min(10).max(3000).describe('推荐理由（主要事迹）；工作数据由系统从记录中自动汇总，无需填写'),
});
export type NominateBody = z.infer<typeof NominateBody>;

export const ReviewBody = z.strictObject({ pass: z.boolean().describe('审核通过（true）或不予通过（false）'), note: z.string().trim().max(1000).nullish().describe('审核意见；不予通过须写明理由') });
export const ApproveBody = z.strictObject({ on: date.optional().describe('批准日期，默认今天') });
export const ReasonBody = z.strictObject({ reason, on: date.optional().describe('日期，默认今天') });

export const RecordFigure = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  display: z.string(),
  displayEn: z.string(),
  ratio: z.number().nullable(),
  evidenceTotal: z.number(),
  evidence: z.array(z.object({ label: z.string(), date: z.string().nullable(), link: z.string().nullable(), ok: z.boolean().nullable() })),
  note: z.string().nullable(),
});
export const RecordsReply = z.object({
  orgId: z.number(),
  orgName: z.string(),
  year: z.number(),
  from: z.string(),
  to: z.string(),
  figures: z.array(RecordFigure).describe('指标登记表中各项指标对该组织当年记录的计算结果（每项附记录链接）'),
});

export const Nomination = z.object({
  id: z.number(),
  campaignId: z.number(),
  year: z.number(),
  kind: Kind,
  orgId: z.number().describe('被推荐组织，或被推荐党员所在组织'),
  orgName: z.string(),
  memberId: z.number().nullable(),
  memberName: z.string().nullable(),
  nominatedByName: z.string(),
  nominatedByOrgName: z.string().nullable().describe('推荐单位（不在您的管辖范围内时不显示）'),
  nominatedOn: z.string(),
  reasons: z.string(),
  summary: z.array(RecordFigure).describe('推荐时从记录计算的工作数据'),
  state: z.enum(NOMINATION_STATE.values),
  reviewNote: z.string().nullable(),
  reviewedOn: z.string().nullable(),
  approvedOn: z.string().nullable(),
  approvedByName: z.string().nullable(),
  closedReason: z.string().nullable(),
  closedOn: z.string().nullable(),
  statusRecordId: z.number().nullable().describe('记入党员奖惩记录的表彰记录'),
  published: z.boolean().describe('已批准且评选已公布（已命名表彰）'),
});

export const QuotaUsage = z.object({
  kind: Kind,
  min: z.number(),
  max: z.number(),
  source: z.string(),
  ruleVersion: z.number(),
  approved: z.number().nullable().describe('已批准（评选组织可见）'),
  pending: z.number().nullable().describe('待审批：已推荐和审核通过（评选组织可见）'),
});

export const Campaign = z.object({
  id: z.number(),
  year: z.number(),
  state: z.enum(CAMPAIGN_STATE.values),
  awardingOrgId: z.number(),
  awardingOrgName: z.string().nullable().describe('评选组织（在您的管辖范围内时显示）'),
  awardingLevel: z.string(),
  manage: z.boolean().describe('您可以审核、批准和公布'),
  nominateUntil: z.string().nullable(),
  publishedOn: z.string().nullable(),
  note: z.string().nullable(),
  quotas: z.array(QuotaUsage),
  nominations: z.array(Nomination),
});
export type CampaignView = z.infer<typeof Campaign>;

export const RecognitionReply = z.object({
  orgId: z.number(),
  orgName: z.string(),
  year: z.number(),
  canStart: z.boolean().describe('该组织本年度可以启动评选（本级有名额规则且尚未启动）'),
  campaigns: z.array(Campaign),
});
