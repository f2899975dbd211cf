import { z } from 'zod';
import { Id } from '../organizations/organizations.schemas.ts';

// Shapes of the assessment API: standards (items → indicators, pass rule, stars), rounds, sheets
// with computed figures and their evidence, manual entries, reviews, targets with progress.

const date = z.iso.date();
const key = z.string().regex(/^[a-z][a-z0-9_]{0,40}$/, '只能用小写字母、数字和下划线');
const name = z.string().trim().min(1).max(100);

export const CADENCE = ['quarter', 'half_year', 'year'] as const;
export const SHEET_STATE = ['not_started', 'returned', 'submitted', 'reviewed', 'final'] as const;
export type SheetState = (typeof SHEET_STATE)[number];

export const Scoring = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('linear').describe('得分 = 满分 × 比率') }),
  z.strictObject({ kind: z.literal('threshold'), min: z.number().min(0).max(1).describe('比率达到此值得满分，否则 0 分') }),
  z.strictObject({
    kind: z.literal('steps'),
    steps: z.array(z.strictObject({ min: z.number().min(0).max(1), share: z.number().min(0).max(1) })).min(1).max(10).describe('比率 ≥ min 时得满分的 share（取最高一档）'),
  }),
]);
export type Scoring = z.infer<typeof Scoring>;

export const ComputedIndicator = z.strictObject({
  key,
  name,
  nameEn: z.string().trim().max(200).default(''),
  type: z.literal('computed'),
  provider: z.string().regex(/^[a-z_]+\.[a-z_]+$/).describe('指标代码，如 orglife.compliance'),
  params: z.record(z.string(), z.union([z.number(), z.string()])).default({}),
  full: z.number().positive().max(1000),
  scoring: Scoring,
});
export const ManualIndicator = z.strictObject({
  key,
  name,
  nameEn: z.string().trim().max(200).default(''),
  type: z.literal('manual'),
  full: z.number().positive().max(1000),
  guide: z.string().trim().max(1000).default(''),
});
export const Indicator = z.discriminatedUnion('type', [ComputedIndicator, ManualIndicator]);
export type Indicator = z.infer<typeof Indicator>;

export const Definition = z.strictObject({
  items: z
    .array(z.strictObject({ key, name, nameEn: z.string().trim().max(200).default(''), indicators: z.array(Indicator).min(1).max(30) }))
    .min(1)
    .max(12),
  pass: z.strictObject({ itemMinPct: z.number().min(0).max(100).describe('每项得分率不低于'), totalMinPct: z.number().min(0).max(100).describe('总得分率不低于') }),
  stars: z.array(z.strictObject({ stars: z.number().int().min(1).max(5), minPct: z.number().min(0).max(100) })).max(5),
});
export type Definition = z.infer<typeof Definition>;

export const AppliesTo = z.strictObject({
  levels: z.array(z.string().max(20)).min(1).max(10),
  kinds: z.array(z.string().max(30)).max(10).optional(),
  domains: z.array(z.string().max(30)).max(20).optional(),
  nameKeywords: z.array(z.string().trim().min(1).max(20)).max(30).optional().describe('名称含其中任一词（如“农”）'),
});
export type AppliesTo = z.infer<typeof AppliesTo>;

export const SaveStandardBody = z.strictObject({
  code: key.describe('标准代码；已有代码则保存为新版本，进行中的考核仍用原版本'),
  name,
  nameEn: z.string().trim().max(200).default(''),
  categoryLabel: name.describe('适用组织类别的名称，如“村级党组织”'),
  appliesTo: AppliesTo,
  definition: Definition,
  source: z.string().trim().min(2).max(1000).describe('依据'),
});
export type SaveStandardBody = z.infer<typeof SaveStandardBody>;

export const Standard = z.object({
  id: z.number(),
  code: z.string(),
  version: z.number(),
  latest: z.boolean(),
  name: z.string(),
  nameEn: z.string(),
  categoryLabel: z.string(),
  appliesTo: AppliesTo,
  definition: Definition,
  source: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  rounds: z.number().describe('使用此版本的考核轮次数'),
});
export const StandardList = z.object({ items: z.array(Standard) });

export const Provider = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), description: z.string(), params: z.record(z.string(), z.object({ label: z.string(), default: z.union([z.number(), z.string()]) })) });
export const ProviderList = z.object({ items: z.array(Provider) });

export const CreateRoundBody = z.strictObject({
  orgId: Id.describe('发起考核的组织：其下属适用类别的组织各有一张考核表'),
  standardId: Id.describe('考核标准（版本）'),
  cadence: z.enum(CADENCE),
  year: z.number().int().min(2000).max(2200),
  part: z.number().int().min(1).max(4).default(1).describe('季度 1–4 或半年 1–2；年度为 1'),
  dueOn: date.optional().describe('自查上报截止日期，默认期末后 15 天'),
});
export type CreateRoundBody = z.infer<typeof CreateRoundBody>;

export const RoundsQuery = z.strictObject({ orgId: Id.optional() });

export const Counts = z.object({ not_started: z.number(), returned: z.number(), submitted: z.number(), reviewed: z.number(), final: z.number() });
export const RoundSummary = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  cadence: z.enum(CADENCE),
  periodFrom: z.string(),
  periodTo: z.string(),
  dueOn: z.string(),
  standardId: z.number(),
  standardName: z.string(),
  standardVersion: z.number(),
  counts: Counts,
  sheets: z.number(),
  passed: z.number().describe('已定稿且达到标准的考核表数'),
  createdByName: z.string(),
});
export const RoundList = z.object({ items: z.array(RoundSummary) });

export const SheetSummary = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  state: z.enum(SHEET_STATE),
  totalPct: z.number().nullable(),
  passed: z.boolean().nullable(),
  stars: z.number().nullable(),
  submittedOn: z.string().nullable(),
  reviewedOn: z.string().nullable(),
  finalizedOn: z.string().nullable(),
});
export const RoundDetail = RoundSummary.extend({ sheetList: z.array(SheetSummary) });

export const Evidence = z.object({ kind: z.string(), id: z.union([z.number(), z.string()]), label: z.string(), date: z.string().nullable(), link: z.string().nullable(), ok: z.boolean().nullable() });
export const SheetIndicator = z.object({
  key: z.string(),
  name: z.string(),
  nameEn: z.string(),
  type: z.enum(['computed', 'manual']),
  full: z.number(),
  points: z.number().nullable().describe('得分；null 表示不可用或尚未评分（不计入满分）'),
  // computed
  provider: z.string().nullable(),
  providerName: z.string().nullable(),
  description: z.string().nullable(),
  scoringText: z.string().nullable(),
  available: z.boolean(),
  value: z.number().nullable(),
  display: z.string().nullable(),
  ratio: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  note: z.string().nullable(),
  evidence: z.array(Evidence),
  evidenceTotal: z.number(),
  // manual
  guide: z.string().nullable(),
  selfPoints: z.number().nullable(),
  selfEvidence: z.string().nullable(),
  links: z.array(z.string()),
  reviewPoints: z.number().nullable(),
  reviewReason: z.string().nullable(),
});
export const SheetItem = z.object({ key: z.string(), name: z.string(), nameEn: z.string(), points: z.number(), full: z.number(), pct: z.number().nullable(), reached: z.boolean(), indicators: z.array(SheetIndicator) });
export const SheetResult = z.object({ points: z.number(), full: z.number(), pct: z.number().nullable(), passed: z.boolean(), stars: z.number(), itemMinPct: z.number(), totalMinPct: z.number() });
export const SheetDetail = SheetSummary.extend({
  roundId: z.number(),
  roundTitle: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  dueOn: z.string(),
  standardName: z.string(),
  standardVersion: z.number(),
  live: z.boolean().describe('true：计算指标为打开时按记录实时计算；false：为提交时（或复核重算时）的快照'),
  computedAt: z.string().nullable(),
  recomputedByName: z.string().nullable(),
  submittedByName: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  reviewComment: z.string().nullable(),
  returnedReason: z.string().nullable(),
  finalizedByName: z.string().nullable(),
  items: z.array(SheetItem),
  result: SheetResult,
  canSelfCheck: z.boolean(),
  canReview: z.boolean(),
});

const links = z.array(z.string().trim().max(500).regex(/^(\/[^\s]*|https?:\/\/[^\s]+)$/, '链接应为本系统页面路径（/…）或网址')).max(20).default([]);
export const ManualBody = z.strictObject({
  entries: z
    .array(z.strictObject({ key, points: z.number().min(0).max(1000), evidence: z.string().trim().max(2000).default(''), links }))
    .max(50)
    .describe('人工评分指标的自评分及依据；计算指标不能在此填写'),
});
export type ManualBody = z.infer<typeof ManualBody>;
export const ReviewBody = z.strictObject({
  adjustments: z
    .array(z.strictObject({ key, points: z.number().min(0).max(1000), reason: z.string().trim().min(2).max(1000) }))
    .max(50)
    .default([])
    .describe('复核调整人工评分指标（须写明理由）；计算指标的得分由记录决定，不能调整'),
  comment: z.string().trim().max(2000).nullish(),
});
export type ReviewBody = z.infer<typeof ReviewBody>;
export const ReturnBody = z.strictObject({ reason: z.string().trim().min(2).max(1000) });
export const EmptyBody = z.strictObject({});

export const TargetsQuery = z.strictObject({ orgId: Id.optional() });
export const CreateTargetBody = z.strictObject({
  orgId: Id.describe('设定目标的组织（进度按其下属组织统计）'),
  standardCode: key,
  sharePct: z.number().min(0.01).max(100),
  deadline: date,
  title: name,
  source: z.string().trim().min(2).max(1000),
});
export type CreateTargetBody = z.infer<typeof CreateTargetBody>;
/** A target's share, deadline, title or source; its organization and standard (what it counts) stay. */
export const UpdateTargetBody = CreateTargetBody.omit({ orgId: true, standardCode: true })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: '至少修改一项' });
export type UpdateTargetBody = z.infer<typeof UpdateTargetBody>;
export const TargetOrg = z.object({ orgId: z.number(), orgName: z.string(), reached: z.boolean(), sheetId: z.number().nullable(), roundTitle: z.string().nullable(), totalPct: z.number().nullable(), finalizedOn: z.string().nullable() });
export const Target = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  source: z.string(),
  standardCode: z.string(),
  standardName: z.string(),
  categoryLabel: z.string(),
  sharePct: z.number(),
  deadline: z.string(),
  total: z.number().describe('本范围内该类别的组织数'),
  reached: z.number().describe('最近一次定稿考核达到标准的组织数'),
  progressPct: z.number().nullable(),
  met: z.boolean(),
  canEdit: z.boolean().describe('调用者可修改或删除此目标（设定目标的组织在其范围内，且为县级以上组织部门）'),
  series: z.array(z.object({ periodTo: z.string(), label: z.string(), reached: z.number(), total: z.number(), pct: z.number().nullable() })),
  orgs: z.array(TargetOrg),
});
export const TargetList = z.object({ orgId: z.number(), orgName: z.string(), items: z.array(Target) });
/** A new target's id, with the organization's targets as they now stand. */
export const CreatedTarget = TargetList.extend({ id: z.number() });
/** The changed target's id, with its organization's targets as they now stand. */
export const UpdatedTarget = TargetList.extend({ id: z.number() });
