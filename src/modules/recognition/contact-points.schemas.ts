import { z } from 'zod';
import { Id } from '../organizations/organizations.schemas.ts';

const date = z.iso.date();

export const CreateContactPointBody = z.strictObject({
  orgId: Id.describe('联系点：乡镇（街道）或村（社区）党组织'),
  leaderUserId: Id.nullish().describe('联系领导的系统账号（可不填，只填姓名和职务）'),
  leaderName: z.string().trim().min(2).max(40).describe('联系领导姓名'),
  leaderPost: z.string().trim().min(2).max(80).describe('职务，如“县委常委、组织部部长”“镇党委书记”'),
  startedOn: date.describe('开始联系日期'),
  note: z.string().trim().max(500).nullish(),
});
export type CreateContactPointBody = z.infer<typeof CreateContactPointBody>;

export const VisitBody = z.strictObject({
  visitedOn: date.describe('走访（调研、指导）日期'),
  content: z.string().trim().min(4).max(2000).describe('做了什么：调研、指导、解决的问题'),
});

export const EndBody = z.strictObject({ endedOn: date.describe('结束日期'), reason: z.string().trim().min(2).max(500).describe('结束原因，如“职务调整”') });

export const CreateDemoPointBody = z.strictObject({
  orgId: Id.describe('示范点：乡镇（街道）下的村、社区或站所党组织'),
  theme: z.string().trim().min(2).max(100).describe('示范主题，如“富民能人党建”'),
  since: date.describe('确定为示范点的日期'),
  note: z.string().trim().max(500).nullish(),
});
export type CreateDemoPointBody = z.infer<typeof CreateDemoPointBody>;

export const Visit = z.object({ id: z.number(), visitedOn: z.string(), content: z.string(), recordedBy: z.string() });

export const ContactPoint = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  orgLevel: z.string(),
  leaderUserId: z.number().nullable(),
  leaderName: z.string(),
  leaderPost: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  note: z.string().nullable(),
  visits: z.array(Visit).describe('走访记录，最近的在前'),
  lastVisitOn: z.string().nullable(),
});

export const DemoPoint = z.object({
  id: z.number(),
  townshipId: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  theme: z.string(),
  since: z.string(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  note: z.string().nullable(),
});

export const TownshipPoints = z.object({
  id: z.number(),
  name: z.string(),
  isTownship: z.boolean().describe('false：查看的组织在乡镇以下，只列出其范围内的联系点和示范点'),
  contactPoints: z.array(ContactPoint),
  demoPoints: z.array(DemoPoint),
  activeContacts: z.number(),
  activeDemos: z.number(),
  gaps: z.array(z.enum(['no_contact_point', 'demo_points_short'])).describe('缺口：没有在用的党建联系点；示范点少于规定数'),
});

export const ContactOverview = z.object({
  orgId: z.number(),
  orgName: z.string(),
  rules: z.object({ contactMin: z.number(), contactSource: z.string(), demoMin: z.number(), demoMax: z.number(), demoSource: z.string() }),
  townships: z.array(TownshipPoints),
});
