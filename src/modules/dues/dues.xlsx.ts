import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { ArrearsItem, DuesSummary } from './dues.schemas.ts';
import { fenToYuan } from './months.ts';

// The dues summary and arrears list as workbooks: Chinese headers, a frozen bold header row,
// money in yuan with two decimals (the number is fen / 100, formatted 0.00, so sums work in Excel).

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3E3E3' } };
const MONEY = '#,##0.00';

/** Fen as the number of yuan for a cell (the decimal string parsed once, no arithmetic on floats). */
export const yuanCell = (fen: number) => Number(fenToYuan(fen));

interface Col {
  header: string;
  width: number;
  money?: boolean;
}

function sheet(wb: ExcelJS.Workbook, name: string, columns: Col[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width, ...(c.money ? { style: { numFmt: MONEY } } : {}) }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
  });
  return ws;
}

export async function summaryWorkbook(s: z.infer<typeof DuesSummary>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '统筹';
  wb.created = new Date();
  const ws = sheet(wb, `党费汇总${s.month}`, [
    { header: '党组织', width: 34 },
    { header: '在册党员', width: 10 },
    { header: '未核定基数', width: 11 },
    { header: '应交人数', width: 10 },
    { header: '已交人数', width: 10 },
    { header: '未交人数', width: 10 },
    { header: '免交人数', width: 10 },
    { header: '应交金额（元）', width: 15, money: true },
    { header: '实收金额（元）', width: 15, money: true },
    { header: '自愿多交（元）', width: 15, money: true },
    { header: '欠交党员', width: 10 },
    { header: '连续6个月未交', width: 14 },
  ]);
  const line = (name: string, f: z.infer<typeof DuesSummary>['totals']) => [name, f.members, f.noBase, f.dueMembers, f.paidMembers, f.unpaidMembers, f.exemptMembers, yuanCell(f.dueFen), yuanCell(f.receivedFen), yuanCell(f.extraFen), f.arrearsMembers, f.flaggedMembers];
  for (const r of s.rows) ws.addRow(line(r.own ? `${r.orgName}（本级）` : r.orgName, r));
  const total = ws.addRow(line(`合计：${s.orgName}`, s.totals));
  total.font = { bold: true };
  const info = ws.addRow([`所属月份：${s.month}；欠交党员、连续6个月未交按导出当日统计`]);
  info.font = { italic: true, color: { argb: 'FF888888' } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function arrearsWorkbook(orgName: string, today: string, items: z.infer<typeof ArrearsItem>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '统筹';
  wb.created = new Date();
  const ws = sheet(wb, '欠交党费名单', [
    { header: '姓名', width: 12 },
    { header: '所在党组织', width: 34 },
    { header: '党费交至', width: 11 },
    { header: '欠交月数', width: 10 },
    { header: '欠交起止', width: 18 },
    { header: '欠交金额（元）', width: 15, money: true },
    { header: '最长连续未交（月）', width: 18 },
    { header: '处理提示', width: 40 },
  ]);
  for (const i of items) {
    ws.addRow([i.name, i.orgName, i.paidUntil ?? '—', i.monthCount, `${i.firstMonth} 至 ${i.lastMonth}`, yuanCell(i.amountFen), i.longestRun, i.flagged ? `连续${i.longestRun}个月未交纳党费，应按规定处理（由党支部审查）` : '']);
  }
  const total = ws.addRow(['合计', `${orgName}（截至 ${today}）`, '', items.reduce((s, i) => s + i.monthCount, 0), '', yuanCell(items.reduce((s, i) => s + i.amountFen, 0)), '', '']);
  total.font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
