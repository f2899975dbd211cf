import { z } from 'zod';
import { UNIT_KIND } from '../../shared/enums.ts';

export const StatsQuery = z.strictObject({
  asOf: z.iso.date().optional().describe('截至日期 YYYY-MM-DD（北京时间），默认今天；不能晚于今天'),
});

/** One bucket of a breakdown: the stored code (labels are the client's job) and its count. */
export const Count = z.object({ code: z.string(), count: z.number().int() });
export type Count = z.infer<typeof Count>;
/** Urban–rural class may be unrecorded: `code: null`. */
export const NullableCount = z.object({ code: z.string().nullable(), count: z.number().int() });

const Breakdown = z.array(Count).describe('代码表顺序，先列代码表中的全部代码（含 0），再列代码表之外的代码');

export const OrgBreakdowns = z.object({
  total: z.number().int().describe('子树内（含本组织）截至当日有效的党组织数'),
  byKind: Breakdown,
  byDomain: Breakdown,
  byUrbanRural: z.array(NullableCount),
  byLevel: Breakdown,
});

export const MemberBreakdowns = z.object({
  total: z.number().int().describe('截至当日在册党员数'),
  byGender: Breakdown,
  byAgeBand: Breakdown.describe('按截至日期的周岁：≤30、31–35、36–45、46–55、56–60、61–70、>70'),
  byEthnicity: z.object({
    han: z.number().int(),
    minority: z.number().int(),
    top: z.array(Count).describe('人数最多的少数民族（最多 10 个）'),
  }),
  byEducation: Breakdown,
  byCategory: Breakdown,
  byStatus: Breakdown.describe('截至当日：入党日期 ≤ 当日 < 转正日期为预备党员，转正日期 ≤ 当日为正式党员'),
  byHousehold: Breakdown,
});

export const UnitWithoutOrg = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KIND.values),
  orgId: z.number().describe('负责该单位的党组织'),
  orgName: z.string(),
  members: z.number().int().describe('该单位在册党员'),
});

export const VillageWithoutGraduate = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  domain: z.enum(['rural', 'community']),
  members: z.number().int().describe('该村（社区）党组织及其下级的在册党员'),
});

export const Coverage = z.object({
  unitsWithoutOrg: z.object({
    total: z.number().int().describe('子树内负责、尚未建立（未关联）党组织的单位数'),
    members: z.number().int().describe('这些单位的在册党员合计'),
    items: z.array(UnitWithoutOrg).describe('按党员数降序，最多 1000 个'),
  }),
  villagesWithoutGraduate: z.object({
    villages: z.number().int().describe('村（社区）党组织数：层级为村（社区）、领域为农村或城市社区'),
    covered: z.number().int().describe('有大专及以上学历党员的村（社区）数'),
    lacking: z.number().int(),
    rate: z.number().nullable().describe('一村（社区）一名大学生覆盖率 covered / villages（0–1，保留 4 位小数）；无村（社区）时为 null'),
    items: z.array(VillageWithoutGraduate).describe('没有大专及以上学历党员的村（社区）'),
  }),
});

export const OrgStatistics = z.object({
  org: z.object({ id: z.number(), code: z.string(), name: z.string() }),
  asOf: z.string(),
  organizations: OrgBreakdowns,
  members: MemberBreakdowns,
  coverage: Coverage,
});
export type OrgStatistics = z.infer<typeof OrgStatistics>;

export const RollupQuery = z.strictObject({
  level: z.enum(['province', 'city', 'county', 'township']).optional().describe('按哪一级汇总：省、市、县（市、区）、乡镇（街道）；默认所选组织的下一级（县级组织默认乡镇）'),
});

const Cell = z.object({ gender: z.string(), education: z.string(), status: z.string(), count: z.number().int() });

export const RollupRow = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  total: z.number().int().describe('当前在册党员'),
  byGender: Breakdown,
  byEducation: Breakdown,
  byStatus: Breakdown,
  cells: z.array(Cell).describe('性别 × 学历 × 预备/正式 的非零格'),
});

export const Rollup = z.object({
  org: z.object({ id: z.number(), code: z.string(), name: z.string() }),
  level: z.enum(['province', 'city', 'county', 'township']).nullable().describe('null：所选组织在乡镇一级或以下，下面没有可汇总的级别'),
  asOf: z.iso.date().describe('今天：汇总表只记当前在册党员；历史日期请用组织统计'),
  total: z.number().int(),
  rows: z.array(RollupRow).describe('子树内该级的每个组织（按组织路径排序），无党员的也列出'),
});
export type Rollup = z.infer<typeof Rollup>;
