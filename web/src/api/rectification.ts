// 软弱涣散整顿: types inferred from the server's zod schemas, and the react-query hooks.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AcceptanceBody as AcceptanceBodySchema,
  ConfirmReply as ConfirmReplySchema,
  CriteriaReply as CriteriaReplySchema,
  EntryDetail as EntryDetailSchema,
  EntryList as EntryListSchema,
  OrgRectification as OrgRectificationSchema,
  ScreeningDetail as ScreeningDetailSchema,
  ScreeningList as ScreeningListSchema,
  TaskBody as TaskBodySchema,
} from '../../../src/modules/rectification/rectification.schemas.ts';
import { api } from './client.ts';

export type Screening = z.infer<typeof ScreeningDetailSchema>;
export type ScreeningList = z.infer<typeof ScreeningListSchema>;
export type Candidate = Screening['candidates'][number];
export type Hit = Candidate['hits'][number];
export type Evidence = Hit['evidence'][number];
export type EntryList = z.infer<typeof EntryListSchema>;
export type EntrySummary = EntryList['items'][number];
export type Entry = z.infer<typeof EntryDetailSchema>;
export type Task = Entry['taskList'][number];
export type OrgRectification = z.infer<typeof OrgRectificationSchema>;
export type CriteriaReply = z.infer<typeof CriteriaReplySchema>;
export type TaskBody = z.input<typeof TaskBodySchema>;
export type AcceptanceBody = z.input<typeof AcceptanceBodySchema>;

export function useCriteria() {
  return useQuery({ queryKey: ['rect', 'criteria'], queryFn: ({ signal }) => api.get<CriteriaReply>('/api/rectification/criteria', undefined, signal) });
}

export function useScreenings(orgId: number, year: number) {
  return useQuery({ queryKey: ['rect', 'screenings', orgId, year], queryFn: ({ signal }) => api.get<ScreeningList>(`/api/orgs/${orgId}/rectification/screenings`, { year }, signal), enabled: orgId > 0 });
}

export function useEntries(orgId: number, year: number) {
  return useQuery({ queryKey: ['rect', 'entries', orgId, year], queryFn: ({ signal }) => api.get<EntryList>(`/api/orgs/${orgId}/rectification/entries`, { year }, signal), enabled: orgId > 0 });
}

export function useOrgRectification(orgId: number, year: number) {
  return useQuery({ queryKey: ['rect', 'org', orgId, year], queryFn: ({ signal }) => api.get<OrgRectification>(`/api/orgs/${orgId}/rectification`, { year }, signal), enabled: orgId > 0 });
}

/** Start a screening and keep stepping it until done, reporting the progress as it goes. */
export function useRunScreening(orgId: number, onProgress: (s: Screening) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (year: number) => {
      let s = await api.post<Screening>(`/api/orgs/${orgId}/rectification/screenings`, { year });
      onProgress(s);
      while (s.state === 'running') {
        s = await api.post<Screening>(`/api/rectification/screenings/${s.id}/continue`, {});
        onProgress(s);
      }
      return s;
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: ['rect'] }),
  });
}

export function useContinueScreening(onProgress: (s: Screening) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => {
      let s = await api.post<Screening>(`/api/rectification/screenings/${id}/continue`, {});
      onProgress(s);
      while (s.state === 'running') {
        s = await api.post<Screening>(`/api/rectification/screenings/${s.id}/continue`, {});
        onProgress(s);
      }
      return s;
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: ['rect'] }),
  });
}

function useRectWrite<B, R>(send: (body: B) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => void qc.invalidateQueries({ queryKey: ['rect'] }) });
}

export const useConfirm = (screeningId: number) => useRectWrite((orgIds: number[]) => api.post<z.infer<typeof ConfirmReplySchema>>(`/api/rectification/screenings/${screeningId}/confirm`, { orgIds }));
export const useAddByHand = () => useRectWrite(({ orgId, ...body }: { orgId: number; year: number; reason: string }) => api.post<Entry>(`/api/orgs/${orgId}/rectification`, body));
export const useRemoveEntry = (id: number) => useRectWrite((reason: string) => api.post<Entry>(`/api/rectification/entries/${id}/remove`, { reason }));
export const useLeader = (id: number) => useRectWrite((body: { name: string; title?: string | null }) => api.put<Entry>(`/api/rectification/entries/${id}/leader`, body));
export const useAddTask = (id: number) => useRectWrite((body: TaskBody) => api.post<Entry>(`/api/rectification/entries/${id}/tasks`, body));
export const useTaskNote = () => useRectWrite(({ taskId, text }: { taskId: number; text: string }) => api.post<Entry>(`/api/rectification/tasks/${taskId}/notes`, { text }));
export const useTaskDone = () => useRectWrite(({ taskId, doneOn }: { taskId: number; doneOn: string | null }) => api.put<Entry>(`/api/rectification/tasks/${taskId}/done`, { doneOn }));
export const useAcceptance = (id: number) => useRectWrite((body: AcceptanceBody) => api.post<Entry>(`/api/rectification/entries/${id}/acceptances`, body));
