// 四级承诺一评议: types inferred from the server's zod schemas, and the react-query hooks.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CommitmentDetail as DetailSchema,
  CommitmentList as ListSchema,
  CreateCommitmentBody as CreateSchema,
  EvaluationBody as EvaluationSchema,
  FulfillmentReply as FulfillmentSchema,
  ItemBody as ItemSchema,
  ItemStatusBody as StatusSchema,
  MyCommitments as MySchema,
} from '../../../src/modules/commitments/commitments.schemas.ts';
import { api } from './client.ts';

export type CommitmentList = z.infer<typeof ListSchema>;
export type CommitmentSummary = CommitmentList['items'][number];
export type CommitmentDetail = z.infer<typeof DetailSchema>;
export type CommitmentItem = CommitmentDetail['itemList'][number];
export type Fulfillment = z.infer<typeof FulfillmentSchema>;
export type FulfillmentFigure = Fulfillment['total']['org'];
export type MyCommitments = z.infer<typeof MySchema>;
export type CreateCommitmentBody = z.input<typeof CreateSchema>;
export type ItemBody = z.input<typeof ItemSchema>;
export type ItemStatusBody = z.input<typeof StatusSchema>;
export type EvaluationBody = z.input<typeof EvaluationSchema>;
export type Rating = NonNullable<CommitmentDetail['myRating']>;

export interface ListFilter {
  orgId: number;
  year?: number | undefined;
  makerType?: 'org' | 'member' | undefined;
  status?: 'open' | 'overdue' | 'settled' | undefined;
}

export function useCommitments(f: ListFilter) {
  return useQuery({ queryKey: ['commitments', 'list', f], queryFn: ({ signal }) => api.get<CommitmentList>('/api/commitments', { orgId: f.orgId, year: f.year, makerType: f.makerType, status: f.status }, signal), enabled: f.orgId > 0 });
}

export function useFulfillment(orgId: number, year: number) {
  return useQuery({ queryKey: ['commitments', 'fulfillment', orgId, year], queryFn: ({ signal }) => api.get<Fulfillment>('/api/commitments/fulfillment', { orgId, year }, signal), enabled: orgId > 0 });
}

export function useCommitment(id: number) {
  return useQuery({ queryKey: ['commitments', 'one', id], queryFn: ({ signal }) => api.get<CommitmentDetail>(`/api/commitments/${id}`, undefined, signal), enabled: id > 0 });
}

export function useMyCommitments() {
  return useQuery({ queryKey: ['commitments', 'mine'], queryFn: ({ signal }) => api.get<MyCommitments>('/api/me/commitments', undefined, signal) });
}

/** Every write answers the whole commitment: store it and refresh lists and rates. */
function useWrite<B>(send: (body: B) => Promise<CommitmentDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (c) => {
      qc.setQueryData(['commitments', 'one', c.id], c);
      void qc.invalidateQueries({ queryKey: ['commitments', 'list'] });
      void qc.invalidateQueries({ queryKey: ['commitments', 'fulfillment'] });
      void qc.invalidateQueries({ queryKey: ['commitments', 'mine'] });
    },
  });
}

export const useCreateCommitment = () =>
  useWrite(({ target, ...body }: CreateCommitmentBody & { target: { kind: 'org' | 'member'; id: number } }) => api.post<CommitmentDetail>(`/api/${target.kind === 'org' ? 'orgs' : 'members'}/${target.id}/commitments`, body));
export const useAddItem = (id: number) => useWrite((body: ItemBody) => api.post<CommitmentDetail>(`/api/commitments/${id}/items`, body));
export const useItemStatus = () => useWrite(({ itemId, ...body }: ItemStatusBody & { itemId: number }) => api.post<CommitmentDetail>(`/api/commitment-items/${itemId}/status`, body));
export const useProgress = () => useWrite(({ itemId, ...body }: { itemId: number; text: string; on?: string }) => api.post<CommitmentDetail>(`/api/commitment-items/${itemId}/progress`, body));
export const useAddEvaluation = (id: number) => useWrite((body: EvaluationBody) => api.post<CommitmentDetail>(`/api/commitments/${id}/evaluations`, body));
export const useDeleteEvaluation = (id: number) => useWrite((evaluationId: number) => api.delete<CommitmentDetail>(`/api/commitments/${id}/evaluations/${evaluationId}`));
export const useMyRating = (id: number) => useWrite((rating: Rating) => api.put<CommitmentDetail>(`/api/commitments/${id}/my-rating`, { rating }));
