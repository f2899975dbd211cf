import { z } from 'zod';
import { JOINT_TYPE, ORG_DOMAIN, ORG_KIND, ORG_LEVEL, URBAN_RURAL } from '../../shared/enums.ts';

export const Id = z.coerce.number().int().positive().max(2_147_483_647);
export const IdParams = z.strictObject({ id: Id });

export const OrgNode = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(ORG_KIND.values),
  level: z.enum(ORG_LEVEL.values),
  domain: z.enum(ORG_DOMAIN.values),
  childCount: z.number(),
});
export type OrgNode = z.infer<typeof OrgNode>;

export const ChildrenQuery = z.strictObject({
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const OrgPage = z.object({ items: z.array(OrgNode), total: z.number() });

export const OrgDetail = OrgNode.extend({
  shortName: z.string().nullable(),
  divisionCode: z.string().nullable(),
  urbanRural: z.enum(URBAN_RURAL.values).nullable(),
  establishedOn: z.string().nullable(),
  status: z.enum(['active', 'dissolved']),
  jointType: z.enum(JOINT_TYPE.values).nullable(),
  termStartedOn: z.string().nullable(),
  dissolvedOn: z.string().nullable(),
  ancestors: z.array(z.object({ id: z.number(), name: z.string() })),
  subtreeOrgCount: z.number(),
  subtreeMemberCount: z.number(),
  directMemberCount: z.number(),
});
export type OrgDetail = z.infer<typeof OrgDetail>;

export const SearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(50),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const SearchReply = z.object({
  items: z.array(OrgNode.extend({ pathNames: z.array(z.string()) })),
});

const dateString = z.iso.date();

export const CreateOrgBody = z.strictObject({
  parentId: Id,
  code: z.string().trim().min(1).max(32).regex(/^[0-9A-Za-z-]+$/),
  name: z.string().trim().min(2).max(100),
  shortName: z.string().trim().max(50).nullish(),
  kind: z.enum(ORG_KIND.values),
  level: z.enum(ORG_LEVEL.values),
  domain: z.enum(ORG_DOMAIN.values).default('other'),
  divisionCode: z.string().trim().regex(/^\d{6,12}$/).nullish(),
  urbanRural: z.enum(URBAN_RURAL.values).nullish(),
  jointType: z.enum(JOINT_TYPE.values).nullish().describe('联建类型（联合党组织）'),
  establishedOn: dateString.nullish(),
});

const effectiveOn = z.iso.date().optional().describe('生效日期，默认今天');

export const UpdateOrgBody = CreateOrgBody.omit({ parentId: true, code: true, establishedOn: true }).partial().extend({ effectiveOn }).strict();

export const MoveOrgBody = z.strictObject({ newParentId: Id, effectiveOn });

export const MergeOrgBody = z.strictObject({
  sourceIds: z.array(Id).min(1).max(50).describe('并入目标组织的组织'),
  effectiveOn,
});

export const SplitOrgBody = z.strictObject({
  parts: z
    .array(
      z.strictObject({
        code: CreateOrgBody.shape.code,
        name: CreateOrgBody.shape.name,
        kind: CreateOrgBody.shape.kind,
        memberIds: z.array(Id).max(10_000).default([]),
        childIds: z.array(Id).max(1_000).default([]),
      }),
    )
    .min(1)
    .max(20),
  dissolveSource: z.boolean().default(false),
  effectiveOn,
});

export const DissolveOrgBody = z.strictObject({ effectiveOn, reason: z.string().trim().max(200).optional() });

export const OrgEvent = z.object({
  id: z.number(),
  kind: z.string(),
  effectiveOn: z.string(),
  summary: z.string(),
  details: z.unknown(),
  actorName: z.string(),
  createdAt: z.string(),
});
export const OrgEvents = z.object({ items: z.array(OrgEvent) });
