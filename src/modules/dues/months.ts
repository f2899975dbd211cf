// Calendar months as 'YYYY-MM' strings (they sort in calendar order) and money in integer fen.
// Pure functions, shared by the service, the repository, the Excel export and the tests.

export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** 'YYYY-MM' of an ISO date. */
export const monthOf = (date: string): string => date.slice(0, 7);

/** The month n months after (or before, n < 0) a month. */
export function addMonth(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${String(yy).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}`;
}

/** Months from a to b (b − a); 0 when equal. */
export function monthDiff(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + (Number(b.slice(5, 7)) - Number(a.slice(5, 7)));
}

/** Every month from a to b inclusive (empty when b < a). */
export function monthRange(a: string, b: string): string[] {
  const n = monthDiff(a, b);
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => addMonth(a, i));
}

/** The first day of a month as an ISO date. */
export const monthStart = (month: string): string => `${month}-01`;

/** The later of two months (null-safe). */
export const maxMonth = (a: string, b: string): string => (a > b ? a : b);

/** Fen as a yuan string with two decimals ('1234.50'), without floating point. */
export function fenToYuan(fen: number): string {
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const s = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}
