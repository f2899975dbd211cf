import { describe, expect, it } from 'vitest';
import { looksLikeIdNumber, nextReviewOn, reviewInPeriod } from './service.rules.ts';

describe('post review rules', () => {
  it('the next review falls the interval after the last review, or after the start (month ends clamp)', () => {
    expect(nextReviewOn('2026-01-15', null, 6)).toBe('2026-07-15');
    expect(nextReviewOn('2026-01-15', '2026-06-30', 6)).toBe('2026-12-30');
    expect(nextReviewOn('2025-08-31', null, 6)).toBe('2026-02-28');
  });

  it('a review is due in a period when its date falls on or before the period end, and done when dated inside it', () => {
    const a = { starts_on: '2026-01-01', ends_on: null, reviews: [] as string[] };
    expect(reviewInPeriod(a, 6, '2026-01-01', '2026-06-30')).toEqual({ due: false, done: false, dueOn: '2026-07-01' });
    expect(reviewInPeriod(a, 6, '2026-01-01', '2026-07-01')).toEqual({ due: true, done: false, dueOn: '2026-07-01' });
    expect(reviewInPeriod({ ...a, reviews: ['2026-06-20'] }, 6, '2026-01-01', '2026-06-30').done).toBe(true);
    // Left the post before the review fell due: nothing was due.
    expect(reviewInPeriod({ ...a, ends_on: '2026-06-30' }, 6, '2026-01-01', '2026-12-31').due).toBe(false);
  });

  it('spots ID numbers in free text', () => {
    expect(looksLikeIdNumber('张大伯 33040219600101123X')).toBe(true);
    expect(looksLikeIdNumber('五保户张大伯（电话 13800000000）')).toBe(false);
  });
});
