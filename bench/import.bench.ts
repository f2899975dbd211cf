/**
 * The 200,000-row member import alone, on a fresh database with a synthetic region (and optionally
 * members already registered), so the import can be measured and profiled without the hour-long
 * province run. Prints validate / apply / total seconds per run; progress to stderr.
 *
 *   npx tsx bench/import.bench.ts --engine pglite|pg [--orgs 50000] [--members 1000000] [--rows 200000] [--runs 1] [--sql-grams]
 *   (--sql-grams puts back the SQL-language tc_name_grams of before migration 20261201T1455, for comparison)
 *   node --cpu-prof --cpu-prof-dir .tmp/prof --import tsx bench/import.bench.ts --engine pglite --members 0 --rows 50000
 *
 * Each run imports a new file (different ID numbers), through imports.service createJob + runImport
 * as `tongchou import members` does.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { FieldCipher } from '../src/lib/secrets.ts';
import { createJob, runImport, sha256File } from '../src/modules/imports/imports.service.ts';
import type { Importer } from '../src/modules/imports/types.ts';
import { rebuildTallies } from '../src/modules/statistics/tallies.repository.ts';
import { execOf } from './lib/engine.ts';
import { writeImportFile } from './lib/import-file.ts';
import { table } from './lib/measure.ts';
import { loadMembers, loadOrganizations, regionShape, type Step } from './lib/registry-region.ts';

const { values: opt } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pglite' },
    orgs: { type: 'string', default: '50000' },
    members: { type: 'string', default: '1000000' },
    rows: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '1' },
    'sql-grams': { type: 'boolean', default: false },
    'pg-url': { type: 'string', default: process.env.TONGCHOU_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432' },
  },
});
const ROOT = path.resolve(import.meta.dirname, '..');
const ROWS = Number(opt.rows);
const log = (m: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${m}\n`);

async function open(): Promise<Database> {
  if (opt.engine === 'pg') {
    const admin = new pg.Client({ connectionString: opt['pg-url'] });
    await admin.connect();
    await admin.query('drop database if exists tongchou_import_bench');
    await admin.query('create database tongchou_import_bench');
    await admin.end();
    const url = new URL(opt['pg-url']);
    url.pathname = '/tongchou_import_bench';
    return openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  }
  const dir = path.join(ROOT, '.tmp/import-bench-pglite');
  fs.rmSync(dir, { recursive: true, force: true });
  return openDatabase({ pgliteDir: dir });
}

async function main() {
  const database = await open();
  const db = database.db;
  const x = execOf(db);
  const steps: Step[] = [];
  const results: string[][] = [];
  try {
    await migrateToLatest(db);
    const shape = regionShape(Number(opt.orgs));
    await loadOrganizations(x, shape, steps, log);
    if (Number(opt.members) > 0) {
      await loadMembers(x, shape, Number(opt.members), 250_000, steps, log);
      await rebuildTallies(db);
    }
    for (const t of ['organizations', 'members', 'member_periods']) await x.q(`vacuum analyze ${t}`);
    if (opt['sql-grams']) {
      await x.q(`create or replace function tc_name_grams(name text) returns text[] language sql immutable parallel safe as $$
        select coalesce(array_agg(distinct g), '{}') from (
          select substr(name, i, 1) as g from generate_series(1, char_length(name)) as i
          union all
          select substr(name, i, 2) from generate_series(1, char_length(name) - 1) as i) t $$`);
    }
    for (let run = 1; run <= Number(opt.runs); run++) {
      const file = path.join(ROOT, `.tmp/import-bench-${ROWS}-o${shape.orgs}-r${run}.xlsx`);
      if (!fs.existsSync(file)) {
        log(`writing ${path.basename(file)}`);
        await writeImportFile(file, ROWS, shape.grids > 0 ? shape.firstGrid : shape.firstVillage, shape.orgs, 'zh', 20261201 + run);
      }
      const cipher = new FieldCipher(randomBytes(32));
      const who: Importer = { actor: { userId: null, username: 'cli' }, requestId: null, ip: null, scope: { kind: 'all' }, locale: 'zh-CN' };
      const { sha256, size } = await sha256File(file);
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      let validatedAt = 0;
      let cpuValidated: NodeJS.CpuUsage | null = null;
      const jobId = await createJob(db, who, 'members', path.basename(file), { sha256, size });
      const r = await runImport({
        db, engine: database.engine, cipher, who, jobId, kind: 'members', file, fileName: path.basename(file), sha256,
        onEvent: (e) => {
          if (e.phase === 'applying' && !validatedAt) {
            validatedAt = performance.now();
            cpuValidated = process.cpuUsage(cpu0);
          }
        },
      });
      const end = performance.now();
      const cpuAll = process.cpuUsage(cpu0);
      const s = (v: number) => (v / 1000).toFixed(1);
      const cpuS = (u: NodeJS.CpuUsage | null) => (u ? ((u.user + u.system) / 1e6).toFixed(1) : '–');
      const v = cpuValidated as NodeJS.CpuUsage | null;
      const cpuApply = v ? { user: cpuAll.user - v.user, system: cpuAll.system - v.system } : null;
      log(`run ${run}: ${r.status} in ${s(end - t0)} s`);
      results.push([String(run), (size / 1048576).toFixed(1), s((validatedAt || end) - t0), validatedAt ? s(end - validatedAt) : '–', s(end - t0), cpuS(cpuValidated), cpuS(cpuApply), cpuS(cpuAll), r.status === 'done' ? `${r.counts.created} created` : r.status]);
    }
    const [{ n } = { n: 0 }] = await x.q<{ n: number }>(`select count(*)::int as n from members`);
    process.stdout.write(`# import bench — ${database.engine}, ${Number(opt.orgs).toLocaleString('en')} organizations, ${Number(opt.members).toLocaleString('en')} members before, ${ROWS.toLocaleString('en')} rows per file\n\n`);
    process.stdout.write(`Host: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end. Members now: ${n}.\n\n`);
    process.stdout.write(`tc_name_grams: ${opt['sql-grams'] ? 'SQL function (before 20261201T1455)' : 'PL/pgSQL (current)'}. CPU s = this process's user + system time (on PGlite the database runs in it; on pg the server's time is not included).\n\n`);
    process.stdout.write(table(['run', 'MB', 'validate s', 'apply s', 'total s', 'validate CPU s', 'apply CPU s', 'total CPU s', 'result'], results) + '\n');
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
