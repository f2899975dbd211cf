import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../server/context.ts';

/**
 * One thing that is due, for an organization's or a member's reminder list. Every lifecycle
 * module (development, transfers, mobile, dues, appraisal, status) contributes a provider; the
 * reminders module collects them. Dates are China-local YYYY-MM-DD.
 */
export interface Reminder {
  /** Stable kind code, e.g. 'development.step_due', 'transfer.letter_expiring', 'dues.arrears'. */
  kind: string;
  /** 'overdue' (past its date), 'due' (within the window), 'info'. */
  severity: 'overdue' | 'due' | 'info';
  /** Plain Chinese sentence for the user, naming the person and what to do. */
  title: string;
  titleEn: string;
  /** The date it falls due (or fell due), if any. */
  dueOn: string | null;
  orgId: number;
  orgName: string;
  memberId: number | null;
  memberName: string | null;
  /** Web path that opens the record to act on, e.g. '/development/12'. */
  link: string | null;
}

export interface ReminderQuery {
  /** Only reminders for organizations inside this subtree path (already checked against scope). */
  subtreePath: string;
  /** Only reminders about this member (member self-service). */
  memberId?: number;
  today: string;
  /** How far ahead "due soon" looks, in days. */
  horizonDays: number;
  limit: number;
}

/** A module's reminder source. Must put the scope predicate in its own SQL. */
export type ReminderProvider = (db: Kysely<DB>, scope: Scope, q: ReminderQuery) => Promise<Reminder[]>;
