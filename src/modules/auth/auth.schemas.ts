import { z } from 'zod';
import { ROLES } from '../../server/context.ts';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

export const MeReply = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  orgId: z.number(),
  orgName: z.string(),
  memberId: z.number().nullable(),
  locale: z.enum(['zh-CN', 'en']),
  mustChangePassword: z.boolean(),
  csrfToken: z.string(),
  permissions: z.array(z.string()),
});
export type Me = z.infer<typeof MeReply>;

export const OkReply = z.object({ ok: z.literal(true) });

export const SetLocaleBody = z.strictObject({ locale: z.enum(['zh-CN', 'en']) });
