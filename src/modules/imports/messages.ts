// Messages of the import/export module (zh-CN first). Registry rules reuse the server's own
// messages (member.*, idNumber.*) so a rule reads the same in the API and in the error workbook.
import { t as serverT, type Locale, type MessageKey } from '../../server/messages.ts';

const zh = {
  'import.required': '必填项，不能为空',
  'import.badLabel': '“{value}”不是可选项；可选：{options}',
  'import.badDate': '“{value}”不是有效日期（请用 Excel 日期，或 2024-07-01、2024/7/1 的写法）',
  'import.tooLong': '不能超过 {max} 个字符',
  'import.tooShort': '至少 {min} 个字符',
  'import.garbled': '“{value}”中有无法识别的字符（�），文件内容可能已损坏或编码不对；请在 Excel 中改正后重新导入',
  'import.badPhone': '联系电话格式不正确（7–20 位数字，可含 + - 空格）',
  'import.idNumberAsNumber': '身份证号被存成了数字，末几位已丢失；请把该列设为“文本”格式后重新填写',
  'import.duplicateInFile': '与第 {rows} 行的身份证号重复',
  'import.idNumberOutsideScope': '该身份证号已登记在您管辖范围以外的党员名下，请与上级组织部门核实',
  'import.memberInOtherOrg': '该党员已登记在“{org}”（代码 {code}）；调整所在党组织请办理组织关系转接',
  'import.memberLeft': '该身份证号的党员已不在册（已去世、出党或转出），不能通过导入修改',
  'import.orgUnknown': '组织代码“{code}”不存在或不在您的管辖范围内',
  'import.orgDissolved': '组织代码“{code}”对应的党组织已撤销',
  'import.badCode': '组织代码只能由字母、数字和短横线组成，最长 32 位',
  'import.duplicateCodeInFile': '与第 {rows} 行的组织代码重复',
  'import.orgCodeTaken': '组织代码“{code}”已被使用',
  'import.parentUnknown': '上级组织代码“{code}”不存在、不在您的管辖范围内或已撤销，文件中也没有这个组织',
  'import.parentInvalidRow': '上级组织（第 {row} 行）本身有错误',
  'import.parentCycle': '上级组织关系成环：组织不能是自己的下级',
  'import.parentSelf': '上级组织不能是它自己',
  'import.parentMismatch': '该组织已存在，隶属于“{parent}”，与文件不同；调整隶属关系请使用组织“移动”功能',
  'import.existingDissolved': '组织代码“{code}”对应的组织已撤销，不能通过导入修改',
  'import.divisionCode': '行政区划代码应为 6–12 位数字',
  'import.missingColumns': '缺少必需的列：{columns}（请使用导入模板，表头在第 1 行）',
  'import.noRows': '文件中没有数据行',
  'import.unreadable': '文件无法读取，请确认是 Excel 保存的 .xlsx 文件',
  'import.tooManyRows': '数据行过多（上限 {max} 行），请分成几个文件导入',
  'import.uploadRequired': '请上传一个 .xlsx 文件（表单字段 file）',
  'import.notXlsx': '只支持 .xlsx 格式的 Excel 文件（.xls 请先在 Excel 中另存为 .xlsx）',
  'import.fileTooLarge': '文件过大（上限 {mb} MB）',
  'import.staleJob': '处理该任务的服务节点已中断（超过 2 分钟没有响应），任务已终止；未写入任何数据，请重新导入',
  'import.concurrentChange': '校验之后有数据被其他操作修改，本次导入已全部撤销，请重新导入',
  'import.internal': '导入时发生内部错误，已全部撤销（{detail}）',
} as const;

export type ImportMessageKey = keyof typeof zh;

const en: Record<ImportMessageKey, string> = {
  'import.required': 'Required; cannot be empty',
  'import.badLabel': '"{value}" is not one of the choices: {options}',
  'import.badDate': '"{value}" is not a valid date (use an Excel date, or 2024-07-01, 2024/7/1)',
  'import.tooLong': 'At most {max} characters',
  'import.tooShort': 'At least {min} characters',
  'import.garbled': '"{value}" contains unreadable characters (�); the file may be damaged or in the wrong encoding — correct it in Excel and import again',
  'import.badPhone': 'Phone number format is wrong (7–20 digits, + - and spaces allowed)',
  'import.idNumberAsNumber': 'The ID number was stored as a number and lost its last digits; format the column as Text and enter it again',
  'import.duplicateInFile': 'Same ID number as row {rows}',
  'import.idNumberOutsideScope': 'This ID number belongs to a member outside your scope; check with the higher organization department',
  'import.memberInOtherOrg': 'This member is registered in "{org}" (code {code}); moving a member is a transfer, not an import',
  'import.memberLeft': 'The member with this ID number is no longer on the roll and cannot be changed by import',
  'import.orgUnknown': 'Organization code "{code}" does not exist or is outside your scope',
  'import.orgDissolved': 'The organization with code "{code}" has been dissolved',
  'import.badCode': 'An organization code has letters, digits and hyphens only, at most 32',
  'import.duplicateCodeInFile': 'Same organization code as row {rows}',
  'import.orgCodeTaken': 'Organization code "{code}" is taken',
  'import.parentUnknown': 'Parent code "{code}" does not exist, is outside your scope or dissolved, and is not in the file',
  'import.parentInvalidRow': 'The parent organization (row {row}) has errors itself',
  'import.parentCycle': 'The parent relations form a cycle',
  'import.parentSelf': 'An organization cannot be its own parent',
  'import.parentMismatch': 'This organization exists under "{parent}", not the parent in the file; use Move to change the parent',
  'import.existingDissolved': 'The organization with code "{code}" has been dissolved and cannot be changed by import',
  'import.divisionCode': 'A division code has 6–12 digits',
  'import.missingColumns': 'Missing required columns: {columns} (use the template; headers in row 1)',
  'import.noRows': 'The file has no data rows',
  'import.unreadable': 'The file cannot be read; save it as .xlsx from Excel',
  'import.tooManyRows': 'Too many rows (limit {max}); split the file',
  'import.uploadRequired': 'Upload one .xlsx file (form field "file")',
  'import.notXlsx': 'Only .xlsx Excel files are accepted (save .xls as .xlsx first)',
  'import.fileTooLarge': 'The file is too large (limit {mb} MB)',
  'import.staleJob': 'The server node running this job stopped responding for over 2 minutes; the job was ended and nothing was written. Import again',
  'import.concurrentChange': 'Data changed after validation; the whole import was rolled back. Import again',
  'import.internal': 'Internal error during the import; everything was rolled back ({detail})',
};

const tables: Record<Locale, Record<ImportMessageKey, string>> = { 'zh-CN': zh, en };

/** Either a key of this module or one of the server's (registry rules). */
export type AnyMessageKey = ImportMessageKey | MessageKey;

const isImportKey = (k: string): k is ImportMessageKey => k in zh;

export function tr(locale: Locale, key: AnyMessageKey, params: Record<string, string | number> = {}): string {
  if (!isImportKey(key)) return serverT(locale, key, params);
  return tables[locale][key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}
