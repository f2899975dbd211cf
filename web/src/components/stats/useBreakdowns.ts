import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AGE_BAND } from '../../../../src/modules/statistics/statistics.codes.ts';
import { EDUCATION, GENDER, HOUSEHOLD, MEMBER_CATEGORY, MEMBER_STATUS, ORG_DOMAIN, ORG_KIND, URBAN_RURAL } from '../../../../src/shared/enums.ts';
import type { Label } from '../../../../src/shared/enums.ts';
import type { OrgStatistics } from '../../api/types.ts';
import { useCodeText } from '../../labels.ts';
import type { BreakdownRow, BreakdownSpec } from './BreakdownCard.tsx';

type List = { table: Readonly<Record<string, Label>> };

/** The organization and member breakdowns of a statistics reply, labelled in the current language. */
export function useBreakdowns(stats: OrgStatistics | undefined): { orgs: BreakdownSpec[]; members: BreakdownSpec[] } {
  const { t } = useTranslation();
  const text = useCodeText();
  return useMemo(() => {
    if (!stats) return { orgs: [], members: [] };
    const rows = (list: List, counts: { code: string | null; count: number }[]): BreakdownRow[] =>
      counts.map((c) => ({ key: c.code ?? '(null)', name: text(list, c.code, t('statsPage.unrecorded')), value: c.count }));
    const o = stats.organizations;
    const m = stats.members;
    const eth = m.byEthnicity;
    const otherMinority = eth.minority - eth.top.reduce((s, c) => s + c.count, 0);
    const ethnicity: BreakdownRow[] = [
      { key: 'han', name: t('statsPage.han'), value: eth.han },
      ...eth.top.map((c) => ({ key: c.code, name: c.code, value: c.count })),
      ...(otherMinority > 0 ? [{ key: 'other', name: t('statsPage.otherMinority'), value: otherMinority }] : []),
    ];
    return {
      orgs: [
        { key: 'kind', title: t('statsPage.byKind'), rows: rows(ORG_KIND, o.byKind), hideZero: true },
        { key: 'domain', title: t('statsPage.byDomain'), rows: rows(ORG_DOMAIN, o.byDomain), variant: 'bar', hideZero: true },
        { key: 'urbanRural', title: t('statsPage.byUrbanRural'), rows: rows(URBAN_RURAL, o.byUrbanRural), hideZero: true },
      ],
      members: [
        { key: 'gender', title: t('statsPage.byGender'), rows: rows(GENDER, m.byGender) },
        { key: 'status', title: t('statsPage.byStatus'), rows: rows(MEMBER_STATUS, m.byStatus) },
        { key: 'household', title: t('statsPage.byHousehold'), rows: rows(HOUSEHOLD, m.byHousehold) },
        { key: 'age', title: t('statsPage.byAge'), rows: rows(AGE_BAND, m.byAgeBand), variant: 'bar' },
        { key: 'education', title: t('statsPage.byEducation'), rows: rows(EDUCATION, m.byEducation), variant: 'bar' },
        { key: 'category', title: t('statsPage.byCategory'), rows: rows(MEMBER_CATEGORY, m.byCategory), variant: 'bar', hideZero: true },
        { key: 'ethnicity', title: t('statsPage.byEthnicity'), rows: ethnicity, hideZero: true },
      ],
    };
  }, [stats, t]); // `text` follows the UI language, as `t` does
}
