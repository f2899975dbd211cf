/**
 * Organization-tree storage benchmark (prints figures; not a test).
 *
 *   npx tsx bench/tree-storage.bench.ts [--engine pg|pglite|both] [--orgs 100000] [--members 3000000]
 *       [--counties 10] [--runs 50] [--county-runs 10] [--denorm-gist] [--pg-url postgres://postgres@127.0.0.1:5432]
 *
 * Builds one deterministic tree + members per engine (server-side generate_series), copies the
 * tree into one set of tables per strategy (s1 … s6, see lib/strategies.ts), then times:
 * (a) subtree org ids, (b) subtree member count, (c) first page of 20 members by id,
 * (d) gender × education roll-up for every county and for one county, (e) moving a township
 * under another county in one transaction (verified), (f) EXPLAIN of the key s1 queries.
 * Results go to stdout as markdown tables; progress goes to stderr.
 * The pg database `tongchou_bench` / the PGlite dir .tmp/bench-pglite are removed at the end.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { generateDataset, readShape, sampler, type TreeShape } from './lib/dataset.ts';
import { describeEngine, openBenchEngine, type EngineName, type Exec } from './lib/engine.ts';
import { mb, measure, ms, table, time, type Timing } from './lib/measure.ts';
import { benchMoves, type MoveResult } from './lib/moves.ts';
import { countMembers, listOrgs, pageMembers, rollupAll, rollupOne, type Variant } from './lib/queries.ts';
import { STRATEGIES, type Node } from './lib/strategies.ts';

const { values: opt } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    orgs: { type: 'string', default: '100000' },
    members: { type: 'string', default: '3000000' },
    counties: { type: 'string', default: '10' },
    runs: { type: 'string', default: '50' },
    'county-runs': { type: 'string', default: '10' },
    'denorm-gist': { type: 'boolean', default: false },
    'pg-url': { type: 'string', default: process.env.TONGCHOU_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432' },
  },
});
const int = (v: string | undefined, name: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
};
const ORGS = int(opt.orgs, 'orgs');
const MEMBERS = int(opt.members, 'members');
const COUNTIES = int(opt.counties, 'counties');
const RUNS = int(opt.runs, 'runs');
const COUNTY_RUNS = int(opt['county-runs'], 'county-runs');
const DENORM_GIST = opt['denorm-gist'] === true;
const engines: EngineName[] =
  opt.engine === 'both' ? ['pg', 'pglite'] : opt.engine === 'pg' || opt.engine === 'pglite' ? [opt.engine] : [];
if (engines.length === 0) throw new Error('--engine must be pg, pglite or both');

const log = (msg: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

type Level = 'township' | 'county' | 'city';
/** Runs per level: township/county queries over random nodes; the city roll-up is one query (slow ones run once). */
const RUN_PLAN: Record<Level, { maxRuns: number; minRuns: number; budgetMs: number; warmup: number }> = {
  township: { maxRuns: RUNS, minRuns: 5, budgetMs: 3_000, warmup: 2 },
  county: { maxRuns: COUNTY_RUNS, minRuns: 5, budgetMs: 3_000, warmup: 1 },
  city: { maxRuns: 3, minRuns: 1, budgetMs: 4_000, warmup: 0 },
};
interface EngineReport {
  engine: EngineName;
  version: string;
  shape: TreeShape;
  load: [string, number][];
  sizes: string[][];
  timings: Map<string, Timing>;
  moves: Map<string, MoveResult>;
  explains: string[];
}
interface Question {
  id: string;
  title: string;
  variants: Variant[];
  levels: Level[];
}
const QUESTIONS: Question[] = [
  { id: 'a', title: 'subtree org ids', variants: listOrgs, levels: ['township', 'county'] },
  { id: 'b', title: 'count members in subtree', variants: countMembers, levels: ['township', 'county'] },
  { id: 'c', title: 'first 20 members by id', variants: pageMembers, levels: ['township', 'county'] },
  { id: 'd', title: 'gender × education, every county', variants: rollupAll, levels: ['city'] },
  { id: "d'", title: 'gender × education, one county', variants: rollupOne, levels: ['county'] },
];
const enabled = (v: Variant) => DENORM_GIST || !v.needsDenormGist;
const caseKey = (q: Question, level: Level, v: Variant) => `${q.id}|${level}|${v.strategy.key}|${v.name}`;

async function sizesOf(x: Exec, tables: string[]): Promise<{ total: number; rows: string[][] }> {
  const rows: string[][] = [];
  let total = 0;
  for (const t of tables) {
    const [r] = await x.q<{ n: number; heap: number; idx: number; tot: number; names: string }>(
      `select (select count(*) from ${t})::int as n, pg_relation_size('${t}')::bigint as heap,
              pg_indexes_size('${t}')::bigint as idx, pg_total_relation_size('${t}')::bigint as tot,
              (select string_agg(i.indexrelid::regclass || ' ' || pg_size_pretty(pg_relation_size(i.indexrelid)), ', ')
                 from pg_index i where i.indrelid = '${t}'::regclass) as names`,
    );
    if (!r) continue;
    total += r.tot;
    rows.push([t, String(r.n), mb(r.heap), mb(r.idx), mb(r.tot), r.names]);
  }
  return { total, rows };
}

async function runEngine(name: EngineName): Promise<EngineReport> {
  log(`${name}: opening`);
  const eng = await openBenchEngine(name, opt['pg-url']);
  try {
    const x = eng.x;
    const report: EngineReport = {
      engine: name,
      version: await describeEngine(x),
      shape: { byLevel: {}, members: 0, townships: [], counties: [] },
      load: [],
      sizes: [],
      timings: new Map(),
      moves: new Map(),
      explains: [],
    };
    log(`${name}: generating ${ORGS} orgs / ${MEMBERS} members`);
    report.load.push(['dataset: tb_org_src + tb_members (+pk, (org_id,id), vacuum analyze)', (await time(() =>
      generateDataset(x, { orgs: ORGS, members: MEMBERS, counties: COUNTIES }))).ms]);
    report.shape = await readShape(x);
    report.sizes.push(...(await sizesOf(x, ['tb_org_src', 'tb_members'])).rows);
    for (const s of STRATEGIES) {
      log(`${name}: building ${s.key} ${s.label}`);
      const { ms: t } = await time(() => s.build(x, { denormGist: DENORM_GIST }));
      const sz = await sizesOf(x, s.tables);
      report.load.push([`${s.key} ${s.label} (total ${mb(sz.total)} MB)`, t]);
      report.sizes.push(...sz.rows);
    }

    const pick = sampler(20261123);
    const samples: Record<Level, number[]> = {
      township: pick(report.shape.townships, RUNS),
      county: pick(report.shape.counties, COUNTY_RUNS),
      city: [1],
    };
    const nodes = new Map<string, Node>();
    const allIds = [...new Set([...samples.township, ...samples.county, 1])];
    for (const s of STRATEGIES) for (const id of allIds) nodes.set(`${s.key}:${id}`, await s.resolve(x, id));
    const node = (v: Variant, id: number): Node => nodes.get(`${v.strategy.key}:${id}`) as Node;

    for (const q of QUESTIONS) {
      for (const level of q.levels) {
        for (const v of q.variants.filter(enabled)) {
          log(`${name}: (${q.id}) ${level} ${v.strategy.key} ${v.name}`);
          const t = await measure(samples[level], (id) => v.run(x, node(v, id)), RUN_PLAN[level]);
          report.timings.set(caseKey(q, level, v), t);
        }
      }
    }

    // (f) plans of the key queries, and how the organization tables are read (index or seq scan).
    const explainOf = async (vs: Variant[], key: string, variant: string, id: number, label: string, analyze = true) => {
      const v = vs.find((c) => c.strategy.key === key && c.name === variant);
      if (!v?.sql) return;
      const n = node(v, id);
      const ids = v.twoStep ? (await x.q<{ id: number }>(v.strategy.subtree(n))).map((r) => r.id) : [];
      const sqlText = v.sql(n);
      const opts = analyze ? 'analyze, timing off, summary off, buffers off' : 'costs on';
      const plan = (await x.q<{ 'QUERY PLAN': string }>(`explain (${opts}) ${sqlText}`, v.twoStep ? [ids] : []))
        .map((r) => r['QUERY PLAN'].replace(/'\{(\d+,\d+,\d+),[\d,]{40,}\}'/g, (_m, head: string) => `'{${head},… ${ids.length} ids}'`))
        .join('\n');
      const access = [...plan.matchAll(/([A-Za-z ]*Scan)(?: using \w+)? on (s\d_org\w*)/g)].map((m) => `${m[1]?.trim()} on ${m[2]}`);
      const step1 = v.twoStep ? `-- step 1 (${ids.length} ids): ${v.strategy.subtree(n)}\n` : '';
      report.explains.push(`-- ${label}, ${key} ${v.name}  [org tables read by: ${access.join(', ') || 'n/a (ids bound as $1)'}]` +
        `\n${step1}${sqlText.replace(/\s+/g, ' ')}\n${plan}`);
    };
    const [twp, cty] = [samples.township[0] ?? 1, samples.county[0] ?? 1];
    await explainOf(listOrgs, 's1', 'subtree ids', twp, '(a) township');
    await explainOf(listOrgs, 's1', 'subtree ids', cty, '(a) county');
    await explainOf(countMembers, 's1', 'two-step any($1::int[])', cty, '(b) county');
    await explainOf(countMembers, 's1', 'join', cty, '(b) county');
    await explainOf(pageMembers, 's1', 'two-step any($1::int[])', twp, '(c) township');
    await explainOf(pageMembers, 's1', 'two-step any($1::int[])', cty, '(c) county');
    await explainOf(pageMembers, 's1', 'ids-first any(array(…))', cty, '(c) county');
    await explainOf(rollupAll, 's2', 'join counties on btree range', 1, '(d) city');
    await explainOf(rollupAll, 's1', 'join counties on path <@ c.path', 1, '(d) city (plan only)', false);
    await explainOf(rollupOne, 's1', 'two-step any($1::int[])', cty, "(d') county");

    // (e) moves last: they mutate the strategy tables.
    const parentOf = new Map(
      (await x.q<{ id: number; parent_id: number }>('select id, parent_id from tb_org_src where level = \'township\''))
        .map((r) => [r.id, r.parent_id]),
    );
    const counties = report.shape.counties;
    const moves = [...new Set(samples.township)].slice(0, 3).map((t) => {
      const from = parentOf.get(t) ?? 0;
      const to = counties[(counties.indexOf(from) + 1) % counties.length] ?? from;
      return { township: t, from, to };
    });
    for (const s of STRATEGIES) {
      log(`${name}: (e) moves ${s.key}`);
      report.moves.set(s.key, await benchMoves(x, s, moves));
    }
    return report;
  } finally {
    await eng.dispose();
    log(`${name}: disposed`);
  }
}

function printReports(reports: EngineReport[]): void {
  const out: string[] = [];
  const first = reports[0];
  if (!first) return;
  out.push(`# Tree storage benchmark — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, node ${process.version}`);
  out.push(`command: npx tsx bench/tree-storage.bench.ts --engine ${opt.engine} --orgs ${ORGS} --members ${MEMBERS} --counties ${COUNTIES} --runs ${RUNS} --county-runs ${COUNTY_RUNS}${DENORM_GIST ? ' --denorm-gist' : ''}`);
  out.push(`tree: ${Object.entries(first.shape.byLevel).map(([l, n]) => `${l} ${n}`).join(', ')}; members ${first.shape.members}`);
  for (const r of reports) out.push(`${r.engine}: ${r.version}`);

  out.push('\n## Load time (s)\n');
  out.push(table(['step', ...reports.map((r) => r.engine)], (first.load).map(([step], i) =>
    [step, ...reports.map((r) => ((r.load[i]?.[1] ?? NaN) / 1000).toFixed(1))])));

  for (const r of reports) {
    out.push(`\n## Sizes on ${r.engine} (MB)\n`);
    out.push(table(['table', 'rows', 'heap', 'indexes', 'total', 'index sizes'], r.sizes));
  }

  out.push('\n## Query latency, ms (p50 / p95, n runs; warm cache)\n');
  const head = ['q', 'level', 'strategy', 'shape', ...reports.map((r) => `${r.engine} p50 / p95 (n)`), 'check'];
  const rows: string[][] = [];
  for (const q of QUESTIONS) {
    for (const level of q.levels) {
      const checks = q.variants.map((v) => first.timings.get(caseKey(q, level, v))?.check);
      const ref = checks.find((c) => c !== undefined);
      for (const v of q.variants.filter(enabled)) {
        const key = caseKey(q, level, v);
        const agree = reports.every((r) => r.timings.get(key)?.check === ref);
        rows.push([`(${q.id}) ${q.title}`, level, `${v.strategy.key} ${v.strategy.label}`, v.name,
          ...reports.map((r) => {
            const t = r.timings.get(key);
            return t ? `${ms(t.p50)} / ${ms(t.p95)} (${t.n})` : '–';
          }),
          agree ? 'ok' : 'MISMATCH']);
      }
    }
  }
  out.push(table(head, rows));

  out.push('\n## (e) Move a township under another county, one transaction (ms; 3 moves + 3 moves back)\n');
  out.push(table(['strategy', 'orgs/move', ...reports.map((r) => `${r.engine} p50 / max`), 'verified'],
    STRATEGIES.map((s) => [`${s.key} ${s.label}`, String(first.moves.get(s.key)?.orgsMoved ?? '–'),
      ...reports.map((r) => {
        const m = r.moves.get(s.key);
        return m ? `${ms(m.p50)} / ${ms(m.max)}` : '–';
      }),
      reports.every((r) => r.moves.get(s.key)?.ok) ? 'ok' : 'FAILED'])));
  for (const r of reports) for (const m of r.moves.values()) for (const p of m.problems) out.push(`  ${r.engine}: ${p}`);

  for (const r of reports) {
    out.push(`\n## (f) EXPLAIN ANALYZE on ${r.engine} (key queries; one township / county sample)\n`);
    out.push(r.explains.join('\n\n'));
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

const reports: EngineReport[] = [];
for (const e of engines) {
  const t0 = performance.now();
  reports.push(await runEngine(e));
  log(`${e}: done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
printReports(reports);
