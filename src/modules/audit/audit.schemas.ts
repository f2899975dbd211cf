import { z } from 'zod';

export const AuditQuery = z.strictObject({
  entity: z.string().max(50).optional(),
  action: z.string().max(80).optional(),
  actor: z.string().max(64).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  beforeSeq: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const AuditItem = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});

export const AuditPage = z.object({ items: z.array(AuditItem), nextBeforeSeq: z.number().nullable() });
