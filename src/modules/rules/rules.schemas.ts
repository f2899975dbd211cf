import { z } from 'zod';

export const RuleItem = z.object({
  code: z.string(),
  version: z.number(),
  effectiveFrom: z.string(),
  params: z.record(z.string(), z.number()),
  source: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export const RuleList = z.object({ items: z.array(RuleItem) });

export const RuleCodeParams = z.strictObject({ code: z.string().regex(/^[a-z_]+\.[a-z_]+$/).max(60) });

export const NewRuleVersionBody = z.strictObject({
  effectiveFrom: z.iso.date(),
  params: z.record(z.string().max(40), z.number().int().min(0).max(100_000)).refine((p) => Object.keys(p).length > 0 && Object.keys(p).length <= 20),
  source: z.string().trim().min(4).max(500).describe('依据（文件名称及条款）'),
  note: z.string().trim().max(200).nullish(),
});
