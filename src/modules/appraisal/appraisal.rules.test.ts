import { describe, expect, it } from 'vitest';
import { excellentMax, nextState, roundDeadline } from './appraisal.rules.ts';

describe('the one-third limit for 优秀', () => {
  it.each([
    [10, 3],
    [9, 3],
    [8, 2],
    [3, 1],
    [2, 0],
    [1, 0],
    [0, 0],
  ])('%i participants → at most %i', (n, max) => {
    expect(excellentMax(n, 1, 3)).toBe(max);
  });
});

describe('stages', () => {
  it('go forward one at a time and stop at closed', () => {
    expect(nextState('open')).toBe('self_assessment');
    expect(nextState('voting')).toBe('published');
    expect(nextState('published')).toBe('closed');
    expect(nextState('closed')).toBeNull();
  });
});

describe('deadline', () => {
  it('is the end of the first quarter of the next year', () => {
    expect(roundDeadline(2025, 3)).toBe('2026-03-31');
    expect(roundDeadline(2023, 2)).toBe('2024-02-29');
  });
});
