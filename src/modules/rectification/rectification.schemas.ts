import { z } from 'zod';
import { RECT_ACCEPTANCE, RECT_ORIGIN, RECT_STATE } from '../../shared/enums.ts';
import { Id } from '../organizations/organizations.schemas.ts';

const date = z.iso.date();
const Year = z.number().int().min(2000).max(2200);
const text = (max: number) => z.string().trim().min(2).max(max);

export const YearQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2200).optional().describe('年度，默认今年') });
export const CriteriaQuery = z.strictObject({ asOf: date.optional().describe('按该日有效的规则，默认今天') });

export const Evidence = z.object({ kind: z.string(), id: z.union([z.number(), z.string()]), label: z.string(), date: z.string().nullable(), link: z.string().nullable(), ok: z.boolean().nullable() });

export const Criterion = z.object({
  key: z.string(),
  indicator: z.string().describe('指标代码（考核指标注册表）'),
  indicatorName: z.string().nullable().describe('指标名称；null 表示该指标尚未注册（模块未启用），该项不能判定'),
  measure: z.enum(['value', 'percent']),
  comparison: z.enum(['lt', 'lte', 'gt', 'gte']),
  threshold: z.number().nullable(),
  description: z.string(),
  descriptionEn: z.string(),
  ruleCode: z.string(),
  ruleVersion: z.number().nullable(),
  source: z.string().nullable(),
});
export const CriteriaReply = z.object({ asOf: z.string(), items: z.array(Criterion) });

/** One criterion applied to one organization. */
export const Check = z.object({
  key: z.string(),
  status: z.enum(['flagged', 'passed', 'not_evaluated']),
  figure: z.number().nullable(),
  display: z.string(),
  reason: z.string().nullable().describe('不能判定的原因（指标未注册、没有数据、计算出错）'),
  evidence: z.array(Evidence),
  evidenceTotal: z.number(),
});
export type Check = z.infer<typeof Check>;

export const Candidate = z.object({
  orgId: z.number(),
  orgName: z.string(),
  hits: z.array(Check.extend({ description: z.string() })),
  notEvaluated: z.array(z.object({ key: z.string(), description: z.string(), reason: z.string() })),
  listed: z.object({ entryId: z.number(), state: z.enum(RECT_STATE.values) }).nullable(),
});

export const ScreeningDetail = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  year: z.number(),
  from: z.string(),
  to: z.string(),
  state: z.enum(['running', 'done']),
  total: z.number(),
  done: z.number(),
  createdAt: z.string(),
  createdByName: z.string(),
  criteria: z.array(Criterion),
  candidates: z.array(Candidate),
  notEvaluated: z.array(z.object({ key: z.string(), description: z.string(), orgs: z.number(), reasons: z.array(z.string()) })).describe('不能判定的排查条件及涉及的组织数（从不按“通过”处理）'),
});
export const ScreeningSummary = z.object({ id: z.number(), year: z.number(), state: z.enum(['running', 'done']), total: z.number(), candidates: z.number(), createdAt: z.string(), createdByName: z.string() });
export const ScreeningList = z.object({ latest: ScreeningDetail.nullable(), history: z.array(ScreeningSummary) });

export const StartScreeningBody = z.strictObject({
  year: Year.describe('整顿年度'),
  from: date.optional().describe('排查所依据记录的起始日，默认该年 1 月 1 日'),
  to: date.optional().describe('截止日，默认该年 12 月 31 日与今天中较早者'),
});
export const EmptyBody = z.strictObject({});
export const ConfirmBody = z.strictObject({ orgIds: z.array(Id).min(1).max(500).describe('确认列入整顿名单的候选组织') });
export const AddEntryBody = z.strictObject({ year: Year, reason: text(1000).describe('直接列入的理由') });
export const RemoveBody = z.strictObject({ reason: text(1000).describe('撤销列入的理由') });
export const LeaderBody = z.strictObject({ name: text(60).describe('包联领导姓名'), title: z.string().trim().max(100).nullish().describe('职务') });
export const TaskBody = z.strictObject({
  content: text(2000).describe('整顿任务'),
  ownerName: text(60).describe('责任人'),
  ownerPost: z.string().trim().max(100).nullish().describe('责任人职务'),
  ownerOrgId: Id.describe('责任单位（组织）'),
  deadline: date.describe('完成时限'),
});
export const TaskPatchBody = TaskBody.partial().refine((b) => Object.keys(b).length > 0, { message: '至少修改一项' });
export const NoteBody = z.strictObject({ on: date.optional().describe('日期，默认今天'), text: text(2000).describe('进展情况') });
export const DoneBody = z.strictObject({ doneOn: date.nullable().describe('完成日期；null 表示撤回完成') });
export const AcceptanceBody = z.strictObject({ on: date.optional().describe('验收日期，默认今天'), result: z.enum(RECT_ACCEPTANCE.values), comment: text(2000).describe('验收意见') });

export const Task = z.object({
  id: z.number(),
  content: z.string(),
  ownerName: z.string(),
  ownerPost: z.string().nullable(),
  ownerOrgId: z.number(),
  ownerOrgName: z.string(),
  deadline: z.string(),
  doneOn: z.string().nullable(),
  overdue: z.boolean(),
  notes: z.array(z.object({ id: z.number(), on: z.string(), text: z.string(), byName: z.string() })),
});

export const EntrySummary = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  year: z.number(),
  origin: z.enum(RECT_ORIGIN.values),
  reason: z.string(),
  state: z.enum(RECT_STATE.values),
  listedOn: z.string(),
  leaderName: z.string().nullable(),
  leaderTitle: z.string().nullable(),
  closedOn: z.string().nullable(),
  removedOn: z.string().nullable(),
  removedReason: z.string().nullable(),
  tasks: z.object({ total: z.number(), done: z.number(), overdue: z.number() }),
  lastAcceptance: z.object({ on: z.string(), result: z.enum(RECT_ACCEPTANCE.values) }).nullable(),
});
export const EntryList = z.object({ year: z.number(), items: z.array(EntrySummary), counts: z.object({ listed: z.number(), closed: z.number(), removed: z.number() }) });

export const EntryDetail = EntrySummary.extend({
  hits: z.array(Check.extend({ description: z.string() })).describe('列入时排查发现的问题及其依据记录'),
  taskList: z.array(Task),
  acceptances: z.array(z.object({ id: z.number(), on: z.string(), result: z.enum(RECT_ACCEPTANCE.values), comment: z.string(), reviewerName: z.string(), reviewerOrgName: z.string() })),
});
export const OrgRectification = z.object({
  org: z.object({ id: z.number(), name: z.string() }),
  year: z.number(),
  entry: EntryDetail.nullable(),
  history: z.array(EntrySummary),
});
export const ConfirmReply = z.object({ created: z.number(), items: z.array(EntrySummary) });
