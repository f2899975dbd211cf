// The printable 中国共产党党员组织关系介绍信 (decision 0012): one A4 page with the stub (存根), the
// letter and the receipt (回执), cut apart along the dashed lines. pdfkit embeds only the glyphs
// used (a subset of a few dozen kilobytes) from the system's Noto CJK font (Debian fonts-noto-cjk,
// installed by .ci/run); TONGCHOU_CJK_FONT may name another font file (.ttf, .otf or .ttc).
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { AppError } from '../../server/errors.ts';
import { GENDER, MEMBER_STATUS } from '../../shared/enums.ts';
import { ageOn } from './transfers.rules.ts';

export interface LetterData {
  number: string;
  issuerName: string;
  issuedOn: string;
  validUntil: string;
  validityMonths: number;
  name: string;
  gender: string | null;
  birthDate: string | null;
  ethnicity: string | null;
  status: string | null;
  idNumberMasked: string | null;
  fromOrgName: string;
  toOrgName: string;
  toOrgAddress: string | null;
  duesPaidUntil: string | null;
}

/** Font files tried in order; a .ttc collection names the face to use. */
const CANDIDATES: { file: string; face?: string; bold?: { file: string; face?: string } }[] = [
  { file: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular', bold: { file: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc', face: 'NotoSerifCJKsc-Bold' } },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular', bold: { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Bold' } },
];

export function cjkFont(): { file: string; face?: string | undefined; bold?: { file: string; face?: string | undefined } | undefined } {
  const override = process.env.TONGCHOU_CJK_FONT;
  if (override) {
    if (!existsSync(override)) throw new AppError(503, 'transfer.pdfFont', { path: override });
    return { file: override };
  }
  const found = CANDIDATES.find((c) => existsSync(c.file));
  if (!found) throw new AppError(503, 'transfer.pdfFont', { path: CANDIDATES.map((c) => c.file).join('、') });
  return { ...found, bold: found.bold && existsSync(found.bold.file) ? found.bold : undefined };
}

const cnDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const cnMonth = (m: string | null) => (m ? `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月` : '____年__月');

/** 张三同志（男，35岁，汉族，正式党员，身份证号码 110101********1234） */
function person(d: LetterData): string {
  const parts = [
    d.gender ? GENDER.table[d.gender as keyof typeof GENDER.table]?.zh : null,
    d.birthDate ? `${ageOn(d.birthDate, d.issuedOn)}岁` : null,
    d.ethnicity,
    d.status ? (d.status === 'full' ? '正式党员' : MEMBER_STATUS.table.probationary.zh) : null,
    d.idNumberMasked ? `身份证号码 ${d.idNumberMasked}` : null,
  ].filter(Boolean);
  return `${d.name}同志（${parts.join('，')}）`;
}

export function letterPdf(d: LetterData): Promise<Buffer> {
  const font = cjkFont();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 40, bottom: 30, left: 56, right: 56 },
    info: { Title: `中国共产党党员组织关系介绍信 ${d.number}`, Subject: d.number, Keywords: d.number, Author: d.issuerName, Creator: '统筹 Tongchou' },
    lang: 'zh-CN',
  });
  doc.registerFont('cjk', font.file, font.face);
  doc.registerFont('cjk-bold', font.bold?.file ?? font.file, font.bold ? font.bold.face : font.face);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const title = (s: string) => doc.font('cjk-bold').fontSize(17).text(s, left, doc.y, { width, align: 'center', characterSpacing: 1 });
  const numberLine = () => doc.font('cjk').fontSize(11).text(d.number, left, doc.y + 4, { width, align: 'right' });
  const para = (s: string, indent = 22) => doc.font('cjk').fontSize(12).text(s, left, doc.y + 4, { width, lineGap: 5, indent });
  const right = (s: string) => doc.font('cjk').fontSize(12).text(s, left, doc.y + 4, { width, align: 'right' });
  const cut = (label: string) => {
    const y = doc.y + 16;
    doc.lineWidth(0.8).dash(4, { space: 3 }).moveTo(left - 20, y).lineTo(left + width + 20, y).stroke('#666');
    doc.undash();
    doc.font('cjk').fontSize(9).fillColor('#666').text(`（${label}）`, left, y + 3, { width, align: 'center' }).fillColor('#000');
    doc.y = y + 22;
  };
  const validity = `有效期 ${d.validityMonths} 个月，至 ${cnDate(d.validUntil)}`;

  // 存根
  title('中国共产党党员组织关系介绍信（存根）');
  numberLine();
  para(`${person(d)}，组织关系由${d.fromOrgName}转到${d.toOrgName}。`);
  para(`党费交到${cnMonth(d.duesPaidUntil)}。${validity}。`);
  right(cnDate(d.issuedOn));
  cut('此处沿虚线剪开，存根由开具单位留存');

  // 介绍信
  title('中国共产党党员组织关系介绍信');
  numberLine();
  doc.font('cjk').fontSize(12).text(`${d.toOrgName}：`, left, doc.y + 8, { width });
  para(`兹介绍${person(d)}的党员组织关系转去，请接洽。`);
  para(`该同志党费已交到${cnMonth(d.duesPaidUntil)}。`);
  if (d.toOrgAddress) para(`接收党组织地址：${d.toOrgAddress}。`);
  para(`（${validity}）`);
  doc.y += 18;
  right(`${d.issuerName}（盖章）`);
  right(cnDate(d.issuedOn));
  cut('此处沿虚线剪开，回执由接收单位填写后寄回');

  // 回执
  title('中国共产党党员组织关系介绍信回执');
  numberLine();
  doc.font('cjk').fontSize(12).text(`${d.issuerName}：`, left, doc.y + 8, { width });
  para(`${d.name}同志的党员组织关系已转达我处，特此回复。`);
  doc.y += 14;
  right('接收党组织（盖章）');
  right('年    月    日');
  doc.end();
  return done;
}
