#!/usr/bin/env node
// Rebuild the web UI (dist/web) when it is missing or older than its sources:
// anything under web/, src/shared/, or an API schema (src/modules/**/*.schemas.ts) the UI's types come from.
// Usage: node scripts/build-web-if-stale.mjs [--check]   (--check: only report, exit 1 when stale)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const output = path.join(root, 'dist/web/index.html');
const SKIP_DIRS = new Set(['node_modules', 'dist', '.vite']);

/** Newest mtime (ms) among files under dir that pass the filter, with the file's path. */
function newest(dir, filter = () => true) {
  let best = { mtime: 0, file: null };
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return best;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (SKIP_DIRS.has(e.name)) continue;
      const sub = newest(p, filter);
      if (sub.mtime > best.mtime) best = sub;
    } else if (e.isFile() && filter(p)) {
      const mtime = fs.statSync(p).mtimeMs;
      if (mtime > best.mtime) best = { mtime, file: p };
    }
  }
  return best;
}

export function staleReason() {
  if (!fs.existsSync(output)) return 'dist/web/index.html is missing';
  const built = fs.statSync(output).mtimeMs;
  const sources = [
    newest(path.join(root, 'web')),
    newest(path.join(root, 'src/shared')),
    newest(path.join(root, 'src/modules'), (p) => p.endsWith('.schemas.ts')),
  ];
  for (const s of sources) if (s.file && s.mtime > built) return `${path.relative(root, s.file)} is newer than the build`;
  return null;
}

function main() {
  const reason = staleReason();
  if (!reason) {
    console.log('web UI build is fresh (dist/web is newer than web/, src/shared/ and the API schemas)');
    return 0;
  }
  if (process.argv.includes('--check')) {
    console.log(`web UI build is stale: ${reason}`);
    return 1;
  }
  console.log(`building the web UI: ${reason}`);
  // Always a production build, even when called from a test runner that set NODE_ENV=test.
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', path.join(root, 'web/vite.config.ts')], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) {
    console.error('web UI build failed');
    return r.status ?? 1;
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
