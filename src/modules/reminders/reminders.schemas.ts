import { z } from 'zod';
import { Id } from '../organizations/organizations.schemas.ts';

/** How far ahead the lists look unless asked otherwise, and the most a caller may ask for. */
export const DEFAULT_HORIZON_DAYS = 30;
export const MAX_HORIZON_DAYS = 366;

const kindFilter = z
  .string()
  .trim()
  .regex(/^[a-z_]+(\.[a-z_]+)?$/)
  .max(60)
  .optional()
  .describe('提醒类别：完整代码（如 dues.arrears）或模块前缀（如 dues）');

export const ReminderListQuery = z.strictObject({
  orgId: Id.optional().describe('组织（含下级）；缺省为本人管辖范围的根组织'),
  horizonDays: z.coerce.number().int().min(0).max(MAX_HORIZON_DAYS).default(DEFAULT_HORIZON_DAYS).describe('向后看多少天（到期日恰在第 N 天的包括在内）'),
  kind: kindFilter,
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('每个类别最多列出多少项（最紧急的在前；计数不受影响）'),
  source: z.string().trim().regex(/^[a-z_]+$/).max(40).optional().describe('来源模块（如 dues、service）'),
  severity: z.enum(['overdue', 'due', 'info']).optional().describe('只看已逾期、即将到期或提示'),
});
export type ReminderListQuery = z.infer<typeof ReminderListQuery>;

export const MyRemindersQuery = z.strictObject({
  horizonDays: z.coerce.number().int().min(0).max(MAX_HORIZON_DAYS).default(DEFAULT_HORIZON_DAYS),
  kind: kindFilter,
});

export const ReminderItem = z.object({
  kind: z.string(),
  /** The module that reported it (a registered source). */
  source: z.string(),
  severity: z.enum(['overdue', 'due', 'info']),
  title: z.string(),
  titleEn: z.string(),
  dueOn: z.string().nullable(),
  orgId: z.number(),
  orgName: z.string(),
  memberId: z.number().nullable(),
  memberName: z.string().nullable(),
  link: z.string().nullable(),
});

export const ReminderList = z.object({
  /** The organization the list covers (a member's list: their own organization; null for the whole tree). */
  orgId: z.number().nullable(),
  /** Its name (a member's list: their own organization); null for the whole tree. */
  orgName: z.string().nullable(),
  today: z.string(),
  horizonDays: z.number(),
  /** Sorted: overdue first, then by due date (undated last); at most `limit` of each kind. */
  items: z.array(ReminderItem),
  /** Counts per kind over everything found, before `limit` cut each kind's list. */
  counts: z.array(z.object({ kind: z.string(), total: z.number(), overdue: z.number() })),
  total: z.number(),
  overdue: z.number(),
  truncated: z.boolean(),
  /** Every registered source with its counts in the window (before the source, kind and severity filters), so the page can offer any source without code changes. */
  sources: z.array(z.object({ source: z.string(), name: z.string(), nameEn: z.string(), total: z.number(), overdue: z.number(), due: z.number(), info: z.number(), failed: z.boolean() })),
  /** Sources that failed this time: the list above is complete except for these. */
  failures: z.array(z.object({ source: z.string(), message: z.string() })),
});
export type ReminderList = z.infer<typeof ReminderList>;

export const ReminderCountsQuery = z.strictObject({
  orgId: Id.optional().describe('组织（含下级）；缺省为本人管辖范围的根组织'),
  horizonDays: z.coerce.number().int().min(0).max(MAX_HORIZON_DAYS).default(DEFAULT_HORIZON_DAYS),
});

/** The header badge: only the numbers, no list. */
export const ReminderCounts = z.object({
  orgId: z.number().nullable(),
  orgName: z.string().nullable(),
  horizonDays: z.number(),
  total: z.number(),
  overdue: z.number(),
  due: z.number(),
  failures: z.number(),
});
export type ReminderCounts = z.infer<typeof ReminderCounts>;
