import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { indicatorByCode } from '../assessment/indicator.registry.ts';
import type { IndicatorOrg, IndicatorPeriod } from '../assessment/indicator.types.ts';
import { rulesInForce } from '../rules/rules.repository.ts';
import type { Check, Criterion } from './rectification.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type CriterionT = z.infer<typeof Criterion> & { params: Record<string, number> };
type Comparison = CriterionT['comparison'];

/** Evidence kept per criterion hit (the figure's records; the provider's own page shows the rest). */
const EVIDENCE_KEPT = 20;

/** Does the figure meet the criterion (a reason to list the organization)? At the threshold itself it does only for lte/gte. */
export function meets(figure: number, comparison: Comparison, threshold: number): boolean {
  switch (comparison) {
    case 'lt':
      return figure < threshold;
    case 'lte':
      return figure <= threshold;
    case 'gt':
      return figure > threshold;
    case 'gte':
      return figure >= threshold;
  }
}

const fill = (s: string, threshold: number | null) => s.replaceAll('{threshold}', threshold === null ? '?' : String(threshold));

/** The active criteria with the thresholds of their rules in force on a date, and whether their indicator is registered. */
export async function loadCriteria(db: Db, asOf: string): Promise<CriterionT[]> {
  const [rows, rules] = await Promise.all([db.selectFrom('rect_criteria').selectAll().where('active', '=', true).orderBy('sort').orderBy('key').execute(), rulesInForce(db, asOf)]);
  return rows.map((r) => {
    const rule = rules.get(r.rule_code);
    const params = { ...((rule?.params ?? {}) as Record<string, number>) };
    const threshold = typeof params.threshold === 'number' ? params.threshold : null;
    delete params.threshold;
    return {
      key: r.key,
      indicator: r.indicator_code,
      indicatorName: indicatorByCode(r.indicator_code)?.name ?? null,
      measure: r.measure as CriterionT['measure'],
      comparison: r.comparison as Comparison,
      threshold,
      description: fill(r.description, threshold),
      descriptionEn: fill(r.description_en, threshold),
      ruleCode: r.rule_code,
      ruleVersion: rule?.version ?? null,
      source: rule?.source ?? null,
      params,
    };
  });
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Apply every criterion to one organization. A criterion whose indicator is not registered, whose
 * rule is missing, whose provider has no figure or fails is `not_evaluated` with the reason —
 * never counted as passed.
 */
export async function evaluateOrg(db: Kysely<DB>, criteria: CriterionT[], org: IndicatorOrg, period: IndicatorPeriod): Promise<Check[]> {
  const out: Check[] = [];
  for (const c of criteria) {
    const base = { key: c.key, figure: null, evidence: [], evidenceTotal: 0 };
    const provider = indicatorByCode(c.indicator);
    if (!provider) {
      out.push({ ...base, status: 'not_evaluated', display: '—', reason: `指标 ${c.indicator} 未注册（相关模块尚未启用），本项不能判定` });
      continue;
    }
    if (c.threshold === null) {
      out.push({ ...base, status: 'not_evaluated', display: '—', reason: `规则 ${c.ruleCode} 没有有效的阈值，本项不能判定` });
      continue;
    }
    try {
      const r = await provider.compute(db, org, period, c.params, { evidenceLimit: 200 });
      const raw = c.measure === 'percent' ? (r.ratio === null ? null : r.ratio * 100) : r.value;
      if (raw === null || !Number.isFinite(raw)) {
        out.push({ ...base, status: 'not_evaluated', display: r.display, reason: r.note ?? '没有可据以判定的记录' });
        continue;
      }
      const figure = round1(raw);
      const flagged = meets(raw, c.comparison, c.threshold);
      // Records against the figure first: they are why the organization is listed.
      const evidence = flagged ? [...r.evidence].sort((a, b) => Number(a.ok !== false) - Number(b.ok !== false)).slice(0, EVIDENCE_KEPT) : [];
      out.push({ key: c.key, status: flagged ? 'flagged' : 'passed', figure, display: r.display, reason: null, evidence, evidenceTotal: flagged ? r.evidenceTotal : 0 });
    } catch (err) {
      out.push({ ...base, status: 'not_evaluated', display: '—', reason: `指标计算出错：${(err as Error).message.slice(0, 200)}` });
    }
  }
  return out;
}
