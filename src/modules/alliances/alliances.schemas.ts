import { z } from 'zod';
import { ALLIANCE_KIND, UNIT_KIND } from '../../shared/enums.ts';
import { Id } from '../organizations/organizations.schemas.ts';

export const AllianceItem = z.object({
  id: z.number(),
  kind: z.enum(ALLIANCE_KIND.values),
  name: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  establishedOn: z.string(),
  agreement: z.string().nullable(),
  unitCount: z.number(),
  meetingCount: z.number(),
});
export const AllianceList = z.object({ items: z.array(AllianceItem) });
export const AllianceListQuery = z.strictObject({ orgId: Id.optional() });

export const AllianceDetail = AllianceItem.extend({
  members: z.array(z.object({ unitId: z.number(), name: z.string(), kind: z.enum(UNIT_KIND.values), role: z.enum(['lead', 'member']), joinedOn: z.string() })),
  meetings: z.array(z.object({ id: z.number(), heldOn: z.string(), title: z.string(), summary: z.string().nullable(), attendees: z.number().nullable() })),
});

export const CreateAllianceBody = z.strictObject({
  kind: z.enum(ALLIANCE_KIND.values),
  name: z.string().trim().min(2).max(100),
  orgId: Id.describe('牵头党组织'),
  establishedOn: z.iso.date(),
  agreement: z.string().trim().max(5000).nullish().describe('共建协议要点'),
});

export const AllianceMemberBody = z.strictObject({ unitId: Id, role: z.enum(['lead', 'member']).default('member'), joinedOn: z.iso.date() });

export const AllianceMeetingBody = z.strictObject({
  heldOn: z.iso.date(),
  title: z.string().trim().min(2).max(100),
  summary: z.string().trim().max(5000).nullish(),
  attendees: z.number().int().min(0).max(100_000).nullish(),
});
