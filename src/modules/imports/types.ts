import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { FieldCipher } from '../../lib/secrets.ts';
import type { Scope } from '../../server/context.ts';
import type { Locale } from '../../server/messages.ts';
import type { AuditActor } from '../audit/audit.repository.ts';
import type { CellProblem, Raw } from './excel.ts';

/** Who imports: a signed-in user (from the upload request) or the command line. */
export interface Importer extends AuditActor {
  scope: Scope;
  locale: Locale;
}

export interface ImportEnv {
  db: Kysely<DB>;
  cipher: FieldCipher;
  who: Importer;
  jobId: string;
  fileName: string;
  sha256: string;
  /** Called often; the runner decides when to write it. */
  progress(processed: number, total: number | null): void;
}

export interface RowErrors {
  problems: CellProblem[];
  /** The row as uploaded; null until known (the first of two rows with the same ID number). */
  raw: Raw[] | null;
}

export interface Validation<Plan> {
  /** Header cells as uploaded (the error workbook repeats them). */
  headers: string[];
  /** Data rows (header, blank and example rows not counted). */
  rowsTotal: number;
  errors: Map<number, RowErrors>;
  /** Problems of the file as a whole (missing columns, too many rows), reported as row 1. */
  fileProblems: CellProblem[];
  /** What to write, when every row is valid. */
  plan: Plan | null;
}

export interface ApplyCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** Data changed between validation and writing (another import or an edit): roll back, fail the job. */
export class ConcurrentChange extends Error {
  constructor() {
    super('data changed after validation');
  }
}

/** Rows past this are refused (memory bound of validating everything before writing). */
export const MAX_ROWS = 300_000;
export const BATCH = 1000;

/** Add a problem to a row's entry (creating it). */
export function addProblem(errors: Map<number, RowErrors>, rowNumber: number, p: CellProblem, raw: Raw[] | null = null) {
  const e = errors.get(rowNumber);
  if (e) {
    e.problems.push(p);
    e.raw ??= raw;
  } else errors.set(rowNumber, { problems: [p], raw });
}

/** Lowest common ancestor of ltree paths (the audit entry's scope: everything the import touched). */
export function commonPath(paths: Iterable<string>): string | null {
  let common: string[] | null = null;
  for (const p of paths) {
    const parts = p.split('.');
    if (!common) common = parts;
    else {
      let i = 0;
      while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
      common = common.slice(0, i);
    }
    if (common.length === 0) return null;
  }
  return common && common.length ? common.join('.') : null;
}
