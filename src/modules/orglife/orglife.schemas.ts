import { z } from 'zod';
import { MEMBER_STATUS, ORGLIFE_ATTENDANCE, ORGLIFE_KIND, ORGLIFE_STATE } from '../../shared/enums.ts';
import { Id } from '../organizations/organizations.schemas.ts';

const date = z.iso.date();
const Kind = z.enum(ORGLIFE_KIND.values);
const State = z.enum(ORGLIFE_STATE.values);
const text = (max: number) => z.string().trim().min(1).max(max);

export const MeetingParams = z.strictObject({ id: Id });

export const PlanMeetingBody = z.strictObject({
  orgId: Id.describe('召开会议的组织：党支部（党小组会为党小组）'),
  kind: Kind,
  topic: text(200).describe('议题 / 主题'),
  plannedOn: date.describe('会议日期'),
  startsAt: z.string().regex(/^[0-2]\d:[0-5]\d$/).nullish().describe('开始时间 HH:mm'),
  place: z.string().trim().max(200).nullish(),
  notice: z.string().trim().max(5000).nullish().describe('会议通知内容'),
  noticeSentOn: date.nullish().describe('通知发出日期'),
  participantIds: z.array(Id).max(50).optional().describe('谈心谈话的参加人（从本组织名册中选择）；其他会议的应到人员由名册自动确定'),
});
export type PlanMeetingBody = z.infer<typeof PlanMeetingBody>;

export const UpdateMeetingBody = PlanMeetingBody.omit({ orgId: true, kind: true, participantIds: true }).partial();
export type UpdateMeetingBody = z.infer<typeof UpdateMeetingBody>;

export const AttendanceEntry = z.strictObject({
  memberId: Id,
  status: z.enum(ORGLIFE_ATTENDANCE.values),
  reason: z.string().trim().max(200).nullish().describe('请假事由（请假必填）'),
});

export const RecordMeetingBody = z.strictObject({
  heldOn: date.describe('召开日期：应到人员按这一天的名册确定'),
  place: z.string().trim().max(200).nullish(),
  hostName: z.string().trim().max(30).nullish().describe('主持人'),
  recorderName: z.string().trim().max(30).nullish().describe('记录人'),
  minutes: text(20000).describe('会议记录'),
  attendance: z.array(AttendanceEntry).max(3000).describe('每位应到人员的出席情况'),
  visitors: z.array(text(60)).max(50).optional().describe('列席人员（姓名及身份）'),
});
export type RecordMeetingBody = z.infer<typeof RecordMeetingBody>;

export const CancelMeetingBody = z.strictObject({ reason: text(500).describe('取消原因'), on: date.optional() });

export const MeetingListQuery = z.strictObject({
  orgId: Id.optional().describe('组织（含下级），默认本人管辖范围'),
  kind: Kind.optional(),
  state: State.optional(),
  from: date.optional(),
  to: date.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

const QuorumInfo = z.object({
  applies: z.boolean().describe('该类会议是否要求到会人数过半'),
  base: z.number().describe('应到人数（按规则扣除后）'),
  present: z.number(),
  needed: z.number().describe('至少应到会人数'),
  met: z.boolean(),
  rule: z.object({ numerator: z.number(), denominator: z.number(), probationaryInBase: z.number(), leaveReducesBase: z.number(), version: z.number(), source: z.string() }),
});

export const MeetingSummary = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  kind: Kind,
  state: State,
  topic: z.string(),
  plannedOn: z.string(),
  startsAt: z.string().nullable(),
  place: z.string().nullable(),
  heldOn: z.string().nullable(),
  invited: z.number(),
  present: z.number(),
  attachments: z.number(),
  quorumMet: z.boolean().nullable(),
});
export const MeetingList = z.object({ items: z.array(MeetingSummary), total: z.number() });

export const MeetingDetail = MeetingSummary.extend({
  notice: z.string().nullable(),
  noticeSentOn: z.string().nullable(),
  hostName: z.string().nullable(),
  recorderName: z.string().nullable(),
  minutes: z.string().nullable(),
  visitors: z.array(z.string()),
  cancelledOn: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdByName: z.string(),
  attendance: z.array(z.object({ memberId: z.number(), name: z.string(), memberStatus: z.enum(MEMBER_STATUS.values), status: z.enum(ORGLIFE_ATTENDANCE.values).nullable(), reason: z.string().nullable() })),
  quorum: QuorumInfo,
  files: z.array(z.object({ id: z.number(), fileName: z.string(), contentType: z.string(), size: z.number(), uploadedByName: z.string(), uploadedAt: z.string() })),
});

export const AttachmentParams = z.strictObject({ id: Id });
export const AttachmentReply = z.object({ id: z.number(), fileName: z.string(), contentType: z.string(), size: z.number() });

export const OverviewQuery = z.strictObject({
  orgId: Id.optional().describe('组织（含下级），默认本人管辖范围'),
  span: z
    .string()
    .regex(/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/)
    .optional()
    .describe('统计期间：2026（年）、2026-H1（半年）、2026-Q1（季度）或 2026-03（月），默认本季度'),
});

const Slot = z.object({ from: z.string(), to: z.string(), label: z.string(), status: z.enum(['met', 'missed', 'open']), meetingIds: z.array(z.number()) });
const Cell = z.object({ kind: Kind, periodMonths: z.number(), required: z.number().describe('到期及已满足的周期数'), held: z.number(), open: z.number(), slots: z.array(Slot) });
const Requirement = z.object({ kind: Kind, periodMonths: z.number(), label: z.string() });

export const Overview = z.object({
  orgId: z.number(),
  orgName: z.string(),
  span: z.string(),
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  requirements: z.array(Requirement),
  rule: z.object({ version: z.number(), source: z.string() }),
  rows: z.array(z.object({ orgId: z.number(), orgName: z.string(), orgKind: z.string(), parentId: z.number().nullable(), cells: z.array(Cell), held: z.number(), required: z.number() })),
  overdue: z.array(z.object({ orgId: z.number(), orgName: z.string(), kind: Kind, from: z.string(), to: z.string(), label: z.string() })).describe('本年度已结束而未召开的周期，最近的在前，最多 200 条'),
  overdueTotal: z.number(),
  closing: z.array(z.object({ orgId: z.number(), orgName: z.string(), kind: Kind, from: z.string(), to: z.string(), label: z.string(), daysLeft: z.number() })),
  inactive: z.array(z.object({ orgId: z.number(), orgName: z.string(), lastHeldOn: z.string().nullable(), days: z.number().nullable() })),
  inactiveTotal: z.number(),
  inactiveDays: z.number(),
  monthly: z.array(z.object({ month: z.string(), kind: Kind, n: z.number() })),
});
