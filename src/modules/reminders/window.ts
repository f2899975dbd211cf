import dayjs from 'dayjs';

/** The last day of a reminder window: today plus the horizon in days, that day included. */
export const horizonEnd = (today: string, horizonDays: number): string => dayjs(today).add(horizonDays, 'day').format('YYYY-MM-DD');
