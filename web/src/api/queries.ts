import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { AuditPage, CheckList, ImportJob, ImportJobList, MemberDetail, MemberListQuery, MemberPage, MemberStatus, OrgDetail, OrgEvents, OrgNode, OrgPage, OrgSearchReply, OrgStatistics, OrgUnits, PostList, UnitPage, UserPage } from './types.ts';

export const TREE_PAGE = 200;

export const keys = {
  org: (id: number) => ['org', id] as const,
  orgChildren: (id: number, offset: number, limit: number) => ['orgChildren', id, offset, limit] as const,
  orgSearch: (q: string) => ['orgSearch', q] as const,
  members: (f: MemberFilter) => ['members', f] as const,
  member: (id: number) => ['member', id] as const,
  audit: (f: AuditFilter) => ['audit', f] as const,
  users: (q: string, offset: number, limit: number) => ['users', q, offset, limit] as const,
  importJob: (id: string) => ['importJob', id] as const,
  importJobs: () => ['importJobs'] as const,
};

export function fetchRoots() {
  return api.get<{ items: OrgNode[] }>('/api/orgs/roots');
}

export function fetchChildren(id: number, offset = 0, limit = TREE_PAGE) {
  return api.get<OrgPage>(`/api/orgs/${id}/children`, { offset, limit });
}

export function useOrgDetail(id: number | null) {
  return useQuery({
    queryKey: keys.org(id ?? 0),
    queryFn: ({ signal }) => api.get<OrgDetail>(`/api/orgs/${id}`, undefined, signal),
    enabled: id !== null && id > 0,
  });
}

export function useOrgChildren(id: number, page: number, pageSize: number) {
  const offset = (page - 1) * pageSize;
  return useQuery({
    queryKey: keys.orgChildren(id, offset, pageSize),
    queryFn: () => fetchChildren(id, offset, pageSize),
    placeholderData: keepPreviousData,
  });
}

export function useOrgSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: keys.orgSearch(term),
    queryFn: ({ signal }) => api.get<OrgSearchReply>('/api/orgs/search', { q: term, limit: 20 }, signal),
    enabled: term.length > 0,
    staleTime: 60_000,
  });
}

export interface MemberFilter {
  orgId: number;
  q: string;
  status: MemberStatus | '';
}

export const MEMBER_PAGE = 50;

export function useMembers(f: MemberFilter, enabled = true) {
  return useInfiniteQuery({
    queryKey: keys.members(f),
    queryFn: ({ pageParam, signal }) =>
      api.get<MemberPage>('/api/members', { orgId: f.orgId, q: f.q.trim() || undefined, status: f.status || undefined, cursor: pageParam ?? undefined, limit: MEMBER_PAGE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

/** The member roster (党员名册): any of the list's filters and sorts, keyset "load more". */
export function useMemberRoster(params: Omit<MemberListQuery, 'cursor' | 'limit'>, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['members', 'roster', params] as const,
    queryFn: ({ pageParam, signal }) => api.get<MemberPage>('/api/members', { ...(params as Record<string, string | number | undefined>), cursor: pageParam ?? undefined, limit: MEMBER_PAGE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMember(id: number | null) {
  return useQuery({
    queryKey: keys.member(id ?? 0),
    queryFn: () => api.get<MemberDetail>(`/api/members/${id}`),
    enabled: id !== null,
  });
}

/** Statistics of a subtree as of a date (YYYY-MM-DD; the server's today when omitted). */
export function useOrgStatistics(id: number, asOf?: string | null) {
  return useQuery({
    queryKey: ['orgStats', id, asOf ?? null] as const,
    queryFn: ({ signal }) => api.get<OrgStatistics>(`/api/stats/orgs/${id}`, asOf ? { asOf } : undefined, signal),
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useOrgPosts(id: number, includeEnded: boolean) {
  return useQuery({
    queryKey: ['orgPosts', id, includeEnded] as const,
    queryFn: ({ signal }) => api.get<PostList>(`/api/orgs/${id}/posts`, { includeEnded }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOrgChecks(id: number) {
  return useQuery({ queryKey: ['orgChecks', id] as const, queryFn: ({ signal }) => api.get<CheckList>(`/api/orgs/${id}/checks`, undefined, signal), enabled: id > 0 });
}

export function useOrgEvents(id: number) {
  return useQuery({ queryKey: ['orgEvents', id] as const, queryFn: ({ signal }) => api.get<OrgEvents>(`/api/orgs/${id}/events`, undefined, signal) });
}

/** Units the organization is set up in (a joint organization may cover several). */
export function useOrgUnits(id: number) {
  return useQuery({ queryKey: ['orgUnits', id] as const, queryFn: ({ signal }) => api.get<OrgUnits>(`/api/orgs/${id}/units`, undefined, signal) });
}

/** Units that the organization or one of its sub-organizations is responsible for. */
export function useUnitsUnder(orgId: number, page: number, pageSize: number) {
  const offset = (page - 1) * pageSize;
  return useQuery({
    queryKey: ['unitsUnder', orgId, offset, pageSize] as const,
    queryFn: ({ signal }) => api.get<UnitPage>('/api/units', { orgId, offset, limit: pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

export interface AuditFilter {
  action: string;
  actor: string;
  from: string;
  to: string;
}

export function useAudit(f: AuditFilter) {
  return useInfiniteQuery({
    queryKey: keys.audit(f),
    queryFn: ({ pageParam, signal }) =>
      api.get<AuditPage>('/api/audit', { action: f.action || undefined, actor: f.actor.trim() || undefined, from: f.from || undefined, to: f.to || undefined, beforeSeq: pageParam ?? undefined, limit: 50 }, signal),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBeforeSeq,
  });
}

export function useUsers(q: string, page: number, pageSize: number) {
  const offset = (page - 1) * pageSize;
  return useQuery({
    queryKey: keys.users(q, offset, pageSize),
    queryFn: () => api.get<UserPage>('/api/users', { q: q.trim() || undefined, offset, limit: pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** How often a running import job is asked for its progress. */
export const IMPORT_POLL_MS = 700;
const FINISHED: readonly ImportJob['status'][] = ['done', 'rejected', 'failed'];
export const importFinished = (job: ImportJob | undefined) => !!job && FINISHED.includes(job.status);

/** An import job, asked again every IMPORT_POLL_MS until it is done, rejected or failed. */
export function useImportJob(id: string | null) {
  return useQuery({
    queryKey: keys.importJob(id ?? ''),
    queryFn: ({ signal }) => api.get<ImportJob>(`/api/imports/${id}`, undefined, signal),
    enabled: id !== null,
    staleTime: 0,
    refetchInterval: (q) => (importFinished(q.state.data) || q.state.status === 'error' ? false : IMPORT_POLL_MS),
  });
}

/** The caller's recent import jobs and those of their subtree, newest first. */
export function useImportJobs() {
  return useQuery({
    queryKey: keys.importJobs(),
    queryFn: ({ signal }) => api.get<ImportJobList>('/api/imports', { limit: 10 }, signal),
  });
}
