import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { generatePassword, hashPassword } from './lib/password.ts';
import { FieldCipher, loadMasterKey } from './lib/secrets.ts';
import { seedAppraisalDemo } from './modules/appraisal/appraisal.demo.ts';
import { seedAssessmentDemo } from './modules/assessment/assessment.demo.ts';
import { seedRectificationDemo } from './modules/rectification/rectification.demo.ts';
import { appendAudit } from './modules/audit/audit.repository.ts';
import { seedDuesDemo } from './modules/dues/dues.demo.ts';
import { seedDevelopmentDemo } from './modules/development/development.demo.ts';
import { seedStatusDemo } from './modules/status/status.demo.ts';
import { seedTransfersDemo } from './modules/transfers/transfers.demo.ts';
import { seedMobileDemo } from './modules/mobile/mobile.demo.ts';
import { seedOrglifeDemo } from './modules/orglife/orglife.demo.ts';
import { seedRecognitionDemo } from './modules/recognition/recognition.demo.ts';
import { seedCommitmentsDemo } from './modules/commitments/commitments.demo.ts';
import { seedServiceDemo } from './modules/service/service.demo.ts';
import { countUsers, insertUser } from './modules/users/users.repository.ts';
import { seedRegion } from './seed/region.ts';

export const DEMO_DIVISION = '330402';
export const DEMO_MEMBERS = 20_000;

/** Keeps a second process from opening the same PGlite directory (it is single-process). */
function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, 'pglite.lock');
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      alive = false;
    }
    if (alive) throw new Error(`数据目录 ${dir} 正被进程 ${pid} 使用（嵌入式数据库只允许一个进程打开）。请先停止该进程。`);
    fs.writeFileSync(lock, String(process.pid));
  }
  const release = () => fs.rmSync(lock, { force: true });
  process.once('exit', release);
  return release;
}

/** Open the configured database (PGlite under the data dir, or DATABASE_URL) and the field cipher. */
export async function openFromConfig(config: Config): Promise<{ database: Database; cipher: FieldCipher }> {
  const cipher = new FieldCipher(loadMasterKey(config.secretKey, config.dataDir));
  if (config.databaseUrl) return { database: await openDatabase({ databaseUrl: config.databaseUrl }), cipher };
  const release = lockDataDir(config.dataDir);
  const database = await openDatabase({ pgliteDir: path.join(config.dataDir, 'pglite') });
  const close = database.close;
  database.close = async () => {
    await close();
    release();
  };
  return { database, cipher };
}

/** Seed the demo region (Jiaxing 南湖区) into an empty database. */
export async function seedDemo(database: Database, cipher: FieldCipher, log: (m: string) => void) {
  const region = await seedRegion(database.db, cipher, DEMO_DIVISION, { members: DEMO_MEMBERS, seed: 20261123, log });
  await seedAppraisalDemo(database.db, cipher);
  await seedStatusDemo(database.db, cipher);
  await seedDevelopmentDemo(database.db, cipher);
  await seedDuesDemo(database.db, cipher);
  await seedTransfersDemo(database.db, cipher);
  await seedMobileDemo(database.db, cipher);
  await seedOrglifeDemo(database.db, cipher);
  await seedRecognitionDemo(database.db, cipher);
  await seedCommitmentsDemo(database.db, cipher);
  await seedServiceDemo(database.db, cipher);
  await seedAssessmentDemo(database.db, cipher);
  await seedRectificationDemo(database.db);
  // Planner statistics for the freshly loaded tables: PGlite has no autovacuum, and even on a server
  // the first county-wide pages would otherwise be planned as if the tables were empty (decision 0023).
  await sql`analyze`.execute(database.db);
  return region;
}

/**
 * First-start preparation: migrations, the demo region on an empty database (unless disabled),
 * and the administrator with a one-time password printed once.
 */
export async function prepare(database: Database, cipher: FieldCipher, config: Config, log: (m: string) => void) {
  const applied = await migrateToLatest(database.db);
  if (applied.length) log(`已执行数据库迁移：${applied.join(', ')}`);
  const { db } = database;
  const orgs = await db.selectFrom('organizations').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  if (orgs.n === 0) {
    if (config.seedDemo) {
      log('空数据库：正在载入演示数据（浙江省嘉兴市南湖区）……');
      const r = await seedDemo(database, cipher, log);
      log(`演示数据已载入：${r.rootName}，${r.organizations} 个组织，${r.members} 名党员`);
    } else {
      await db.insertInto('organizations').values({ parent_id: null, path: '1', code: 'ROOT', name: '本级党委（请改名）', kind: 'committee', level: 'county', domain: 'local' }).execute();
      await sql`select setval(pg_get_serial_sequence('organizations', 'id'), 2, false)`.execute(db);
    }
  }
  // PGlite runs no autovacuum, so nothing else refreshes the planner's statistics after imports and
  // a day's work; a start-up ANALYZE does (about a second for the demo county, decision 0023).
  if (orgs.n > 0 && database.engine === 'pglite') await sql`analyze`.execute(db);
  if ((await countUsers(db)) === 0) {
    const root = await db.selectFrom('organizations').select(['id', 'path']).where('parent_id', 'is', null).orderBy('id').executeTakeFirstOrThrow();
    const password = config.adminPassword ?? generatePassword();
    const hash = await hashPassword(password);
    await db.transaction().execute(async (trx) => {
      const { id } = await insertUser(trx, { username: 'admin', displayName: '系统管理员', passwordHash: hash, role: 'admin', orgId: root.id, mustChange: true });
      await appendAudit(trx, { actor: { userId: null, username: 'system' }, requestId: null, ip: null }, { action: 'user.create', entity: 'user', entityId: id, scopePath: root.path, after: { username: 'admin', role: 'admin' } });
    });
    const line = '='.repeat(60);
    const shown = config.adminPassword ? '（来自 TONGCHOU_ADMIN_PASSWORD）' : password;
    log(`\n${line}\n 已创建系统管理员 / Administrator created\n   用户名 username: admin\n   初始密码 password: ${shown}\n 此密码只显示这一次；首次登录后须修改。\n Shown once; you must change it at first sign-in.\n${line}\n`);
  }
}
