// 设岗定责与记实卡: types inferred from the server's zod schemas, and the react-query hooks.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AssignBody as AssignBodySchema,
  CandidateList as CandidateListSchema,
  CreatePostBody as CreatePostBodySchema,
  CreateRecordBody as CreateRecordBodySchema,
  MemberService as MemberServiceSchema,
  PostList as PostListSchema,
  RecordPage as RecordPageSchema,
  ReviewBody as ReviewBodySchema,
  ServiceSummary as ServiceSummarySchema,
  UpdatePostBody as UpdatePostBodySchema,
} from '../../../src/modules/service/service.schemas.ts';
import { api } from './client.ts';

export type PostList = z.infer<typeof PostListSchema>;
export type ServicePost = PostList['items'][number];
export type ServiceAssignment = ServicePost['assignments'][number];
export type CandidateList = z.infer<typeof CandidateListSchema>;
export type ServiceSummary = z.infer<typeof ServiceSummarySchema>;
export type RecordPage = z.infer<typeof RecordPageSchema>;
export type ServiceRecord = RecordPage['items'][number];
export type MemberService = z.infer<typeof MemberServiceSchema>;
export type CreatePostBody = z.input<typeof CreatePostBodySchema>;
export type UpdatePostBody = z.input<typeof UpdatePostBodySchema>;
export type AssignBody = z.input<typeof AssignBodySchema>;
export type ReviewBody = z.input<typeof ReviewBodySchema>;
export type CreateRecordBody = z.input<typeof CreateRecordBodySchema>;

export interface RecordFilter {
  memberId?: number | undefined;
  kind?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  offset?: number | undefined;
}

export function usePosts(orgId: number, includeEnded: boolean) {
  return useQuery({ queryKey: ['service', 'posts', orgId, includeEnded] as const, queryFn: ({ signal }) => api.get<PostList>(`/api/orgs/${orgId}/service/posts`, { includeEnded: includeEnded ? 'true' : undefined }, signal), enabled: orgId > 0, placeholderData: keepPreviousData });
}

export function useCandidates(orgId: number, enabled: boolean) {
  return useQuery({ queryKey: ['service', 'candidates', orgId] as const, queryFn: ({ signal }) => api.get<CandidateList>(`/api/orgs/${orgId}/service/candidates`, undefined, signal), enabled: enabled && orgId > 0 });
}

export function useServiceSummary(orgId: number, from?: string, to?: string) {
  return useQuery({ queryKey: ['service', 'summary', orgId, from, to] as const, queryFn: ({ signal }) => api.get<ServiceSummary>(`/api/orgs/${orgId}/service/summary`, { from, to }, signal), enabled: orgId > 0, placeholderData: keepPreviousData });
}

export function useRecords(orgId: number, f: RecordFilter) {
  return useQuery({ queryKey: ['service', 'records', orgId, f] as const, queryFn: ({ signal }) => api.get<RecordPage>(`/api/orgs/${orgId}/service/records`, { ...f, limit: 20 }, signal), enabled: orgId > 0, placeholderData: keepPreviousData });
}

export function useMyService(enabled = true) {
  return useQuery({ queryKey: ['service', 'me'] as const, queryFn: ({ signal }) => api.get<MemberService>('/api/me/service', undefined, signal), enabled });
}

/** Every write refreshes the page's lists, the summary and the reminders (a review clears one). */
function useServiceWrite<A, R>(send: (args: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['service'] });
      void qc.invalidateQueries({ queryKey: ['reminders'] });
      void qc.invalidateQueries({ queryKey: ['reminderCounts'] });
    },
  });
}

export const useCreatePost = (orgId: number) => useServiceWrite((b: CreatePostBody) => api.post(`/api/orgs/${orgId}/service/posts`, b));
export const useUpdatePost = () => useServiceWrite(({ id, body }: { id: number; body: UpdatePostBody }) => api.patch(`/api/service/posts/${id}`, body));
export const useAssign = () => useServiceWrite(({ postId, body }: { postId: number; body: AssignBody }) => api.post(`/api/service/posts/${postId}/assignments`, body));
export const useEndAssignment = () => useServiceWrite(({ id, endsOn, reason }: { id: number; endsOn: string; reason?: string | null }) => api.post(`/api/service/assignments/${id}/end`, { endsOn, reason }));
export const useReview = () => useServiceWrite(({ id, body }: { id: number; body: ReviewBody }) => api.post(`/api/service/assignments/${id}/reviews`, body));
export const useCreateRecord = () => useServiceWrite((b: CreateRecordBody) => api.post('/api/service/records', b));
export const useDeleteRecord = () => useServiceWrite((id: number) => api.delete(`/api/service/records/${id}`));
