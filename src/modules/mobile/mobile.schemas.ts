import { z } from 'zod';
import { CONTACT_WAY, MOBILE_DIRECTION } from '../../shared/enums.ts';
import { Id } from '../organizations/organizations.schemas.ts';

const date = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const phone = z.string().trim().regex(/^[0-9+\- ]{7,20}$/, '联系电话为 7–20 位数字（可含 + - 空格）');

export const MobileListQuery = z.strictObject({
  orgId: Id.optional().describe('只看该组织（含下级）'),
  direction: z.enum(MOBILE_DIRECTION.values).default('outflow'),
  status: z.enum(['open', 'returned', 'flagged', 'all']).default('open').describe('open：在外；returned：已返回；flagged：待核查'),
  q: z.string().trim().min(1).max(30).optional().describe('姓名（部分匹配）'),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type MobileListQuery = z.infer<typeof MobileListQuery>;

export const MobileContact = z.object({
  id: z.number(),
  contactedOn: z.string(),
  way: z.enum(CONTACT_WAY.values),
  note: z.string().nullable(),
  recordedByName: z.string(),
});

export const MobileRecord = z.object({
  id: z.number(),
  direction: z.enum(MOBILE_DIRECTION.values),
  memberId: z.number().nullable(),
  orgId: z.number(),
  orgName: z.string(),
  personName: z.string(),
  phone: z.string().nullable(),
  place: z.string(),
  since: z.string(),
  reason: z.string().nullable(),
  hostOrgName: z.string().nullable(),
  hostIsTemporary: z.boolean(),
  homeOrgName: z.string().nullable(),
  certificateNo: z.string().nullable(),
  returnedOn: z.string().nullable(),
  returnNote: z.string().nullable(),
  createdByName: z.string(),
  lastContactOn: z.string().nullable(),
  /** No contact for the rule's interval (open outflows only). */
  contactOverdue: z.boolean(),
  /** Away longer than the review rule with no transfer, contact or dues in that time: to be checked, never removed automatically. */
  flagged: z.boolean(),
});
export const MobilePage = z.object({ items: z.array(MobileRecord), total: z.number() });
export const MobileDetail = MobileRecord.extend({ contacts: z.array(MobileContact) });

export const OutflowBody = z.strictObject({
  memberId: Id,
  place: text(100).describe('外出地点（省市县及单位）'),
  since: date.describe('外出日期'),
  phone: phone.optional().describe('外出期间联系电话'),
  reason: text(100).optional().describe('外出原因（务工、经商、求学等）'),
  hostOrgName: text(100).optional().describe('在流入地参加的党组织（党支部或流动党员临时党支部）'),
  hostIsTemporary: z.boolean().default(false),
  certificateNo: text(40).optional().describe('流动党员活动证编号'),
});
export type OutflowBody = z.infer<typeof OutflowBody>;

export const InflowBody = z.strictObject({
  orgId: Id.describe('在本地参加活动的党组织'),
  personName: z.string().trim().min(2).max(30),
  phone: phone.optional(),
  place: text(100).describe('从何处流入（户籍地或原党组织所在地）'),
  since: date,
  homeOrgName: text(100).describe('组织关系所在党组织'),
  reason: text(100).optional(),
  certificateNo: text(40).optional(),
});
export type InflowBody = z.infer<typeof InflowBody>;

export const ContactBody = z.strictObject({
  contactedOn: date,
  way: z.enum(CONTACT_WAY.values),
  note: z.string().trim().max(200).optional(),
});
export type ContactBody = z.infer<typeof ContactBody>;

export const ReturnBody = z.strictObject({
  returnedOn: date,
  note: z.string().trim().max(200).optional(),
});
export type ReturnBody = z.infer<typeof ReturnBody>;
