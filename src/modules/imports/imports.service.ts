import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Engine } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { FieldCipher } from '../../lib/secrets.ts';
import { can, type RequestContext } from '../../server/context.ts';
import { forbidden, notFound } from '../../server/errors.ts';
import type { Locale } from '../../server/messages.ts';
import { MEMBER_COLUMNS, MEMBER_SHEET, ORG_COLUMNS, ORG_SHEET, buildErrorWorkbook, columnLabel, describeProblems, type CellProblem, type ColumnSpec, type ErrorRow, type Raw } from './excel.ts';
import * as repo from './imports.repository.ts';
import type { ImportJob } from './imports.schemas.ts';
import { applyMembers, validateMembers, type MemberPlan } from './members.import.ts';
import { tr } from './messages.ts';
import { applyOrgs, validateOrgs, type OrgPlan } from './orgs.import.ts';
import { UnreadableFile, openDataSheet } from './reader.ts';
import { ConcurrentChange, type ApplyCounts, type ImportEnv, type Importer, type RowErrors, type Validation } from './types.ts';

export type ImportKind = 'members' | 'orgs';
export const MAX_UPLOAD_MB = 50;
export const MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024;
/** How many problems the job keeps for the screen (the workbook has them all). */
const SAMPLE = 100;
const HEARTBEAT_MS = 10_000;
const PROGRESS_MS = 1_000;
const NODE = `${os.hostname()}:${process.pid}`;

const columnsOf = (kind: ImportKind): readonly ColumnSpec[] => (kind === 'members' ? MEMBER_COLUMNS : ORG_COLUMNS);

// ---------------------------------------------------------------------------------------------
// Receiving a file

export interface StoredUpload {
  file: string;
  sha256: string;
  size: number;
  truncated: boolean;
}

const uploadDir = () => path.join(os.tmpdir(), 'tongchou-imports');

/** Write an upload to a temporary file, hashing it on the way. */
export async function storeUpload(source: Readable & { truncated?: boolean }): Promise<StoredUpload> {
  fs.mkdirSync(uploadDir(), { recursive: true, mode: 0o700 });
  const file = path.join(uploadDir(), `${randomUUID()}.xlsx`);
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  await pipeline(source, tap, fs.createWriteStream(file, { mode: 0o600 }));
  return { file, sha256: hash.digest('hex'), size, truncated: source.truncated === true };
}

export async function sha256File(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const c of fs.createReadStream(file)) {
    hash.update(c as Buffer);
    size += (c as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** The import job row for a file about to be processed. */
export async function createJob(db: Kysely<DB>, who: Importer, kind: ImportKind, fileName: string, upload: { sha256: string; size: number }): Promise<string> {
  const id = randomUUID();
  await repo.insertJob(db, {
    id,
    kind,
    file_name: fileName.slice(0, 255),
    file_sha256: upload.sha256,
    file_size: upload.size,
    created_by: who.actor.userId,
    created_by_name: who.actor.username,
    scope_path: who.scope.kind === 'all' ? null : who.scope.path,
    node: NODE,
    error_sample: null,
    error_report: null,
    message: null,
    rows_total: null,
    started_at: null,
    finished_at: null,
  });
  return id;
}

// ---------------------------------------------------------------------------------------------
// Running a job (in the background of the node that received the file, or in the CLI)

export interface RunOptions {
  db: Kysely<DB>;
  engine: Engine;
  cipher: FieldCipher;
  who: Importer;
  jobId: string;
  kind: ImportKind;
  file: string;
  fileName: string;
  sha256: string;
  /** Progress lines for the command line. */
  onEvent?: (e: { phase: 'validating' | 'applying'; processed: number; total: number | null }) => void;
}

export interface ProblemLine {
  row: number;
  column: string;
  field: string;
  message: string;
}

export type RunOutcome =
  | { status: 'done'; rowsTotal: number; counts: ApplyCounts }
  | { status: 'rejected'; rowsTotal: number; errorRows: number; problems: ProblemLine[]; report: Buffer }
  | { status: 'failed'; message: string };

function problemLines(kind: ImportKind, errors: [number, CellProblem[]][], locale: Locale, limit = Infinity): ProblemLine[] {
  const out: ProblemLine[] = [];
  for (const [row, problems] of errors) {
    for (const p of problems) {
      if (out.length >= limit) return out;
      out.push({ row, column: p.column, field: columnLabel(columnsOf(kind), p.column, locale), message: tr(locale, p.key, p.params) });
    }
  }
  return out;
}

/** Rows of the error workbook in row order; rows whose cells were not kept are read again from the file. */
async function errorRows(kind: ImportKind, file: string, v: Validation<unknown>): Promise<ErrorRow[]> {
  const columns = columnsOf(kind);
  const rows = [...v.errors.entries()].sort((a, b) => a[0] - b[0]);
  const missing = new Set(rows.filter(([, e]) => e.raw === null).map(([n]) => n));
  if (missing.size) {
    const sheet = await openDataSheet(file, kind === 'members' ? MEMBER_SHEET : ORG_SHEET);
    for await (const r of sheet.rows) {
      if (!missing.has(r.rowNumber)) continue;
      v.errors.get(r.rowNumber)!.raw = r.values;
      missing.delete(r.rowNumber);
      if (missing.size === 0) break;
    }
  }
  const out: ErrorRow[] = [];
  if (v.fileProblems.length) out.push({ rowNumber: 1, values: v.headers as Raw[], message: describeProblems(columns, v.fileProblems, 'zh-CN') });
  for (const [rowNumber, e] of rows) out.push({ rowNumber, values: e.raw ?? [], message: describeProblems(columns, e.problems, 'zh-CN') });
  return out;
}

/** Validate every row, then apply all or nothing; the job row follows along. Never throws. */
export async function runImport(o: RunOptions): Promise<RunOutcome> {
  const { db, jobId } = o;
  let phase: 'validating' | 'applying' = 'validating';
  let processed = 0;
  let total: number | null = null;
  let lastWrite = 0;
  let inFlight: Promise<void> | null = null;
  // On PGlite the apply transaction holds the only connection: progress written beside it would
  // only queue behind the commit, so it is not written until then (nobody could read it anyway).
  let quiet = false;
  const write = (force = false) => {
    if (quiet || inFlight || (!force && Date.now() - lastWrite < PROGRESS_MS)) return;
    lastWrite = Date.now();
    inFlight = repo
      .updateRunningJob(db, jobId, { rows_processed: processed, rows_total: total })
      .catch(() => undefined)
      .finally(() => (inFlight = null));
  };
  const heartbeat = setInterval(() => write(true), HEARTBEAT_MS);
  heartbeat.unref();
  const env: ImportEnv = {
    db,
    cipher: o.cipher,
    who: o.who,
    jobId,
    fileName: o.fileName,
    sha256: o.sha256,
    progress(n, t) {
      processed = n;
      if (t !== null) total = Math.max(t, n);
      o.onEvent?.({ phase, processed, total });
      write();
    },
  };
  const settle = async () => {
    clearInterval(heartbeat);
    quiet = true;
    await inFlight;
  };
  try {
    await repo.updateRunningJob(db, jobId, { status: 'validating', node: NODE, started_at: new Date() });
    let v: Validation<MemberPlan | OrgPlan>;
    try {
      const sheet = await openDataSheet(o.file, o.kind === 'members' ? MEMBER_SHEET : ORG_SHEET);
      total = sheet.estimatedRows === null ? null : Math.max(sheet.estimatedRows - 1, 0);
      write(true);
      v = o.kind === 'members' ? await validateMembers(env, sheet.rows, sheet.estimatedRows) : await validateOrgs(env, sheet.rows, sheet.estimatedRows);
    } catch (err) {
      if (!(err instanceof UnreadableFile)) throw err;
      v = { headers: [], rowsTotal: 0, errors: new Map(), fileProblems: [{ column: 'file', key: 'import.unreadable' }], plan: null };
    }

    if (!v.plan) {
      const report = await buildErrorWorkbook(v.headers, await errorRows(o.kind, o.file, v));
      const ordered: [number, CellProblem[]][] = [...(v.fileProblems.length ? [[1, v.fileProblems] as [number, CellProblem[]]] : []), ...[...v.errors.entries()].sort((a, b) => a[0] - b[0]).map(([n, e]: [number, RowErrors]) => [n, e.problems] as [number, CellProblem[]])];
      const sample = ordered.flatMap(([row, ps]) => ps.map((p) => ({ row, column: p.column, key: p.key, params: p.params ?? {} }))).slice(0, SAMPLE);
      await settle();
      await repo.finishJob(db, jobId, { status: 'rejected', rows_total: v.rowsTotal, rows_processed: v.rowsTotal, error_count: v.errors.size + (v.fileProblems.length ? 1 : 0), error_sample: sample, error_report: report });
      return { status: 'rejected', rowsTotal: v.rowsTotal, errorRows: v.errors.size + (v.fileProblems.length ? 1 : 0), problems: problemLines(o.kind, ordered, 'zh-CN'), report };
    }

    phase = 'applying';
    const plan = v.plan;
    const unchanged = plan.unchanged;
    total = v.rowsTotal;
    processed = unchanged;
    await repo.updateRunningJob(db, jobId, { status: 'applying', rows_total: v.rowsTotal, rows_processed: unchanged });
    if (o.engine === 'pglite') quiet = true;
    const onApplied = (n: number) => env.progress(unchanged + n, v.rowsTotal);
    const counts = await db.transaction().execute(async (trx) => {
      const c = o.kind === 'members' ? await applyMembers(env, trx, plan as MemberPlan, onApplied) : await applyOrgs(env, trx, plan as OrgPlan, onApplied);
      await settle();
      // The job ends in the same transaction as the data: "done" exactly when the rows are there.
      await repo.finishJob(trx, jobId, { status: 'done', rows_total: v.rowsTotal, rows_processed: v.rowsTotal, created_count: c.created, updated_count: c.updated, unchanged_count: c.unchanged, error_count: 0 });
      return c;
    });
    return { status: 'done', rowsTotal: v.rowsTotal, counts };
  } catch (err) {
    await settle();
    const message = err instanceof ConcurrentChange ? tr('zh-CN', 'import.concurrentChange') : tr('zh-CN', 'import.internal', { detail: err instanceof Error ? err.message.slice(0, 200) : String(err) });
    await repo.finishJob(db, jobId, { status: 'failed', message }).catch(() => undefined);
    return { status: 'failed', message };
  } finally {
    clearInterval(heartbeat);
  }
}

// ---------------------------------------------------------------------------------------------
// Reading jobs

type JobRow = NonNullable<Awaited<ReturnType<typeof repo.findVisibleJob>>>;
type Reply = ImportJob;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function present(j: JobRow, locale: Locale): Reply {
  const sample = (Array.isArray(j.error_sample) ? j.error_sample : []) as { row: number; column: string; key: Parameters<typeof tr>[1]; params: Record<string, string | number> }[];
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    fileName: j.file_name,
    fileSha256: j.file_sha256,
    fileSize: Number(j.file_size),
    createdBy: j.created_by_name,
    rowsTotal: j.rows_total,
    rowsProcessed: j.rows_processed,
    created: j.created_count,
    updated: j.updated_count,
    unchanged: j.unchanged_count,
    errorCount: j.error_count,
    errors: sample.map((s) => ({ row: s.row, column: s.column, field: columnLabel(columnsOf(j.kind), s.column, locale), message: tr(locale, s.key, s.params) })),
    hasErrorReport: j.has_report,
    message: j.status === 'failed' && j.message === STALE_MARK ? tr(locale, 'import.staleJob') : j.message,
    createdAt: iso(j.created_at)!,
    startedAt: iso(j.started_at),
    finishedAt: iso(j.finished_at),
  };
}

/** Stored as the message of a job whose node died (rendered in the reader's language). */
const STALE_MARK = 'import.staleJob';

export async function getJob(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<Reply> {
  await repo.failStaleJobs(db, STALE_MARK);
  const j = await repo.findVisibleJob(db, ctx.scope, ctx.actor.userId, id);
  if (!j) throw notFound();
  return present(j, ctx.locale);
}

/** The caller's recent jobs and those of their subtree, newest first (errors left to the job's own page). */
export async function listJobs(db: Kysely<DB>, ctx: RequestContext, limit: number): Promise<{ items: Reply[] }> {
  await repo.failStaleJobs(db, STALE_MARK);
  const rows = await repo.listVisibleJobs(db, ctx.scope, ctx.actor.userId, limit);
  return { items: rows.map((j) => ({ ...present(j, ctx.locale), errors: [] })) };
}

/** The error workbook. It repeats the file's cells (full ID numbers): the uploader, or someone allowed to see those. */
export async function errorReport(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<{ body: Buffer; fileName: string }> {
  await repo.failStaleJobs(db, STALE_MARK);
  const j = await repo.findVisibleJob(db, ctx.scope, ctx.actor.userId, id);
  if (!j) throw notFound();
  if (j.created_by !== ctx.actor.userId && !can(ctx.actor.role, 'member.revealId')) throw forbidden();
  const r = await repo.findJobReport(db, id);
  if (!r?.error_report) throw notFound();
  const base = j.file_name.replace(/\.xlsx$/i, '');
  return { body: Buffer.from(r.error_report), fileName: `${base}-错误报告.xlsx` };
}
