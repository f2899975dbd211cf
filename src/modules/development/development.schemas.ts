import { z } from 'zod';
import { DEV_CASE_STATUS, DEV_CLOSE_KIND, DEV_STAGE, DEV_STEP, EDUCATION, GENDER, HOUSEHOLD, MEMBER_CATEGORY } from '../../shared/enums.ts';
import { Id } from '../organizations/organizations.schemas.ts';

const date = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const STEP_AFTER_APPLY = DEV_STEP.values.filter((s) => s !== 'apply') as [Exclude<(typeof DEV_STEP.values)[number], 'apply'>, ...Exclude<(typeof DEV_STEP.values)[number], 'apply'>[]];

export const Document = z.strictObject({ name: text(100).describe('材料名称，如 入党申请书'), note: z.string().trim().max(200).nullish() });
const Documents = z.array(Document).max(20).default([]);

export const Votes = z
  .strictObject({
    entitled: z.number().int().min(1).max(10_000).describe('应到会有表决权的正式党员人数'),
    present: z.number().int().min(0).max(10_000).describe('实到会有表决权的正式党员人数'),
    for: z.number().int().min(0).max(10_000).describe('赞成'),
    against: z.number().int().min(0).max(10_000).describe('反对'),
    abstain: z.number().int().min(0).max(10_000).describe('弃权'),
  })
  .refine((v) => v.present <= v.entitled, { message: '实到人数不能多于应到人数', path: ['present'] })
  .refine((v) => v.for + v.against + v.abstain <= v.present, { message: '赞成、反对、弃权合计不能多于实到人数', path: ['for'] });

export const CreateCaseBody = z.strictObject({
  orgId: Id.describe('接收（发展）的党组织'),
  trainingOrgId: Id.nullish().describe('培养的党组织（城乡共育时可与接收组织不同）'),
  name: z.string().trim().min(2).max(30),
  gender: z.enum(GENDER.values),
  ethnicity: z.string().trim().min(2).max(10).default('汉族'),
  idNumber: z.string().trim().toUpperCase().regex(/^\d{17}[\dX]$/, '身份证号应为 18 位'),
  education: z.enum(EDUCATION.values),
  category: z.enum(MEMBER_CATEGORY.values).default('farmer'),
  household: z.enum(HOUSEHOLD.values).default('rural'),
  isLeagueMember: z.boolean().default(false).describe('是否共青团员'),
  workUnit: z.string().trim().max(100).nullish(),
  phone: z.string().trim().regex(/^[0-9+\- ]{7,20}$/).nullish(),
  appliedOn: date.describe('递交入党申请书日期'),
  documents: Documents,
});
export type CreateCaseBody = z.infer<typeof CreateCaseBody>;

const STEP_FIELDS: Partial<Record<string, { key: 'votes' | 'introducerIds' | 'approver'; message: string }>> = {
  branch_meeting: { key: 'votes', message: '请填写表决情况' },
  full_meeting: { key: 'votes', message: '请填写表决情况' },
  introducers: { key: 'introducerIds', message: '请选择入党介绍人' },
  approval: { key: 'approver', message: '请填写审批的党委' },
  full_approval: { key: 'approver', message: '请填写审批的党委' },
};

export const RecordStepBody = z
  .strictObject({
    step: z.enum(STEP_AFTER_APPLY).describe('办理的步骤（须为当前应办理的下一步）'),
    doneOn: date.describe('办理日期'),
    documents: Documents,
    note: z.string().trim().max(500).nullish(),
    approver: z.string().trim().max(100).nullish().describe('审批/谈话的党组织或人员'),
    votes: Votes.nullish(),
    introducerIds: z.array(Id).max(5).nullish().describe('入党介绍人（党员名册中的正式党员）'),
    trainingDays: z.number().int().min(0).max(365).nullish(),
    trainingHours: z.number().int().min(0).max(2000).nullish(),
    leagueRecommended: z.boolean().nullish().describe('已经团组织推优'),
    special: z.boolean().nullish().describe('特殊情况延长审批期限（须在备注说明）'),
  })
  .superRefine((b, ctx) => {
    const need = STEP_FIELDS[b.step];
    if (need && (b[need.key] === null || b[need.key] === undefined)) ctx.addIssue({ code: 'custom', path: [need.key], message: need.message });
    if (b.step === 'training' && b.trainingDays == null && b.trainingHours == null) ctx.addIssue({ code: 'custom', path: ['trainingDays'], message: '请填写培训天数或学时' });
    if (b.special && !b.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '特殊情况须在备注中说明' });
  });
export type RecordStepBody = z.infer<typeof RecordStepBody>;

export const ExtendProbationBody = z.strictObject({
  decidedOn: date.describe('支部大会决定延长的日期'),
  months: z.number().int().min(1).max(24).describe('延长月数（规则：6–12 个月，只能延长一次）'),
  reason: text(500),
  documents: Documents,
});

export const CloseCaseBody = z.strictObject({
  kind: z.enum(DEV_CLOSE_KIND.values),
  closedOn: date,
  reason: text(500),
});

export const BoardQuery = z.strictObject({
  orgId: Id.optional().describe('组织（含下级）；缺省为本人管辖范围'),
  status: z.enum([...DEV_CASE_STATUS.values, 'all']).default('open'),
  stage: z.enum(DEV_STAGE.values).optional(),
  q: z.string().trim().min(1).max(30).optional().describe('姓名（部分匹配）'),
});

const StepCode = z.enum(DEV_STEP.values);
const StageCode = z.enum(DEV_STAGE.values);

export const NextDue = z.object({ step: StepCode, dueOn: z.string().nullable(), earliestOn: z.string().nullable(), overdue: z.boolean() });

export const CaseSummary = z.object({
  id: z.number(),
  name: z.string(),
  gender: z.enum(GENDER.values),
  orgId: z.number(),
  orgName: z.string(),
  trainingOrgId: z.number().nullable(),
  trainingOrgName: z.string().nullable(),
  status: z.enum(DEV_CASE_STATUS.values),
  stage: StageCode,
  lastStep: StepCode,
  lastStepOn: z.string(),
  appliedOn: z.string(),
  next: NextDue.nullable(),
  probationEndOn: z.string().nullable(),
  memberId: z.number().nullable(),
});

export const Board = z.object({
  today: z.string(),
  stages: z.array(z.object({ stage: StageCode, count: z.number() })),
  overdue: z.number(),
  items: z.array(CaseSummary),
});

export const StepRecord = z.object({
  id: z.number(),
  step: z.union([StepCode, z.literal('probation_extension')]),
  doneOn: z.string(),
  recordedByName: z.string(),
  documents: z.array(z.object({ name: z.string(), note: z.string().nullish() })),
  votes: z.object({ entitled: z.number(), present: z.number(), for: z.number(), against: z.number(), abstain: z.number() }).nullable(),
  introducers: z.array(z.object({ id: z.number(), name: z.string() })).nullable(),
  approver: z.string().nullable(),
  note: z.string().nullable(),
  details: z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])).nullable(),
});

export const CaseDetail = CaseSummary.extend({
  ethnicity: z.string(),
  birthDate: z.string(),
  idNumberMasked: z.string(),
  education: z.enum(EDUCATION.values),
  category: z.enum(MEMBER_CATEGORY.values),
  household: z.enum(HOUSEHOLD.values),
  isLeagueMember: z.boolean(),
  workUnit: z.string().nullable(),
  phone: z.string().nullable(),
  probationExtensionMonths: z.number().nullable(),
  closedOn: z.string().nullable(),
  closeKind: z.enum(DEV_CLOSE_KIND.values).nullable(),
  closeReason: z.string().nullable(),
  steps: z.array(StepRecord),
});
