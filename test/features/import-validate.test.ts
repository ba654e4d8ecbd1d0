import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/domain/index.ts';
import { mapColumns } from '../../src/features/import/columns.ts';
import type { TableRow } from '../../src/features/import/table.ts';
import { validateRows } from '../../src/features/import/validate-rows.ts';

const TODAY = '2026-11-23';
const ID = makeIdNumber('999071', '1968-05-12', '011'); // a man born 1968-05-12

/** Validates a small sheet given as lines of cells (the header first, as row 1). */
async function check(...lines: string[][]) {
  const table: TableRow[] = lines.map((cells, i) => ({ rowNumber: i + 1, cells }));
  const { map, dataRows } = mapColumns(table);
  return validateRows(dataRows, map, TODAY);
}

describe('validateRows', () => {
  it('keeps only cells with a value, parsed to their stored form', async () => {
    const { people, errors } = await check(
      ['姓名', '身份证号', '性别', '出生日期', '电话', '就业状态', '备注'],
      ['张  三', ` ${ID.toLowerCase()} `, '男性', '1968/5/12', "'139-0000-1234", '退休', '无'],
    );
    expect(errors).toEqual([]);
    // Spaces that align names go; skip words such as 无 leave the field alone, as an empty cell does.
    expect(people).toEqual([
      { idNumber: ID, values: { name: '张三', idNumber: ID, gender: 'male', birthDate: '1968-05-12', phone: '13900001234', employmentStatus: 'retired' }, honours: [], rows: [2] },
    ]);
  });

  it('reports each bad cell with its row and column, and skips rows with nothing to read', async () => {
    const { people, errors, rowCount } = await check(
      ['序号', '姓名', '身份证号', '出生日期', '电话'],
      ['1', '', ID, '', ''],
      ['2', '李四', ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0'), '1968-02-30', '12345'],
      ['3', '', '', '', ''],
      ['4', '王五', '', '', ''],
    );
    expect(people).toEqual([]);
    expect(rowCount).toBe(3);
    expect(errors.map((e) => [e.row, e.column?.letter, e.key])).toEqual([
      [2, 'B', 'import.invalid.name_missing'],
      [3, 'C', 'import.invalid.idNumber_check_digit'],
      [3, 'D', 'import.invalid.birthDate'],
      [3, 'E', 'import.invalid.phone'],
      [5, 'C', 'import.invalid.idNumber_missing'],
    ]);
    expect(errors[2].value).toBe('1968-02-30');
  });

  it('recognises ID numbers that Excel turned into numbers', async () => {
    const { errors } = await check(['姓名', '身份证号'], ['张三', '5.30126198503120E+17'], ['李四', '530126198503120000']);
    expect(errors.map((e) => e.key)).toEqual(['import.invalid.idNumber_as_number', 'import.invalid.idNumber_truncated']);
  });

  it('completes a 出生年月 month from the ID number, and reads an Excel day number', async () => {
    const { people, errors } = await check(['姓名', '身份证号', '出生年月'], ['张三', ID, '1968.05']);
    expect(errors).toEqual([]);
    expect(people[0].values.birthDate).toBe('1968-05-12');
    expect((await check(['姓名', '身份证号', '出生日期'], ['张三', ID, '25000'])).people[0].values.birthDate).toBe('1968-06-11');
    expect((await check(['姓名', '身份证号', '出生年月'], ['张三', ID, '1968.06'])).errors[0].key).toBe('import.invalid.birthDate');
  });

  it('notes, without refusing, a birth date or gender that differs from the ID number', async () => {
    const { people, warnings } = await check(['姓名', '身份证号', '出生日期', '性别'], ['张三', ID, '1968-05-21', '女']);
    expect(people).toHaveLength(1);
    expect(warnings.map((w) => [w.key, w.params])).toEqual([
      ['import.warn.birth_date_differs', { fromId: '1968-05-12' }],
      ['import.warn.gender_differs', undefined],
    ]);
  });

  it('reads honours from 荣誉 text and from per-honour columns', async () => {
    const { people, errors } = await check(
      ['姓名', '身份证号', '荣誉', '荣誉类别', '荣誉级别', '获得年份', '授予单位', '文件号'],
      ['张三', ID, '2018 省级劳动模范 示例省人民政府; 2021年 县级 工匠', '省级先进工作者', '', '2016年', '示例省人民政府', '示发〔2016〕3号'],
    );
    expect(errors).toEqual([]);
    expect(people[0].honours).toEqual([
      { category: 'model_worker', level: 'provincial', year: 2018, awardingBody: '示例省人民政府' },
      { category: 'craftsman', level: 'county', year: 2021 },
      { category: 'advanced_worker', level: 'provincial', year: 2016, awardingBody: '示例省人民政府', documentNo: '示发〔2016〕3号' },
    ]);
    const bad = await check(['姓名', '身份证号', '荣誉类别', '荣誉级别', '获得年份'], ['张三', ID, '劳动模范', '乡级', '2030']);
    expect(bad.errors.map((e) => e.key)).toEqual(['import.invalid.honour_level', 'import.invalid.honour_year']);
  });

  it('gathers a person over several rows; a row that contradicts an earlier one is an error', async () => {
    const other = makeIdNumber('999071', '1970-01-01', '022');
    const { people, errors } = await check(
      ['档案号', '姓名', '身份证号', '电话', '荣誉类别', '荣誉级别', '获得年份', '授予单位'],
      ['', '张三', ID, '', '劳动模范', '市级', '2010', '示例市人民政府'],
      ['', '张三', ID, '13900001234', '工匠', '县级', '2020', ''],
      ['', '张三', ID, '13900009999', '', '', '', ''],
      ['', '张三', ID, '', '劳动模范', '市级', '2010', '另一单位'],
      ['LM00001', '李四', other, '', '', '', '', ''],
      ['LM00001', '王五', makeIdNumber('999071', '1971-01-01', '022'), '', '', '', '', ''],
    );
    expect(people.map((p) => [p.values.name, p.rows, p.honours.length, p.values.phone])).toEqual([
      ['张三', [2, 3], 2, '13900001234'],
      ['李四', [6], 0, undefined],
    ]);
    expect(errors.map((e) => [e.row, e.key, e.params])).toEqual([
      [4, 'import.invalid.conflict', { other: 2, fields: '电话' }],
      [5, 'import.invalid.conflict_honour', { other: 2, fields: '' }],
      [7, 'import.invalid.fileNo_twice', { other: 6 }],
    ]);
  });
});
