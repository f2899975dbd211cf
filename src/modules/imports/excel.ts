import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { checkChar } from '../../lib/idcard.ts';
import type { Locale } from '../../server/messages.ts';
import { EDUCATION, GENDER, HOUSEHOLD, MEMBER_CATEGORY, ORG_DOMAIN, ORG_KIND, ORG_LEVEL, URBAN_RURAL, type Label } from '../../shared/enums.ts';
import { tr, type AnyMessageKey } from './messages.ts';

// Excel helpers shared by the member and organization imports: the column lists (headers in
// Chinese, as in the templates), turning a cell into a field value, the templates themselves,
// and the per-row error workbook.

/** A cell as exceljs's streaming reader gives it, reduced to a plain value. */
export type Raw = string | number | boolean | Date | null;

interface CodeList {
  table: Record<string, Label>;
  values: readonly string[];
}

export type ColumnType = 'text' | 'date' | 'enum' | 'bool' | 'idNumber' | 'phone' | 'code' | 'division';

export interface ColumnSpec<K extends string = string> {
  key: K;
  /** Header in the template (the importer also accepts it without the part in brackets). */
  header: string;
  en: string;
  type: ColumnType;
  required: boolean;
  list?: CodeList;
  /** Shown in the code list but not enforced (民族: the dropdown only helps). */
  softList?: readonly string[];
  min?: number;
  max?: number;
  width: number;
  note: string;
  example: string | Date;
}

/** The 56 ethnic groups (the 民族 dropdown; the value itself is free text, as in the API). */
export const ETHNICITIES = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族', '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const;

const YES_NO: CodeList = { table: { true: { zh: '是', en: 'Yes' }, false: { zh: '否', en: 'No' } }, values: ['true', 'false'] };

const EXAMPLE_ID = (() => {
  const first17 = '33040219850615031';
  return first17 + checkChar(first17);
})();

export const MEMBER_COLUMNS = [
  { key: 'name', header: '姓名', en: 'Name', type: 'text', required: true, min: 2, max: 30, width: 12, note: '2–30 个字符', example: '张建国' },
  { key: 'gender', header: '性别', en: 'Gender', type: 'enum', required: true, list: GENDER, width: 8, note: '须与身份证号第 17 位一致（奇数男、偶数女）', example: '男' },
  { key: 'ethnicity', header: '民族', en: 'Ethnicity', type: 'text', required: false, softList: ETHNICITIES, min: 2, max: 10, width: 10, note: '如“汉族”；不填按汉族', example: '汉族' },
  { key: 'idNumber', header: '身份证号', en: 'ID number', type: 'idNumber', required: true, width: 22, note: '18 位公民身份号码，末位可为 X；请以文本格式填写（模板该列已设为文本）。同一身份证号在您管辖范围内已有党员的，导入即修改该党员信息', example: EXAMPLE_ID },
  { key: 'birthDate', header: '出生日期', en: 'Birth date', type: 'date', required: false, width: 12, note: '可不填（按身份证号）；填写的须与身份证号一致', example: new Date(Date.UTC(1985, 5, 15)) },
  { key: 'education', header: '学历', en: 'Education', type: 'enum', required: true, list: EDUCATION, width: 12, note: '从下拉列表选择', example: '大学本科' },
  { key: 'category', header: '人员类别', en: 'Category', type: 'enum', required: true, list: MEMBER_CATEGORY, width: 16, note: '从下拉列表选择', example: '农牧渔民' },
  { key: 'workUnit', header: '工作单位', en: 'Work unit', type: 'text', required: false, max: 100, width: 20, note: '最多 100 个字符', example: '新丰镇竹林村股份经济合作社' },
  { key: 'post', header: '职务', en: 'Post', type: 'text', required: false, max: 50, width: 12, note: '最多 50 个字符', example: '会计' },
  { key: 'joinedOn', header: '入党日期', en: 'Joined on', type: 'date', required: true, width: 12, note: '不能晚于今天；入党时须年满 18 周岁', example: new Date(Date.UTC(2010, 6, 1)) },
  { key: 'fullMemberOn', header: '转正日期', en: 'Full member on', type: 'date', required: false, width: 12, note: '预备党员不填；填写的须在入党满一年之后、不晚于今天', example: new Date(Date.UTC(2011, 6, 1)) },
  { key: 'phone', header: '联系电话', en: 'Phone', type: 'phone', required: false, width: 14, note: '7–20 位数字，可含 + - 空格', example: '13905731234' },
  { key: 'household', header: '户籍类型(城镇/农村)', en: 'Household (urban/rural)', type: 'enum', required: false, list: HOUSEHOLD, width: 12, note: '城镇或农村；不填按农村', example: '农村' },
  { key: 'householdRegister', header: '户籍所在地', en: 'Household register', type: 'text', required: false, max: 100, width: 20, note: '最多 100 个字符', example: '浙江省嘉兴市南湖区新丰镇' },
  { key: 'address', header: '家庭住址', en: 'Address', type: 'text', required: false, max: 200, width: 24, note: '最多 200 个字符', example: '新丰镇竹林村 12 组 8 号' },
  { key: 'isMobile', header: '流动党员(是/否)', en: 'Mobile member (yes/no)', type: 'bool', required: false, list: YES_NO, width: 10, note: '是或否；不填按否', example: '否' },
  { key: 'orgCode', header: '所在党组织代码', en: 'Organization code', type: 'code', required: true, max: 32, width: 16, note: '党员所在党组织的组织代码，须在您的管辖范围内且未撤销（组织详情页可查）', example: '330402100201' },
] as const satisfies readonly ColumnSpec[];

export type MemberColumnKey = (typeof MEMBER_COLUMNS)[number]['key'];

export const ORG_COLUMNS = [
  { key: 'code', header: '组织代码', en: 'Code', type: 'code', required: true, max: 32, width: 16, note: '字母、数字、短横线，最长 32 位，全系统唯一；已存在的代码视为修改该组织', example: '330402100299' },
  { key: 'name', header: '组织名称', en: 'Name', type: 'text', required: true, min: 2, max: 100, width: 30, note: '全称，2–100 个字符', example: '中共竹林村第三网格支部委员会' },
  { key: 'parentCode', header: '上级组织代码', en: 'Parent code', type: 'code', required: true, max: 32, width: 16, note: '上级组织须在您的管辖范围内；也可以是本文件中的另一行（上级写在前后均可）', example: '330402100201' },
  { key: 'kind', header: '组织类别', en: 'Kind', type: 'enum', required: true, list: ORG_KIND, width: 12, note: '从下拉列表选择', example: '党支部' },
  { key: 'level', header: '层级', en: 'Level', type: 'enum', required: true, list: ORG_LEVEL, width: 14, note: '从下拉列表选择', example: '网格（村民小组）' },
  { key: 'domain', header: '领域', en: 'Domain', type: 'enum', required: false, list: ORG_DOMAIN, width: 14, note: '从下拉列表选择；不填为“其他”', example: '农村' },
  { key: 'divisionCode', header: '行政区划代码', en: 'Division code', type: 'division', required: false, width: 16, note: '6–12 位数字', example: '330402100201' },
  { key: 'urbanRural', header: '城乡分类', en: 'Urban–rural class', type: 'enum', required: false, list: URBAN_RURAL, width: 12, note: '从下拉列表选择', example: '村庄' },
  { key: 'establishedOn', header: '成立日期', en: 'Established on', type: 'date', required: false, width: 12, note: '不能晚于今天；不填为导入当天', example: new Date(Date.UTC(2024, 2, 1)) },
] as const satisfies readonly ColumnSpec[];

export type OrgColumnKey = (typeof ORG_COLUMNS)[number]['key'];

export const MEMBER_SHEET = '党员信息';
export const ORG_SHEET = '组织信息';
export const GUIDE_SHEET = '填写说明';
export const LISTS_SHEET = '代码表';
export const ERROR_COLUMN = '错误说明';
export const ROW_COLUMN = '原行号';
/** A row whose first cell starts with this is the template's example and is skipped. */
export const EXAMPLE_MARK = '（示例）';

// ---------------------------------------------------------------------------------------------
// Cells

/** Plain value of a cell: rich text joined, formulas by their result, hyperlinks by their text. */
export function rawValue(v: unknown): Raw {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown; formula?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('result' in o || 'formula' in o) return rawValue(o.result);
    if (o.text !== undefined) return rawValue(o.text);
    if (o.error !== undefined) return String(o.error);
  }
  return String(v as string);
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoUTC = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** Text of a cell as a person would read it (dates as YYYY-MM-DD, numbers without exponent). */
export function cellText(v: Raw): string {
  if (v === null) return '';
  if (v instanceof Date) return isoUTC(v);
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  return v.trim();
}

export const isBlank = (v: Raw) => v === null || (typeof v === 'string' && v.trim() === '');

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return isoUTC(dt);
}

/** Excel serial day (1900 system, with its fictitious 1900-02-29) to an ISO date. */
function fromSerial(n: number): string | null {
  if (!Number.isFinite(n) || n < 1 || n >= 2_958_466) return null;
  const ms = Math.round((Math.floor(n) - 25_569) * 86_400_000);
  const d = new Date(ms);
  return validDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * A date cell: an Excel date (exceljs gives a UTC-midnight Date, or a serial number when the
 * cell is not formatted as a date), or text 'YYYY-MM-DD', 'YYYY/M/D', 'YYYY.M.D', 'YYYY年M月D日', 'YYYYMMDD'.
 */
export function parseDate(v: Raw): string | null {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    // A time-of-day from a date-time cell is dropped; a 23:59:59.999 rounding is lifted to the next day.
    const d = new Date(v.getTime() + 1000);
    return validDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  if (typeof v === 'number') return fromSerial(v);
  if (typeof v !== 'string') return null;
  const s = v.trim();
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** A label from a code list (zh, or en, or the code itself) to its code. */
export function labelToCode(list: CodeList, text: string): string | null {
  const s = text.trim().replace(/\s+/g, '');
  for (const code of list.values) {
    const l = list.table[code]!;
    if (l.zh === s || l.zh.replace(/\s+/g, '') === s || l.en.toLowerCase() === text.trim().toLowerCase() || code === s) return code;
  }
  // Brackets typed half-width: 县(区) for 县（区）.
  const full = s.replace(/\(/g, '（').replace(/\)/g, '）');
  for (const code of list.values) if (list.table[code]!.zh === full) return code;
  return null;
}

export interface CellProblem<K extends string = string> {
  column: K;
  key: AnyMessageKey;
  params?: Record<string, string | number>;
}

/** Header text to compare: no spaces or required marks, brackets and their contents removed. */
export function normalizeHeader(h: string): string {
  return h
    .replace(/[\s*＊]/g, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .trim();
}

export interface HeaderMap<K extends string> {
  /** Column number (1-based) of each known field. */
  index: Partial<Record<K, number>>;
  missing: ColumnSpec<K>[];
  /** Every header cell as written, by column number (for the error workbook). */
  headers: string[];
}

export function mapHeader<K extends string>(columns: readonly ColumnSpec<K>[], row: Raw[]): HeaderMap<K> {
  const headers: string[] = [];
  const byName = new Map<string, number>();
  row.forEach((v, i) => {
    const text = cellText(v);
    headers[i] = text;
    const n = normalizeHeader(text);
    if (n && !byName.has(n)) byName.set(n, i);
  });
  const index: Partial<Record<K, number>> = {};
  const missing: ColumnSpec<K>[] = [];
  for (const c of columns) {
    const at = byName.get(normalizeHeader(c.header)) ?? byName.get(normalizeHeader(c.en));
    if (at !== undefined) index[c.key] = at;
    else if (c.required) missing.push(c);
  }
  return { index, missing, headers };
}

/** Read one field of a row by its column spec; problems go to `out`. Returns the normalized value or null. */
export function readField<K extends string>(spec: ColumnSpec<K>, v: Raw, out: CellProblem<K>[]): string | null {
  if (isBlank(v)) {
    if (spec.required) out.push({ column: spec.key, key: 'import.required' });
    return null;
  }
  const text = cellText(v);
  // U+FFFD is what a decoder leaves for bytes it could not read: the cell was damaged before it
  // reached us (a file saved in another encoding, a broken export). Storing it would keep the damage.
  if (text.includes('\uFFFD')) {
    out.push({ column: spec.key, key: 'import.garbled', params: { value: text.slice(0, 40) } });
    return null;
  }
  switch (spec.type) {
    case 'date': {
      const d = parseDate(v);
      if (!d) out.push({ column: spec.key, key: 'import.badDate', params: { value: text.slice(0, 40) } });
      return d;
    }
    case 'enum':
    case 'bool': {
      const code = labelToCode(spec.list!, text);
      if (!code) out.push({ column: spec.key, key: 'import.badLabel', params: { value: text.slice(0, 40), options: spec.list!.values.map((c) => spec.list!.table[c]!.zh).join('、') } });
      return code;
    }
    case 'idNumber': {
      if (typeof v === 'number' && v > Number.MAX_SAFE_INTEGER) {
        out.push({ column: spec.key, key: 'import.idNumberAsNumber' });
        return null;
      }
      return text.replace(/\s+/g, '').toUpperCase();
    }
    case 'phone': {
      if (!/^[0-9+\- ]{7,20}$/.test(text)) {
        out.push({ column: spec.key, key: 'import.badPhone' });
        return null;
      }
      return text;
    }
    case 'code': {
      if (!/^[0-9A-Za-z-]{1,32}$/.test(text)) {
        out.push({ column: spec.key, key: 'import.badCode' });
        return null;
      }
      return text;
    }
    case 'division': {
      if (!/^\d{6,12}$/.test(text)) {
        out.push({ column: spec.key, key: 'import.divisionCode' });
        return null;
      }
      return text;
    }
    case 'text': {
      if (spec.max !== undefined && [...text].length > spec.max) {
        out.push({ column: spec.key, key: 'import.tooLong', params: { max: spec.max } });
        return null;
      }
      if (spec.min !== undefined && [...text].length < spec.min) {
        out.push({ column: spec.key, key: 'import.tooShort', params: { min: spec.min } });
        return null;
      }
      return text;
    }
  }
}

/** "身份证号：身份证号校验位不正确，请核对；入党日期：入党时未满 18 周岁" */
export function describeProblems<K extends string>(columns: readonly ColumnSpec<K>[], problems: readonly CellProblem<K | 'file'>[], locale: Locale = 'zh-CN'): string {
  const label = (k: string) => {
    const c = columns.find((x) => x.key === k);
    if (!c) return locale === 'en' ? 'File' : '文件';
    return locale === 'en' ? c.en : normalizeHeader(c.header);
  };
  return problems.map((p) => `${label(p.column)}${locale === 'en' ? ': ' : '：'}${tr(locale, p.key, p.params)}`).join(locale === 'en' ? '; ' : '；');
}

export function columnLabel(columns: readonly ColumnSpec[], key: string, locale: Locale): string {
  const c = columns.find((x) => x.key === key);
  if (!c) return locale === 'en' ? 'File' : '文件';
  return locale === 'en' ? c.en : normalizeHeader(c.header);
}

// ---------------------------------------------------------------------------------------------
// Workbooks we write

/** exceljs has `worksheet.dataValidations` (ranges are kept as one sqref) but its typings omit it. */
const validations = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3D6D6' } };
const REQUIRED_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFC8161D' } };
const LAST_ROW = 1_048_576;

function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** The import template: data sheet with dropdowns, 填写说明, and a hidden 代码表 for the lists. */
export async function buildTemplate(kind: 'members' | 'orgs'): Promise<Buffer> {
  const columns: readonly ColumnSpec[] = kind === 'members' ? MEMBER_COLUMNS : ORG_COLUMNS;
  const wb = new ExcelJS.Workbook();
  wb.creator = '统筹';
  wb.created = new Date(Date.UTC(2026, 10, 23));
  const ws = wb.addWorksheet(kind === 'members' ? MEMBER_SHEET : ORG_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const guide = wb.addWorksheet(GUIDE_SHEET);
  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });

  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const header = ws.getRow(1);
  header.height = 22;
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = c.required ? REQUIRED_FONT : { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.note = `${c.required ? '【必填】' : '【选填】'}${c.note}`;
    const col = ws.getColumn(i + 1);
    if (c.type === 'date') col.numFmt = 'yyyy-mm-dd';
    if (c.type === 'idNumber' || c.type === 'phone' || c.type === 'code' || c.type === 'division') col.numFmt = '@';
  });

  // Example row: skipped by the importer because of its mark, so leaving it in does no harm.
  const example = ws.getRow(2);
  columns.forEach((c, i) => {
    const cell = example.getCell(i + 1);
    cell.value = i === 0 ? `${EXAMPLE_MARK}${String(c.example)}` : c.example;
    cell.font = { italic: true, color: { argb: 'FF8C8C8C' } };
  });

  // Code lists on the hidden sheet; each enum column's dropdown points at its list.
  let listCol = 0;
  columns.forEach((c, i) => {
    const labels = c.list ? c.list.values.map((v) => c.list!.table[v]!.zh) : c.softList ? [...c.softList] : null;
    if (!labels) return;
    listCol++;
    const L = colLetter(listCol);
    lists.getCell(`${L}1`).value = normalizeHeader(c.header);
    labels.forEach((l, k) => (lists.getCell(`${L}${k + 2}`).value = l));
    const target = `${colLetter(i + 1)}2:${colLetter(i + 1)}${LAST_ROW}`;
    validations(ws).add(target, {
      type: 'list',
      allowBlank: !c.required,
      formulae: [`'${LISTS_SHEET}'!$${L}$2:$${L}$${labels.length + 1}`],
      showErrorMessage: true,
      errorStyle: c.softList ? 'warning' : 'stop',
      errorTitle: normalizeHeader(c.header),
      error: c.softList ? '不在常用列表中，确认要填写吗？' : '请从下拉列表中选择',
    });
  });
  columns.forEach((c, i) => {
    if (c.type !== 'date') return;
    validations(ws).add(`${colLetter(i + 1)}2:${colLetter(i + 1)}${LAST_ROW}`, {
      type: 'date',
      operator: 'between',
      allowBlank: true,
      formulae: [new Date(Date.UTC(1900, 0, 1)), new Date(Date.UTC(2999, 11, 31))],
      showErrorMessage: true,
      errorTitle: normalizeHeader(c.header),
      error: '请填写日期，例如 2024-07-01',
    });
  });

  // 填写说明
  guide.columns = [
    { header: '列名', key: 'col', width: 22 },
    { header: '是否必填', key: 'req', width: 10 },
    { header: '填写说明', key: 'note', width: 70 },
    { header: '可选值', key: 'opts', width: 60 },
  ];
  guide.getRow(1).font = { bold: true };
  guide.getRow(1).fill = HEADER_FILL;
  for (const c of columns) {
    const opts = c.list ? c.list.values.map((v) => c.list!.table[v]!.zh).join('、') : c.softList ? `${c.softList.slice(0, 8).join('、')}……（下拉列表）` : '';
    guide.addRow({ col: normalizeHeader(c.header), req: c.required ? '必填' : '选填', note: c.note, opts });
  }
  guide.addRow({});
  const rules =
    kind === 'members'
      ? [
          '填写规则',
          '1. 每行一名党员；第 1 行为表头，请勿修改或删除。以“（示例）”开头的行是示例，导入时自动跳过。',
          '2. 导入前逐行校验全部数据：必填项、下拉选项、日期、身份证号（校验位、出生日期、性别）、入党年龄满 18 周岁、转正在入党满一年之后、文件内身份证号不得重复。',
          '3. 有任何一行出错，整个文件都不导入；系统生成“错误报告”工作簿，逐行列出原数据和错误说明，改正后重新导入即可。',
          '4. 全部正确时一次性写入：您管辖范围内已有同一身份证号的党员，按本文件修改其信息（内容相同的不做改动）；其他为新增党员。同一文件重复导入不会产生重复记录。',
          '5. 身份证号已登记在您管辖范围以外，或登记在另一个党组织的，不能通过导入修改，请办理组织关系转接或与上级组织部门核实。',
          '6. 日期可用 Excel 日期，或写成 2024-07-01、2024/7/1。身份证号、电话请保持文本格式。',
          '7. 选填项留空即为空白（民族按汉族、户籍类型按农村、流动党员按否）；修改已有党员时，留空的选填项会被清空。',
          '8. 文件须为 .xlsx 格式，不超过 50 MB。',
        ]
      : [
          '填写规则',
          '1. 每行一个党组织；第 1 行为表头，请勿修改或删除。以“（示例）”开头的行是示例，导入时自动跳过。',
          '2. 上级组织可以是系统中已有的组织（须在您的管辖范围内且未撤销），也可以是本文件中的另一行；系统按“先上级、后下级”的顺序建立。',
          '3. 有任何一行出错，整个文件都不导入；系统生成“错误报告”工作簿，逐行列出原数据和错误说明。',
          '4. 组织代码已存在（在您的管辖范围内、上级相同）的，按本文件修改其名称、类别等信息；内容相同的不做改动。同一文件重复导入不会产生重复组织。',
          '5. 文件须为 .xlsx 格式，不超过 50 MB。',
        ];
  for (const [i, r] of rules.entries()) {
    const row = guide.addRow({ col: r });
    if (i === 0) row.font = { bold: true };
    guide.mergeCells(row.number, 1, row.number, 4);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    if (i > 0) row.height = 32;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ErrorRow {
  rowNumber: number;
  values: Raw[];
  message: string;
}

/**
 * The error workbook: 原行号, the original columns as uploaded, then 错误说明; one row per bad
 * row in row order. Written with the streaming writer into memory (stored in import_jobs).
 */
export async function buildErrorWorkbook(headers: readonly string[], rows: AsyncIterable<ErrorRow> | Iterable<ErrorRow>): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('错误报告', { views: [{ state: 'frozen', ySplit: 1 }] });
  const width = Math.max(headers.length, 1);
  ws.columns = [{ width: 8 }, ...Array.from({ length: width }, (_, i) => ({ width: Math.min(Math.max((headers[i] ?? '').length * 2 + 4, 10), 30) })), { width: 60 }];
  const head = ws.addRow([ROW_COLUMN, ...Array.from({ length: width }, (_, i) => headers[i] ?? ''), ERROR_COLUMN]);
  head.font = { bold: true };
  head.eachCell((c) => (c.fill = HEADER_FILL));
  head.commit();
  for await (const r of rows) {
    const cells = Array.from({ length: width }, (_, i) => r.values[i] ?? null);
    const row = ws.addRow([r.rowNumber, ...cells, r.message]);
    cells.forEach((v, i) => {
      if (v instanceof Date) row.getCell(i + 2).numFmt = 'yyyy-mm-dd';
    });
    row.getCell(width + 2).font = { color: { argb: 'FFC8161D' } };
    row.commit();
  }
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
