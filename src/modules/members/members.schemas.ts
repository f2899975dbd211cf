import { z } from 'zod';
import { EDUCATION, GENDER, HOUSEHOLD, MEMBER_CATEGORY, MEMBER_STATUS } from '../../shared/enums.ts';
import { Id } from '../organizations/organizations.schemas.ts';

const date = z.iso.date();
export const MEMBER_SORTS = ['id', 'name', 'birthDate', 'joinedOn'] as const;

export const MemberListQuery = z.strictObject({
  orgId: Id.optional(),
  q: z.string().trim().min(1).max(30).optional().describe('姓名（部分匹配）'),
  idNumber: z.string().trim().regex(/^\d{17}[\dXx]$/).optional().describe('身份证号（精确查找）'),
  status: z.enum(MEMBER_STATUS.values).optional(),
  gender: z.enum(GENDER.values).optional(),
  education: z.enum(EDUCATION.values).optional(),
  category: z.enum(MEMBER_CATEGORY.values).optional(),
  household: z.enum(HOUSEHOLD.values).optional(),
  ethnicity: z.string().trim().min(1).max(10).optional().describe('民族（精确，如 汉族）'),
  workUnit: z.string().trim().min(1).max(100).optional().describe('工作单位（部分匹配）'),
  mobile: z.enum(['true', 'false']).optional(),
  bornFrom: date.optional(),
  bornTo: date.optional(),
  joinedFrom: date.optional(),
  joinedTo: date.optional(),
  sort: z.enum(MEMBER_SORTS).default('id'),
  order: z.enum(['asc', 'desc']).default('asc'),
  cursor: z.string().max(200).optional().describe('上一页返回的 nextCursor'),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});
export type MemberListQuery = z.infer<typeof MemberListQuery>;

export const MemberSummary = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  gender: z.enum(GENDER.values),
  birthDate: z.string(),
  idNumberMasked: z.string(),
  education: z.enum(EDUCATION.values),
  category: z.enum(MEMBER_CATEGORY.values),
  status: z.enum(MEMBER_STATUS.values),
  joinedOn: z.string(),
});

export const MemberPage = z.object({ items: z.array(MemberSummary), nextCursor: z.string().nullable() });

export const MemberDetail = MemberSummary.extend({
  ethnicity: z.string(),
  workUnit: z.string().nullable(),
  post: z.string().nullable(),
  fullMemberOn: z.string().nullable(),
  phone: z.string().nullable(),
  household: z.enum(HOUSEHOLD.values),
  address: z.string().nullable(),
  isMobile: z.boolean(),
  householdRegister: z.string().nullable(),
  unitId: z.number().nullable(),
  leftOn: z.string().nullable(),
});

export const RevealReply = z.object({ idNumber: z.string() });

const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const CreateMemberBody = z.strictObject({
  orgId: Id,
  name: z.string().trim().min(2).max(30),
  gender: z.enum(GENDER.values),
  ethnicity: z.string().trim().min(2).max(10).default('汉族'),
  idNumber: z.string().trim().toUpperCase().regex(/^\d{17}[\dX]$/, '身份证号应为 18 位'),
  birthDate: date.nullish(),
  education: z.enum(EDUCATION.values),
  category: z.enum(MEMBER_CATEGORY.values),
  workUnit: optionalText(100),
  post: optionalText(50),
  joinedOn: date,
  fullMemberOn: date.nullish(),
  phone: z.string().trim().regex(/^[0-9+\- ]{7,20}$/).nullish(),
  household: z.enum(HOUSEHOLD.values).default('rural'),
  householdRegister: optionalText(100),
  address: optionalText(200),
  isMobile: z.boolean().default(false),
  unitId: Id.nullish(),
});
export type CreateMemberBody = z.infer<typeof CreateMemberBody>;

export const UpdateMemberBody = CreateMemberBody.omit({ orgId: true }).partial().strict();
