import fs from 'node:fs';
import zlib from 'node:zlib';

// Just enough of the ZIP format to look inside an .xlsx before parsing it: is it a ZIP at all,
// which sheet holds the data, and how many rows it has (for the progress bar). The rows
// themselves are read by exceljs's streaming reader.

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

async function readAt(fd: fs.promises.FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fd.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** Does the file start like a ZIP (and so possibly an .xlsx)? .xls (OLE2) and CSV do not. */
export async function looksLikeZip(file: string): Promise<boolean> {
  const fd = await fs.promises.open(file, 'r');
  try {
    const head = await readAt(fd, 0, 4);
    return head.length === 4 && head.readUInt32LE(0) === LOCAL;
  } finally {
    await fd.close();
  }
}

/** The central directory, or null when the file is not a (non-ZIP64) ZIP. */
export async function listEntries(file: string): Promise<Entry[] | null> {
  const fd = await fs.promises.open(file, 'r');
  try {
    const { size } = await fd.stat();
    const tailLen = Math.min(size, 65_557);
    const tail = await readAt(fd, size - tailLen, tailLen);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return null;
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff || cdOffset + cdSize > size) return null;
    const cd = await readAt(fd, cdOffset, cdSize);
    const out: Entry[] = [];
    let p = 0;
    for (let i = 0; i < count && p + 46 <= cd.length; i++) {
      if (cd.readUInt32LE(p) !== CENTRAL) return null;
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      out.push({
        name: cd.toString('utf8', p + 46, p + 46 + nameLen),
        method: cd.readUInt16LE(p + 10),
        compressedSize: cd.readUInt32LE(p + 20),
        localHeaderOffset: cd.readUInt32LE(p + 42),
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return out;
  } finally {
    await fd.close();
  }
}

/** The uncompressed bytes of one entry, as a stream. */
async function entryStream(file: string, e: Entry): Promise<NodeJS.ReadableStream> {
  const fd = await fs.promises.open(file, 'r');
  let start: number;
  try {
    const local = await readAt(fd, e.localHeaderOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw new Error('bad local header');
    start = e.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  } finally {
    await fd.close();
  }
  const raw = fs.createReadStream(file, { start, end: start + Math.max(e.compressedSize, 1) - 1 });
  if (e.method === 0) return raw;
  if (e.method !== 8) throw new Error(`unsupported zip method ${e.method}`);
  const inflate = zlib.createInflateRaw();
  raw.on('error', (err) => inflate.destroy(err));
  return raw.pipe(inflate);
}

async function entryText(file: string, e: Entry, limit = 4 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of await entryStream(file, e)) {
    const b = c as Buffer;
    chunks.push(b);
    n += b.length;
    if (n > limit) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}

const decodeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export interface SheetInfo {
  name: string;
  path: string;
}

/** Worksheets in tab order, with the ZIP path of each. */
export async function listSheets(file: string, entries: Entry[]): Promise<SheetInfo[]> {
  const wb = entries.find((e) => e.name === 'xl/workbook.xml');
  const rels = entries.find((e) => e.name === 'xl/_rels/workbook.xml.rels');
  if (!wb || !rels) return [];
  const [wbXml, relXml] = await Promise.all([entryText(file, wb), entryText(file, rels)]);
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
    if (name && target) out.push({ name: decodeXml(name), path: target });
  }
  return out;
}

/**
 * Rows of a worksheet (header included): from its <dimension> when the writer put one at the top,
 * else by counting <row elements in one pass over the inflated XML (no parsing).
 */
export async function countSheetRows(file: string, entries: Entry[], sheetPath: string): Promise<number | null> {
  const e = entries.find((x) => x.name === sheetPath);
  if (!e) return null;
  const stream = await entryStream(file, e);
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
          (stream as unknown as { destroy?: () => void }).destroy?.();
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
}
