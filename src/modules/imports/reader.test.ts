import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { openDataSheet } from './reader.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongchou-reader-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('openDataSheet', () => {
  // The ZIP entry arrives in chunks of bytes; a three-byte Chinese character split across two
  // chunks must not turn into U+FFFD (exceljs decoded each chunk on its own: "初中及���下").
  it('reads every Chinese value intact in a sheet far larger than one read chunk', async () => {
    const file = path.join(dir, 'big.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const ws = wb.addWorksheet('党员信息');
    const words = ['初中及以下', '离退休人员', '在岗职工', '城镇', '学生', '中共嘉兴市南湖区凤桥镇新篁社区委员会'];
    ws.addRow(['序号', '内容']).commit();
    const rows = 20_000;
    for (let i = 0; i < rows; i++) ws.addRow([i, `${'甲'.repeat(i % 3)}${words[i % words.length]}`]).commit();
    await wb.commit();

    const sheet = await openDataSheet(file, '党员信息');
    let n = 0;
    for await (const row of sheet.rows) {
      if (row.rowNumber === 1) continue;
      const i = n++;
      expect(row.values[1], `row ${row.rowNumber}`).toBe(`${'甲'.repeat(i % 3)}${words[i % words.length]}`);
    }
    expect(n).toBe(rows);
  });
});
