import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { AuditPage, MemberDetail, MemberPage, MemberStatus, OrgDetail, OrgNode, OrgPage, OrgSearchReply, OrgStatistics, UserPage } from './types.ts';

export const TREE_PAGE = 200;

export const keys = {
  org: (id: number) => ['org', id] as const,
  orgChildren: (id: number, offset: number, limit: number) => ['orgChildren', id, offset, limit] as const,
  orgSearch: (q: string) => ['orgSearch', q] as const,
  members: (f: MemberFilter) => ['members', f] as const,
  member: (id: number) => ['member', id] as const,
  audit: (f: AuditFilter) => ['audit', f] as const,
  users: (q: string, offset: number, limit: number) => ['users', q, offset, limit] as const,
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

export function useMember(id: number | null) {
  return useQuery({
    queryKey: keys.member(id ?? 0),
    queryFn: () => api.get<MemberDetail>(`/api/members/${id}`),
    enabled: id !== null,
  });
}

export function useOrgStatistics(id: number) {
  return useQuery({
    queryKey: ['orgStats', id] as const,
    queryFn: ({ signal }) => api.get<OrgStatistics>(`/api/stats/orgs/${id}`, undefined, signal),
    staleTime: 5 * 60_000,
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
