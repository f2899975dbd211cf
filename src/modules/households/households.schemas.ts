import { z } from 'zod';
import { Id } from '../organizations/organizations.schemas.ts';

export const HouseholdItem = z.object({
  id: z.number(),
  headName: z.string(),
  address: z.string().nullable(),
  size: z.number().nullable(),
  members: z.array(z.object({ id: z.number(), name: z.string(), since: z.string() })),
});
export const HouseholdList = z.object({ items: z.array(HouseholdItem) });

export const CreateHouseholdBody = z.strictObject({
  headName: z.string().trim().min(2).max(30).describe('户主姓名'),
  address: z.string().trim().max(200).nullish(),
  size: z.number().int().min(1).max(50).nullish(),
});

export const LinkMemberBody = z.strictObject({ memberId: Id, since: z.iso.date() });
