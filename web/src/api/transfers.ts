// 组织关系转接 and 流动党员: types inferred from the server's zod schemas, and the react-query hooks.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ContactBody as ContactBodySchema,
  InflowBody as InflowBodySchema,
  MobileDetail as MobileDetailSchema,
  MobileListQuery as MobileListQuerySchema,
  MobilePage as MobilePageSchema,
  OutflowBody as OutflowBodySchema,
  ReturnBody as ReturnBodySchema,
} from '../../../src/modules/mobile/mobile.schemas.ts';
import type {
  BatchReply as BatchReplySchema,
  BatchTransferBody as BatchTransferBodySchema,
  ConfirmBody as ConfirmBodySchema,
  CreateTransferBody as CreateTransferBodySchema,
  IncomingTransferBody as IncomingTransferBodySchema,
  ReceivingOrgList as ReceivingOrgListSchema,
  TransferDetail as TransferDetailSchema,
  TransferListQuery as TransferListQuerySchema,
  TransferPage as TransferPageSchema,
} from '../../../src/modules/transfers/transfers.schemas.ts';
import { api } from './client.ts';
import type { MemberPage } from './types.ts';

export type TransferPage = z.infer<typeof TransferPageSchema>;
export type TransferSummary = TransferPage['items'][number];
export type TransferDetail = z.infer<typeof TransferDetailSchema>;
export type TransferAction = TransferDetail['actions'][number];
export type TransferListQuery = z.input<typeof TransferListQuerySchema>;
export type CreateTransferBody = z.input<typeof CreateTransferBodySchema>;
export type BatchTransferBody = z.input<typeof BatchTransferBodySchema>;
export type BatchReply = z.infer<typeof BatchReplySchema>;
export type IncomingTransferBody = z.input<typeof IncomingTransferBodySchema>;
export type ConfirmBody = z.input<typeof ConfirmBodySchema>;
export type ReceivingOrg = z.infer<typeof ReceivingOrgListSchema>['items'][number];

export type MobilePage = z.infer<typeof MobilePageSchema>;
export type MobileRecord = MobilePage['items'][number];
export type MobileDetail = z.infer<typeof MobileDetailSchema>;
export type MobileListQuery = z.input<typeof MobileListQuerySchema>;
export type OutflowBody = z.input<typeof OutflowBodySchema>;
export type InflowBody = z.input<typeof InflowBodySchema>;
export type ContactBody = z.input<typeof ContactBodySchema>;
export type ReturnBody = z.input<typeof ReturnBodySchema>;

type Q = Record<string, string | number | undefined>;

export function useTransfers(q: TransferListQuery) {
  return useQuery({ queryKey: ['transfers', 'list', q], queryFn: ({ signal }) => api.get<TransferPage>('/api/transfers', q as Q, signal), placeholderData: keepPreviousData });
}

export function useTransfer(id: number | null) {
  return useQuery({ queryKey: ['transfers', 'one', id], queryFn: ({ signal }) => api.get<TransferDetail>(`/api/transfers/${id}`, undefined, signal), enabled: !!id });
}

/** Receiving organizations anywhere in the system (names and codes), at least two characters typed. */
export function useReceivingOrgs(name: string) {
  return useQuery({ queryKey: ['transfers', 'receiving', name], queryFn: ({ signal }) => api.get<{ items: ReceivingOrg[] }>('/api/transfers/receiving-orgs', { name }, signal), enabled: name.trim().length >= 2 });
}

/** Members of the caller's scope (optionally one subtree) by name, for pickers. */
export function useMemberOptions(q: string, orgId?: number) {
  return useQuery({ queryKey: ['members', 'options', q, orgId], queryFn: ({ signal }) => api.get<MemberPage>('/api/members', { q: q.trim() || undefined, orgId, limit: 20 }, signal), placeholderData: keepPreviousData });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['transfers'] });
    void qc.invalidateQueries({ queryKey: ['mobile'] });
    void qc.invalidateQueries({ queryKey: ['members'] });
    void qc.invalidateQueries({ queryKey: ['member'] });
    void qc.invalidateQueries({ queryKey: ['reminders'] });
  };
}

export function useCreateTransfer() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (b: CreateTransferBody) => api.post<TransferDetail>('/api/transfers', b), onSuccess: done });
}
export function useBatchTransfer() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (b: BatchTransferBody) => api.post<BatchReply>('/api/transfers/batch', b), onSuccess: done });
}
export function useIncomingTransfer() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (b: IncomingTransferBody) => api.post<TransferDetail>('/api/transfers/incoming', b), onSuccess: done });
}
export function useRequestTransfer(memberId: number) {
  const done = useInvalidate();
  return useMutation({ mutationFn: (b: { toOrgCode?: string; toOrgName?: string; toOrgAddress?: string; crossProvince?: boolean; reason: string }) => api.post<TransferDetail>(`/api/transfers/request/${memberId}`, b), onSuccess: done });
}
/** submit / approve / reject / cancel / confirm / reissue: each answers the updated transfer. */
export function useTransferAction(id: number) {
  const done = useInvalidate();
  return useMutation({ mutationFn: ({ action, body }: { action: TransferAction; body?: Record<string, unknown> }) => api.post<TransferDetail>(`/api/transfers/${id}/${action}`, body ?? {}), onSuccess: done });
}
export const letterUrl = (id: number) => `/api/transfers/${id}/letter.pdf`;

export function useMobileRecords(q: MobileListQuery) {
  return useQuery({ queryKey: ['mobile', 'list', q], queryFn: ({ signal }) => api.get<MobilePage>('/api/mobile', q as Q, signal), placeholderData: keepPreviousData });
}
export function useMobileRecord(id: number | null) {
  return useQuery({ queryKey: ['mobile', 'one', id], queryFn: ({ signal }) => api.get<MobileDetail>(`/api/mobile/${id}`, undefined, signal), enabled: !!id });
}
export function useRegisterOutflow() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (b: OutflowBody) => api.post<MobileDetail>('/api/mobile/outflows', b), onSuccess: done });
}
export function useRegisterInflow() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (b: InflowBody) => api.post<MobileDetail>('/api/mobile/inflows', b), onSuccess: done });
}
export function useAddContact(id: number) {
  const done = useInvalidate();
  return useMutation({ mutationFn: (b: ContactBody) => api.post<MobileDetail>(`/api/mobile/${id}/contacts`, b), onSuccess: done });
}
export function useRegisterReturn(id: number) {
  const done = useInvalidate();
  return useMutation({ mutationFn: (b: ReturnBody) => api.post<MobileDetail>(`/api/mobile/${id}/return`, b), onSuccess: done });
}
