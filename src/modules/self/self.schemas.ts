import { z } from 'zod';
import { EDUCATION, GENDER, HOUSEHOLD, MEMBER_CATEGORY, MEMBER_STATUS } from '../../shared/enums.ts';

const tone = z.enum(['default', 'success', 'warning', 'danger']);

/**
 * One card of the member's own record filled by another module (development, transfers, dues,
 * mobile, appraisal, status). A plain shape — label/value rows and dated entries — so the phone
 * page shows any module's card without knowing its tables.
 */
export const SelfSection = z.object({
  key: z.string(),
  title: z.string(),
  titleEn: z.string(),
  /** A one-line state for the card header, e.g. 预备党员（预备期至 2027-07-01）. */
  status: z.object({ label: z.string(), labelEn: z.string(), tone }).nullable(),
  rows: z.array(z.object({ label: z.string(), labelEn: z.string(), value: z.string(), tone })),
  items: z.array(z.object({ title: z.string(), titleEn: z.string(), date: z.string().nullable(), status: z.string().nullable(), tone })),
  /** Where the member acts on it in the web app, if anywhere. */
  link: z.string().nullable(),
});
export type SelfSection = z.infer<typeof SelfSection>;

export const SelfRecord = z.object({
  member: z.object({
    id: z.number(),
    name: z.string(),
    gender: z.enum(GENDER.values),
    birthDate: z.string(),
    idNumberMasked: z.string(),
    ethnicity: z.string(),
    education: z.enum(EDUCATION.values),
    category: z.enum(MEMBER_CATEGORY.values),
    status: z.enum(MEMBER_STATUS.values),
    joinedOn: z.string(),
    fullMemberOn: z.string().nullable(),
    phone: z.string().nullable(),
    workUnit: z.string().nullable(),
    post: z.string().nullable(),
    household: z.enum(HOUSEHOLD.values),
    isMobile: z.boolean(),
    leftOn: z.string().nullable(),
  }),
  /** The member's own organization only: those above it lie outside a member's scope, as for any user. */
  org: z.object({ id: z.number(), name: z.string(), code: z.string() }),
  /** Membership of organizations over time, newest first (`to` null = current). */
  periods: z.array(z.object({ orgId: z.number(), orgName: z.string(), from: z.string(), to: z.string().nullable() })),
  sections: z.array(SelfSection),
  /** Sections that could not be read this time (logged); the rest of the record is complete. */
  failures: z.array(z.object({ source: z.string(), message: z.string() })),
});
export type SelfRecord = z.infer<typeof SelfRecord>;
