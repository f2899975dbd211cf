import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { MEMBER_COLUMNS, MEMBER_SHEET } from '../../src/modules/imports/excel.ts';
import { fakeIdNumber, isoDate, prng } from '../../src/seed/synthetic.ts';
import { EDUCATION, GENDER, MEMBER_CATEGORY } from '../../src/shared/enums.ts';
import { orgCode } from './registry-region.ts';

/** A valid member workbook (the import template's headers), streamed with exceljs WorkbookWriter. */
export async function writeImportFile(file: string, rows: number, firstOrg: number, lastOrg: number, variant: 'zh' | 'ascii', seed = 20261201) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.partial`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet(MEMBER_SHEET);
  ws.addRow(MEMBER_COLUMNS.map((c) => c.header)).commit();
  const rng = prng(seed);
  const used = new Set<string>();
  const regions = ['330102', '330105', '330106', '330108', '330109', '330110', '330111', '330112', '330113', '330114'];
  const label = (list: { table: Record<string, { zh: string }> }, code: string) => (variant === 'zh' ? list.table[code]!.zh : code);
  const PINYIN = ['wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma', 'zhu', 'hu', 'guo', 'he', 'gao', 'lin', 'luo'];
  const eduW = [['middle_school', 35], ['high_school', 22], ['secondary', 10], ['college', 15], ['bachelor', 15], ['postgraduate', 3]] as const;
  const catW = [['farmer', 45], ['worker', 20], ['self_employed', 10], ['professional', 10], ['civil_servant', 5], ['unemployed', 5], ['student', 5]] as const;
  const SUR = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范';
  const GM = '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林建国志成文博海峰荣新';
  const GF = '芳娜敏静丽艳娟霞燕玲婷雪慧莉琳颖倩洁红英梅兰萍琴云佳悦雯晶月凤秀桂';
  const utc = (s: string) => new Date(`${s}T00:00:00Z`);
  for (let i = 0; i < rows; i++) {
    const gender = rng.next() < 0.72 ? 'male' : 'female';
    const by = rng.int(1950, 2000);
    const birth = isoDate(by, rng.int(1, 12), rng.int(1, 28));
    let serial = rng.int(0, 999);
    let id = fakeIdNumber(rng.pick(regions), birth, gender, serial);
    while (used.has(id)) id = fakeIdNumber(id.slice(0, 6), birth, gender, (serial += 2));
    used.add(id);
    const jy = Math.min(2025, by + rng.int(19, 45));
    const joined = isoDate(jy, rng.int(1, 12), rng.int(1, 28));
    const full = joined < '2025-06-01' ? `${Number(joined.slice(0, 4)) + 1}${joined.slice(4, 8)}${String(Math.min(28, Number(joined.slice(8)) + 1)).padStart(2, '0')}` : null;
    const pool = gender === 'male' ? GM : GF;
    const zhName = rng.pick([...SUR]) + rng.pick([...pool]) + (rng.next() < 0.7 ? rng.pick([...pool]) : '');
    const name = variant === 'zh' ? zhName : `${rng.pick(PINYIN)} ${rng.pick(PINYIN)}${rng.pick(PINYIN)}`;
    ws.addRow([
      name, label(GENDER, gender), variant === 'zh' ? '汉族' : null, id, null, label(EDUCATION, rng.weighted(eduW)), label(MEMBER_CATEGORY, by < 1964 ? 'retired' : rng.weighted(catW)),
      null, null, utc(joined), full ? utc(full) : null, `13${String(rng.int(0, 999_999_999)).padStart(9, '0')}`, variant === 'zh' ? (rng.next() < 0.65 ? '农村' : '城镇') : rng.next() < 0.65 ? 'rural' : 'urban',
      null, null, variant === 'zh' ? (rng.next() < 0.03 ? '是' : '否') : rng.next() < 0.03 ? 'true' : 'false', orgCode(rng.int(firstOrg, lastOrg)),
    ]).commit();
  }
  ws.commit();
  await wb.commit();
  fs.renameSync(tmp, file);
}

