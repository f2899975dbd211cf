import fs from 'node:fs';
import yauzl from 'yauzl';

// A look inside an .xlsx (a ZIP of XML parts) before parsing it: is it a ZIP at all, which sheet
// holds the data, and how many rows it has (for the progress bar). The ZIP is read by yauzl; the
// rows themselves by exceljs's streaming reader.

const LOCAL_HEADER = 0x04034b50;

/** Does the file start like a ZIP (and so possibly an .xlsx)? .xls (OLE2) and CSV do not. */
export async function looksLikeZip(file: string): Promise<boolean> {
  const fd = await fs.promises.open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fd.read(head, 0, 4, 0);
    return bytesRead === 4 && head.readUInt32LE(0) === LOCAL_HEADER;
  } finally {
    await fd.close();
  }
}

/** Open the ZIP, run `fn` with its entries by name, close it. Null when the file is not a readable ZIP. */
async function withZip<T>(file: string, fn: (zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>) => Promise<T>): Promise<T | null> {
  let zip: yauzl.ZipFile;
  const entries = new Map<string, yauzl.Entry>();
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
    for await (const e of zip.eachEntry()) entries.set(e.fileName, e);
  } catch {
    return null;
  }
  try {
    return await fn(zip, entries);
  } finally {
    zip.close();
  }
}

/** The text of one entry, at most `limit` bytes of it. */
async function entryText(zip: yauzl.ZipFile, e: yauzl.Entry | undefined, limit = 4 * 1024 * 1024): Promise<string> {
  if (!e) return '';
  const chunks: Buffer[] = [];
  let n = 0;
  const stream = await zip.openReadStreamPromise(e);
  for await (const c of stream) {
    chunks.push(c as Buffer);
    n += (c as Buffer).length;
    if (n > limit) {
      stream.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

const decodeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export interface SheetInfo {
  name: string;
  path: string;
}

/** Worksheets in tab order with the ZIP path of each (from workbook.xml and its relationships); null when not a ZIP. */
export async function listSheets(file: string): Promise<SheetInfo[] | null> {
  return withZip(file, async (zip, entries) => {
    const wbXml = await entryText(zip, entries.get('xl/workbook.xml'));
    const relXml = await entryText(zip, entries.get('xl/_rels/workbook.xml.rels'));
    const targets = new Map<string, string>();
    for (const m of relXml.matchAll(/<Relationship\b[^>]*>/g)) {
      const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
      const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
      if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    }
    const out: SheetInfo[] = [];
    for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
      const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
      const rid = /\br:id="([^"]*)"/.exec(m[0])?.[1] ?? /\b\w+:id="([^"]*)"/.exec(m[0])?.[1];
      const target = rid ? targets.get(rid) : undefined;
      if (name && target && entries.has(target)) out.push({ name: decodeXml(name), path: target });
    }
    return out;
  });
}

/**
 * Rows of a worksheet (header included): from its <dimension> when the writer put one at the top,
 * else by counting <row elements in one pass over the inflated XML (no parsing).
 */
export async function countSheetRows(file: string, sheetPath: string): Promise<number | null> {
  return withZip(file, async (zip, entries) => {
    const e = entries.get(sheetPath);
    if (!e) return null;
    const stream = await zip.openReadStreamPromise(e);
    let head = '';
    let count = 0;
    let carry = '';
    let dimensionChecked = false;
    for await (const c of stream) {
      const text = carry + (c as Buffer).toString('latin1');
      if (!dimensionChecked) {
        head += text;
        const sheetData = head.indexOf('<sheetData');
        if (sheetData >= 0 || head.length > 64 * 1024) {
          dimensionChecked = true;
          const dim = /<dimension\s+ref="[A-Z]+\d+:[A-Z]+(\d+)"/.exec(head.slice(0, sheetData >= 0 ? sheetData : undefined));
          if (dim) {
            stream.destroy();
            return Number(dim[1]);
          }
        }
      }
      let i = text.indexOf('<row');
      while (i >= 0) {
        const next = text[i + 4];
        if (next === ' ' || next === '>' || next === '/') count++;
        i = text.indexOf('<row', i + 4);
      }
      carry = text.slice(-4);
    }
    return count;
  });
}
