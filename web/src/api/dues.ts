// 党费: types inferred from the server's zod schemas, and the react-query hooks.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AddBaseBody as AddBaseBodySchema,
  AddReliefBody as AddReliefBodySchema,
  ArrearsList as ArrearsListSchema,
  DuesAccount as DuesAccountSchema,
  DuesSummary as DuesSummarySchema,
  QuoteReply as QuoteReplySchema,
  RecordPaymentBody as RecordPaymentBodySchema,
} from '../../../src/modules/dues/dues.schemas.ts';
import { api } from './client.ts';

export type DuesSummary = z.infer<typeof DuesSummarySchema>;
export type DuesSummaryRow = DuesSummary['rows'][number];
export type ArrearsList = z.infer<typeof ArrearsListSchema>;
export type ArrearsItem = ArrearsList['items'][number];
export type DuesAccount = z.infer<typeof DuesAccountSchema>;
export type DuesMonth = DuesAccount['months'][number];
export type DuesPayment = DuesAccount['payments'][number];
export type DuesBase = DuesAccount['bases'][number];
export type DuesRelief = DuesAccount['reliefs'][number];
export type DuesQuote = z.infer<typeof QuoteReplySchema>;
export type AddBaseBody = z.input<typeof AddBaseBodySchema>;
export type AddReliefBody = z.input<typeof AddReliefBodySchema>;
export type RecordPaymentBody = z.input<typeof RecordPaymentBodySchema>;

const keys = {
  summary: (orgId: number, month: string) => ['dues', 'summary', orgId, month] as const,
  arrears: (orgId: number, minMonths: number, flaggedOnly: boolean) => ['dues', 'arrears', orgId, minMonths, flaggedOnly] as const,
  account: (memberId: number) => ['dues', 'account', memberId] as const,
  quote: (memberId: number, from: string | undefined, to: string | undefined) => ['dues', 'quote', memberId, from, to] as const,
};

export function useDuesSummary(orgId: number, month: string) {
  return useQuery({ queryKey: keys.summary(orgId, month), queryFn: ({ signal }) => api.get<DuesSummary>('/api/dues/summary', { orgId, month }, signal), placeholderData: keepPreviousData, enabled: orgId > 0 });
}

export function useDuesArrears(orgId: number, minMonths: number, flaggedOnly: boolean) {
  return useQuery({
    queryKey: keys.arrears(orgId, minMonths, flaggedOnly),
    queryFn: ({ signal }) => api.get<ArrearsList>('/api/dues/arrears', { orgId, minMonths, flaggedOnly: flaggedOnly ? 'true' : undefined }, signal),
    placeholderData: keepPreviousData,
    enabled: orgId > 0,
  });
}

export function useDuesAccount(memberId: number | null) {
  return useQuery({ queryKey: keys.account(memberId ?? 0), queryFn: ({ signal }) => api.get<DuesAccount>(`/api/dues/members/${memberId}/account`, undefined, signal), enabled: memberId !== null && memberId > 0 });
}

export function useDuesQuote(memberId: number, fromMonth: string | undefined, toMonth: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: keys.quote(memberId, fromMonth, toMonth),
    queryFn: ({ signal }) => api.get<DuesQuote>(`/api/dues/members/${memberId}/quote`, { fromMonth, toMonth }, signal),
    enabled: enabled && memberId > 0,
    placeholderData: keepPreviousData,
  });
}

/** Every write answers the member's whole account: store it, and refresh the lists and reminders. */
function useAccountWrite<B>(memberId: number, send: (body: B) => Promise<DuesAccount>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (a) => {
      qc.setQueryData(keys.account(memberId), a);
      void qc.invalidateQueries({ queryKey: ['dues', 'summary'] });
      void qc.invalidateQueries({ queryKey: ['dues', 'arrears'] });
      void qc.invalidateQueries({ queryKey: ['dues', 'quote', memberId] });
      void qc.invalidateQueries({ queryKey: ['reminders'] });
    },
  });
}

export const useAddBase = (memberId: number) => useAccountWrite(memberId, (body: AddBaseBody) => api.post<DuesAccount>(`/api/dues/members/${memberId}/bases`, body));
export const useDeleteBase = (memberId: number) => useAccountWrite(memberId, (baseId: number) => api.delete<DuesAccount>(`/api/dues/members/${memberId}/bases/${baseId}`));
export const useAddRelief = (memberId: number) => useAccountWrite(memberId, (body: AddReliefBody) => api.post<DuesAccount>(`/api/dues/members/${memberId}/reliefs`, body));
export const useDeleteRelief = (memberId: number) => useAccountWrite(memberId, (reliefId: number) => api.delete<DuesAccount>(`/api/dues/members/${memberId}/reliefs/${reliefId}`));
export const useRecordPayment = (memberId: number) => useAccountWrite(memberId, (body: RecordPaymentBody) => api.post<DuesAccount>(`/api/dues/members/${memberId}/payments`, body));
export const useVoidPayment = (memberId: number) => useAccountWrite(memberId, ({ paymentId, reason }: { paymentId: number; reason: string }) => api.post<DuesAccount>(`/api/dues/payments/${paymentId}/void`, { reason }));

export const summaryExportUrl = (orgId: number, month: string) => `/api/dues/summary.xlsx?orgId=${orgId}&month=${month}`;
export const arrearsExportUrl = (orgId: number, minMonths: number, flaggedOnly: boolean) => `/api/dues/arrears.xlsx?orgId=${orgId}&minMonths=${minMonths}${flaggedOnly ? '&flaggedOnly=true' : ''}`;
