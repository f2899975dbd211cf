import { z } from 'zod';
import { DUES_CATEGORY, DUES_METHOD, DUES_RELIEF_KIND } from '../../shared/enums.ts';
import { Id } from '../organizations/organizations.schemas.ts';

const date = z.iso.date();
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM' }).describe('月份（YYYY-MM）');
/** Money in integer fen (分); the screens show yuan with two decimals. */
const Fen = z.number().int().min(0).max(100_000_000_000).describe('金额（分，整数）');
const text = (max: number) => z.string().trim().min(1).max(max);

export const MemberIdParams = z.strictObject({ memberId: Id });
export const BaseIdParams = z.strictObject({ memberId: Id, baseId: Id });
export const ReliefIdParams = z.strictObject({ memberId: Id, reliefId: Id });
export const PaymentIdParams = z.strictObject({ paymentId: Id });

export const AddBaseBody = z.strictObject({
  effectiveMonth: Month.describe('自该月起适用'),
  category: z.enum(DUES_CATEGORY.values),
  baseFen: Fen.nullable().optional().describe('税后月工资收入或离退休费（分）；在职、离退休必填，其他类别不填'),
  note: z.string().trim().max(200).optional(),
});
export type AddBaseBody = z.infer<typeof AddBaseBody>;

export const AddReliefBody = z.strictObject({
  kind: z.enum(DUES_RELIEF_KIND.values),
  fromMonth: Month,
  toMonth: Month,
  monthlyFen: Fen.optional().describe('少交时每月应交金额（分）'),
  reason: text(200).describe('理由（如因病致贫、遭受灾害）'),
  approvedBy: text(100).describe('批准机关（上一级党委）'),
  approvedOn: date.describe('批准日期'),
});
export type AddReliefBody = z.infer<typeof AddReliefBody>;

export const RecordPaymentBody = z.strictObject({
  fromMonth: Month.optional().describe('交纳的第一个月；只交自愿多交的党费时不填'),
  toMonth: Month.optional().describe('交纳的最后一个月（可预交以后的月份）'),
  amountFen: Fen.describe('实交金额（分）；超出应交合计的部分记为自愿多交'),
  paidOn: date,
  method: z.enum(DUES_METHOD.values),
  payerMemberId: Id.optional().describe('代交党员（编号）'),
  payerName: z.string().trim().max(30).optional().describe('代交人姓名（非党员或系统外）'),
  receiptNo: z.string().trim().max(40).optional(),
  note: z.string().trim().max(200).optional(),
});
export type RecordPaymentBody = z.infer<typeof RecordPaymentBody>;

export const VoidPaymentBody = z.strictObject({ reason: text(200) });

export const MonthDueItem = z.object({
  month: z.string(),
  category: z.enum(DUES_CATEGORY.values),
  baseFen: z.number().nullable(),
  rateBp: z.number().nullable().describe('比例（万分之）；固定标准为空'),
  standardFen: z.number(),
  dueFen: z.number(),
  relief: z.enum(DUES_RELIEF_KIND.values).nullable(),
  paidFen: z.number().nullable(),
  paymentId: z.number().nullable(),
  status: z.enum(['paid', 'exempt', 'unpaid']),
  overdue: z.boolean().describe('本月之前且未交'),
  ruleCode: z.string(),
  ruleVersion: z.number(),
});

export const BaseItem = z.object({ id: z.number(), effectiveMonth: z.string(), category: z.enum(DUES_CATEGORY.values), baseFen: z.number().nullable(), note: z.string().nullable(), createdBy: z.string(), createdAt: z.string() });
export const ReliefItem = z.object({
  id: z.number(),
  kind: z.enum(DUES_RELIEF_KIND.values),
  fromMonth: z.string(),
  toMonth: z.string(),
  monthlyFen: z.number().nullable(),
  reason: z.string(),
  approvedBy: z.string(),
  approvedOn: z.string(),
  createdBy: z.string(),
});
export const PaymentItem = z.object({
  id: z.number(),
  memberId: z.number(),
  paidOn: z.string(),
  amountFen: z.number(),
  extraFen: z.number(),
  months: z.array(z.string()),
  method: z.enum(DUES_METHOD.values),
  payerMemberId: z.number().nullable(),
  payerName: z.string().nullable().describe('代交人'),
  receiptNo: z.string().nullable(),
  note: z.string().nullable(),
  createdBy: z.string(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
});

export const ArrearsInfo = z.object({
  months: z.array(z.object({ month: z.string(), dueFen: z.number() })),
  amountFen: z.number(),
  longestRun: z.number(),
  runFrom: z.string().nullable(),
  runTo: z.string().nullable(),
  flagged: z.boolean().describe('连续未交达到规定月数：应按规定处理（由党支部审查，系统不自动除名）'),
  flagMonths: z.number(),
});

export const DuesAccount = z.object({
  member: z.object({ id: z.number(), name: z.string(), orgId: z.number(), orgName: z.string(), status: z.string(), joinedOn: z.string(), leftOn: z.string().nullable() }),
  today: z.string(),
  firstDueMonth: z.string().nullable(),
  paidUntil: z.string().nullable().describe('党费交至（自首个应交月份起连续交清的最后一个月）'),
  current: MonthDueItem.nullable().describe('本月应交'),
  prepayUntil: z.string().describe('最多可预交到的月份'),
  bases: z.array(BaseItem),
  reliefs: z.array(ReliefItem),
  payments: z.array(PaymentItem),
  months: z.array(MonthDueItem),
  arrears: ArrearsInfo,
  totals: z.object({ dueFen: z.number(), paidFen: z.number(), extraFen: z.number() }),
});

export const SummaryQuery = z.strictObject({ orgId: Id, month: Month.optional().describe('所属月份，默认本月') });
export const SummaryFigures = z.object({
  members: z.number().describe('在册党员'),
  noBase: z.number().describe('未核定党费基数'),
  dueMembers: z.number().describe('本月应交人数'),
  paidMembers: z.number().describe('本月已交人数'),
  unpaidMembers: z.number(),
  exemptMembers: z.number(),
  dueFen: z.number(),
  receivedFen: z.number().describe('本月党费实收（按所属月份）'),
  extraFen: z.number().describe('本月收到的自愿多交党费（按交纳日期）'),
  arrearsMembers: z.number().describe('目前有欠交的党员'),
  flaggedMembers: z.number().describe('连续 6 个月未交、待按规定处理的党员'),
});
export const SummaryRow = SummaryFigures.extend({ orgId: z.number(), orgName: z.string(), own: z.boolean().describe('本级直属党员（不含下级组织）') });
export const DuesSummary = z.object({ month: z.string(), orgId: z.number(), orgName: z.string(), totals: SummaryFigures, rows: z.array(SummaryRow) });

export const ArrearsQuery = z.strictObject({
  orgId: Id,
  minMonths: z.coerce.number().int().min(1).max(120).default(1).describe('至少欠交的月数'),
  flaggedOnly: z.enum(['true', 'false']).optional(),
});
export const ArrearsItem = ArrearsInfo.omit({ months: true }).extend({
  memberId: z.number(),
  name: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  monthCount: z.number(),
  firstMonth: z.string(),
  lastMonth: z.string(),
  paidUntil: z.string().nullable(),
});
export const ArrearsList = z.object({ today: z.string(), items: z.array(ArrearsItem) });

export const RatesReply = z.object({
  month: z.string(),
  items: z.array(z.object({ code: z.string(), version: z.number(), effectiveFrom: z.string(), params: z.unknown(), source: z.string(), note: z.string().nullable() })),
});
export const RatesQuery = z.strictObject({ month: Month.optional() });

export const QuoteQuery = z.strictObject({ fromMonth: Month.optional().describe('默认为第一个未交月份'), toMonth: Month.optional() });
export const QuoteReply = z.object({
  fromMonth: z.string(),
  toMonth: z.string(),
  months: z.array(z.object({ month: z.string(), dueFen: z.number() })),
  totalFen: z.number(),
  problem: z.string().nullable().describe('所选月份不能交纳的原因（如已交、免交、超出预交期限）'),
});
