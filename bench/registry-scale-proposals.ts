/**
 * Follow-up to bench/registry-scale.bench.ts: measures two proposed fixes for the questions that
 * missed their targets, on the database that benchmark left behind (pg `tongchou_scale` or
 * PGlite .tmp/scale-pglite). Bench-only objects; both are dropped again at the end.
 *
 *   npx tsx bench/registry-scale-proposals.ts --engine pg|pglite [--nodes 200] [--sample-counties 10]
 *
 * (a) Subtree member count: the app's subtreeCounts filters `left_on is null`, so every member
 *     row is fetched from the heap. Proposed: a partial index `members (org_id) where left_on is null`
 *     (index-only scan). Timed before/after on the same nodes as the main bench.
 * (b) Province roll-up: every shape scans all members. Proposed: pre-aggregated counts per
 *     village-level organization (org_id, gender, education, n), kept current by the writes that
 *     change members (or refreshed); the roll-up then reads ≈ 20k × 12 rows. Build + query timed.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/database.ts';
import { subtreeCounts } from '../src/modules/organizations/organizations.repository.ts';
import { execOf } from './lib/engine.ts';
import { ms, percentile, table } from './lib/measure.ts';

const { values: opt } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pg' },
    nodes: { type: 'string', default: '200' },
    'sample-counties': { type: 'string', default: '10' },
    'pg-url': { type: 'string', default: process.env.TONGCHOU_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432' },
  },
});
const NODES = Number(opt.nodes);
const log = (m: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${m}\n`);

async function main() {
  const url = new URL(opt['pg-url']);
  url.pathname = '/tongchou_scale';
  const database = opt.engine === 'pg' ? await openDatabase({ databaseUrl: url.toString(), poolSize: 2 }) : await openDatabase({ pgliteDir: path.resolve(import.meta.dirname, '../.tmp/scale-pglite') });
  const db = database.db;
  const x = execOf(db);
  try {
    const [{ counties } = { counties: 0 }] = await x.q<{ counties: number }>(`select count(*)::int as counties from organizations where level = 'county'`);
    // the same node sample as the main bench
    const perLevel: Record<string, number> = { county: Math.min(counties, Number(opt['sample-counties']), Math.round(NODES * 0.2)) };
    const rest = NODES - perLevel.county!;
    perLevel.township = Math.round(rest / 3);
    perLevel.village = Math.round(rest / 3);
    perLevel.grid = rest - perLevel.township - perLevel.village;
    const nodes: { id: number; path: string; level: string }[] = [];
    for (const [level, k] of Object.entries(perLevel)) nodes.push(...(await x.q<{ id: number; path: string; level: string }>(`select id, path::text as path, level from organizations where level = $1 order by hashint4(id + 20261201), id limit $2`, [level, k])));
    nodes.sort((a, b) => ((a.id * 2654435761) % 1000) - ((b.id * 2654435761) % 1000));

    const timeCounts = async () => {
      for (const n of nodes.slice(0, 3)) await subtreeCounts(db, n.id, n.path, n.level);
      const t: { ms: number; level: string; n: number }[] = [];
      for (const n of nodes) {
        const t0 = performance.now();
        const r = await subtreeCounts(db, n.id, n.path, n.level);
        t.push({ ms: performance.now() - t0, level: n.level, n: Number(r.members) });
      }
      return t;
    };
    const fmt = (xs: { ms: number }[]) => {
      const s = xs.map((v) => v.ms).sort((a, b) => a - b);
      return `${ms(percentile(s, 50))} / ${ms(percentile(s, 95))}`;
    };
    const levels = ['county', 'township', 'village', 'grid'];
    log('(a) subtreeCounts, current schema');
    const before = await timeCounts();
    log('(a) creating bench_members_current_org');
    const t0 = performance.now();
    await x.q(`create index bench_members_current_org on members (org_id) where left_on is null`);
    await x.q(`vacuum analyze members`);
    const buildMs = performance.now() - t0;
    const [{ sz } = { sz: 0 }] = await x.q<{ sz: number }>(`select pg_relation_size('bench_members_current_org')::bigint as sz`);
    const after = await timeCounts();
    const same = before.every((b, i) => b.n === after[i]!.n);
    const plan = await x.q<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) select count(*) from members m where m.left_on is null and m.org_id = any(array(select id from organizations where path <@ $1::ltree))`, [nodes.find((n) => n.level === 'county')?.path ?? '1']);
    await x.q(`drop index bench_members_current_org`);

    log('(b) pre-aggregated per-village counts');
    await x.q(`drop table if exists bench_member_rollup`);
    const b0 = performance.now();
    await x.q(`create table bench_member_rollup as
      select case when nlevel(o.path) >= 4 then ltree2text(subpath(o.path, 3, 1))::int else o.id end as org_id, m.gender, m.education, count(*)::int as n
      from members m join organizations o on o.id = m.org_id where m.left_on is null group by 1, 2, 3`);
    await x.q(`create index on bench_member_rollup (org_id)`);
    await x.q(`analyze bench_member_rollup`);
    const rollBuild = performance.now() - b0;
    const [{ rows } = { rows: 0 }] = await x.q<{ rows: number }>(`select count(*)::int as rows from bench_member_rollup`);
    const Q = `select c.id as county_id, r.gender, r.education, sum(r.n)::int as n
      from organizations c
      join organizations o on o.path >= c.path and o.path < c.path || 'z'::ltree
      join bench_member_rollup r on r.org_id = o.id
      where c.level = 'county' group by 1, 2, 3`;
    const runs: number[] = [];
    let total = 0;
    for (let i = 0; i < 5; i++) {
      const q0 = performance.now();
      const r = await x.q<{ n: number }>(Q);
      runs.push(performance.now() - q0);
      total = r.reduce((a, v) => a + Number(v.n), 0);
    }
    const rplan = await x.q<{ 'QUERY PLAN': string }>(`explain (analyze) ${Q}`);
    await x.q(`drop table bench_member_rollup`);

    process.stdout.write(`# registry-scale proposals — ${database.engine}\n\n`);
    process.stdout.write(`## (a) subtreeCounts with a partial index members (org_id) where left_on is null\n\nIndex build + vacuum analyze ${(buildMs / 1000).toFixed(1)} s, ${(Number(sz) / 1048576).toFixed(0)} MB; same answers: ${same}.\n\n`);
    process.stdout.write(table(['nodes', 'current p50 / p95', 'with index p50 / p95'], [['all', fmt(before), fmt(after)], ...levels.map((l) => [l, fmt(before.filter((v) => v.level === l)), fmt(after.filter((v) => v.level === l))])]) + '\n\n');
    process.stdout.write(`Plan (county, count part, with the index):\n\n${plan.map((r) => `    ${r['QUERY PLAN']}`).join('\n')}\n\n`);
    process.stdout.write(`## (b) roll-up from pre-aggregated per-village counts\n\nBuild (one pass over members) ${(rollBuild / 1000).toFixed(1)} s, ${rows} rows; members counted ${total}.\nRuns (ms): ${runs.map(ms).join(', ')}; best ${ms(Math.min(...runs))}.\n\n${rplan.map((r) => `    ${r['QUERY PLAN']}`).join('\n')}\n`);
  } finally {
    await database.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
