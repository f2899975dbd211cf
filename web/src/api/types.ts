// Every API type is inferred from the server's zod schemas (type-only imports: no server code is bundled).
import type { z } from 'zod';
import type { AuditItem as AuditItemSchema, AuditPage as AuditPageSchema, AuditQuery as AuditQuerySchema } from '../../../src/modules/audit/audit.schemas.ts';
import type { ChangePasswordBody as ChangePasswordBodySchema, LoginBody as LoginBodySchema, MeReply } from '../../../src/modules/auth/auth.schemas.ts';
import type { ImportJob as ImportJobSchema, ImportJobList as ImportJobListSchema, UploadReply as UploadReplySchema } from '../../../src/modules/imports/imports.schemas.ts';
import type {
  MemberDetail as MemberDetailSchema,
  MemberListQuery as MemberListQuerySchema,
  MemberPage as MemberPageSchema,
  MemberSummary as MemberSummarySchema,
  RevealReply as RevealReplySchema,
} from '../../../src/modules/members/members.schemas.ts';
import type {
  OrgDetail as OrgDetailSchema,
  OrgEvents as OrgEventsSchema,
  OrgNode as OrgNodeSchema,
  OrgPage as OrgPageSchema,
  SearchReply as SearchReplySchema,
} from '../../../src/modules/organizations/organizations.schemas.ts';
import type { OrgStatistics as OrgStatisticsSchema } from '../../../src/modules/statistics/statistics.schemas.ts';
import type { CheckList as CheckListSchema, PostList as PostListSchema } from '../../../src/modules/organizations/posts.schemas.ts';
import type { OrgUnits as OrgUnitsSchema, UnitPage as UnitPageSchema } from '../../../src/modules/units/units.schemas.ts';
import type {
  CreateUserBody as CreateUserBodySchema,
  UpdateUserBody as UpdateUserBodySchema,
  UserItem as UserItemSchema,
  UserPage as UserPageSchema,
  UserWithPasswordReply as UserWithPasswordReplySchema,
} from '../../../src/modules/users/users.schemas.ts';

export type Me = z.infer<typeof MeReply>;
export type Role = Me['role'];
export type LoginBody = z.input<typeof LoginBodySchema>;
export type ChangePasswordBody = z.input<typeof ChangePasswordBodySchema>;

export type OrgNode = z.infer<typeof OrgNodeSchema>;
export type OrgPage = z.infer<typeof OrgPageSchema>;
export type OrgDetail = z.infer<typeof OrgDetailSchema>;
export type OrgSearchItem = z.infer<typeof SearchReplySchema>['items'][number];
export type OrgSearchReply = z.infer<typeof SearchReplySchema>;

export type MemberSummary = z.infer<typeof MemberSummarySchema>;
export type MemberDetail = z.infer<typeof MemberDetailSchema>;
export type MemberPage = z.infer<typeof MemberPageSchema>;
export type MemberListQuery = z.input<typeof MemberListQuerySchema>;
export type MemberStatus = MemberSummary['status'];
export type RevealReply = z.infer<typeof RevealReplySchema>;

export type OrgStatistics = z.infer<typeof OrgStatisticsSchema>;
export type StatCount = OrgStatistics['members']['byGender'][number];

export type PostList = z.infer<typeof PostListSchema>;
export type PostItem = PostList['items'][number];
export type CheckList = z.infer<typeof CheckListSchema>;
export type CheckItem = CheckList['items'][number];
export type OrgEvents = z.infer<typeof OrgEventsSchema>;
export type OrgEvent = OrgEvents['items'][number];
export type OrgUnits = z.infer<typeof OrgUnitsSchema>;
export type UnitPage = z.infer<typeof UnitPageSchema>;

export type AuditItem = z.infer<typeof AuditItemSchema>;
export type AuditPage = z.infer<typeof AuditPageSchema>;
export type AuditQuery = z.input<typeof AuditQuerySchema>;

export type UserItem = z.infer<typeof UserItemSchema>;
export type UserPage = z.infer<typeof UserPageSchema>;
export type CreateUserBody = z.input<typeof CreateUserBodySchema>;
export type UpdateUserBody = z.input<typeof UpdateUserBodySchema>;
export type UserWithPassword = z.infer<typeof UserWithPasswordReplySchema>;

export type ImportJob = z.infer<typeof ImportJobSchema>;
export type ImportJobList = z.infer<typeof ImportJobListSchema>;
export type ImportKind = ImportJob['kind'];
export type ImportStatus = ImportJob['status'];
export type ImportProblem = ImportJob['errors'][number];
export type ImportUploadReply = z.infer<typeof UploadReplySchema>;

/** The RFC 9457 problem document every API error is sent as. */
export interface Problem {
  title?: string;
  detail?: string;
  status?: number;
  code?: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
}
