import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import { EDUCATION, GENDER, HOUSEHOLD, MEMBER_CATEGORY, MEMBER_STATUS, ORG_DOMAIN, ORG_KIND, ORG_LEVEL, UNIT_KIND, URBAN_RURAL, type Label } from '../../shared/enums.ts';
import { AGE_BAND } from './statistics.codes.ts';
import type { OrgStatistics } from './statistics.schemas.ts';
import { rollupFor } from './rollup.service.ts';
import { findOrgByCode } from './statistics.repository.ts';
import { orgStatisticsByCode } from './statistics.service.ts';
import { zhLabel } from './statistics.xlsx.ts';

// `tongchou stats --org CODE [--as-of DATE] [--json]`: the API's figures for any organization
// (no scope on the command line); --json prints exactly the API's JSON, else readable tables.

export interface StatsOptions {
  org: string;
  asOf?: string;
  rollup?: string;
  json?: boolean;
}

/** Check the options before touching the database; a problem is an Error with a Chinese message. */
export function statsArgs(o: StatsOptions, today = todayCN()): { code: string; asOf: string; json: boolean } {
  const asOf = o.asOf ?? today;
  if (!z.iso.date().safeParse(asOf).success) throw new Error(`截至日期 ${asOf} 无效，应为 YYYY-MM-DD 格式的实际日期`);
  if (asOf > today) throw new Error(`截至日期 ${asOf} 晚于今天（${today}）`);
  return { code: o.org, asOf, json: !!o.json };
}

/** Run the command: print the JSON or the tables; an unknown code is an Error. */
export async function statsCommand(db: Kysely<DB>, o: StatsOptions, out: (line: string) => void): Promise<void> {
  if (o.rollup !== undefined) return rollupCommand(db, o, out);
  const args = statsArgs(o);
  const stats = await orgStatisticsByCode(db, args.code, args.asOf);
  if (!stats) throw new Error(`组织代码 ${args.code} 不存在`);
  out(args.json ? JSON.stringify(stats, null, 2) : renderTables(stats));
}

const ROLLUP_LEVELS = ['province', 'city', 'county', 'township'] as const;

/** `--rollup LEVEL`: current members of every organization of that level, from the tallies. */
async function rollupCommand(db: Kysely<DB>, o: StatsOptions, out: (line: string) => void): Promise<void> {
  const level = ROLLUP_LEVELS.find((l) => l === o.rollup);
  if (!level) throw new Error(`汇总级别 ${o.rollup} 无效，应为 ${ROLLUP_LEVELS.join(' | ')}`);
  if (o.asOf !== undefined && o.asOf !== todayCN()) throw new Error('按级汇总只有当前数字；历史日期请去掉 --rollup');
  const org = await findOrgByCode(db, o.org);
  if (!org) throw new Error(`组织代码 ${o.org} 不存在`);
  const r = await rollupFor(db, { kind: 'all' }, org, level);
  if (o.json) return out(JSON.stringify(r, null, 2));
  const head = ['组织代码', '名称', '党员', ...GENDER.values.map((g) => GENDER.table[g].zh), ...EDUCATION.values.map((e) => EDUCATION.table[e].zh), '预备党员'];
  const rows = r.rows.map((x) => [x.code, x.name, String(x.total), ...x.byGender.slice(0, GENDER.values.length).map((c) => String(c.count)), ...x.byEducation.slice(0, EDUCATION.values.length).map((c) => String(c.count)), String(x.byStatus.find((c) => c.code === 'probationary')?.count ?? 0)]);
  out(`${r.org.name}（${r.org.code}） 截至 ${r.asOf}，${r.rows.length} 个${ORG_LEVEL.table[level].zh}，党员 ${r.total} 名\n\n` + table('按级汇总', head, rows, head.map((_, i) => i >= 2)));
}

/** Columns in a terminal: CJK characters take two cells. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - width(s))) + s;

function table(title: string, head: string[], rows: string[][], numeric: boolean[]): string {
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) => r.map((c, i) => (numeric[i] ? padStart(c, widths[i]!) : padEnd(c, widths[i]!))).join('  ').trimEnd();
  return [`【${title}】`, line(head), ...rows.map(line)].join('\n');
}

const pct = (n: number, total: number) => (total ? `${((n / total) * 100).toFixed(1)}%` : '—');

function breakdown(title: string, header: string, list: { code: string | null; count: number }[], labels: { table: Record<string, Label> }, total: number) {
  const rows = list.map((x) => [zhLabel(labels, x.code), String(x.count), pct(x.count, total)]);
  rows.push(['合计', String(total), total ? '100.0%' : '—']);
  return table(title, [header, '数量', '占比'], rows, [false, true, true]);
}

export function renderTables(s: OrgStatistics): string {
  const o = s.organizations;
  const m = s.members;
  const units = s.coverage.unitsWithoutOrg;
  const vil = s.coverage.villagesWithoutGraduate;
  const ethnic = [
    { code: '汉族', count: m.byEthnicity.han },
    { code: '少数民族', count: m.byEthnicity.minority },
    ...m.byEthnicity.top.map((x) => ({ code: `  其中：${x.code}`, count: x.count })),
  ];
  const sections = [
    `${s.org.name}（${s.org.code}） 截至 ${s.asOf}\n党组织 ${o.total} 个，党员 ${m.total} 名`,
    breakdown('党组织 · 按类别', '类别', o.byKind, ORG_KIND, o.total),
    breakdown('党组织 · 按领域', '领域', o.byDomain, ORG_DOMAIN, o.total),
    breakdown('党组织 · 按城乡分类', '城乡分类', o.byUrbanRural, URBAN_RURAL, o.total),
    breakdown('党组织 · 按层级', '层级', o.byLevel, ORG_LEVEL, o.total),
    breakdown('党员 · 按性别', '性别', m.byGender, GENDER, m.total),
    breakdown('党员 · 按年龄', '年龄段', m.byAgeBand, AGE_BAND, m.total),
    breakdown('党员 · 按民族', '民族', ethnic, { table: {} }, m.total),
    breakdown('党员 · 按学历', '学历', m.byEducation, EDUCATION, m.total),
    breakdown('党员 · 按人员类别', '人员类别', m.byCategory, MEMBER_CATEGORY, m.total),
    breakdown('党员 · 按预备/正式', '状态', m.byStatus, MEMBER_STATUS, m.total),
    breakdown('党员 · 按户籍', '户籍', m.byHousehold, HOUSEHOLD, m.total),
    units.total
      ? table(
          `未建立党组织的单位（${units.total} 个，党员 ${units.members} 名）`,
          ['单位代码', '单位名称', '类别', '负责党组织', '党员数'],
          units.items.map((u) => [u.code, u.name, zhLabel(UNIT_KIND, u.kind), u.orgName, String(u.members)]),
          [false, false, false, false, true],
        )
      : '【未建立党组织的单位】无',
    `【一村（社区）一名大学生】村（社区）${vil.villages} 个，有大专及以上学历党员的 ${vil.covered} 个，覆盖率 ${vil.rate === null ? '—' : `${(vil.rate * 100).toFixed(2)}%`}` +
      (vil.items.length
        ? `\n${table('没有大专及以上学历党员的村（社区）', ['组织代码', '名称', '类型', '党员数'], vil.items.map((v) => [v.code, v.name, v.domain === 'rural' ? '村' : '社区', String(v.members)]), [false, false, false, true])}`
        : '\n没有大专及以上学历党员的村（社区）：无'),
  ];
  return sections.join('\n\n');
}
