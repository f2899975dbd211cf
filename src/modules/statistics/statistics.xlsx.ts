import ExcelJS from 'exceljs';
import { EDUCATION, GENDER, HOUSEHOLD, MEMBER_CATEGORY, MEMBER_STATUS, ORG_DOMAIN, ORG_KIND, ORG_LEVEL, UNIT_KIND, URBAN_RURAL, type Label } from '../../shared/enums.ts';
import { AGE_BAND } from './statistics.codes.ts';
import type { OrgStatistics } from './statistics.schemas.ts';

// The statistics as a workbook: a summary sheet, one sheet per breakdown (Chinese headers and
// labels from the shared code lists, a share column and a 合计 row), and the two coverage lists.

type CodeList = { table: Record<string, Label> };

/** Chinese label of a code; an unknown code shows as itself, a missing one as 未填写. */
export function zhLabel(list: CodeList, code: string | null): string {
  if (code === null) return '未填写';
  return list.table[code]?.zh ?? code;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3E3E3' } };

function sheet(wb: ExcelJS.Workbook, name: string, columns: { header: string; width: number; percent?: boolean }[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width, ...(c.percent ? { style: { numFmt: '0.00%' } } : {}) }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
  });
  return ws;
}

/** A breakdown sheet: 项目 | 数量 | 占比, then 合计. */
function breakdownSheet(wb: ExcelJS.Workbook, name: string, header: string, rows: { label: string; count: number }[], total: number) {
  const ws = sheet(wb, name, [{ header, width: 26 }, { header: '数量', width: 12 }, { header: '占比', width: 12, percent: true }]);
  for (const r of rows) ws.addRow([r.label, r.count, total ? r.count / total : 0]);
  const sum = ws.addRow(['合计', total, total ? 1 : 0]);
  sum.font = { bold: true };
}

/** Build the workbook; returns the .xlsx bytes. */
export async function statisticsWorkbook(s: OrgStatistics): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '统筹';
  wb.created = new Date();
  const o = s.organizations;
  const m = s.members;
  const units = s.coverage.unitsWithoutOrg;
  const vil = s.coverage.villagesWithoutGraduate;
  const count = (list: { code: string; count: number }[], code: string) => list.find((x) => x.code === code)?.count ?? 0;

  const summary = sheet(wb, '概况', [{ header: '项目', width: 34 }, { header: '数值', width: 40 }]);
  const facts: [string, string | number][] = [
    ['组织名称', s.org.name],
    ['组织代码', s.org.code],
    ['截至日期', s.asOf],
    ['党组织总数（含本级）', o.total],
    ['党员总数', m.total],
    ['其中：正式党员', count(m.byStatus, 'full')],
    ['其中：预备党员', count(m.byStatus, 'probationary')],
    ['其中：女党员', count(m.byGender, 'female')],
    ['其中：少数民族党员', m.byEthnicity.minority],
    ['未建立党组织的单位数', units.total],
    ['未建立党组织的单位中的党员数', units.members],
    ['村（社区）党组织数', vil.villages],
    ['有大专及以上学历党员的村（社区）数', vil.covered],
    ['没有大专及以上学历党员的村（社区）数', vil.lacking],
  ];
  for (const [k, v] of facts) summary.addRow([k, v]);
  const rate = summary.addRow(['一村（社区）一名大学生覆盖率', vil.rate ?? '—']);
  if (vil.rate !== null) rate.getCell(2).numFmt = '0.00%';

  const rows = (list: { code: string | null; count: number }[], labels: CodeList) => list.map((x) => ({ label: zhLabel(labels, x.code), count: x.count }));
  breakdownSheet(wb, '组织-按类别', '组织类别', rows(o.byKind, ORG_KIND), o.total);
  breakdownSheet(wb, '组织-按领域', '所在领域', rows(o.byDomain, ORG_DOMAIN), o.total);
  breakdownSheet(wb, '组织-按城乡分类', '城乡分类', rows(o.byUrbanRural, URBAN_RURAL), o.total);
  breakdownSheet(wb, '组织-按层级', '组织层级', rows(o.byLevel, ORG_LEVEL), o.total);
  breakdownSheet(wb, '党员-按性别', '性别', rows(m.byGender, GENDER), m.total);
  breakdownSheet(wb, '党员-按年龄', '年龄段', rows(m.byAgeBand, AGE_BAND), m.total);
  breakdownSheet(
    wb,
    '党员-按民族',
    '民族',
    [{ label: '汉族', count: m.byEthnicity.han }, { label: '少数民族', count: m.byEthnicity.minority }, ...m.byEthnicity.top.map((x) => ({ label: `\u3000其中：${x.code}`, count: x.count }))],
    m.total,
  );
  breakdownSheet(wb, '党员-按学历', '学历', rows(m.byEducation, EDUCATION), m.total);
  breakdownSheet(wb, '党员-按人员类别', '人员类别', rows(m.byCategory, MEMBER_CATEGORY), m.total);
  breakdownSheet(wb, '党员-按预备正式', '党员状态', rows(m.byStatus, MEMBER_STATUS), m.total);
  breakdownSheet(wb, '党员-按户籍', '户籍', rows(m.byHousehold, HOUSEHOLD), m.total);

  const u = sheet(wb, '未建立党组织的单位', [
    { header: '单位代码', width: 18 },
    { header: '单位名称', width: 36 },
    { header: '单位类别', width: 18 },
    { header: '负责党组织', width: 36 },
    { header: '党员数', width: 10 },
  ]);
  for (const x of units.items) u.addRow([x.code, x.name, zhLabel(UNIT_KIND, x.kind), x.orgName, x.members]);
  if (units.items.length === 0) u.addRow(['（无）']);
  else if (units.items.length < units.total) u.addRow([`（仅列出党员数最多的 ${units.items.length} 个，共 ${units.total} 个）`]);

  const v = sheet(wb, '无大学生的村（社区）', [
    { header: '组织代码', width: 18 },
    { header: '村（社区）党组织', width: 40 },
    { header: '类型', width: 12 },
    { header: '党员数', width: 10 },
  ]);
  for (const x of vil.items) v.addRow([x.code, x.name, x.domain === 'rural' ? '村' : '社区', x.members]);
  if (vil.items.length === 0) v.addRow(['（无）']);

  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** `attachment` with an ASCII fallback name and the UTF-8 name (RFC 6266 / RFC 5987). */
export function contentDisposition(filename: string, fallback: string): string {
  const encoded = encodeURIComponent(filename).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}

/** A name a file system accepts: the characters it refuses become _. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
export const safeFileName = (x: string) => x.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_');

/** 统计_<组织名称>_<截至日期>.xlsx (characters a file system refuses become _). */
export function exportFilename(s: OrgStatistics): { filename: string; fallback: string } {
  return { filename: `统计_${safeFileName(s.org.name)}_${s.asOf}.xlsx`, fallback: `statistics_${safeFileName(s.org.code)}_${s.asOf}.xlsx` };
}
