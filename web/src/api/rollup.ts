import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Rollup as RollupSchema } from '../../../src/modules/statistics/statistics.schemas.ts';
import { api } from './client.ts';

export type Rollup = z.infer<typeof RollupSchema>;
export type RollupLevel = Rollup['level'];

/** Current members of every organization of one level in a subtree (pre-aggregated on the server). */
export function useRollup(orgId: number, level: RollupLevel | null) {
  return useQuery({
    queryKey: ['rollup', orgId, level] as const,
    queryFn: ({ signal }) => api.get<Rollup>(`/api/stats/orgs/${orgId}/rollup`, { level: level! }, signal),
    enabled: orgId > 0 && level !== null,
    staleTime: 60_000,
  });
}
