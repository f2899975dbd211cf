import { z } from 'zod';
import { ROLES } from '../../server/context.ts';
import { Id } from '../organizations/organizations.schemas.ts';

export const UserListQuery = z.strictObject({
  q: z.string().trim().min(1).max(50).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const UserItem = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  orgId: z.number(),
  orgName: z.string(),
  memberId: z.number().nullable(),
  memberName: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});

export const UserPage = z.object({ items: z.array(UserItem), total: z.number() });

export const CreateUserBody = z.strictObject({
  username: z.string().trim().min(3).max(32).regex(/^[A-Za-z0-9_.-]+$/),
  displayName: z.string().trim().min(1).max(50),
  role: z.enum(ROLES),
  orgId: Id,
  memberId: Id.nullish(),
});

export const UpdateUserBody = z.strictObject({
  displayName: z.string().trim().min(1).max(50).optional(),
  role: z.enum(ROLES).optional(),
  orgId: Id.optional(),
  /** The member record a member account signs in as (null unlinks; a member account must keep one). */
  memberId: Id.nullable().optional(),
  disabled: z.boolean().optional(),
});

/** The one-time password is shown once, to the administrator who set it. */
export const UserWithPasswordReply = z.object({ user: UserItem, initialPassword: z.string() });
