// 书记抓党建述职评议: types inferred from the server's zod schemas, and the react-query hooks.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { RateBody as RateBodySchema, Report as ReportSchema, ReportList as ReportListSchema, ReportPage as ReportPageSchema } from '../../../src/modules/secretaries/secretaries.schemas.ts';
import { api } from './client.ts';

export type Report = z.infer<typeof ReportSchema>;
export type ReportList = z.infer<typeof ReportListSchema>;
export type ReportItem = ReportList['items'][number];
export type ReportPage = z.infer<typeof ReportPageSchema>;
export type RecordFigure = ReportPage['records'][number];
export type Rating = NonNullable<Report['rating']>;
export type RateBody = z.input<typeof RateBodySchema>;

export function useReports(orgId: number, year: number) {
  return useQuery({ queryKey: ['sec', 'list', orgId, year], queryFn: ({ signal }) => api.get<ReportList>(`/api/orgs/${orgId}/secretary-reports`, { year }, signal), enabled: orgId > 0 });
}

export function useReportPage(orgId: number, year: number | undefined) {
  return useQuery({ queryKey: ['sec', 'page', orgId, year ?? 0], queryFn: ({ signal }) => api.get<ReportPage>(`/api/orgs/${orgId}/secretary-report`, { year }, signal), enabled: orgId > 0 });
}

function useSecWrite<B>(send: (body: B) => Promise<Report>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => void qc.invalidateQueries({ queryKey: ['sec'] }) });
}

export const useCreateReport = () => useSecWrite(({ orgId, ...body }: { orgId: number; year: number; text?: string | null }) => api.post<Report>(`/api/orgs/${orgId}/secretary-reports`, body));
export const useSaveReport = (id: number) => useSecWrite((text: string) => api.put<Report>(`/api/secretary-reports/${id}`, { text }));
export const useSubmitReport = (id: number) => useSecWrite(() => api.post<Report>(`/api/secretary-reports/${id}/submit`, {}));
export const useRateReport = (id: number) => useSecWrite((body: RateBody) => api.post<Report>(`/api/secretary-reports/${id}/rate`, body));
