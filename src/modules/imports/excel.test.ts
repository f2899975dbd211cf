import { describe, expect, it } from 'vitest';
import { GENDER } from '../../shared/enums.ts';
import { readField, type CellProblem, type ColumnSpec } from './excel.ts';

const nameCol: ColumnSpec<'name'> = { key: 'name', header: '姓名', en: 'Name', type: 'text', required: true, max: 50, width: 10, note: '', example: '张三' };
const genderCol: ColumnSpec<'gender'> = { key: 'gender', header: '性别', en: 'Gender', type: 'enum', required: true, list: GENDER, width: 6, note: '', example: '男' };

describe('readField', () => {
  it('refuses a cell with U+FFFD (damaged text) instead of storing it, naming the value', () => {
    const out: CellProblem<'name'>[] = [];
    expect(readField(nameCol, '张\uFFFD\uFFFD', out)).toBeNull();
    expect(out).toEqual([{ column: 'name', key: 'import.garbled', params: { value: '张\uFFFD\uFFFD' } }]);
  });

  it('says "garbled", not "not a choice", for a damaged code-list label', () => {
    const out: CellProblem<'gender'>[] = [];
    expect(readField(genderCol, '\uFFFD', out)).toBeNull();
    expect(out.map((p) => p.key)).toEqual(['import.garbled']);
  });

  it('keeps ordinary Chinese text, including rare characters outside the BMP', () => {
    const out: CellProblem<'name'>[] = [];
    expect(readField(nameCol, '𠮷野家', out)).toBe('𠮷野家');
    expect(out).toEqual([]);
  });
});
