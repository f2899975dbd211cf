/**
 * Citizen ID numbers (GB 11643-1999): 17 digits + check character. The check uses
 * ISO 7064 MOD 11-2; digits 7–14 are the birth date.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export type IdProblem = 'format' | 'checksum' | 'birthDate';

/** Validate an 18-character ID number; returns the problem or null. */
export function idNumberProblem(id: string, birthDate?: string): IdProblem | null {
  const v = id.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return 'format';
  if (checkChar(v.slice(0, 17)) !== v[17]) return 'checksum';
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'birthDate';
  if (birthDate && birthDate !== idBirthDate(v)) return 'birthDate';
  return null;
}

/** The birth date an ID number encodes, as YYYY-MM-DD. */
export function idBirthDate(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** Shown on screen: region code and last four kept, the rest starred (330402********123X). */
export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : '*'.repeat(id.length);
}
