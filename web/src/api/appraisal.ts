// 民主评议 and 奖惩与变动: types inferred from the server's zod schemas, and the react-query hooks.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreateRoundBody as CreateRoundBodySchema,
  GradesBody as GradesBodySchema,
  MemberAppraisals as MemberAppraisalsSchema,
  MutualBody as MutualBodySchema,
  RoundDetail as RoundDetailSchema,
  RoundList as RoundListSchema,
  VotesBody as VotesBodySchema,
} from '../../../src/modules/appraisal/appraisal.schemas.ts';
import type { CreateStatusBody as CreateStatusBodySchema, StatusRecordList as StatusRecordListSchema } from '../../../src/modules/status/status.schemas.ts';
import { api } from './client.ts';

export type RoundList = z.infer<typeof RoundListSchema>;
export type RoundSummary = RoundList['items'][number];
export type RoundDetail = z.infer<typeof RoundDetailSchema>;
export type RoundParticipant = RoundDetail['participantList'][number];
export type AppraisalState = RoundDetail['state'];
export type AppraisalGrade = NonNullable<RoundParticipant['grade']>;
export type CreateRoundBody = z.input<typeof CreateRoundBodySchema>;
export type MutualBody = z.input<typeof MutualBodySchema>;
export type VotesBody = z.input<typeof VotesBodySchema>;
export type GradesBody = z.input<typeof GradesBodySchema>;
export type MemberAppraisals = z.infer<typeof MemberAppraisalsSchema>;
export type StatusRecordList = z.infer<typeof StatusRecordListSchema>;
export type StatusRecordItem = StatusRecordList['items'][number];
export type CreateStatusBody = z.input<typeof CreateStatusBodySchema>;

const keys = {
  rounds: (orgId: number) => ['appraisal', 'rounds', orgId] as const,
  round: (id: number) => ['appraisal', 'round', id] as const,
  memberAppraisals: (id: number) => ['appraisal', 'member', id] as const,
  status: (id: number) => ['status', id] as const,
};

export function useRounds(orgId: number) {
  return useQuery({ queryKey: keys.rounds(orgId), queryFn: ({ signal }) => api.get<RoundList>(`/api/orgs/${orgId}/appraisal-rounds`, undefined, signal), enabled: orgId > 0 });
}

export function useRound(id: number) {
  return useQuery({ queryKey: keys.round(id), queryFn: ({ signal }) => api.get<RoundDetail>(`/api/appraisal-rounds/${id}`, undefined, signal), enabled: id > 0 });
}

export function useCreateRound(orgId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRoundBody) => api.post<RoundDetail>(`/api/orgs/${orgId}/appraisal-rounds`, body),
    onSuccess: (r) => {
      qc.setQueryData(keys.round(r.id), r);
      void qc.invalidateQueries({ queryKey: keys.rounds(orgId) });
    },
  });
}

/** Every write on a round answers the whole round: store it and refresh the lists. */
function useRoundWrite<B>(id: number, send: (body: B) => Promise<RoundDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (r) => {
      qc.setQueryData(keys.round(id), r);
      void qc.invalidateQueries({ queryKey: ['appraisal', 'rounds'] });
      void qc.invalidateQueries({ queryKey: ['appraisal', 'member'] });
    },
  });
}

export const useTransition = (id: number) => useRoundWrite(id, (body: { to: AppraisalState; on?: string }) => api.post<RoundDetail>(`/api/appraisal-rounds/${id}/transition`, body));
export const useSelfAssessment = (id: number) =>
  useRoundWrite(id, ({ memberId, ...body }: { memberId: number; text: string; on?: string }) => api.put<RoundDetail>(`/api/appraisal-rounds/${id}/self-assessments/${memberId}`, body));
export const useMutual = (id: number) => useRoundWrite(id, (body: MutualBody) => api.post<RoundDetail>(`/api/appraisal-rounds/${id}/mutual`, body));
export const useVotes = (id: number) => useRoundWrite(id, (body: VotesBody) => api.put<RoundDetail>(`/api/appraisal-rounds/${id}/votes`, body));
export const useGrades = (id: number) => useRoundWrite(id, (body: GradesBody) => api.put<RoundDetail>(`/api/appraisal-rounds/${id}/grades`, body));

export function useMemberAppraisals(memberId: number) {
  return useQuery({ queryKey: keys.memberAppraisals(memberId), queryFn: ({ signal }) => api.get<MemberAppraisals>(`/api/members/${memberId}/appraisals`, undefined, signal) });
}

export function useStatusRecords(memberId: number) {
  return useQuery({ queryKey: keys.status(memberId), queryFn: ({ signal }) => api.get<StatusRecordList>(`/api/members/${memberId}/status-records`, undefined, signal) });
}

export function useCreateStatus(memberId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateStatusBody) => api.post<StatusRecordItem>(`/api/members/${memberId}/status-records`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.status(memberId) });
      // Death and leaving change the member record, the registry and every count.
      void qc.invalidateQueries({ queryKey: ['member', memberId] });
      void qc.invalidateQueries({ queryKey: ['members'] });
    },
  });
}
