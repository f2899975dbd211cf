import { describe, expect, it } from 'vitest';
import { meets } from './rectification.criteria.ts';

describe('meets (a criterion at its threshold)', () => {
  it('is strict for lt/gt and inclusive for lte/gte', () => {
    expect([meets(49.9, 'lt', 50), meets(50, 'lt', 50), meets(50.1, 'lt', 50)]).toEqual([true, false, false]);
    expect([meets(90, 'gt', 90), meets(90.1, 'gt', 90)]).toEqual([false, true]);
    expect([meets(1, 'lte', 1), meets(2, 'lte', 1)]).toEqual([true, false]);
    expect([meets(0, 'gte', 1), meets(1, 'gte', 1)]).toEqual([false, true]);
  });
});
