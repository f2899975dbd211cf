import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * The contract between the assessment module and every module whose records an assessment is
 * computed from (组织生活, 承诺, 设岗/记实, 评议, 党费, 发展…). An indicator is computed, never typed:
 * the provider reads the records, returns the figure, the share of the full score it earns, and the
 * records behind it, each with a web link, so that a score can be traced to its meetings or
 * commitments and changes when they change.
 */

/** The organization being assessed. Providers read the records of this organization's subtree (path <@ org.path) unless their description says otherwise. */
export interface IndicatorOrg {
  id: number;
  path: string;
  name: string;
  level: string;
  kind: string;
  domain: string;
}

/** The assessed period, China-local dates, both inclusive ('2026-07-01' … '2026-09-30'). */
export interface IndicatorPeriod {
  from: string;
  to: string;
}

/** One record behind a figure. */
export interface IndicatorEvidence {
  /** Record kind code, e.g. 'meeting', 'commitment_item', 'appraisal_round', 'dues_arrears'. */
  kind: string;
  id: number | string;
  /** Plain Chinese label: '2026-09-12 支部党员大会（第三季度）'. */
  label: string;
  date: string | null;
  /** Web path that opens the record, e.g. '/orglife/meetings/12'. */
  link: string | null;
  /** Whether this record counts for (true) or against (false) the indicator, null when neutral. */
  ok: boolean | null;
}

export interface IndicatorResult {
  /** The measured figure (a count or a ratio); null when there is nothing to measure. */
  value: number | null;
  /** How the figure reads to a person: '12 次中按时召开 10 次（83%）'. */
  display: string;
  displayEn: string;
  /** The share of the indicator's full score earned, 0…1; null when it cannot be judged (no data → the reviewer sees why in `note`). */
  ratio: number | null;
  numerator: number | null;
  denominator: number | null;
  /** The records behind the figure, at most `evidenceLimit` (default 200) of them; `evidenceTotal` counts all. */
  evidence: IndicatorEvidence[];
  evidenceTotal: number;
  note: string | null;
}

export interface IndicatorProvider {
  /** '<module>.<name>', e.g. 'orglife.compliance'. Stored in standards; never renamed once shipped. */
  code: string;
  name: string;
  nameEn: string;
  /** How it is computed and from which records, with the regulation it follows (shown beside the score). */
  description: string;
  /** Parameters a standard may set (with defaults), described for the standard editor. */
  params?: Record<string, { label: string; default: number | string; }>;
  compute(db: Kysely<DB>, org: IndicatorOrg, period: IndicatorPeriod, params: Record<string, number | string>, opts?: { evidenceLimit?: number }): Promise<IndicatorResult>;
}
