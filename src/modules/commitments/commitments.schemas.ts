import { z } from 'zod';
import { COMMITMENT_CATEGORY, COMMITMENT_EVALUATOR, COMMITMENT_ITEM_STATUS, COMMITMENT_MAKER, COMMITMENT_RATING } from '../../shared/enums.ts';
import { Id } from '../organizations/organizations.schemas.ts';

const date = z.iso.date();
const Year = z.coerce.number().int().min(2000).max(2200);
const Maker = z.enum(COMMITMENT_MAKER.values);
const Category = z.enum(COMMITMENT_CATEGORY.values);
const ItemStatus = z.enum(COMMITMENT_ITEM_STATUS.values);
const Rating = z.enum(COMMITMENT_RATING.values);
const Evaluator = z.enum(COMMITMENT_EVALUATOR.values);
const text = (max: number) => z.string().trim().min(2).max(max);
const Count = z.number().int().min(0).max(100_000);

export const EvaluationParams = z.strictObject({ id: Id, evaluationId: Id });

export const ItemBody = z.strictObject({
  content: text(500).describe('承诺事项内容，如“年内修通村道 2.3 公里”'),
  category: Category.describe('事项类别'),
  deadline: date.describe('承诺完成期限'),
  responsible: z.string().trim().max(100).nullish().describe('责任人'),
});
export type ItemBody = z.infer<typeof ItemBody>;

export const CreateCommitmentBody = z.strictObject({
  year: z.number().int().min(2000).max(2200).describe('承诺年度'),
  title: text(200).describe('承诺名称，如“2026 年度党组织公开承诺”'),
  announcedOn: date.nullish().describe('公开承诺日期（张榜、党员大会等）'),
  announceWay: z.string().trim().max(100).nullish().describe('公开方式'),
  note: z.string().trim().max(1000).nullish(),
  items: z.array(ItemBody).min(1).max(50).describe('承诺事项'),
});
export type CreateCommitmentBody = z.infer<typeof CreateCommitmentBody>;

export const UpdateCommitmentBody = z.strictObject({
  title: text(200).optional(),
  announcedOn: date.nullish(),
  announceWay: z.string().trim().max(100).nullish(),
  note: z.string().trim().max(1000).nullish(),
});

export const UpdateItemBody = ItemBody.partial();

export const ItemStatusBody = z.strictObject({
  status: ItemStatus.describe('已兑现（须写明完成情况）、未兑现或撤销（须写明原因）、退回推进中（更正）'),
  on: date.optional().describe('完成日期或登记日期，默认今天'),
  note: z.string().trim().min(2).max(1000).optional().describe('完成情况（已兑现时必填）'),
  reason: z.string().trim().min(2).max(1000).optional().describe('未兑现或撤销的原因（必填）'),
});
export type ItemStatusBody = z.infer<typeof ItemStatusBody>;

export const ProgressBody = z.strictObject({ on: date.optional().describe('日期，默认今天'), text: text(1000).describe('进展情况') });

export const EvaluationBody = z.strictObject({
  heldOn: date.describe('评议会日期'),
  evaluatorType: Evaluator.describe('党员评议或群众代表评议'),
  satisfied: Count.describe('满意票数'),
  basic: Count.describe('基本满意票数'),
  dissatisfied: Count.describe('不满意票数'),
  note: z.string().trim().max(500).nullish(),
});
export type EvaluationBody = z.infer<typeof EvaluationBody>;

export const MyRatingBody = z.strictObject({ rating: Rating.describe('本人评价') });

export const ListQuery = z.strictObject({
  orgId: Id.optional().describe('组织（含下级），默认本人管辖的组织'),
  year: Year.optional(),
  makerType: Maker.optional(),
  status: z.enum(['open', 'overdue', 'settled']).optional().describe('open 有推进中事项；overdue 有逾期事项；settled 已全部办结'),
});
export const FulfillmentQuery = z.strictObject({ orgId: Id.optional(), year: Year.optional().describe('默认今年') });

const Figure = z.object({
  kept: z.number().describe('按期兑现的事项'),
  due: z.number().describe('应兑现的事项（已到期或已办结）'),
  pending: z.number().describe('尚未到期的事项'),
  withdrawn: z.number().describe('已撤销的事项（不计）'),
  rate: z.number().nullable().describe('兑现率；没有应兑现事项时为 null'),
  meetsTarget: z.boolean().nullable(),
});
export type Figure = z.infer<typeof Figure>;

export const Targets = z.object({ orgPercent: z.number(), memberPercent: z.number(), source: z.string(), ruleVersion: z.number() });
const Ballots = z.object({ satisfied: z.number(), basic: z.number(), dissatisfied: z.number(), total: z.number(), rate: z.number().nullable().describe('满意度 =（满意 + 基本满意）÷ 总票数') });
export type Ballots = z.infer<typeof Ballots>;

export const CommitmentSummary = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  orgLevel: z.string(),
  makerType: Maker,
  memberId: z.number().nullable(),
  memberName: z.string().nullable(),
  year: z.number(),
  title: z.string(),
  announcedOn: z.string().nullable(),
  items: z.number(),
  kept: z.number(),
  due: z.number(),
  overdue: z.number(),
  open: z.number(),
  rate: z.number().nullable(),
});
export const CommitmentList = z.object({ orgId: z.number().nullable(), orgName: z.string().nullable(), items: z.array(CommitmentSummary), truncated: z.boolean() });

export const Item = z.object({
  id: z.number(),
  content: z.string(),
  category: Category,
  deadline: z.string(),
  responsible: z.string().nullable(),
  status: ItemStatus,
  standing: z.enum(['kept', 'late', 'not_done', 'overdue', 'pending', 'excluded']).describe('计入兑现率的情况'),
  doneOn: z.string().nullable(),
  doneNote: z.string().nullable(),
  reason: z.string().nullable(),
  statusOn: z.string().nullable(),
  progress: z.array(z.object({ id: z.number(), on: z.string(), text: z.string(), by: z.string() })),
});

export const Evaluation = z.object({
  id: z.number(),
  heldOn: z.string(),
  evaluatorType: Evaluator,
  memberName: z.string().nullable().describe('党员本人评价时为该党员'),
  satisfied: z.number(),
  basic: z.number(),
  dissatisfied: z.number(),
  note: z.string().nullable(),
  recordedBy: z.string(),
});

export const CommitmentDetail = CommitmentSummary.extend({
  announceWay: z.string().nullable(),
  note: z.string().nullable(),
  createdBy: z.string(),
  itemList: z.array(Item),
  evaluations: z.array(Evaluation).describe('评议记录（党员本人查看时不列出，只给汇总）'),
  ballots: z.object({ member: Ballots, public: Ballots, all: Ballots }),
  myRating: Rating.nullable().describe('党员本人对本组织承诺的评价'),
  canEdit: z.boolean(),
  canRate: z.boolean(),
  target: z.number().describe('适用的兑现率目标（百分比）'),
});

export const FulfillmentRow = z.object({ orgId: z.number().nullable(), orgName: z.string(), own: z.boolean().describe('本级（本组织及其直属党员的承诺）'), org: Figure, member: Figure });
export const FulfillmentReply = z.object({
  orgId: z.number(),
  orgName: z.string(),
  year: z.number(),
  from: z.string(),
  to: z.string(),
  today: z.string(),
  targets: Targets,
  total: z.object({ org: Figure, member: Figure }),
  rows: z.array(FulfillmentRow),
});

export const MyCommitments = z.object({
  memberId: z.number(),
  memberName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  own: z.array(CommitmentSummary),
  ofMyOrg: z.array(CommitmentSummary.extend({ myRating: Rating.nullable() })),
});
