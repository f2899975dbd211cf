import type { Definition, Scoring } from './assessment.schemas.ts';

// Scoring as pure functions over a standard's data: how a computed ratio maps to points, item and
// total percentages over the indicators that could be scored, the pass rule and the stars.

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The share of an indicator's full score that a ratio earns (0…1). */
export function shareOf(scoring: Scoring, ratio: number): number {
  const r = Math.max(0, Math.min(1, ratio));
  switch (scoring.kind) {
    case 'linear':
      return r;
    case 'threshold':
      return r >= scoring.min ? 1 : 0;
    case 'steps': {
      let best = 0;
      for (const s of scoring.steps) if (r >= s.min && s.share > best) best = s.share;
      return best;
    }
  }
}

/** Points a computed indicator earns; null when the ratio cannot be judged (left out of the full score). */
export function computedPoints(full: number, scoring: Scoring, ratio: number | null): number | null {
  return ratio === null ? null : round2(full * shareOf(scoring, ratio));
}

/** How the mapping reads to a person, e.g. '比率 ≥ 95% 得满分的 100%；≥ 85% 得 70%'. */
export function scoringText(s: Scoring): string {
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  if (s.kind === 'linear') return '得分 = 满分 × 比率';
  if (s.kind === 'threshold') return `比率达到 ${pct(s.min)} 得满分，否则不得分`;
  return [...s.steps]
    .sort((a, b) => b.min - a.min)
    .map((x) => `≥ ${pct(x.min)} 得满分的 ${pct(x.share)}`)
    .concat('其余不得分')
    .join('；');
}

export interface ScoredIndicator {
  key: string;
  full: number;
  /** null: not available or not yet scored — left out of the full score. */
  points: number | null;
}

export interface ScoredItem {
  key: string;
  points: number;
  full: number;
  pct: number | null;
  reached: boolean;
}

export interface Result {
  items: ScoredItem[];
  points: number;
  full: number;
  pct: number | null;
  passed: boolean;
  stars: number;
}

const pctOf = (points: number, full: number) => (full > 0 ? round2((points * 100) / full) : null);

/**
 * The result of a sheet: every item's points over the full score of the indicators that could be
 * scored; it reaches the standard when every item reaches `itemMinPct` and the total reaches
 * `totalMinPct` (an item with nothing that could be scored does not reach it); stars by the total.
 */
export function resultOf(def: Definition, scored: Map<string, ScoredIndicator>): Result {
  const items = def.items.map((item) => {
    let points = 0;
    let full = 0;
    for (const ind of item.indicators) {
      const s = scored.get(ind.key);
      if (!s || s.points === null) continue;
      points += s.points;
      full += ind.full;
    }
    const pct = pctOf(points, full);
    return { key: item.key, points: round2(points), full, pct, reached: pct !== null && pct >= def.pass.itemMinPct };
  });
  const points = round2(items.reduce((a, i) => a + i.points, 0));
  const full = items.reduce((a, i) => a + i.full, 0);
  const pct = pctOf(points, full);
  const passed = pct !== null && pct >= def.pass.totalMinPct && items.every((i) => i.reached);
  const stars = pct === null ? 0 : def.stars.filter((s) => pct >= s.minPct).reduce((a, s) => Math.max(a, s.stars), 0);
  return { items, points, full, pct, passed, stars };
}

/** The assessed period of a round: a quarter, a half year or a year. */
export function periodOf(cadence: 'quarter' | 'half_year' | 'year', year: number, part: number): { from: string; to: string; label: string } | null {
  const pad = (n: number) => String(n).padStart(2, '0');
  const end = (m: number) => new Date(Date.UTC(year, m, 0)).getUTCDate();
  if (cadence === 'quarter') {
    if (part < 1 || part > 4) return null;
    const m0 = (part - 1) * 3 + 1;
    return { from: `${year}-${pad(m0)}-01`, to: `${year}-${pad(m0 + 2)}-${end(m0 + 2)}`, label: `${year}年第${'一二三四'[part - 1]}季度` };
  }
  if (cadence === 'half_year') {
    if (part < 1 || part > 2) return null;
    return part === 1 ? { from: `${year}-01-01`, to: `${year}-06-30`, label: `${year}年上半年` } : { from: `${year}-07-01`, to: `${year}-12-31`, label: `${year}年下半年` };
  }
  if (part !== 1) return null;
  return { from: `${year}-01-01`, to: `${year}-12-31`, label: `${year}年度` };
}
