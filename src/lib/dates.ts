import dayjs from 'dayjs';

// Calendar dates are China-local ('YYYY-MM-DD' in Asia/Shanghai), whatever the server's time zone.
const cnDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const ISO = 'YYYY-MM-DD';

/** Today's date in China. */
export function todayCN(now: Date = new Date()): string {
  return cnDate.format(now);
}

/** Whole years from one ISO date to another (age on a date). */
export function yearsBetween(from: string, to: string): number {
  return dayjs(to).diff(dayjs(from), 'year');
}

/** Add months to an ISO date, clamping to the month's end (2024-02-29 + 12 → 2025-02-28). */
export function addMonths(date: string, months: number): string {
  return dayjs(date).add(months, 'month').format(ISO);
}

/** Days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return dayjs(b).diff(dayjs(a), 'day');
}
