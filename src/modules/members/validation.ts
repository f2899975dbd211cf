import { addMonths, todayCN, yearsBetween } from '../../lib/dates.ts';
import { idBirthDate, idNumberProblem } from '../../lib/idcard.ts';
import type { MessageKey } from '../../server/messages.ts';

/** The fields the registry rules look at (API body or an Excel row). */
export interface MemberFacts {
  idNumber: string;
  gender: 'male' | 'female';
  birthDate?: string | null | undefined;
  joinedOn: string;
  fullMemberOn?: string | null | undefined;
}

export interface FieldProblem {
  field: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

/**
 * Registry rules for one member record: GB 11643 ID number (check character, a real birth date,
 * the gender digit), birth date consistent with the ID, joined at 18 or older and not in the
 * future, full membership at least one year after joining (the probation year).
 */
export function memberProblems(m: MemberFacts, today = todayCN()): FieldProblem[] {
  const out: FieldProblem[] = [];
  const id = m.idNumber.trim().toUpperCase();
  const idp = idNumberProblem(id);
  if (idp) out.push({ field: 'idNumber', key: `idNumber.${idp}` });
  const birth = idp ? (m.birthDate ?? null) : idBirthDate(id);
  if (!idp) {
    if (m.birthDate && m.birthDate !== birth) out.push({ field: 'birthDate', key: 'member.birthDateMismatch', params: { fromId: birth! } });
    const male = Number(id[16]) % 2 === 1;
    if (male !== (m.gender === 'male')) out.push({ field: 'gender', key: 'member.genderMismatch' });
  }
  if (birth && birth > today) out.push({ field: 'birthDate', key: 'member.futureDate' });
  if (m.joinedOn > today) out.push({ field: 'joinedOn', key: 'member.futureDate' });
  else if (birth && yearsBetween(birth, m.joinedOn) < 18) out.push({ field: 'joinedOn', key: 'member.joinedUnder18' });
  if (m.fullMemberOn) {
    if (m.fullMemberOn > today) out.push({ field: 'fullMemberOn', key: 'member.futureDate' });
    else if (m.fullMemberOn < addMonths(m.joinedOn, 12)) out.push({ field: 'fullMemberOn', key: 'member.fullBeforeProbation' });
  }
  return out;
}
