// Runs the real Tongchou server for browser tests: its own data directory (PGlite) or, when
// TEST_DATABASE_URL is set, its own `tongchou_e2e_<random>` database on that PostgreSQL server —
// each a copy of the demo region seeded once per run (see demoTemplate), or empty with `fresh`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ADMIN_PASSWORD = 'E2eAdmin2024x';

export interface RunningServer {
  url: string;
  adminPassword: string;
  /** What the server printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/** Build dist/web unless it is newer than its sources (same rule as `npm start`). */
export function buildWebIfStale() {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-web-if-stale.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building the web UI failed:\n${r.stdout}\n${r.stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function withAdminDb<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`TEST_DATABASE_URL is set but the PostgreSQL server is unreachable: ${String(err)}`, { cause: err });
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited early (code ${child.exitCode ?? child.signalCode}):\n${output()}`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer /api/health within ${timeoutMs / 1000} s:\n${output()}`);
}

interface Spawned {
  url: string;
  output(): string;
  /** SIGTERM, then SIGKILL after 10 s; resolves when the process has exited. */
  kill(): Promise<void>;
}

/** Start `tongchou serve` on a free port with this data directory (and database, for PostgreSQL) and wait for /api/health. */
async function spawnServer(dataDir: string, databaseUrl: string | null, timeoutMs: number): Promise<Spawned> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    TONGCHOU_DATA_DIR: dataDir,
    TONGCHOU_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  let log = '';
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/tongchou.js'), 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, () => log, timeoutMs);
  } catch (err) {
    await kill();
    throw err;
  }
  return { url, output: () => log, kill };
}

/** A database URL on the same server as `base`, named `name`. */
function databaseUrl(base: string, name: string) {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * What the demo is built from: every source file of the server, and the China date (the demo is
 * dated relative to today). A template made from other sources or on another day is not used.
 */
function demoKey(engine: string): string {
  const h = createHash('sha1');
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|js|json|mjs)$/.test(e.name)) h.update(p).update(fs.readFileSync(p));
    }
  };
  walk(path.join(ROOT, 'src'));
  h.update(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())).update(engine);
  return h.digest('hex').slice(0, 16);
}

const TEMPLATE_PREFIX = 'tongchou-e2e-demo-';

/**
 * The demo region, migrated and seeded once per run (per source version and day) and copied for
 * every browser-test server: a data directory (PGlite's files and the ID-number key) and, on
 * PostgreSQL, a template database. Seeding the 20,000-member demo takes most of a server's first
 * start; copying takes a second or two. A template is complete only when its `ready` file exists.
 */
async function demoTemplate(testDbUrl: string | undefined, timeoutMs: number): Promise<{ dir: string; dbName: string | null }> {
  const engine = testDbUrl ? `pg:${testDbUrl}` : 'pglite';
  const key = demoKey(engine);
  const dir = path.join(os.tmpdir(), `${TEMPLATE_PREFIX}${testDbUrl ? 'pg' : 'pglite'}-${key}`);
  const dbName = testDbUrl ? `tongchou_e2e_demo_${key}` : null;
  const ready = path.join(dir, 'ready');
  if (fs.existsSync(ready)) return { dir, dbName };

  // Earlier templates of this engine (other sources or days) are not needed any more.
  for (const e of fs.readdirSync(os.tmpdir())) {
    if (e.startsWith(`${TEMPLATE_PREFIX}${testDbUrl ? 'pg' : 'pglite'}-`) && path.join(os.tmpdir(), e) !== dir) fs.rmSync(path.join(os.tmpdir(), e), { recursive: true, force: true });
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  if (testDbUrl && dbName) {
    await withAdminDb(testDbUrl, async (c) => {
      const old = await c.query<{ datname: string }>(`select datname from pg_database where datname like 'tongchou_e2e_demo_%'`);
      for (const r of old.rows) await c.query(`drop database if exists ${quoteIdent(r.datname)} with (force)`);
      await c.query(`create database ${quoteIdent(dbName)}`);
    });
  }
  const server = await spawnServer(dir, testDbUrl && dbName ? databaseUrl(testDbUrl, dbName) : null, timeoutMs);
  await server.kill();
  fs.rmSync(path.join(dir, 'pglite.lock'), { force: true });
  fs.writeFileSync(ready, new Date().toISOString());
  return { dir, dbName };
}

/**
 * A running server on its own copy of the demo region (or, with `fresh`, on an empty data directory
 * and database, so that the first start itself is what is tested). `TONGCHOU_SEED_DEMO=0` in the
 * environment also means a fresh start without the demo.
 */
export async function startServer(opts: { timeoutMs?: number; fresh?: boolean } = {}): Promise<RunningServer> {
  buildWebIfStale();
  const timeoutMs = opts.timeoutMs ?? 240_000;
  const testDbUrl = process.env.TEST_DATABASE_URL;
  const fresh = opts.fresh === true || process.env.TONGCHOU_SEED_DEMO === '0';
  const template = fresh ? null : await demoTemplate(testDbUrl, timeoutMs);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongchou-e2e-'));
  if (template) {
    fs.cpSync(template.dir, dataDir, { recursive: true, filter: (src) => path.basename(src) !== 'ready' });
  }
  let dropDb: (() => Promise<void>) | null = null;
  let dbUrl: string | null = null;
  if (testDbUrl) {
    const name = `tongchou_e2e_${randomBytes(6).toString('hex')}`;
    await withAdminDb(testDbUrl, (c) => c.query(`create database ${quoteIdent(name)}${template?.dbName ? ` template ${quoteIdent(template.dbName)}` : ''}`));
    dbUrl = databaseUrl(testDbUrl, name);
    dropDb = () => withAdminDb(testDbUrl, (c) => c.query(`drop database if exists ${quoteIdent(name)} with (force)`)).then(() => undefined);
  }
  const cleanup = async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (dropDb) await dropDb();
  };

  let server: Spawned;
  try {
    server = await spawnServer(dataDir, dbUrl, timeoutMs);
  } catch (err) {
    await cleanup();
    throw err;
  }
  const stop = async () => {
    await server.kill();
    await cleanup();
  };
  return { url: server.url, adminPassword: ADMIN_PASSWORD, output: server.output, stop };
}
