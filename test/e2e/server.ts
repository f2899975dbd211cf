// Runs the real Tongchou server for browser tests: fresh data directory (PGlite) or, when
// TEST_DATABASE_URL is set, a fresh `tongchou_e2e_<random>` database on that PostgreSQL server.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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

export async function startServer(opts: { timeoutMs?: number } = {}): Promise<RunningServer> {
  buildWebIfStale();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongchou-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    TONGCHOU_DATA_DIR: dataDir,
    TONGCHOU_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;

  let dropDb: (() => Promise<void>) | null = null;
  const testDbUrl = process.env.TEST_DATABASE_URL;
  if (testDbUrl) {
    const name = `tongchou_e2e_${randomBytes(6).toString('hex')}`;
    await withAdminDb(testDbUrl, (c) => c.query(`create database ${quoteIdent(name)}`));
    const url = new URL(testDbUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDb = () => withAdminDb(testDbUrl, (c) => c.query(`drop database if exists ${quoteIdent(name)} with (force)`)).then(() => undefined);
  }

  let log = '';
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/tongchou.js'), 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = () => log;
  const url = `http://127.0.0.1:${port}`;

  const cleanup = async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (dropDb) await dropDb();
  };

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await cleanup();
  };

  try {
    // First start migrates and seeds the 嘉兴市南湖区 demo (678 organizations, 20,000 members).
    await waitForHealth(url, child, output, opts.timeoutMs ?? 150_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, adminPassword: ADMIN_PASSWORD, output, stop };
}
