import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import { indicatorProviders } from '../assessment/indicator.registry.ts';
import type { IndicatorOrg } from '../assessment/indicator.types.ts';
import type { RecordFigure } from './recognition.schemas.ts';

type Figure = z.infer<typeof RecordFigure>;

/** Evidence links kept with a nomination's summary (the live view shows more). */
const SUMMARY_EVIDENCE = 5;

/** The year as an indicator period: 1 January to 31 December, or to today while the year runs. */
export function yearPeriod(year: number, today = todayCN()) {
  const from = `${year}-01-01`;
  const end = `${year}-12-31`;
  return { from, to: today < end && today >= from ? today : end };
}

/**
 * What the records say about an organization in a year: every indicator registered by the modules
 * (组织生活, 承诺, 评议, 党费…), computed from their records, with links to them. Nothing here is typed
 * by a person. A provider that fails is shown as failed, not hidden, and does not stop the others.
 */
export async function recordFigures(db: Kysely<DB>, org: IndicatorOrg, year: number, evidenceLimit = 20): Promise<Figure[]> {
  const period = yearPeriod(year);
  const out: Figure[] = [];
  for (const p of indicatorProviders) {
    const params = Object.fromEntries(Object.entries(p.params ?? {}).map(([k, v]) => [k, v.default]));
    try {
      const r = await p.compute(db, org, period, params, { evidenceLimit });
      out.push({
        code: p.code,
        name: p.name,
        nameEn: p.nameEn,
        display: r.display,
        displayEn: r.displayEn,
        ratio: r.ratio,
        evidenceTotal: r.evidenceTotal,
        evidence: r.evidence.slice(0, evidenceLimit).map((e) => ({ label: e.label, date: e.date, link: e.link, ok: e.ok })),
        note: r.note,
      });
    } catch (err) {
      out.push({ code: p.code, name: p.name, nameEn: p.nameEn, display: '暂时无法计算', displayEn: 'Could not be computed', ratio: null, evidenceTotal: 0, evidence: [], note: err instanceof Error ? err.message.slice(0, 200) : null });
    }
  }
  return out;
}

/** The snapshot stored with a nomination: the same figures, fewer links. */
export async function summaryFigures(db: Kysely<DB>, org: IndicatorOrg, year: number): Promise<Figure[]> {
  return recordFigures(db, org, year, SUMMARY_EVIDENCE);
}
