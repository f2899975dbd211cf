import type { IndicatorProvider } from './indicator.types.ts';

/**
 * Every indicator that can be computed from records. Adding one is its module's `*.indicators.ts`
 * and one spread here; a standard refers to an indicator by its code.
 */
export const indicatorProviders: IndicatorProvider[] = [];

export function indicatorByCode(code: string): IndicatorProvider | undefined {
  return indicatorProviders.find((p) => p.code === code);
}
