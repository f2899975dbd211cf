import { AWARD_KIND, CARE_KIND, DISCIPLINE_KIND, EXIT_FORM, RESTORE_KIND, STATUS_KIND, type Label } from '../../../../src/shared/enums.ts';

type Kind = (typeof STATUS_KIND.values)[number];

/** Subtypes of each kind of status record, as code lists (single-subtype kinds reuse the kind's label). */
export const SUBTYPE_LISTS: Record<Kind, { table: Record<string, Label>; values: readonly string[] }> = {
  death: { table: { death: STATUS_KIND.table.death }, values: ['death'] },
  exit: EXIT_FORM,
  discipline: DISCIPLINE_KIND,
  award: AWARD_KIND,
  care: CARE_KIND,
  allowance: { table: { retired_village_cadre: STATUS_KIND.table.allowance }, values: ['retired_village_cadre'] },
  restore: RESTORE_KIND,
  reversal: { table: { reversal: STATUS_KIND.table.reversal }, values: ['reversal'] },
};

/** Does a record of this kind and subtype end the membership (as the server decides)? */
export const endsMembership = (kind: string, subtype: string) => kind === 'death' || kind === 'exit' || (kind === 'discipline' && subtype === 'expelled');

/** Integer fen from a yuan amount typed as text ("120", "120.5", "120.50"); null if not a valid amount. Never floating point. */
export function yuanToFen(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function fenToYuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}
