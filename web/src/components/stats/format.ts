/** A share as a percentage with one decimal ("12.3%"); a dash when there is nothing to divide by. */
export function percent(part: number, whole: number): string {
  if (whole <= 0) return '—';
  return `${((part / whole) * 100).toFixed(1)}%`;
}
