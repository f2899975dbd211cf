import { z } from 'zod';
import { UNIT_KIND, URBAN_RURAL } from '../../shared/enums.ts';
import { Id } from '../organizations/organizations.schemas.ts';

export const UnitItem = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KIND.values),
  orgId: z.number(),
  orgName: z.string(),
  divisionCode: z.string().nullable(),
  urbanRural: z.enum(URBAN_RURAL.values).nullable(),
  employees: z.number().nullable(),
  establishedOn: z.string().nullable(),
  dissolvedOn: z.string().nullable(),
  members: z.number(),
  organizations: z.number(),
});
export const UnitPage = z.object({ items: z.array(UnitItem), total: z.number() });

export const UnitListQuery = z.strictObject({
  orgId: Id.optional(),
  q: z.string().trim().min(1).max(50).optional(),
  withoutOrg: z.enum(['true', 'false']).optional().describe('只看未建党组织的单位'),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const CreateUnitBody = z.strictObject({
  code: z.string().trim().min(1).max(40).regex(/^[0-9A-Za-z-]+$/),
  name: z.string().trim().min(2).max(100),
  kind: z.enum(UNIT_KIND.values),
  orgId: Id.describe('负责管理该单位的党组织'),
  divisionCode: z.string().trim().regex(/^\d{6,12}$/).nullish(),
  urbanRural: z.enum(URBAN_RURAL.values).nullish().describe('城乡分类；不填时按名称推定（社区/居委会为城镇，村为村庄）'),
  employees: z.number().int().min(0).max(10_000_000).nullish(),
  establishedOn: z.iso.date().nullish(),
});
export const UpdateUnitBody = CreateUnitBody.omit({ code: true }).partial().extend({ dissolvedOn: z.iso.date().nullish() }).strict();

export const OrgUnitsBody = z.strictObject({ unitIds: z.array(Id).max(50), primaryId: Id.nullish() });
export const OrgUnits = z.object({ items: z.array(UnitItem.extend({ isPrimary: z.boolean() })) });
