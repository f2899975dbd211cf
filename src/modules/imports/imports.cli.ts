import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Database } from '../../db/database.ts';
import type { FieldCipher } from '../../lib/secrets.ts';
import { can, scopeFor, type Role } from '../../server/context.ts';
import { findUserForLogin } from '../users/users.repository.ts';
import { streamMembers } from './export.ts';
import { createJob, runImport, sha256File, type ImportKind } from './imports.service.ts';
import type { Importer } from './types.ts';

// `tongchou import members|orgs FILE.xlsx [--as USERNAME]` and `tongchou export members`: the
// same validation and apply as the web upload, run in this process, with progress lines.

export interface CliOutput {
  say(line: string): void;
  warn(line: string): void;
}

const PHASE = { validating: '校验中', applying: '写入中' } as const;

/** Who the command acts as: a user (their scope and permissions), or the command line itself (whole tree). */
async function importer(database: Database, kind: ImportKind, as: string | undefined): Promise<Importer> {
  if (!as) return { actor: { userId: null, username: 'cli' }, requestId: null, ip: null, scope: { kind: 'all' }, locale: 'zh-CN' };
  const u = await findUserForLogin(database.db, as);
  if (!u || u.disabled) throw new Error(`用户 ${as} 不存在或已停用`);
  const org = await database.db.selectFrom('organizations').select('path').where('id', '=', u.org_id).executeTakeFirstOrThrow();
  const role = u.role as Role;
  if (!can(role, kind === 'members' ? 'member.write' : 'org.write')) throw new Error(`用户 ${as} 没有导入${kind === 'members' ? '党员' : '党组织'}的权限`);
  return { actor: { userId: u.id, username: u.username }, requestId: null, ip: null, scope: scopeFor({ role, orgId: u.org_id, orgPath: org.path, memberId: u.member_id }), locale: 'zh-CN' };
}

/** Returns the exit code: 0 imported, 1 rejected (FILE.errors.xlsx written) or failed. */
export async function importFileCommand(database: Database, cipher: FieldCipher, kind: ImportKind, file: string, opts: { as?: string | undefined }, out: CliOutput): Promise<number> {
  if (!fs.existsSync(file)) throw new Error(`文件 ${file} 不存在`);
  if (!/\.xlsx$/i.test(file)) throw new Error('只支持 .xlsx 格式的 Excel 文件');
  const who = await importer(database, kind, opts.as);
  const { sha256, size } = await sha256File(file);
  const fileName = path.basename(file);
  const jobId = await createJob(database.db, who, kind, fileName, { sha256, size });
  out.say(`导入${kind === 'members' ? '党员' : '党组织'}：${fileName}（${(size / 1024 / 1024).toFixed(1)} MB，任务 ${jobId}）`);
  let lastLine = 0;
  let lastPhase = '';
  const started = Date.now();
  const r = await runImport({
    db: database.db,
    engine: database.engine,
    cipher,
    who,
    jobId,
    kind,
    file,
    fileName,
    sha256,
    onEvent: (e) => {
      if (e.phase === lastPhase && Date.now() - lastLine < 2000) return;
      lastPhase = e.phase;
      lastLine = Date.now();
      out.say(`  ${PHASE[e.phase]} ${e.processed}${e.total ? ` / ${e.total}` : ''} 行`);
    },
  });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status === 'done') {
    out.say(`完成：新增 ${r.counts.created}，修改 ${r.counts.updated}，未变 ${r.counts.unchanged}（共 ${r.rowsTotal} 行，${secs} 秒）`);
    return 0;
  }
  if (r.status === 'failed') {
    out.warn(`导入失败：${r.message}`);
    return 1;
  }
  const errorsFile = file.replace(/\.xlsx$/i, '') + '.errors.xlsx';
  fs.writeFileSync(errorsFile, r.report);
  out.warn(`文件有 ${r.errorRows} 行错误，未导入任何数据：`);
  for (const p of r.problems) out.warn(`  第 ${p.row} 行  ${p.field}：${p.message}`);
  out.warn(`错误报告已写入 ${errorsFile}`);
  return 1;
}

/** `export members --org CODE --out FILE`: the organization's whole subtree, ID numbers masked. */
export async function exportMembersCommand(database: Database, cipher: FieldCipher, orgCode: string, outFile: string, out: CliOutput): Promise<void> {
  const org = await database.db.selectFrom('organizations').select(['id', 'path', 'name']).where('code', '=', orgCode).executeTakeFirst();
  if (!org) throw new Error(`组织代码 ${orgCode} 不存在`);
  const tmp = `${outFile}.partial`;
  const { stream, done } = streamMembers(database.db, cipher, { scope: { kind: 'all' }, filter: { subtreePath: org.path }, fullIdNumbers: false });
  await pipeline(stream, fs.createWriteStream(tmp));
  const n = await done;
  fs.renameSync(tmp, outFile);
  out.say(`已导出 ${org.name} 的 ${n} 名党员到 ${outFile}（身份证号已脱敏）`);
}
