// 发展党员: types inferred from the server's zod schemas, and the react-query hooks of the pages.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Board as BoardSchema,
  BoardQuery as BoardQuerySchema,
  CaseDetail as CaseDetailSchema,
  CloseCaseBody as CloseCaseBodySchema,
  CreateCaseBody as CreateCaseBodySchema,
  ExtendProbationBody as ExtendProbationBodySchema,
  RecordStepBody as RecordStepBodySchema,
} from '../../../src/modules/development/development.schemas.ts';
import { api } from './client.ts';

export type DevBoard = z.infer<typeof BoardSchema>;
export type DevBoardQuery = z.input<typeof BoardQuerySchema>;
export type DevCaseSummary = DevBoard['items'][number];
export type DevCase = z.infer<typeof CaseDetailSchema>;
export type DevStepRecord = DevCase['steps'][number];
export type CreateCaseBody = z.input<typeof CreateCaseBodySchema>;
export type RecordStepBody = z.input<typeof RecordStepBodySchema>;
export type ExtendProbationBody = z.input<typeof ExtendProbationBodySchema>;
export type CloseCaseBody = z.input<typeof CloseCaseBodySchema>;

const devKeys = {
  all: ['development'] as const,
  board: (q: DevBoardQuery) => ['development', 'board', q] as const,
  case: (id: number) => ['development', 'case', id] as const,
};

export function useDevBoard(q: DevBoardQuery) {
  return useQuery({
    queryKey: devKeys.board(q),
    queryFn: ({ signal }) => api.get<DevBoard>('/api/development/board', q as Record<string, string | number | undefined>, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDevCase(id: number) {
  return useQuery({ queryKey: devKeys.case(id), queryFn: ({ signal }) => api.get<DevCase>(`/api/development/cases/${id}`, undefined, signal), enabled: id > 0 });
}

/** A write that answers the updated case: refresh the case, the boards and the registry. */
function useCaseWrite<B>(path: (body: B) => string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api.post<DevCase>(path(body), body),
    onSuccess: (c) => {
      qc.setQueryData(devKeys.case(c.id), c);
      void qc.invalidateQueries({ queryKey: devKeys.all });
      void qc.invalidateQueries({ queryKey: ['members'] });
      void qc.invalidateQueries({ queryKey: ['member'] });
    },
  });
}

export const useCreateCase = () => useCaseWrite<CreateCaseBody>(() => '/api/development/cases');
export const useRecordStep = (id: number) => useCaseWrite<RecordStepBody>(() => `/api/development/cases/${id}/steps`);
export const useExtendProbation = (id: number) => useCaseWrite<ExtendProbationBody>(() => `/api/development/cases/${id}/extension`);
export const useCloseCase = (id: number) => useCaseWrite<CloseCaseBody>(() => `/api/development/cases/${id}/close`);
