// Latency of the organization-tree API under concurrent load (autocannon), on a synthetic tree
// of N organizations served by the real server process (`tongchou serve`) on PGlite or, with
// DATABASE_URL set, on PostgreSQL.
//
//   npx tsx bench/tree-api.bench.ts [--orgs 100000] [--connections 50] [--duration 20]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

const { values: args } = parseArgs({
  options: { orgs: { type: 'string', default: '100000' }, connections: { type: 'string', default: '50' }, duration: { type: 'string', default: '20' }, port: { type: 'string', default: '3917' } },
});
const ORGS = Number(args.orgs);
const PORT = Number(args.port);
const BASE = `http://127.0.0.1:${PORT}`;
const DATA = path.resolve('.tmp/bench-api');
const PASSWORD = 'BenchAdmin2026';
const NEW_PASSWORD = 'BenchAdmin2027';

/** A city → 10 counties → 30 townships → villages → grids tree of exactly ORGS nodes, inserted in batches. */
async function buildTree(): Promise<number[]> {
  fs.rmSync(DATA, { recursive: true, force: true });
  const database = process.env.DATABASE_URL ? await openDatabase({ databaseUrl: process.env.DATABASE_URL }) : await openDatabase({ pgliteDir: path.join(DATA, 'pglite') });
  const { db } = database;
  await migrateToLatest(db);
  if (process.env.DATABASE_URL) await sql`truncate organizations, members, users, sessions cascade`.execute(db);
  type Row = { id: number; parent_id: number | null; path: string; code: string; name: string; kind: string; level: string; domain: string; sort_order: number };
  const rows: Row[] = [];
  const add = (parent: Row | null, name: string, kind: string, level: string) => {
    const id = rows.length + 1;
    const row = { id, parent_id: parent?.id ?? null, path: parent ? `${parent.path}.${id}` : String(id), code: `B${id}`, name, kind, level, domain: 'local', sort_order: id };
    rows.push(row);
    return row;
  };
  const city = add(null, '中共测试市委员会', 'committee', 'city');
  const counties = Array.from({ length: 10 }, (_, i) => add(city, `中共测试市第${i + 1}区委员会`, 'committee', 'county'));
  const towns = counties.flatMap((c, ci) => Array.from({ length: 30 }, (_, i) => add(c, `中共第${ci + 1}区第${i + 1}镇委员会`, 'committee', 'township')));
  const perTownVillages = Math.max(1, Math.floor((ORGS - rows.length) / towns.length / 4));
  const villages = towns.flatMap((t, ti) => Array.from({ length: perTownVillages }, (_, i) => add(t, `中共第${ti + 1}镇第${i + 1}村委员会`, 'committee', 'village')));
  for (let i = 0; rows.length < ORGS; i++) add(villages[i % villages.length]!, `中共第${i + 1}网格支部委员会`, 'branch', 'grid');
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += 2000) await db.insertInto('organizations').values(rows.slice(i, i + 2000)).execute();
  await sql`select setval(pg_get_serial_sequence('organizations', 'id'), ${rows.length + 1}, false)`.execute(db);
  await sql`analyze organizations`.execute(db);
  console.log(`tree: ${rows.length} organizations inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await database.close();
  return [...towns.map((t) => t.id), ...villages.map((v) => v.id), ...counties.map((c) => c.id)];
}

async function startServer() {
  const child = spawn(process.execPath, ['bin/tongchou.js', 'serve'], {
    env: { ...process.env, PORT: String(PORT), TONGCHOU_DATA_DIR: DATA, TONGCHOU_ADMIN_PASSWORD: PASSWORD, TONGCHOU_SEED_DEMO: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error('server did not start');
}

async function signIn(): Promise<Record<string, string>> {
  const login = await fetch(`${BASE}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const me = (await login.json()) as { csrfToken: string };
  const change = await fetch(`${BASE}/api/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': me.csrfToken },
    body: JSON.stringify({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
  });
  if (!change.ok) throw new Error(`password change failed: ${change.status}`);
  return { cookie };
}

async function run(title: string, headers: Record<string, string>, nextPath: () => string) {
  const result = await autocannon({
    url: BASE,
    connections: Number(args.connections),
    duration: Number(args.duration),
    headers,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: nextPath() }) }],
  });
  const l = result.latency;
  console.log(
    `${title.padEnd(34)} req/s ${String(Math.round(result.requests.average)).padStart(6)}  p50 ${String(l.p50).padStart(4)} ms  p90 ${String(l.p90).padStart(4)} ms  p99 ${String(l.p99).padStart(4)} ms  max ${String(l.max).padStart(5)} ms  non-2xx ${result.non2xx}  errors ${result.errors}`,
  );
}

const parents = await buildTree();
const server = await startServer();
try {
  const headers = await signIn();
  let n = 0;
  const pick = () => parents[(n = (n * 1103515245 + 12345) % 2147483648) % parents.length]!;
  console.log(`engine ${process.env.DATABASE_URL ? 'postgresql' : 'pglite'}, ${ORGS} orgs, ${args.connections} connections, ${args.duration} s each`);
  await run('GET /api/orgs/roots', headers, () => '/api/orgs/roots');
  await run('GET /api/orgs/:id/children', headers, () => `/api/orgs/${pick()}/children`);
  await run('GET /api/orgs/search?q=…', headers, () => `/api/orgs/search?q=${encodeURIComponent(`第${(pick() % 300) + 1}镇`)}`);
  await run('GET /api/orgs/:id (detail+counts)', headers, () => `/api/orgs/${pick()}`);
} finally {
  server.kill('SIGTERM');
}
