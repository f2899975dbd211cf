import { Command, Option } from 'commander';
import { sql } from 'kysely';
import { openFromConfig, seedDemo } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { currentMigration, migrateDown, migrateToLatest } from './db/migrate.ts';
import { generatePassword, hashPassword } from './lib/password.ts';
import { appendAudit, verifyAudit } from './modules/audit/audit.repository.ts';
import { exportMembersCommand, importFileCommand } from './modules/imports/imports.cli.ts';
import { deleteUserSessions } from './modules/auth/session.repository.ts';
import { statsCommand, type StatsOptions } from './modules/statistics/statistics.cli.ts';
import { findUserForLogin, insertUser, updateUser } from './modules/users/users.repository.ts';
import { ROLES } from './server/context.ts';
import { seedRegion } from './seed/region.ts';
import { backup, restore } from './system/backup.ts';
import { VERSION } from './version.ts';

const say = (m: string) => process.stdout.write(m + '\n');
const CLI_ACTOR = { actor: { userId: null, username: 'cli' }, requestId: null, ip: null };

/** Open the configured database, run the action, always close. */
async function withDb<T>(fn: (ctx: Awaited<ReturnType<typeof openFromConfig>>) => Promise<T>): Promise<T> {
  const opened = await openFromConfig(loadConfig());
  try {
    return await fn(opened);
  } finally {
    await opened.database.close();
  }
}

const program = new Command('tongchou')
  .description('统筹 — 城乡统筹基层党建平台 / Tongchou grassroots Party-building platform')
  .version(VERSION)
  .showHelpAfterError()
  .addHelpText('after', '\n环境变量 / environment: PORT, TONGCHOU_DATA_DIR, DATABASE_URL, TONGCHOU_ADMIN_PASSWORD, TONGCHOU_SECRET_KEY');

program
  .command('serve')
  .description('启动服务（API + 网页）；首次启动自动迁移、载入演示数据并创建管理员')
  .action(async () => {
    const { serve } = await import('./server/serve.ts');
    await serve(loadConfig());
  });

program
  .command('migrate')
  .description('执行数据库迁移到最新版本（--down 回退一步）')
  .option('--down', '回退最近一次迁移')
  .action((o: { down?: boolean }) =>
    withDb(async ({ database }) => {
      const names = o.down ? await migrateDown(database.db) : await migrateToLatest(database.db);
      say(names.length ? `${o.down ? '已回退' : '已执行'}：${names.join(', ')}` : '没有待执行的迁移');
      say(`当前版本：${(await currentMigration(database.db)) ?? '（空）'}`);
    }),
  );

const seed = program.command('seed').description('载入数据');
seed
  .command('demo')
  .description('载入演示地区：浙江省嘉兴市南湖区（真实乡镇村社名称 + 约 2 万名合成党员）')
  .action(() =>
    withDb(async ({ database, cipher }) => {
      await migrateToLatest(database.db);
      const n = await database.db.selectFrom('organizations').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      if (n.n > 0) throw new Error('数据库中已有组织数据；演示数据只能载入空数据库');
      const r = await seedDemo(database, cipher, say);
      say(`完成：${r.rootName}，${r.organizations} 个组织，${r.members} 名党员`);
    }),
  );
seed
  .command('region <divisionCode>')
  .description('按行政区划代码（6 位县级或 4 位市级）生成真实乡镇、村社组织骨架和合成党员')
  .option('--members <n>', '合成党员人数', '20000')
  .action((code: string, o: { members: string }) =>
    withDb(async ({ database, cipher }) => {
      await migrateToLatest(database.db);
      const r = await seedRegion(database.db, cipher, code, { members: Number(o.members), log: say });
      say(`完成：${r.rootName}，${r.organizations} 个组织，${r.members} 名党员`);
    }),
  );

const user = program.command('user').description('用户管理');
user
  .command('add <username>')
  .description('新建用户，打印一次性初始密码（首次登录须修改）')
  .addOption(new Option('--role <role>', '角色').choices(ROLES).makeOptionMandatory())
  .requiredOption('--org <code>', '所属组织代码（管辖范围为其下级全部组织）')
  .option('--name <displayName>', '显示名称')
  .action((username: string, o: { role: (typeof ROLES)[number]; org: string; name?: string }) =>
    withDb(async ({ database: { db } }) => {
      const org = await db.selectFrom('organizations').select(['id', 'path', 'name']).where('code', '=', o.org).executeTakeFirst();
      if (!org) throw new Error(`组织代码 ${o.org} 不存在`);
      if (await findUserForLogin(db, username)) throw new Error(`用户名 ${username} 已存在`);
      const password = generatePassword();
      const hash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        const { id } = await insertUser(trx, { username, displayName: o.name ?? username, passwordHash: hash, role: o.role, orgId: org.id, mustChange: true });
        await appendAudit(trx, CLI_ACTOR, { action: 'user.create', entity: 'user', entityId: id, scopePath: org.path, after: { username, role: o.role, orgId: org.id } });
      });
      say(`已创建用户 ${username}（${o.role}，${org.name}）\n一次性密码：${password}`);
    }),
  );
user
  .command('reset-password <username>')
  .description('重置密码并解锁，打印一次性密码（下次登录须修改）')
  .action((username: string) =>
    withDb(async ({ database: { db } }) => {
      const u = await findUserForLogin(db, username);
      if (!u) throw new Error(`用户 ${username} 不存在`);
      const password = generatePassword();
      const hash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        await updateUser(trx, u.id, { password_hash: hash, must_change_password: true, failed_logins: 0, locked_until: null });
        await deleteUserSessions(trx, u.id);
        await appendAudit(trx, CLI_ACTOR, { action: 'user.resetPassword', entity: 'user', entityId: u.id, scopePath: null });
      });
      say(`已重置 ${username} 的密码\n一次性密码：${password}`);
    }),
  );

program
  .command('stats')
  .description('组织统计（截至某日，默认今天）：党组织与党员构成、单位与村（社区）覆盖；--json 输出与 API 相同的 JSON')
  .requiredOption('--org <code>', '组织代码（含全部下级组织）')
  .option('--as-of <date>', '截至日期 YYYY-MM-DD')
  .option('--rollup <level>', '按级汇总当前党员（性别 × 学历 × 预备/正式）：province | city | county | township')
  .option('--json', '输出 JSON')
  .action((o: StatsOptions) => withDb(({ database: { db } }) => statsCommand(db, o, say)));

program
  .command('audit')
  .description('审计日志')
  .command('verify')
  .description('校验审计日志哈希链；有行被改动或删除时以非零状态退出并指出第一处')
  .action(() =>
    withDb(async ({ database: { db } }) => {
      const r = await verifyAudit(db);
      if (r.ok) {
        say(`审计日志完整：${r.rows} 行，链尾哈希 ${r.head}`);
        return;
      }
      const why = { hash: '内容与哈希不符（被改动）', link: '与前一行的链接断开（前一行被改动或删除）', gap: '序号缺失（被删除）' }[r.reason];
      process.stderr.write(`审计日志校验失败：第 ${r.brokenSeq} 行 ${why}；此前 ${r.rows} 行完好\n`);
      process.exitCode = 1;
    }),
  );

program
  .command('backup <file>')
  .description('备份全部数据到文件（gzip NDJSON，两种数据库引擎通用）')
  .action((file: string) =>
    withDb(async ({ database: { db } }) => {
      const counts = await backup(db, file);
      say(`已备份到 ${file}：${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join('，')}`);
    }),
  );
program
  .command('restore <file>')
  .description('用备份文件替换全部数据（单个事务，失败则不做任何改动）')
  .action((file: string) =>
    withDb(async ({ database }) => {
      await migrateToLatest(database.db);
      const counts = await restore(database.db, file);
      say(`已恢复：${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join('，')}`);
    }),
  );

const importCmd = program.command('import').description('从 Excel（.xlsx）导入；先校验全部行，有错误则不导入并生成错误报告');
for (const [kind, what] of [['members', '党员'], ['orgs', '党组织']] as const) {
  importCmd
    .command(`${kind} <file>`)
    .description(`导入${what}（与网页上传同样的校验与一次性写入）；有错误时退出码 1，并写出 <file>.errors.xlsx`)
    .option('--as <username>', '以该用户的身份和管辖范围导入（默认：命令行，全部范围）')
    .action((file: string, o: { as?: string }) =>
      withDb(async ({ database, cipher }) => {
        await migrateToLatest(database.db);
        process.exitCode = await importFileCommand(database, cipher, kind, file, o, { say, warn: (m) => process.stderr.write(m + '\n') });
      }),
    );
}
program
  .command('export')
  .description('导出到 Excel（.xlsx）')
  .command('members')
  .description('导出某组织（含下级）的党员名册，身份证号脱敏')
  .requiredOption('--org <code>', '组织代码')
  .requiredOption('--out <file>', '输出文件（.xlsx）')
  .action((o: { org: string; out: string }) => withDb(({ database, cipher }) => exportMembersCommand(database, cipher, o.org, o.out, { say, warn: (m) => process.stderr.write(m + '\n') })));

program.parseAsync().catch((err: unknown) => {
  process.stderr.write(`错误：${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
