import ExcelJS from 'exceljs';
import { GUIDE_SHEET, LISTS_SHEET, rawValue, type Raw } from './excel.ts';
import { countSheetRows, listSheets } from './zip.ts';

// Streaming read of the data sheet: exceljs's WorkbookReader, one row at a time (a 200,000-row
// file is never held as a workbook in memory).

export interface SheetRow {
  rowNumber: number;
  /** Cell values, 0-based by column. */
  values: Raw[];
}

export interface OpenedSheet {
  name: string;
  /** Rows in the sheet including the header, from the sheet's <dimension> or a quick count; an estimate for progress. */
  estimatedRows: number | null;
  rows: AsyncGenerator<SheetRow>;
}

export class UnreadableFile extends Error {}

const NOT_DATA = new Set([GUIDE_SHEET, LISTS_SHEET]);

/** Open the data sheet of an .xlsx: the sheet named `preferred`, else the first sheet that is not 填写说明/代码表. */
export async function openDataSheet(file: string, preferred: string): Promise<OpenedSheet> {
  const sheets = await listSheets(file);
  if (!sheets) throw new UnreadableFile('not a zip');
  const chosen = sheets.find((s) => s.name === preferred) ?? sheets.find((s) => !NOT_DATA.has(s.name));
  if (!chosen) throw new UnreadableFile('no worksheet');
  const estimatedRows = await countSheetRows(file, chosen.path).catch(() => null);
  const sheetNo = /sheet(\d+)\.xml$/.exec(chosen.path)?.[1];
  return { name: chosen.name, estimatedRows, rows: readRows(file, chosen.name, sheetNo) };
}

async function* readRows(file: string, name: string, sheetNo: string | undefined): AsyncGenerator<SheetRow> {
  // styles: 'cache' so that date-formatted number cells arrive as dates.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  let found = false;
  try {
    for await (const ws of reader) {
      const w = ws as unknown as { name?: string; id?: string | number };
      const match = w.name !== undefined ? w.name === name : String(w.id) === sheetNo;
      if (found || !match) continue;
      found = true;
      for await (const row of ws) {
        const src = row.values as unknown[];
        const values: Raw[] = [];
        for (let i = 1; i < src.length; i++) values[i - 1] = rawValue(src[i]);
        yield { rowNumber: row.number, values };
      }
    }
  } catch (err) {
    if (err instanceof UnreadableFile) throw err;
    throw new UnreadableFile(err instanceof Error ? err.message : String(err));
  } finally {
    // A reader left early (the error report's second pass stops at its last row) closes the file.
    (reader as unknown as { stream?: { destroy?: () => void } }).stream?.destroy?.();
  }
  if (!found) throw new UnreadableFile('data sheet not found');
}
