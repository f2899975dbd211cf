// 组织生活: types inferred from the server's zod schemas, and the react-query hooks.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  MeetingDetail as MeetingDetailSchema,
  MeetingList as MeetingListSchema,
  Overview as OverviewSchema,
  PlanMeetingBody as PlanMeetingBodySchema,
  RecordMeetingBody as RecordMeetingBodySchema,
} from '../../../src/modules/orglife/orglife.schemas.ts';
import { api, ApiError, type Query } from './client.ts';

export type Overview = z.infer<typeof OverviewSchema>;
export type OverviewRow = Overview['rows'][number];
export type OverviewCell = OverviewRow['cells'][number];
export type MeetingList = z.infer<typeof MeetingListSchema>;
export type MeetingSummary = MeetingList['items'][number];
export type MeetingDetail = z.infer<typeof MeetingDetailSchema>;
export type MeetingKind = MeetingDetail['kind'];
export type AttendanceStatus = NonNullable<MeetingDetail['attendance'][number]['status']>;
export type PlanMeetingBody = z.input<typeof PlanMeetingBodySchema>;
export type RecordMeetingBody = z.input<typeof RecordMeetingBodySchema>;

export interface MeetingFilter {
  orgId: number;
  kind?: string | undefined;
  state?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  offset?: number;
}

export function useOverview(orgId: number, span: string) {
  return useQuery({ queryKey: ['orglife', 'overview', orgId, span], queryFn: ({ signal }) => api.get<Overview>('/api/orglife/overview', { orgId, span }, signal), enabled: orgId > 0 });
}

export function useMeetings(f: MeetingFilter) {
  return useQuery({ queryKey: ['orglife', 'meetings', f], queryFn: ({ signal }) => api.get<MeetingList>('/api/orglife/meetings', { ...f, limit: 20 } as Query, signal), enabled: f.orgId > 0 });
}

export function useMeeting(id: number) {
  return useQuery({ queryKey: ['orglife', 'meeting', id], queryFn: ({ signal }) => api.get<MeetingDetail>(`/api/orglife/meetings/${id}`, undefined, signal), enabled: id > 0 });
}

/** Every write answers the whole meeting: store it and refresh the lists and the overview. */
function useMeetingWrite<B>(send: (body: B) => Promise<MeetingDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (m) => {
      qc.setQueryData(['orglife', 'meeting', m.id], m);
      void qc.invalidateQueries({ queryKey: ['orglife', 'meetings'] });
      void qc.invalidateQueries({ queryKey: ['orglife', 'overview'] });
    },
  });
}

export const usePlanMeeting = () => useMeetingWrite((body: PlanMeetingBody) => api.post<MeetingDetail>('/api/orglife/meetings', body));
export const useUpdateMeeting = (id: number) => useMeetingWrite((body: Partial<Omit<PlanMeetingBody, 'orgId' | 'kind' | 'participantIds'>>) => api.patch<MeetingDetail>(`/api/orglife/meetings/${id}`, body));
export const useRecordMeeting = (id: number) => useMeetingWrite((body: RecordMeetingBody) => api.post<MeetingDetail>(`/api/orglife/meetings/${id}/record`, body));
export const useCancelMeeting = (id: number) => useMeetingWrite((body: { reason: string }) => api.post<MeetingDetail>(`/api/orglife/meetings/${id}/cancel`, body));
export const useDeleteAttachment = () => useMeetingWrite((fileId: number) => api.delete<MeetingDetail>(`/api/orglife/attachments/${fileId}`));

/** Upload one file (multipart); the server checks its size and type by content. */
export function useUploadAttachment(meetingId: number, csrfToken: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      const res = await fetch(`/api/orglife/meetings/${meetingId}/attachments`, { method: 'POST', body: form, credentials: 'same-origin', headers: { 'X-CSRF-Token': csrfToken, Accept: 'application/json' } });
      if (!res.ok) {
        const p = (await res.json().catch(() => ({}))) as { code?: string; detail?: string };
        throw new ApiError(res.status, p.code ?? `http.${res.status}`, p.detail ?? `HTTP ${res.status}`);
      }
      return res.json() as Promise<{ id: number }>;
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['orglife', 'meeting', meetingId] });
      void qc.invalidateQueries({ queryKey: ['orglife', 'meetings'] });
    },
  });
}
