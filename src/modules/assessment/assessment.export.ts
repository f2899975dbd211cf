import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RequestContext } from '../../server/context.ts';
import { notFound } from '../../server/errors.ts';
import { contentDisposition, safeFileName } from '../statistics/statistics.xlsx.ts';
import { assemble, type ComputedSnapshot, type ManualMap } from './assessment.compute.ts';
import * as repo from './assessment.repository.ts';
import { Definition } from './assessment.schemas.ts';
import { launcherName, requireStaff } from './assessment.service.ts';

// A round's results as a workbook for the organization department: one row per organization with
// every indicator's points (the snapshot kept at submission; a sheet not yet submitted shows its
// state only), the items' rates, the total, 达标 and stars; and a 说明 sheet with the standard,
// the pass rule and how the computed figures were obtained.

const STATE_ZH: Record<string, string> = { not_started: '未开始', returned: '已退回修改', submitted: '已提交自查', reviewed: '上级已复核', final: '已定稿' };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3E3E3' } };
const ITEM_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFAF0E6' } };

export interface ExportRound {
  title: string;
  orgName: string;
  standardName: string;
  standardVersion: number;
  periodFrom: string;
  periodTo: string;
  dueOn: string;
}

export interface ExportSheet {
  orgName: string;
  state: string;
  computed: ComputedSnapshot | null;
  manual: ManualMap;
  submittedOn: string | null;
  reviewedOn: string | null;
  finalizedOn: string | null;
}

/** Does a sheet hold a score to show: submitted (its computed figures kept) or further. */
const scored = (s: ExportSheet) => s.computed !== null && !['not_started', 'returned'].includes(s.state);

export async function roundWorkbook(round: ExportRound, def: Definition, sheets: ExportSheet[], exportedAt: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '统筹';
  wb.created = new Date();

  const ws = wb.addWorksheet('考核结果', { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  // Two header rows: the five items over their indicators, then the indicator names with full marks.
  const fixedLeft = ['序号', '组织', '状态'];
  const fixedRight = ['总得分', '满分', '总得分率', '是否达标', '星级', '提交自查', '上级复核', '定稿'];
  const top: string[] = [...fixedLeft];
  const second: string[] = [...fixedLeft];
  for (const item of def.items) {
    for (const ind of item.indicators) {
      top.push(item.name);
      second.push(`${ind.name}（${ind.full}分${ind.type === 'computed' ? '，按记录计算' : '，人工评分'}）`);
    }
    top.push(item.name);
    second.push('本项得分率');
  }
  top.push(...fixedRight);
  second.push(...fixedRight);
  ws.addRow(top);
  ws.addRow(second);
  // Merge the fixed columns vertically and each item's columns horizontally.
  const merge = (r1: number, c1: number, r2: number, c2: number) => {
    if (r1 !== r2 || c1 !== c2) ws.mergeCells(r1, c1, r2, c2);
  };
  fixedLeft.forEach((_, i) => merge(1, i + 1, 2, i + 1));
  let col = fixedLeft.length + 1;
  for (const item of def.items) {
    merge(1, col, 1, col + item.indicators.length);
    col += item.indicators.length + 1;
  }
  fixedRight.forEach((_, i) => merge(1, col + i, 2, col + i));
  for (const r of [1, 2]) {
    const row = ws.getRow(r);
    row.font = { bold: true };
    row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    row.eachCell((cell) => (cell.fill = HEADER_FILL));
  }
  ws.getRow(2).height = 48;

  // Each sheet scored once: the rows and the 说明 sheet's count of 达标 both read it.
  const results = sheets.map((s) => (scored(s) ? assemble(def, s.computed!, s.manual, 'zh-CN') : null));
  sheets.forEach((s, i) => {
    const values: (string | number | null)[] = [i + 1, s.orgName, STATE_ZH[s.state] ?? s.state];
    const scoredSheet = results[i];
    if (scoredSheet) {
      const { items, result } = scoredSheet;
      for (const item of items) {
        for (const ind of item.indicators) values.push(ind.points === null ? '不计入' : ind.points);
        values.push(item.pct === null ? null : item.pct / 100);
      }
      values.push(result.points, result.full, result.pct === null ? null : result.pct / 100, result.passed ? '达标' : '未达标', result.stars || null);
    } else {
      for (const item of def.items) values.push(...item.indicators.map(() => null), null);
      values.push(null, null, null, null, null);
    }
    values.push(s.submittedOn, s.reviewedOn, s.finalizedOn);
    const row = ws.addRow(values);
    if (!scoredSheet) row.font = { color: { argb: 'FF8C8C8C' } };
  });

  // Widths and formats: names wide, points narrow, rates as percentages.
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 30;
  ws.getColumn(3).width = 12;
  col = fixedLeft.length + 1;
  for (const item of def.items) {
    for (let k = 0; k < item.indicators.length; k++) ws.getColumn(col + k).width = 14;
    const rate = ws.getColumn(col + item.indicators.length);
    rate.width = 10;
    rate.numFmt = '0.0%';
    for (let r = 2; r <= sheets.length + 2; r++) ws.getCell(r, col + item.indicators.length).fill = ITEM_FILL;
    col += item.indicators.length + 1;
  }
  [10, 8, 10, 10, 6, 12, 12, 12].forEach((w, k) => (ws.getColumn(col + k).width = w));
  ws.getColumn(col + 2).numFmt = '0.0%';

  const done = results.filter((r) => r !== null);
  const passed = done.filter((r) => r.result.passed).length;
  const about = wb.addWorksheet('说明');
  about.columns = [
    { header: '项目', key: 'k', width: 22 },
    { header: '内容', key: 'v', width: 90 },
  ];
  about.getRow(1).font = { bold: true };
  about.getRow(1).eachCell((c) => (c.fill = HEADER_FILL));
  const rows: [string, string][] = [
    ['考核', round.title],
    ['发起组织', round.orgName],
    ['考核标准', `${round.standardName}（第 ${round.standardVersion} 版）`],
    ['考核期', `${round.periodFrom} 至 ${round.periodTo}`],
    ['上报截止', round.dueOn],
    ['参加考核的组织', `${sheets.length} 个；已提交自查及以后 ${done.length} 个，其中达标 ${passed} 个`],
    ['达标规则', `总得分率不低于 ${def.pass.totalMinPct}%，且每一项得分率不低于 ${def.pass.itemMinPct}%`],
    ['星级', def.stars.map((s) => `${s.stars} 星：得分率 ≥ ${s.minPct}%`).join('；') || '未设星级'],
    ['按记录计算的指标', '由系统根据会议、承诺、评议、党费、发展、设岗和记实等记录计算，提交自查时连同所依据的记录一并留存；在系统中点开考核表可逐条查看依据。'],
    ['不计入', '考核期内没有可计算的记录（如没有到期的发展党员步骤），该指标不计入满分。'],
    ['未提交的组织', '尚未提交自查（或被退回修改）的组织只列出状态，不列分数。'],
    ['导出时间', exportedAt],
  ];
  for (const [k, v] of rows) about.addRow({ k, v }).alignment = { wrapText: true, vertical: 'top' };

  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** GET /api/assessment-rounds/:id/export: the workbook and its download headers, for the sheets in the caller's view. */
export async function exportRound(db: Kysely<DB>, ctx: RequestContext, id: number) {
  requireStaff(ctx);
  const r = await repo.findRound(db, ctx.scope, id);
  if (!r) throw notFound();
  const sheets = await repo.roundSheetsForExport(db, ctx.scope, id);
  const round = { title: r.title, orgName: launcherName(ctx, r), standardName: r.standard_name, standardVersion: r.standard_version, periodFrom: r.period_from, periodTo: r.period_to, dueOn: r.due_on };
  const rows = sheets.map((h) => ({
    orgName: h.org_name,
    state: h.state,
    computed: (h.computed ?? null) as ComputedSnapshot | null,
    manual: (h.manual ?? {}) as ManualMap,
    submittedOn: h.submitted_on,
    reviewedOn: h.reviewed_on,
    finalizedOn: h.finalized_on,
  }));
  const exportedAt = new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return { body: await roundWorkbook(round, Definition.parse(r.definition), rows, exportedAt), headers: roundExportHeaders(r.title, r.id) };
}

/** 考核结果_<考核名称>.xlsx, with an ASCII fallback. */
export function roundExportHeaders(title: string, roundId: number) {
  return {
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'content-disposition': contentDisposition(`考核结果_${safeFileName(title)}.xlsx`, `assessment_round_${roundId}.xlsx`),
    'cache-control': 'no-store',
  };
}
