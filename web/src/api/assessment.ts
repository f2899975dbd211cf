// 考核评价: types inferred from the server's zod schemas, and the react-query hooks.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreateRoundBody as CreateRoundBodySchema,
  CreateTargetBody as CreateTargetBodySchema,
  ManualBody as ManualBodySchema,
  ProviderList as ProviderListSchema,
  ReviewBody as ReviewBodySchema,
  RoundDetail as RoundDetailSchema,
  RoundList as RoundListSchema,
  SaveStandardBody as SaveStandardBodySchema,
  SheetDetail as SheetDetailSchema,
  Standard as StandardSchema,
  StandardList as StandardListSchema,
  TargetList as TargetListSchema,
  UpdateTargetBody as UpdateTargetBodySchema,
} from '../../../src/modules/assessment/assessment.schemas.ts';
import { api } from './client.ts';

export type AsmRoundList = z.infer<typeof RoundListSchema>;
export type AsmRound = AsmRoundList['items'][number];
export type AsmRoundDetail = z.infer<typeof RoundDetailSchema>;
export type AsmSheet = z.infer<typeof SheetDetailSchema>;
export type AsmSheetState = AsmSheet['state'];
export type AsmItem = AsmSheet['items'][number];
export type AsmIndicator = AsmItem['indicators'][number];
export type AsmStandard = z.infer<typeof StandardSchema>;
export type AsmStandardList = z.infer<typeof StandardListSchema>;
export type AsmProviderList = z.infer<typeof ProviderListSchema>;
export type AsmTargetList = z.infer<typeof TargetListSchema>;
export type AsmTarget = AsmTargetList['items'][number];
export type CreateAsmRoundBody = z.input<typeof CreateRoundBodySchema>;
export type ManualBody = z.input<typeof ManualBodySchema>;
export type ReviewBody = z.input<typeof ReviewBodySchema>;
export type SaveStandardBody = z.input<typeof SaveStandardBodySchema>;
export type CreateTargetBody = z.input<typeof CreateTargetBodySchema>;
export type UpdateTargetBody = z.input<typeof UpdateTargetBodySchema>;

export function useAsmRounds(orgId: number) {
  return useQuery({ queryKey: ['assessment', 'rounds', orgId], queryFn: ({ signal }) => api.get<AsmRoundList>('/api/assessment-rounds', { orgId }, signal), enabled: orgId > 0 });
}

export function useAsmRound(id: number) {
  return useQuery({ queryKey: ['assessment', 'round', id], queryFn: ({ signal }) => api.get<AsmRoundDetail>(`/api/assessment-rounds/${id}`, undefined, signal), enabled: id > 0 });
}

export function useCreateAsmRound() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAsmRoundBody) => api.post<AsmRoundDetail>('/api/assessment-rounds', body),
    onSuccess: (r) => {
      qc.setQueryData(['assessment', 'round', r.id], r);
      void qc.invalidateQueries({ queryKey: ['assessment', 'rounds'] });
    },
  });
}

export function useAsmSheet(id: number) {
  return useQuery({ queryKey: ['assessment', 'sheet', id], queryFn: ({ signal }) => api.get<AsmSheet>(`/api/assessment-sheets/${id}`, undefined, signal), enabled: id > 0 });
}

/** Every write on a sheet answers the whole sheet: store it and refresh rounds and targets. */
function useSheetWrite<B>(id: number, send: (body: B) => Promise<AsmSheet>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (s) => {
      qc.setQueryData(['assessment', 'sheet', id], s);
      void qc.invalidateQueries({ queryKey: ['assessment', 'round'] });
      void qc.invalidateQueries({ queryKey: ['assessment', 'rounds'] });
      void qc.invalidateQueries({ queryKey: ['assessment', 'targets'] });
    },
  });
}

export const useSaveManual = (id: number) => useSheetWrite(id, (body: ManualBody) => api.put<AsmSheet>(`/api/assessment-sheets/${id}/manual`, body));
export const useSubmitSheet = (id: number) => useSheetWrite(id, () => api.post<AsmSheet>(`/api/assessment-sheets/${id}/submit`, {}));
export const useRecompute = (id: number) => useSheetWrite(id, () => api.post<AsmSheet>(`/api/assessment-sheets/${id}/recompute`, {}));
export const useReview = (id: number) => useSheetWrite(id, (body: ReviewBody) => api.post<AsmSheet>(`/api/assessment-sheets/${id}/review`, body));
export const useReturnSheet = (id: number) => useSheetWrite(id, (reason: string) => api.post<AsmSheet>(`/api/assessment-sheets/${id}/return`, { reason }));
export const useFinalize = (id: number) => useSheetWrite(id, () => api.post<AsmSheet>(`/api/assessment-sheets/${id}/finalize`, {}));

export function useStandards() {
  return useQuery({ queryKey: ['assessment', 'standards'], queryFn: ({ signal }) => api.get<AsmStandardList>('/api/assessment-standards', undefined, signal) });
}

export function useIndicatorProviders() {
  return useQuery({ queryKey: ['assessment', 'providers'], queryFn: ({ signal }) => api.get<AsmProviderList>('/api/assessment/indicators', undefined, signal) });
}

export function useSaveStandard() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveStandardBody) => api.post<AsmStandard>('/api/assessment-standards', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['assessment', 'standards'] }),
  });
}

export function useTargets(orgId: number) {
  return useQuery({ queryKey: ['assessment', 'targets', orgId], queryFn: ({ signal }) => api.get<AsmTargetList>('/api/assessment-targets', { orgId }, signal), enabled: orgId > 0 });
}

export function useCreateTarget() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTargetBody) => api.post<AsmTargetList>('/api/assessment-targets', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['assessment', 'targets'] }),
  });
}

/** Change a target's share, deadline, title or source (its standard stays). */
export function useUpdateTarget() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdateTargetBody }) => api.patch<AsmTargetList>(`/api/assessment-targets/${id}`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['assessment', 'targets'] }),
  });
}

export function useDeleteTarget() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<void>(`/api/assessment-targets/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['assessment', 'targets'] }),
  });
}
