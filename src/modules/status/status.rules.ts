import type { STATUS_KIND } from '../../shared/enums.ts';
import { AWARD_KIND, CARE_KIND, DISCIPLINE_KIND, EXIT_FORM, RESTORE_KIND } from '../../shared/enums.ts';

// What each kind of status record means: its subtypes, whether it ends the membership, and the
// rule (legal basis) recorded with it.

export type StatusKind = (typeof STATUS_KIND.values)[number];

export const SUBTYPES: Record<StatusKind, readonly string[]> = {
  death: ['death'],
  exit: EXIT_FORM.values,
  discipline: DISCIPLINE_KIND.values,
  award: AWARD_KIND.values,
  care: CARE_KIND.values,
  allowance: ['retired_village_cadre'],
  restore: RESTORE_KIND.values,
  reversal: ['reversal'],
};

/** members.left_reason for a record that ends the membership, or null if it does not. */
export function leftReason(kind: string, subtype: string): string | null {
  if (kind === 'death') return 'death';
  if (kind === 'exit') return subtype; // removed / withdrew / lapsed, as members.left_reason spells them
  if (kind === 'discipline' && subtype === 'expelled') return 'expelled';
  return null;
}

/** The rule holding the legal basis of a record, if it has one. */
export function ruleCodeFor(kind: string, subtype: string): string | null {
  if (kind === 'death') return 'status.death';
  if (kind === 'exit') return `status.exit_${subtype}`;
  if (kind === 'discipline') return subtype === 'probation' || subtype === 'expelled' ? `status.discipline_${subtype}` : 'status.discipline';
  return null;
}
