// Reminders and member self-service: hooks over /api/reminders, /api/me/reminders, /api/me/record.
// Types are inferred from the server's zod schemas (type-only imports).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ReminderCounts as ReminderCountsSchema, ReminderList as ReminderListSchema } from '../../../src/modules/reminders/reminders.schemas.ts';
import type { SelfRecord as SelfRecordSchema, SelfSection as SelfSectionSchema } from '../../../src/modules/self/self.schemas.ts';
import { api } from './client.ts';

export type ReminderList = z.infer<typeof ReminderListSchema>;
export type ReminderItem = ReminderList['items'][number];
export type ReminderSource = ReminderList['sources'][number];
export type ReminderCounts = z.infer<typeof ReminderCountsSchema>;
export type SelfRecord = z.infer<typeof SelfRecordSchema>;
export type SelfSection = z.infer<typeof SelfSectionSchema>;

export interface ReminderFilter {
  /** Undefined: the caller's whole scope. */
  orgId?: number | undefined;
  horizonDays: number;
  kind?: string | undefined;
  /** Per kind (server default 50). */
  limit?: number | undefined;
  source?: string | undefined;
  severity?: ReminderItem['severity'] | undefined;
}

export function useReminders(f: ReminderFilter, enabled = true) {
  return useQuery({
    queryKey: ['reminders', f] as const,
    queryFn: ({ signal }) => api.get<ReminderList>('/api/reminders', { orgId: f.orgId, horizonDays: f.horizonDays, kind: f.kind, limit: f.limit, source: f.source, severity: f.severity }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMyReminders(horizonDays = 30, enabled = true) {
  return useQuery({
    queryKey: ['myReminders', horizonDays] as const,
    queryFn: ({ signal }) => api.get<ReminderList>('/api/me/reminders', { horizonDays }, signal),
    enabled,
  });
}

export function useMyRecord() {
  return useQuery({ queryKey: ['myRecord'] as const, queryFn: ({ signal }) => api.get<SelfRecord>('/api/me/record', undefined, signal) });
}

/** The header badge: counts only (the server lets the browser keep them for a minute). */
export function useReminderCounts(enabled = true) {
  return useQuery({
    queryKey: ['reminderCounts'] as const,
    queryFn: ({ signal }) => api.get<ReminderCounts>('/api/reminders/counts', undefined, signal),
    staleTime: 60_000,
    enabled,
  });
}
