import { describe, expect, it } from 'vitest';
import { isDue, meetsTarget, rate, satisfaction, standing } from './commitments.rules.ts';

describe('how an item counts', () => {
  const item = (status: string, deadline: string, done_on: string | null = null) => ({ status, deadline, done_on });
  it('done on the deadline day is kept, the day after is late', () => {
    expect(standing(item('done', '2026-06-30', '2026-06-30'), '2026-12-01')).toBe('kept');
    expect(standing(item('done', '2026-06-30', '2026-07-01'), '2026-12-01')).toBe('late');
  });
  it('an open item is pending through its deadline day and overdue the day after', () => {
    expect(standing(item('in_progress', '2026-06-30'), '2026-06-30')).toBe('pending');
    expect(standing(item('in_progress', '2026-06-30'), '2026-07-01')).toBe('overdue');
    expect(isDue('pending')).toBe(false);
    expect(isDue('overdue')).toBe(true);
  });
  it('withdrawn items are left out; not done counts against even before the deadline', () => {
    expect(isDue(standing(item('cancelled', '2026-06-30'), '2026-12-01'))).toBe(false);
    expect(standing(item('not_done', '2027-06-30'), '2026-12-01')).toBe('not_done');
  });
  it('rates: nothing due is null; targets compare exactly', () => {
    expect(rate(0, 0)).toBeNull();
    expect(meetsTarget(19, 20, 95)).toBe(true);
    expect(meetsTarget(18, 20, 95)).toBe(false);
    expect(meetsTarget(9, 10, 90)).toBe(true);
    expect(meetsTarget(0, 0, 90)).toBeNull();
    expect(satisfaction({ satisfied: 6, basic: 2, dissatisfied: 2 })).toBe(0.8);
    expect(satisfaction({ satisfied: 0, basic: 0, dissatisfied: 0 })).toBeNull();
  });
});
