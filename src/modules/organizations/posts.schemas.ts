import { z } from 'zod';
import { ORG_POST } from '../../shared/enums.ts';
import { Id } from './organizations.schemas.ts';

export const PostParams = z.strictObject({ id: Id, postId: Id });
export const PostsQuery = z.strictObject({ includeEnded: z.enum(['true', 'false']).default('false') });

export const PostItem = z.object({
  id: z.number(),
  post: z.enum(ORG_POST.values),
  memberId: z.number().nullable(),
  holderName: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
});
export const PostList = z.object({
  items: z.array(PostItem),
  termStartedOn: z.string().nullable(),
  termYears: z.number().nullable(),
  termEndsOn: z.string().nullable(),
});

export const CreatePostBody = z
  .strictObject({
    post: z.enum(ORG_POST.values),
    memberId: Id.nullish(),
    holderName: z.string().trim().min(2).max(30).nullish(),
    startedOn: z.iso.date(),
  })
  .refine((b) => b.memberId || b.holderName, { message: '请选择党员或填写任职人姓名', path: ['holderName'] });

export const EndPostBody = z.strictObject({ endedOn: z.iso.date() });

export const TermBody = z.strictObject({ startedOn: z.iso.date(), years: z.number().int().min(1).max(10).nullish() });

export const CheckList = z.object({
  items: z.array(z.object({ rule: z.string(), version: z.number(), source: z.string(), severity: z.enum(['warning', 'info']), message: z.string() })),
  termEndsOn: z.string().nullable(),
});
