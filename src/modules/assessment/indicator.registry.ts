import type { IndicatorProvider } from './indicator.types.ts';
import { appraisalIndicators } from '../appraisal/appraisal.indicators.ts';
import { commitmentsIndicators } from '../commitments/commitments.indicators.ts';
import { duesIndicators } from '../dues/dues.indicators.ts';
import { orglifeIndicators } from '../orglife/orglife.indicators.ts';
import { developmentIndicators } from '../development/development.indicators.ts';
import { serviceIndicators } from '../service/service.indicators.ts';
import { secretariesIndicators } from '../secretaries/secretaries.indicators.ts';

/**
 * Every indicator that can be computed from records. Adding one is its module's `*.indicators.ts`
 * and one spread here; a standard refers to an indicator by its code.
 */
export const indicatorProviders: IndicatorProvider[] = [...orglifeIndicators, ...appraisalIndicators, ...commitmentsIndicators, ...duesIndicators, ...developmentIndicators, ...secretariesIndicators, ...serviceIndicators];

export function indicatorByCode(code: string): IndicatorProvider | undefined {
  return indicatorProviders.find((p) => p.code === code);
}
