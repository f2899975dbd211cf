// The county-wide reads of the demo region (南湖区: 678 organizations, 20,000 members, a year of
// organizational life): each reminder source, the notice-centre counts behind the header bell, and
// the 组织生活 overview, timed in-process on PGlite or, with DATABASE_URL, on PostgreSQL.
//
//   npx tsx bench/county-reads.bench.ts [--data .tmp/bench-county] [--runs 3]
//
// The demo is seeded into --data on the first run (about 35 s) and reused afterwards; on
// PostgreSQL the database must be empty or already hold the demo.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { prepare } from '../src/bootstrap.ts';
import { openDatabase } from '../src/db/database.ts';
import { todayCN } from '../src/lib/dates.ts';
import { FieldCipher } from '../src/lib/secrets.ts';
import { overview } from '../src/modules/orglife/orglife.compliance.ts';
import { reminderProviders } from '../src/modules/reminders/providers.ts';
import { countsForOrg } from '../src/modules/reminders/reminders.service.ts';
import type { RequestContext } from '../src/server/context.ts';

const { values: args } = parseArgs({ options: { data: { type: 'string', default: '.tmp/bench-county' }, runs: { type: 'string', default: '3' } } });
const RUNS = Number(args.runs);
const dir = path.resolve(args.data);
fs.mkdirSync(dir, { recursive: true });
const database = process.env.DATABASE_URL ? await openDatabase({ databaseUrl: process.env.DATABASE_URL }) : await openDatabase({ pgliteDir: path.join(dir, 'pglite') });
const t0 = performance.now();
await prepare(database, new FieldCipher(Buffer.alloc(32, 7)), { seedDemo: true, adminPassword: 'BenchCounty2026' } as Parameters<typeof prepare>[2], () => undefined);
console.log(`engine ${database.engine}; ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (seeding the demo on the first run)`);
const { db } = database;
const n = async (table: string) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)).rows[0]!.n;
console.log(`organizations ${await n('organizations')}, members ${await n('members')}, meetings ${await n('orglife_meetings')}, attendance ${await n('orglife_attendance')}, paid months ${await n('dues_payment_months')}`);

const ctx = { scope: { kind: 'all' }, locale: 'zh-CN', requestId: 'bench', ip: null, actor: { userId: 0, username: 'bench', displayName: 'bench', role: 'admin', orgId: 1, orgPath: '1', memberId: null, permissions: [] } } as unknown as RequestContext;
const log = { warn: () => undefined };
const today = todayCN();

/** Median and worst of RUNS timed calls (after one warm-up), in milliseconds. */
async function time(label: string, f: () => Promise<unknown>) {
  await f();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(34)} median ${ms[Math.floor(ms.length / 2)]!.toFixed(0).padStart(6)} ms   worst ${ms[ms.length - 1]!.toFixed(0).padStart(6)} ms`);
}

console.log(`\nreminder sources, whole county (${today}, 30-day horizon):`);
for (const p of reminderProviders) {
  await time(`  ${p.source}`, () => p.provider(db, { kind: 'all' }, { subtreePath: '', today, horizonDays: 30, limit: 5000 }));
}
console.log('\nrequests (service layer, no HTTP):');
await time('  notice-centre counts (header bell)', () => countsForOrg(db, ctx, { horizonDays: 30 }, log));
await time('  组织生活 overview, this quarter', () => overview(db, ctx, {}));
await time('  组织生活 overview, this year', () => overview(db, ctx, { span: today.slice(0, 4) }));
await database.close();
