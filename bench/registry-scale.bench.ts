/**
 * Step 2 speed benchmark on the APP's real schema (prints figures; not a test).
 *
 *   npx tsx bench/registry-scale.bench.ts --engine pg|pglite [--orgs 500000] [--members 8000000]
 *       [--nodes 200] [--import-rows 200000] [--chunk 1000000] [--reuse] [--skip-import] [--load-only]
 *       [--baseline-timeout-ms 120000] [--baseline-nodes 60] [--node-timeout-ms 15000]
 *       [--sample-counties 40] [--breakdown-counties N] [--pg-url postgres://postgres@127.0.0.1:5432]
 *   Province run used for docs/decisions/0010 (after a load run without --reuse):
 *       --engine pg --orgs 500000 --members 8000000 --reuse --sample-counties 10 --baseline-nodes 12
 *       --node-timeout-ms 10000 --breakdown-counties 10 --baseline-timeout-ms 90000
 *   (the app's subtree count takes 25–47 s per county at 8M members, see 0010; 40 counties would take ~25 min)
 *
 * 1. Fresh database (pg: `tongchou_scale`; PGlite: .tmp/scale-pglite), the app's migrations
 *    (src/db/migrate.ts migrateToLatest), then a synthetic region loaded server-side
 *    (bench/lib/registry-region.ts): organizations with ltree paths, org_versions, members
 *    (name_grams by the app's generated column), member_periods; indexes rebuilt after the load.
 *    `--reuse` skips 1 and measures an existing database (the move is undone; the import adds rows).
 * 2. Times the app's own code on 200 random nodes of mixed levels (county/township/village/grid):
 *    organizations.repository.subtreeCounts (member count), members.repository.listMembers
 *    (first page of 20 by id, scope = the node's subtree), listMembers with a partial name (search);
 *    statistics.repository.memberBreakdown per county and for the province, and the decision-0002
 *    range-join roll-up (gender × education for every county); operations.service.move of a
 *    township (one transaction) and back; a 200,000-row .xlsx through imports.service runImport
 *    (what `tongchou import members` runs).
 * 3. The same count / page / roll-up with two baselines written only here: a recursive CTE over
 *    parent_id and the comma path `LIKE '%,id,%'` (side table bench_org_cpath).
 * Markdown tables go to stdout, progress to stderr, raw figures to .tmp/registry-scale-<engine>.json.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CompiledQuery, type Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { DB } from '../src/db/schema.ts';
import { todayCN } from '../src/lib/dates.ts';
import { FieldCipher } from '../src/lib/secrets.ts';
import { createJob, runImport, sha256File } from '../src/modules/imports/imports.service.ts';
import type { Importer } from '../src/modules/imports/types.ts';
import { listMembers } from '../src/modules/members/members.repository.ts';
import { rebuildTallies, rollupByLevel } from '../src/modules/statistics/tallies.repository.ts';
import { move } from '../src/modules/organizations/operations.service.ts';
import { subtreeCounts } from '../src/modules/organizations/organizations.repository.ts';
import { memberBreakdown } from '../src/modules/statistics/statistics.repository.ts';
import type { RequestContext, Scope } from '../src/server/context.ts';
import { capturing } from './lib/capture.ts';
import { execOf, type Exec } from './lib/engine.ts';
import { ms, percentile, table } from './lib/measure.ts';
import { writeImportFile } from './lib/import-file.ts';
import { buildCommaPath, loadMembers, loadOrganizations, regionShape, type Step } from './lib/registry-region.ts';

const { values: opt } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pg' },
    orgs: { type: 'string', default: '500000' },
    members: { type: 'string', default: '8000000' },
    nodes: { type: 'string', default: '200' },
    'import-rows': { type: 'string', default: '200000' },
    chunk: { type: 'string', default: '1000000' },
    reuse: { type: 'boolean', default: false },
    'skip-import': { type: 'boolean', default: false },
    'load-only': { type: 'boolean', default: false },
    'baseline-timeout-ms': { type: 'string', default: '120000' },
    'baseline-nodes': { type: 'string', default: '60' },
    'node-timeout-ms': { type: 'string', default: '15000' },
    'sample-counties': { type: 'string', default: '40' },
    'breakdown-counties': { type: 'string', default: '1000' },
    'pg-url': { type: 'string', default: process.env.TONGCHOU_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432' },
  },
});
const int = (v: string | undefined, name: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
};
const ENGINE = opt.engine === 'pg' || opt.engine === 'pglite' ? opt.engine : (() => { throw new Error('--engine must be pg or pglite'); })();
const ORGS = int(opt.orgs, 'orgs');
const MEMBERS = int(opt.members, 'members');
const NODES = int(opt.nodes, 'nodes');
const IMPORT_ROWS = int(opt['import-rows'], 'import-rows');
const CHUNK = int(opt.chunk, 'chunk');
const BASELINE_TIMEOUT = int(opt['baseline-timeout-ms'], 'baseline-timeout-ms');
const BASELINE_NODES = int(opt['baseline-nodes'], 'baseline-nodes');
const NODE_TIMEOUT = int(opt['node-timeout-ms'], 'node-timeout-ms');
const SAMPLE_COUNTIES = int(opt['sample-counties'], 'sample-counties');
const BREAKDOWN_COUNTIES = int(opt['breakdown-counties'], 'breakdown-counties');
const ROOT = path.resolve(import.meta.dirname, '..');
const PGLITE_DIR = path.join(ROOT, '.tmp/scale-pglite');
const DB_NAME = 'tongchou_scale';

const started = Date.now();
const log = (msg: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)} +${((Date.now() - started) / 1000).toFixed(0)}s] ${msg}\n`);
const out = (s = '') => process.stdout.write(`${s}\n`);

async function admin(statement: string) {
  const c = new pg.Client({ connectionString: opt['pg-url'] });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

async function open(): Promise<Database> {
  if (ENGINE === 'pg') {
    if (!opt.reuse) {
      await admin(`drop database if exists ${DB_NAME}`);
      await admin(`create database ${DB_NAME}`);
      // Session default for this database only (index builds after the bulk load); not a server setting.
      await admin(`alter database ${DB_NAME} set maintenance_work_mem = '1GB'`);
    }
    const url = new URL(opt['pg-url']);
    url.pathname = `/${DB_NAME}`;
    return openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  }
  if (!opt.reuse) fs.rmSync(PGLITE_DIR, { recursive: true, force: true });
  const d = await openDatabase({ pgliteDir: PGLITE_DIR });
  await execOf(d.db).q(`set maintenance_work_mem = '256MB'`);
  return d;
}

// ---------------------------------------------------------------------------------------------
// Timing helpers

interface Sample {
  ms: number;
  level: string;
  value: number;
}
const stat = (xs: Sample[]) => {
  const t = xs.map((s) => s.ms).sort((a, b) => a - b);
  return { n: t.length, p50: percentile(t, 50), p95: percentile(t, 95), max: t.at(-1) ?? NaN };
};
const fmt = (xs: Sample[]) => {
  if (xs.length === 0) return '–';
  const s = stat(xs);
  const f = (v: number) => (Number.isFinite(v) ? ms(v) : `>${NODE_TIMEOUT} (timeout)`);
  return `${f(s.p50)} / ${f(s.p95)}`;
};

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** A baseline statement with a local statement timeout; Infinity when it ran out. */
async function baseline(x: Exec, sqlText: string, params: unknown[], timeoutMs = BASELINE_TIMEOUT): Promise<{ ms: number; rows: Record<string, unknown>[] }> {
  const t0 = performance.now();
  try {
    const rows = await x.tx(async (t) => {
      if (ENGINE === 'pg') await t.q(`set local statement_timeout = ${timeoutMs}`);
      return t.q(sqlText, params);
    });
    return { ms: performance.now() - t0, rows };
  } catch (err) {
    if (/statement timeout|canceling statement/i.test(String(err))) return { ms: Infinity, rows: [] };
    throw err;
  }
}

// Baseline SQL (only here). $1 = organization id.
const CTE_IDS = `with recursive t(id) as (select id from organizations where id = $1 union all select o.id from organizations o join t on o.parent_id = t.id)`;
const BASE = {
  cteCount: `${CTE_IDS} select count(*)::int as n from members m join t on m.org_id = t.id where m.left_on is null`,
  ctePage: `${CTE_IDS} select m.id, m.org_id, o.name as org_name, m.name, m.gender, m.birth_date, m.id_number_masked, m.education, m.category, m.status, m.joined_on
            from members m join t on m.org_id = t.id join organizations o on o.id = m.org_id where m.left_on is null order by m.id limit 20`,
  likeCount: `select count(*)::int as n from members m join bench_org_cpath c on c.id = m.org_id where c.cpath like '%,' || $1::int || ',%' and m.left_on is null`,
  likePage: `select m.id, m.org_id, o.name as org_name, m.name, m.gender, m.birth_date, m.id_number_masked, m.education, m.category, m.status, m.joined_on
             from members m join bench_org_cpath c on c.id = m.org_id join organizations o on o.id = m.org_id
             where c.cpath like '%,' || $1::int || ',%' and m.left_on is null order by m.id limit 20`,
  cteRollup: `with recursive t(county_id, id) as (
                select id, id from organizations where level = 'county'
                union all select t.county_id, o.id from organizations o join t on o.parent_id = t.id)
              select t.county_id, m.gender, m.education, count(*)::int as n from t join members m on m.org_id = t.id
              where m.left_on is null group by 1, 2, 3`,
  likeRollup: `select c.id as county_id, m.gender, m.education, count(*)::int as n
               from organizations c join bench_org_cpath o on o.cpath like '%,' || c.id || ',%' join members m on m.org_id = o.id
               where c.level = 'county' and m.left_on is null group by 1, 2, 3`,
};
// The roll-up shape decision 0002 prescribed (btree range join over members), kept for comparison with the tallies.
const RANGE_ROLLUP = `select c.id as county_id, m.gender, m.education, count(*)::int as n
  from organizations c
  join organizations o on o.path >= c.path and o.path < c.path || 'z'::ltree
  join members m on m.org_id = o.id
  where c.level = 'county' and m.left_on is null
  group by 1, 2, 3`;

const sumN = (rows: Record<string, unknown>[]) => rows.reduce((s, r) => s + Number(r.n), 0);

// ---------------------------------------------------------------------------------------------

interface Node {
  id: number;
  path: string;
  level: string;
}

async function main() {
  const shape = regionShape(ORGS);
  const database = await open();
  const db = database.db;
  const x = execOf(db);
  const steps: Step[] = [];
  const report: Record<string, unknown> = { engine: ENGINE, orgs: shape.orgs, members: MEMBERS, args: process.argv.slice(2), host: { cpus: os.cpus().length, memGB: Math.round(os.totalmem() / 2 ** 30), load: os.loadavg() } };
  try {
    const [ver] = await x.q<{ v: string; sb: string; wm: string; mwm: string; par: string }>(
      `select version() as v, current_setting('shared_buffers') as sb, current_setting('work_mem') as wm,
              current_setting('maintenance_work_mem') as mwm, current_setting('max_parallel_workers_per_gather') as par`);
    const version = `${ver!.v.split(' on ')[0]} (shared_buffers ${ver!.sb}, work_mem ${ver!.wm}, maintenance_work_mem ${ver!.mwm}, parallel workers/gather ${ver!.par})`;
    log(`${ENGINE}: ${version}`);
    report.version = version;

    // ---- 1. load
    if (!opt.reuse) {
      let t0 = performance.now();
      const applied = await migrateToLatest(db);
      steps.push({ label: `migrations (${applied.length}, src/db/migrate.ts migrateToLatest)`, ms: performance.now() - t0 });
      await loadOrganizations(x, shape, steps, log);
      await loadMembers(x, shape, MEMBERS, ENGINE === 'pg' ? CHUNK : Math.min(CHUNK, 250_000), steps, log);
      t0 = performance.now();
      log('member_tallies');
      await rebuildTallies(db);
      steps.push({ label: 'member_tallies counted once from members (statistics/tallies.repository rebuildTallies)', ms: performance.now() - t0 });
      t0 = performance.now();
      log('vacuum analyze');
      for (const t of ['organizations', 'org_versions', 'members', 'member_periods']) await x.q(`vacuum analyze ${t}`);
      steps.push({ label: 'vacuum analyze (4 tables)', ms: performance.now() - t0 });
      t0 = performance.now();
      await buildCommaPath(x);
      steps.push({ label: 'baseline only: bench_org_cpath side table (comma path)', ms: performance.now() - t0 });
    }
    const loadTotal = steps.filter((s) => !s.label.startsWith('  ') && !s.label.startsWith('baseline')).reduce((a, s) => a + s.ms, 0);
    out(`# registry-scale — ${ENGINE}, ${shape.orgs.toLocaleString('en')} organizations, ${MEMBERS.toLocaleString('en')} members\n`);
    out(`Engine: ${version}. Host: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, load average at start ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (other jobs running).\n`);
    out(`Shape: 1 province, ${shape.counties} counties, ${shape.townships} townships, ${shape.villages} villages/communities, ${shape.grids} grids.\n`);
    if (steps.length) {
      out('## Load\n');
      out(table(['step', 's'], [...steps.map((s) => [s.label, (s.ms / 1000).toFixed(1)]), ['**total (without the baseline side table)**', (loadTotal / 1000).toFixed(1)]]));
      out();
    }
    report.load = steps;
    if (opt['load-only']) {
      out('Stopped after the load (--load-only); measure with --reuse.');
      return;
    }

    const sizes = await x.q<{ t: string; n: number; heap: number; idx: number; tot: number }>(`
      select t, (select reltuples from pg_class where oid = t::regclass)::bigint as n, pg_relation_size(t::regclass)::bigint as heap,
             pg_indexes_size(t::regclass)::bigint as idx, pg_total_relation_size(t::regclass)::bigint as tot
      from unnest(array['organizations','org_versions','members','member_periods','bench_org_cpath']) t`);
    const idxSizes = await x.q<{ name: string; sz: number }>(`
      select c.relname as name, pg_relation_size(c.oid)::bigint as sz from pg_index i join pg_class c on c.oid = i.indexrelid
      where i.indrelid in ('members'::regclass, 'organizations'::regclass) order by 2 desc`);
    const mbs = (b: number) => (Number(b) / 1048576).toFixed(0);
    out('## Table sizes (MB)\n');
    out(table(['table', 'rows (est.)', 'heap', 'indexes', 'total'], sizes.map((s) => [s.t, Number(s.n).toLocaleString('en'), mbs(s.heap), mbs(s.idx), mbs(s.tot)])));
    out(`\nIndexes: ${idxSizes.map((i) => `${i.name} ${mbs(i.sz)}`).join(', ')}\n`);
    report.sizes = sizes;
    report.indexSizes = idxSizes;

    // ---- 2/3. per-node questions
    const perLevel = { county: Math.min(shape.counties, SAMPLE_COUNTIES, Math.round(NODES * 0.2)), township: 0, village: 0, grid: 0 };
    const rest = NODES - perLevel.county; // counties are capped by how many exist; the rest is split evenly
    perLevel.township = Math.round(rest / 3);
    perLevel.village = Math.round(rest / 3);
    perLevel.grid = rest - perLevel.township - perLevel.village;
    const nodes: Node[] = [];
    for (const [level, k] of Object.entries(perLevel)) {
      nodes.push(...(await x.q<Node>(`select id, path::text as path, level from organizations where level = $1 order by hashint4(id + 20261201), id limit $2`, [level, k])));
    }
    // interleave levels (so a warm cache does not favour one level)
    nodes.sort((a, b) => ((a.id * 2654435761) % 1000) - ((b.id * 2654435761) % 1000));
    log(`nodes: ${nodes.length} (${Object.entries(perLevel).map(([l, k]) => `${k} ${l}`).join(', ')})`);

    const res: Record<string, Sample[]> = { appCount: [], appPage: [], cteCount: [], ctePage: [], likeCount: [], likePage: [] };
    const pageNames = new Map<number, string>();
    const mismatches: string[] = [];
    const scopeOf = (n: Node): Scope => ({ kind: 'subtree', orgId: n.id, path: n.path });
    const appCount = (n: Node) => subtreeCounts(db, n.id, n.path, n.level).then((r) => Number(r.members));
    const appPage = (n: Node) => listMembers(db, scopeOf(n), {}, { sort: 'id', order: 'asc', limit: 20 });
    // warm-up (untimed)
    for (const n of nodes.slice(0, 3)) {
      await appCount(n);
      await appPage(n);
    }
    log('per-node: app count / page');
    for (const n of nodes) {
      const c = await timed(() => appCount(n));
      res.appCount!.push({ ms: c.ms, level: n.level, value: c.value });
      const p = await timed(() => appPage(n));
      res.appPage!.push({ ms: p.ms, level: n.level, value: p.value[0]?.id ?? 0 });
      if (p.value[0]) pageNames.set(n.id, p.value[0].name);
    }
    // Baselines on the first BASELINE_NODES nodes of the (level-interleaved) list: each may scan the members table.
    const bnodes = nodes.slice(0, BASELINE_NODES);
    log(`per-node: recursive CTE baseline (${bnodes.length} nodes)`);
    for (const n of bnodes) {
      const c = await baseline(x, BASE.cteCount, [n.id], NODE_TIMEOUT);
      res.cteCount!.push({ ms: c.ms, level: n.level, value: Number(c.rows[0]?.n ?? -1) });
      const p = await baseline(x, BASE.ctePage, [n.id], NODE_TIMEOUT);
      res.ctePage!.push({ ms: p.ms, level: n.level, value: Number(p.rows[0]?.id ?? 0) });
    }
    log(`per-node: comma-path LIKE baseline (${bnodes.length} nodes)`);
    for (const n of bnodes) {
      const c = await baseline(x, BASE.likeCount, [n.id], NODE_TIMEOUT);
      res.likeCount!.push({ ms: c.ms, level: n.level, value: Number(c.rows[0]?.n ?? -1) });
      const p = await baseline(x, BASE.likePage, [n.id], NODE_TIMEOUT);
      res.likePage!.push({ ms: p.ms, level: n.level, value: Number(p.rows[0]?.id ?? 0) });
    }
    bnodes.forEach((n, i) => {
      for (const [a, b] of [['appCount', 'cteCount'], ['appCount', 'likeCount'], ['appPage', 'ctePage'], ['appPage', 'likePage']] as const) {
        const va = res[a]![i]!;
        const vb = res[b]![i]!;
        if (Number.isFinite(vb.ms) && va.value !== vb.value) mismatches.push(`${n.level} ${n.id}: ${a}=${va.value} ${b}=${vb.value}`);
      }
    });
    log(`per-node answers: ${mismatches.length ? `${mismatches.length} MISMATCHES` : 'all equal'}`);

    // ---- search (partial Chinese name within a scope, via listMembers)
    log('search');
    const names = await x.q<{ name: string }>(`select name from members where id = any($1::int[])`, [nodes.map((_, i) => 1 + ((i * 7919 * 104729) % MEMBERS))]);
    const terms = nodes.map((n, i) => {
      const own = pageNames.get(n.id);
      const src = i % 2 === 0 && own ? own : (names[i % Math.max(1, names.length)]?.name ?? '王伟');
      const ch = [...src];
      return i % 4 < 2 ? ch.slice(0, 2).join('') : ch.slice(-2).join('');
    });
    const searchOf = (scope: Scope, q: string) => listMembers(db, scope, { q }, { sort: 'id', order: 'asc', limit: 20 });
    for (let i = 0; i < 3; i++) await searchOf(scopeOf(nodes[i]!), terms[i]!);
    const search: Sample[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const t = await timed(() => searchOf(scopeOf(nodes[i]!), terms[i]!));
      search.push({ ms: t.ms, level: nodes[i]!.level, value: t.value.length });
    }
    const searchAll: Sample[] = [];
    for (let i = 0; i < 20; i++) {
      const t = await timed(() => searchOf({ kind: 'all' }, terms[i]!));
      searchAll.push({ ms: t.ms, level: 'province', value: t.value.length });
    }

    // ---- roll-ups
    log('roll-ups');
    const today = todayCN();
    const counties = await x.q<{ id: number; path: string }>(`select id, path::text as path from organizations where level = 'county' order by id`);
    const rollups: { name: string; runs: number[]; total: number }[] = [];
    const runRollup = async (name: string, runs: number, fn: () => Promise<number>, scale = 1) => {
      const r: number[] = [];
      let total = 0;
      for (let i = 0; i < runs; i++) {
        const t = await timed(fn);
        t.ms *= scale;
        r.push(t.ms);
        total = t.value;
        log(`  ${name}: ${ms(t.ms)} ms (total ${total})`);
        if (!Number.isFinite(t.ms) || t.ms > 60_000) break;
      }
      rollups.push({ name, runs: r, total });
    };
    const breakdownTotal = async (path: string) => {
      const rows = await memberBreakdown(db, { kind: 'current', scope: { kind: 'all' }, path, asOf: today });
      return Number(rows.find((r) => r.dim === 'total')?.n ?? 0);
    };
    await runRollup('app: statistics/tallies.repository rollupByLevel (pre-aggregated member_tallies), gender × education × status for every county', 5, async () =>
      (await rollupByLevel(db, { kind: 'all' }, '1', 'county')).reduce((s, c) => s + c.n, 0),
    );
    await runRollup('range join over members (decision 0002 shape), gender × education for every county, one statement', 3, async () => sumN(await x.q(RANGE_ROLLUP)));
    const bc = counties.slice(0, Math.min(counties.length, BREAKDOWN_COUNTIES));
    await runRollup(bc.length === counties.length
      ? `app: statistics.repository memberBreakdown for each county (${counties.length} calls, all 7 dimensions)`
      : `app: statistics.repository memberBreakdown for each county — ${bc.length} of ${counties.length} calls timed, time and count scaled ×${(counties.length / bc.length).toFixed(1)}`, bc.length === counties.length ? 2 : 1, async () => {
      let s = 0;
      for (const c of bc) s += await breakdownTotal(c.path);
      return Math.round((s * counties.length) / bc.length);
    }, counties.length / bc.length);
    await runRollup('app: statistics.repository memberBreakdown for the province (1 call, all 7 dimensions, not per county)', 2, () => breakdownTotal('1'));
    await runRollup('baseline: recursive CTE over parent_id from every county', 2, async () => {
      const b = await baseline(x, BASE.cteRollup, []);
      if (!Number.isFinite(b.ms)) throw Object.assign(new Error('timeout'), { timeout: true });
      return sumN(b.rows);
    }).catch((e: { timeout?: boolean }) => {
      if (!e.timeout) throw e;
      rollups.push({ name: 'baseline: recursive CTE over parent_id from every county', runs: [Infinity], total: -1 });
    });
    await runRollup("baseline: comma path LIKE '%,county,%'", 1, async () => {
      const b = await baseline(x, BASE.likeRollup, []);
      if (!Number.isFinite(b.ms)) return -1;
      return sumN(b.rows);
    });
    // A timed-out baseline reports its timeout as a lower bound.
    for (const r of rollups) if (r.total === -1) r.runs = r.runs.map(() => Infinity);

    // ---- move a township under another county, one transaction (operations.service.move), and back
    log('move');
    const ctx: RequestContext = {
      actor: { userId: 0, username: 'bench', displayName: 'bench', role: 'admin', orgId: 1, orgPath: '1', memberId: null, mustChangePassword: false },
      scope: { kind: 'all' },
      requestId: 'bench-registry-scale',
      ip: null,
      locale: 'zh-CN',
    };
    const [town] = await x.q<{ id: number; path: string; parent_id: number }>(`select id, path::text as path, parent_id from organizations where level = 'township' order by hashint4(id + 7), id limit 1`);
    const [dest] = await x.q<{ id: number }>(`select id from organizations where level = 'county' and id <> $1 order by hashint4(id + 7), id limit 1`, [town!.parent_id]);
    const before = await subtreeCounts(db, town!.id, town!.path, 'township');
    const moves: { dir: string; ms: number; orgs: number; members: number; ok: boolean }[] = [];
    for (const [dir, target] of [['to another county', dest!.id], ['back', town!.parent_id]] as const) {
      const t = await timed(() => move(db, ctx, town!.id, target));
      const [now] = await x.q<{ path: string }>(`select path::text as path from organizations where id = $1`, [town!.id]);
      const [chk] = await x.q<{ n: number; bad: number }>(`
        select count(*)::int as n, count(*) filter (where o.path <> (p.path || o.id::text::ltree))::int as bad
        from organizations o left join organizations p on p.id = o.parent_id where o.path <@ $1::ltree`, [now!.path]);
      const ok = t.value.parentId === target && chk!.n === before.orgs && chk!.bad === 0 && t.value.subtreeMemberCount === before.members && now!.path === (target === town!.parent_id ? town!.path : `1.${target}.${town!.id}`);
      moves.push({ dir, ms: t.ms, orgs: chk!.n, members: t.value.subtreeMemberCount, ok });
      log(`  move ${dir}: ${ms(t.ms)} ms, ${chk!.n} orgs, ${t.value.subtreeMemberCount} members, ok=${ok}`);
    }

    // ---- import a 200,000-row .xlsx through the service `tongchou import members` uses.
    // Two files with the same rows: Chinese labels and names (as users fill the template), and an
    // ASCII-only twin (codes for enumerations, pinyin names): exceljs's streaming reader can split
    // a multi-byte UTF-8 character at a chunk boundary (exceljs issues #2084/#2316), which may
    // reject the Chinese file; the ASCII twin still measures the full validate + apply path.
    const imports: Record<string, unknown>[] = [];
    if (!opt['skip-import']) {
      for (const variant of ['zh', 'ascii'] as const) {
        const file = path.join(ROOT, `.tmp/scale-import-${IMPORT_ROWS}-o${shape.orgs}-${variant}.xlsx`);
        let genMs = 0;
        if (!fs.existsSync(file)) {
          log(`writing ${file}`);
          genMs = (await timed(() => writeImportFile(file, IMPORT_ROWS, shape.grids > 0 ? shape.firstGrid : shape.firstVillage, shape.orgs, variant))).ms;
        }
        const cipher = new FieldCipher(randomBytes(32));
        const who: Importer = { actor: { userId: null, username: 'cli' }, requestId: null, ip: null, scope: { kind: 'all' }, locale: 'zh-CN' };
        const { sha256, size } = await sha256File(file);
        log(`import ${path.basename(file)} (${(size / 1048576).toFixed(1)} MB)`);
        let validatedAt = 0;
        const t0 = performance.now();
        const jobId = await createJob(db, who, 'members', path.basename(file), { sha256, size });
        let lastLog = 0;
        const r = await runImport({
          db, engine: database.engine, cipher, who, jobId, kind: 'members', file, fileName: path.basename(file), sha256,
          onEvent: (e) => {
            if (e.phase === 'applying' && !validatedAt) validatedAt = performance.now();
            if (Date.now() - lastLog > 10_000) {
              lastLog = Date.now();
              log(`  ${e.phase} ${e.processed}/${e.total ?? '?'}`);
            }
          },
        });
        const end = performance.now();
        const corrupted = r.status === 'rejected' ? r.problems.filter((p) => p.message.includes('\uFFFD')).length : 0;
        const stored = r.status === 'done' ? Number((await x.q<{ n: number }>(`select count(*)::int as n from members where id_number_cipher like 'v1.%' and position(chr(65533) in name) > 0`))[0]!.n) : null;
        const rec = {
          variant, file: path.relative(ROOT, file), sizeMB: +(size / 1048576).toFixed(1), genMs, status: r.status, totalMs: end - t0,
          validateMs: validatedAt ? validatedAt - t0 : end - t0, applyMs: validatedAt ? end - validatedAt : null,
          result: r.status === 'done' ? r.counts : r.status === 'failed' ? r.message : { errorRows: r.errorRows, problemsWithReplacementChar: corrupted, first: r.problems.slice(0, 3) },
          namesWithReplacementCharStored: stored,
        };
        imports.push(rec);
        log(`  import ${variant}: ${JSON.stringify(rec)}`);
      }
    }

    // ---- EXPLAIN of the app's statements at their slowest node
    const explains: string[] = [];
    const explainApp = async (title: string, fn: (d: Kysely<DB>) => Promise<unknown>) => {
      const cap = capturing(db);
      await fn(cap.db);
      const q = cap.seen.at(-1)!;
      const plan = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain (analyze, buffers) ${q.sql}`, [...q.parameters]));
      const params = q.parameters.map((p) => (Array.isArray(p) ? `int[${p.length}]` : JSON.stringify(p)));
      explains.push(`### ${title}\n\n    ${q.sql.replace(/\s+/g, ' ')}\n    -- params: ${params.join(', ')}\n\n${plan.rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n')}\n`);
    };
    const slowest = (xs: Sample[]) => nodes[xs.indexOf(xs.reduce((a, b) => (b.ms > a.ms ? b : a)))]!;
    const sc = slowest(res.appCount!);
    await explainApp(`subtreeCounts, slowest node (${sc.level} ${sc.id})`, (d) => subtreeCounts(d, sc.id, sc.path, sc.level));
    const sp = slowest(res.appPage!);
    await explainApp(`listMembers first page, slowest node (${sp.level} ${sp.id})`, (d) => listMembers(d, scopeOf(sp), {}, { sort: 'id', order: 'asc', limit: 20 }));
    const ssIdx = search.indexOf(search.reduce((a, b) => (b.ms > a.ms ? b : a)));
    await explainApp(`listMembers search '${terms[ssIdx]}', slowest (${nodes[ssIdx]!.level} ${nodes[ssIdx]!.id})`, (d) => listMembers(d, scopeOf(nodes[ssIdx]!), { q: terms[ssIdx] }, { sort: 'id', order: 'asc', limit: 20 }));
    const rangePlan = await x.q<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${RANGE_ROLLUP}`);
    explains.push(`### range-join roll-up\n\n${rangePlan.map((r) => `    ${r['QUERY PLAN']}`).join('\n')}\n`);
    const ctePlan = await x.q<{ 'QUERY PLAN': string }>(`explain ${BASE.cteRollup}`);
    explains.push(`### recursive-CTE roll-up (plan only)\n\n${ctePlan.map((r) => `    ${r['QUERY PLAN']}`).join('\n')}\n`);

    // ---- print
    const levels = ['county', 'township', 'village', 'grid'];
    const byLevel = (xs: Sample[], l: string) => xs.filter((s) => s.level === l);
    const avg = (xs: Sample[]) => Math.round(xs.reduce((a, s) => a + s.value, 0) / Math.max(1, xs.length));
    out(`## Per-node questions, ms p50 / p95 over ${nodes.length} nodes (${Object.entries(perLevel).map(([l, k]) => `${k} ${l}`).join(', ')})\n`);
    out(`Baselines (recursive CTE, comma path LIKE) ran on the first ${bnodes.length} of these nodes (same level mix), each statement with a ${NODE_TIMEOUT} ms timeout on pg.\n`);
    out(table(['question', 'app (repository) p50 / p95', 'recursive CTE', "comma path LIKE", 'target'], [
      ['subtree member count — organizations.repository.subtreeCounts', fmt(res.appCount!), fmt(res.cteCount!), fmt(res.likeCount!), 'p95 < 20'],
      ['first member page (20 by id) — members.repository.listMembers', fmt(res.appPage!), fmt(res.ctePage!), fmt(res.likePage!), 'p95 < 20'],
      [`search, partial name in the node's subtree — listMembers {q}`, fmt(search), '', '', 'p95 < 50'],
      ['search, partial name, whole province (scope all), 20 queries', fmt(searchAll), '', '', 'p95 < 50'],
    ]));
    out(`\nAnswers: ${mismatches.length ? `${mismatches.length} mismatches: ${mismatches.slice(0, 5).join('; ')}` : 'app, CTE and LIKE returned the same count and the same first id on every node'}.\n`);
    out('By level (p50 / p95; members per subtree = average count):\n');
    out(table(['level', 'n (app / baselines)', 'members/subtree', 'app count', 'CTE count', 'LIKE count', 'app page', 'CTE page', 'LIKE page', 'app search'], levels.map((l) => [
      l, `${byLevel(res.appCount!, l).length} / ${byLevel(res.cteCount!, l).length}`, String(avg(byLevel(res.appCount!, l))),
      fmt(byLevel(res.appCount!, l)), fmt(byLevel(res.cteCount!, l)), fmt(byLevel(res.likeCount!, l)),
      fmt(byLevel(res.appPage!, l)), fmt(byLevel(res.ctePage!, l)), fmt(byLevel(res.likePage!, l)), fmt(byLevel(search, l)),
    ])));
    out(`\nSearch terms: 2-character substrings of member names (half from a member of the node, half from anywhere); ${search.filter((s) => s.value === 0).length} of ${search.length} scoped searches found nobody (the slowest case: the whole scope is searched).\n`);

    const cte = rollups.find((r) => r.name.startsWith('baseline: recursive'))!;
    const best = (r: { runs: number[] }) => Math.min(...r.runs);
    out(`## Roll-up: members by gender × education for every county (${counties.length} counties), ms per run\n`);
    out(table(['shape', 'runs (ms)', 'best', 'members counted', 'CTE best / this best'], rollups.map((r) => [
      r.name, r.runs.map((v) => (Number.isFinite(v) ? ms(v) : `>${BASELINE_TIMEOUT}`)).join(', '), Number.isFinite(best(r)) ? ms(best(r)) : `>${BASELINE_TIMEOUT}`,
      r.total === -1 ? '–' : r.total.toLocaleString('en'), r === cte ? '1' : Number.isFinite(best(cte)) && Number.isFinite(best(r)) ? `${(best(cte) / best(r)).toFixed(1)}×` : Number.isFinite(best(r)) ? `> ${(BASELINE_TIMEOUT / best(r)).toFixed(1)}×` : '–',
    ])));
    out('\nTarget: at least 10× faster than the recursive CTE and under 1 s.\n');

    out(`## Move a township (operations.service.move, one transaction incl. org_versions, event, audit, detail)\n`);
    out(table(['move', 'ms', 'organizations', 'members in subtree', 'verified'], moves.map((m) => [m.dir, ms(m.ms), String(m.orgs), String(m.members), m.ok ? 'ok' : 'FAILED'])));
    out();
    if (imports.length) {
      out(`## Import ${IMPORT_ROWS.toLocaleString('en')}-row .xlsx (imports.service runImport, as \`tongchou import members\`)\n`);
      out(table(['file', 'MB', 'status', 'validate s', 'apply s', 'total s', 'result', 'stored names with U+FFFD', 'target'], imports.map((imp) => [
        String(imp.file), String(imp.sizeMB), String(imp.status), ((imp.validateMs as number) / 1000).toFixed(1), imp.applyMs ? ((imp.applyMs as number) / 1000).toFixed(1) : '–',
        ((imp.totalMs as number) / 1000).toFixed(1), JSON.stringify(imp.result), String(imp.namesWithReplacementCharStored ?? '–'), '< 60 s'])));
      const gen = imports.filter((i) => i.genMs).map((i) => `${i.variant} ${((i.genMs as number) / 1000).toFixed(1)} s`);
      if (gen.length) out(`\n(writing the files with exceljs WorkbookWriter: ${gen.join(', ')}; not counted)`);
      out();
    }
    out('## Plans\n');
    out(explains.join('\n'));
    out(`Load average at end: ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}; wall time ${((Date.now() - started) / 1000).toFixed(0)} s.`);

    Object.assign(report, { nodes: perLevel, res: Object.fromEntries(Object.entries(res).map(([k, v]) => [k, { all: stat(v), byLevel: Object.fromEntries(levels.map((l) => [l, stat(byLevel(v, l))])) }])), search: { all: stat(search), byLevel: Object.fromEntries(levels.map((l) => [l, stat(byLevel(search, l))])), province: stat(searchAll) }, rollups, moves, imports, mismatches, wallS: (Date.now() - started) / 1000, loadEnd: os.loadavg() });
    fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, `.tmp/registry-scale-${ENGINE}.json`), JSON.stringify(report, (_k, v) => (v === Infinity ? 'Infinity' : v), 2));
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
