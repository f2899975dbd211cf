// Code lists of the statistics module (pure data, no imports: the web page imports this file too).
// Shaped like the lists in src/shared/enums.ts, so `useLabel()` and the Excel export read them alike.

/** Age bands on the as-of date (whole years; a birthday on the date counts). */
export const AGE_BAND = {
  table: {
    le30: { zh: '30岁及以下', en: '30 or under' },
    '31_35': { zh: '31—35岁', en: '31–35' },
    '36_45': { zh: '36—45岁', en: '36–45' },
    '46_55': { zh: '46—55岁', en: '46–55' },
    '56_60': { zh: '56—60岁', en: '56–60' },
    '61_70': { zh: '61—70岁', en: '61–70' },
    gt70: { zh: '71岁及以上', en: '71 or over' },
  },
  values: ['le30', '31_35', '36_45', '46_55', '56_60', '61_70', 'gt70'],
} as const;
export type AgeBand = (typeof AGE_BAND.values)[number];

/**
 * Lower age bound of each band after the first, in years: the band query compares birth dates with
 * "as-of date minus N years" (a person is N or older exactly when born on or before that day).
 */
export const AGE_BAND_FROM: readonly [AgeBand, number][] = [
  ['31_35', 31],
  ['36_45', 36],
  ['46_55', 46],
  ['56_60', 56],
  ['61_70', 61],
  ['gt70', 71],
];

/** College or higher (大专及以上): what "一村（社区）一名大学生" counts. */
export const GRADUATE_EDUCATION = ['college', 'bachelor', 'postgraduate'] as const;

/** The majority ethnicity; every other value counts as 少数民族. */
export const HAN = '汉族';

/** How many minority ethnicities the top list names. */
export const TOP_ETHNICITIES = 10;

/** Most units without an organization listed by name (the totals always cover all of them). */
export const UNIT_LIST_LIMIT = 1000;
