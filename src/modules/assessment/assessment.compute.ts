import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { indicatorByCode } from './indicator.registry.ts';
import type { IndicatorOrg, IndicatorPeriod, IndicatorResult } from './indicator.types.ts';
import { computedPoints, resultOf, scoringText, type Result, type ScoredIndicator } from './assessment.score.ts';
import type { Definition, SheetIndicator, SheetItem } from './assessment.schemas.ts';

// Computing a sheet's indicators from the records (through the registered providers) and putting
// a sheet together: items → indicators → figure, points and evidence; manual entries beside them.

/** What a sheet keeps of one computed indicator: the provider's result, or why there is none. */
export interface ComputedEntry {
  provider: string;
  providerName: string | null;
  description: string | null;
  result: IndicatorResult | null;
  points: number | null;
  note: string | null;
}
export type ComputedSnapshot = Record<string, ComputedEntry>;

export interface ManualEntry {
  selfPoints: number | null;
  evidence: string;
  links: string[];
  reviewPoints: number | null;
  reviewReason: string | null;
}
export type ManualMap = Record<string, ManualEntry>;

const EVIDENCE_LIMIT = 200;

/** Every computed indicator of a standard for one organization and period, from the records now. */
export async function computeAll(db: Kysely<DB>, def: Definition, org: IndicatorOrg, period: IndicatorPeriod): Promise<ComputedSnapshot> {
  const out: ComputedSnapshot = {};
  const jobs = def.items.flatMap((item) => item.indicators).filter((i) => i.type === 'computed');
  for (const ind of jobs) {
    const p = indicatorByCode(ind.provider);
    if (!p) {
      out[ind.key] = { provider: ind.provider, providerName: null, description: null, result: null, points: null, note: `不可用：指标“${ind.provider}”尚未在系统中提供（相关模块未启用），本项不计入满分` };
      continue;
    }
    const params: Record<string, number | string> = Object.fromEntries(Object.entries(p.params ?? {}).map(([k, v]) => [k, v.default]));
    Object.assign(params, ind.params);
    try {
      const result = await p.compute(db, org, period, params, { evidenceLimit: EVIDENCE_LIMIT });
      const points = computedPoints(ind.full, ind.scoring, result.ratio);
      out[ind.key] = { provider: p.code, providerName: p.name, description: p.description, result, points, note: result.ratio === null ? `不可评：${result.note ?? '本期没有可计算的记录'}，本项不计入满分` : result.note };
    } catch (err) {
      out[ind.key] = { provider: p.code, providerName: p.name, description: p.description, result: null, points: null, note: `不可用：计算出错（${(err as Error).message.slice(0, 200)}），本项不计入满分` };
    }
  }
  return out;
}

type Ind = z.infer<typeof SheetIndicator>;
type Item = z.infer<typeof SheetItem>;

/** A manual indicator's points: the reviewer's adjustment if any, else the self-check score. */
export const manualPoints = (e: ManualEntry | undefined) => (e ? (e.reviewPoints ?? e.selfPoints) : null);

/** The sheet's items with every indicator's figure, points and evidence, and the result. */
export function assemble(def: Definition, computed: ComputedSnapshot, manual: ManualMap, locale: 'zh-CN' | 'en'): { items: Item[]; result: Result } {
  const scored = new Map<string, ScoredIndicator>();
  const rows = def.items.map((item) => {
    const indicators = item.indicators.map((ind): Ind => {
      const base = { key: ind.key, name: ind.name, nameEn: ind.nameEn, full: ind.full };
      if (ind.type === 'computed') {
        const e = computed[ind.key];
        const r = e?.result ?? null;
        const points = e?.points ?? null;
        scored.set(ind.key, { key: ind.key, full: ind.full, points });
        return {
          ...base,
          type: 'computed',
          points,
          provider: ind.provider,
          providerName: e?.providerName ?? null,
          description: e?.description ?? null,
          scoringText: scoringText(ind.scoring),
          available: points !== null,
          value: r?.value ?? null,
          display: r ? (locale === 'en' ? r.displayEn : r.display) : null,
          ratio: r?.ratio ?? null,
          numerator: r?.numerator ?? null,
          denominator: r?.denominator ?? null,
          note: e ? e.note : '尚未计算',
          evidence: r?.evidence ?? [],
          evidenceTotal: r?.evidenceTotal ?? 0,
          guide: null,
          selfPoints: null,
          selfEvidence: null,
          links: [],
          reviewPoints: null,
          reviewReason: null,
        };
      }
      const m = manual[ind.key];
      const points = manualPoints(m);
      scored.set(ind.key, { key: ind.key, full: ind.full, points });
      return {
        ...base,
        type: 'manual',
        points,
        provider: null,
        providerName: null,
        description: null,
        scoringText: null,
        available: true,
        value: null,
        display: null,
        ratio: null,
        numerator: null,
        denominator: null,
        note: null,
        evidence: [],
        evidenceTotal: 0,
        guide: ind.guide,
        selfPoints: m?.selfPoints ?? null,
        selfEvidence: m?.evidence ?? null,
        links: m?.links ?? [],
        reviewPoints: m?.reviewPoints ?? null,
        reviewReason: m?.reviewReason ?? null,
      };
    });
    return { item, indicators };
  });
  const result = resultOf(def, scored);
  const items = rows.map(({ item, indicators }, i) => {
    const s = result.items[i]!;
    return { key: item.key, name: item.name, nameEn: item.nameEn, points: s.points, full: s.full, pct: s.pct, reached: s.reached, indicators };
  });
  return { items, result };
}
