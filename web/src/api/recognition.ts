// 评先评优 and 联系点与示范点: types inferred from the server's zod schemas, and the react-query hooks.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ContactOverview as ContactOverviewSchema, CreateContactPointBody, CreateDemoPointBody } from '../../../src/modules/recognition/contact-points.schemas.ts';
import type { NominateBody, RecognitionReply as RecognitionReplySchema, RecordsReply as RecordsReplySchema } from '../../../src/modules/recognition/recognition.schemas.ts';
import { api } from './client.ts';

export type RecognitionReply = z.infer<typeof RecognitionReplySchema>;
export type CampaignView = RecognitionReply['campaigns'][number];
export type NominationView = CampaignView['nominations'][number];
export type QuotaUsage = CampaignView['quotas'][number];
export type HonourKind = NominationView['kind'];
export type RecordsReply = z.infer<typeof RecordsReplySchema>;
export type RecordFigure = RecordsReply['figures'][number];
export type ContactOverview = z.infer<typeof ContactOverviewSchema>;
export type TownshipPoints = ContactOverview['townships'][number];
export type ContactPointView = TownshipPoints['contactPoints'][number];

export function useRecognition(orgId: number, year: number) {
  return useQuery({ queryKey: ['recognition', orgId, year], queryFn: ({ signal }) => api.get<RecognitionReply>(`/api/orgs/${orgId}/recognition`, { year }, signal), enabled: orgId > 0 });
}

export function useRecords(orgId: number | null, year: number) {
  return useQuery({ queryKey: ['recognition', 'records', orgId, year], queryFn: ({ signal }) => api.get<RecordsReply>(`/api/orgs/${orgId}/recognition-records`, { year }, signal), enabled: !!orgId });
}

export function useContactPoints(orgId: number) {
  return useQuery({ queryKey: ['contact-points', orgId], queryFn: ({ signal }) => api.get<ContactOverview>(`/api/orgs/${orgId}/contact-points`, undefined, signal), enabled: orgId > 0 });
}

/** A write that changes what the recognition page shows: refresh it afterwards. */
function useWrite<B, R>(send: (body: B) => Promise<R>, key: string) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => void qc.invalidateQueries({ queryKey: [key] }) });
}

export const useCreateCampaign = () => useWrite((b: { orgId: number; year: number; nominateUntil?: string | null; note?: string | null }) => api.post<CampaignView>('/api/recognition/campaigns', b), 'recognition');
export const usePublish = () => useWrite(({ id, ...b }: { id: number; on?: string }) => api.post<CampaignView>(`/api/recognition/campaigns/${id}/publish`, b), 'recognition');
export const useNominate = () => useWrite((b: z.input<typeof NominateBody>) => api.post<NominationView>('/api/recognition/nominations', b), 'recognition');
export const useReview = () => useWrite(({ id, ...b }: { id: number; pass: boolean; note?: string | null }) => api.post<NominationView>(`/api/recognition/nominations/${id}/review`, b), 'recognition');
export const useApprove = () => useWrite(({ id }: { id: number }) => api.post<NominationView>(`/api/recognition/nominations/${id}/approve`, {}), 'recognition');
export const useCloseNomination = () =>
  useWrite(({ id, action, reason }: { id: number; action: 'withdraw' | 'revoke'; reason: string }) => api.post<NominationView>(`/api/recognition/nominations/${id}/${action}`, { reason }), 'recognition');

export const useCreateContactPoint = () => useWrite((b: z.input<typeof CreateContactPointBody>) => api.post<ContactPointView>('/api/contact-points', b), 'contact-points');
export const useAddVisit = () => useWrite(({ id, ...b }: { id: number; visitedOn: string; content: string }) => api.post<ContactPointView>(`/api/contact-points/${id}/visits`, b), 'contact-points');
export const useEndPoint = () =>
  useWrite(({ id, what, ...b }: { id: number; what: 'contact' | 'demo'; endedOn: string; reason: string }) => api.post<unknown>(`/api/${what === 'contact' ? 'contact-points' : 'demo-points'}/${id}/end`, b), 'contact-points');
export const useCreateDemoPoint = () => useWrite((b: z.input<typeof CreateDemoPointBody>) => api.post<unknown>('/api/demo-points', b), 'contact-points');
