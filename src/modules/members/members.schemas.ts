import { z } from 'zod';
import { EDUCATION, GENDER, HOUSEHOLD, MEMBER_CATEGORY, MEMBER_STATUS } from '../../shared/enums.ts';
import { Id } from '../organizations/organizations.schemas.ts';

export const MemberListQuery = z.strictObject({
  orgId: Id.optional(),
  q: z.string().trim().min(1).max(30).optional(),
  status: z.enum(MEMBER_STATUS.values).optional(),
  afterId: z.coerce.number().int().min(0).max(2_147_483_647).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

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

export const MemberPage = z.object({ items: z.array(MemberSummary), nextAfterId: z.number().nullable() });

export const MemberDetail = MemberSummary.extend({
  ethnicity: z.string(),
  workUnit: z.string().nullable(),
  post: z.string().nullable(),
  fullMemberOn: z.string().nullable(),
  phone: z.string().nullable(),
  household: z.enum(HOUSEHOLD.values),
  address: z.string().nullable(),
  isMobile: z.boolean(),
});

export const RevealReply = z.object({ idNumber: z.string() });
