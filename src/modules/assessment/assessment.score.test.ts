// Scoring at its edges: ratio → points by each mapping, items and totals over what could be scored,
// the pass rule exactly at its thresholds, stars, and the periods of each cadence.
import { describe, expect, it } from 'vitest';
import type { Definition } from './assessment.schemas.ts';
import { computedPoints, periodOf, resultOf, shareOf, type ScoredIndicator } from './assessment.score.ts';

const steps = { kind: 'steps' as const, steps: [{ min: 0.95, share: 1 }, { min: 0.85, share: 0.7 }] };

describe('ratio → points', () => {
  it('maps linearly, by threshold and by steps, at the step edges', () => {
    expect(shareOf({ kind: 'linear' }, 0.83)).toBe(0.83);
    expect(shareOf({ kind: 'threshold', min: 0.9 }, 0.9)).toBe(1);
    expect(shareOf({ kind: 'threshold', min: 0.9 }, 0.8999)).toBe(0);
    expect(shareOf(steps, 0.95)).toBe(1);
    expect(shareOf(steps, 0.9499)).toBe(0.7);
    expect(shareOf(steps, 0.85)).toBe(0.7);
    expect(shareOf(steps, 0.84)).toBe(0);
    expect(shareOf({ kind: 'linear' }, 1.2)).toBe(1);
  });
  it('has no points when the ratio cannot be judged', () => {
    expect(computedPoints(10, { kind: 'linear' }, null)).toBeNull();
    expect(computedPoints(12, steps, 0.9)).toBe(8.4);
  });
});

const def: Definition = {
  items: [
    { key: 'a', name: 'A', nameEn: '', indicators: [{ key: 'a1', name: 'a1', nameEn: '', type: 'manual', full: 10, guide: '' }, { key: 'a2', name: 'a2', nameEn: '', type: 'computed', provider: 'x.y', params: {}, full: 10, scoring: { kind: 'linear' } }] },
    { key: 'b', name: 'B', nameEn: '', indicators: [{ key: 'b1', name: 'b1', nameEn: '', type: 'manual', full: 20, guide: '' }] },
  ],
  pass: { itemMinPct: 60, totalMinPct: 85 },
  stars: [
    { stars: 1, minPct: 60 },
    { stars: 2, minPct: 85 },
  ],
};
const scored = (points: Record<string, number | null>) => new Map<string, ScoredIndicator>(Object.entries(points).map(([key, p]) => [key, { key, full: 0, points: p }]));

describe('result', () => {
  it('reaches the standard exactly at 85% total with every item at least 60%', () => {
    const r = resultOf(def, scored({ a1: 6, a2: 10, b1: 18 }));
    expect([r.points, r.full, r.pct, r.passed, r.stars]).toEqual([34, 40, 85, true, 2]);
  });
  it('fails when one item is below 60% even with a high total', () => {
    const r = resultOf(def, scored({ a1: 2, a2: 3.9, b1: 20 }));
    expect(r.items[0]!.pct).toBe(29.5);
    expect(r.passed).toBe(false);
  });
  it('leaves an unavailable indicator out of the full score; an item with nothing scored fails', () => {
    const r = resultOf(def, scored({ a1: 9, a2: null, b1: 18 }));
    expect(r.items[0]).toMatchObject({ points: 9, full: 10, pct: 90 });
    expect(r.full).toBe(30);
    const none = resultOf(def, scored({ a1: null, a2: null, b1: 20 }));
    expect(none.items[0]!.reached).toBe(false);
    expect(none.passed).toBe(false);
  });
});

describe('periods', () => {
  it('gives quarters, halves and the year, and refuses a wrong part', () => {
    expect(periodOf('quarter', 2026, 3)).toEqual({ from: '2026-07-01', to: '2026-09-30', label: '2026年第三季度' });
    expect(periodOf('quarter', 2028, 1)?.to).toBe('2028-03-31');
    expect(periodOf('half_year', 2026, 2)).toMatchObject({ from: '2026-07-01', to: '2026-12-31' });
    expect(periodOf('year', 2026, 1)).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodOf('quarter', 2026, 5)).toBeNull();
    expect(periodOf('half_year', 2026, 3)).toBeNull();
  });
});
