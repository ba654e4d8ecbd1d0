import { describe, expect, it } from 'vitest';
import { columnLetter, expectedHeader, headerKey, mapColumns, meaningOf } from '../../src/features/import/columns.ts';
import type { TableRow } from '../../src/features/import/table.ts';

const rows = (...lines: string[][]): TableRow[] => lines.map((cells, i) => ({ rowNumber: i + 1, cells }));
const keyOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as { key: string; params: Record<string, string> };
  }
  throw new Error('no error');
};

describe('column headers', () => {
  it('reads decorated and English headers as the field they name', () => {
    expect(meaningOf('姓名*')).toEqual({ kind: 'field', field: 'name' });
    expect(meaningOf('身份证号码（18位）')).toEqual({ kind: 'field', field: 'idNumber' });
    expect(meaningOf('性  别')).toEqual({ kind: 'field', field: 'gender' });
    expect(meaningOf('出生日期:')).toEqual({ kind: 'field', field: 'birthDate' });
    expect(meaningOf('ID Number')).toEqual({ kind: 'field', field: 'idNumber' });
    expect(meaningOf('File No')).toEqual({ kind: 'field', field: 'fileNo' });
    expect(meaningOf('联系电话')).toEqual({ kind: 'field', field: 'phone' });
    expect(meaningOf('荣誉2')).toEqual({ kind: 'honourText' });
    expect(meaningOf('获得年份')).toEqual({ kind: 'part', part: 'year' });
    expect(meaningOf('文号')).toEqual({ kind: 'part', part: 'documentNo' });
    expect(meaningOf('序号')).toEqual({ kind: 'rowNumber' });
    expect(meaningOf('血型')).toBeUndefined();
    expect(meaningOf('电话2')).toBeUndefined();
    expect(headerKey('（必填）姓名 ')).toBe('姓名');
  });

  it('names columns with spreadsheet letters', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

describe('mapColumns', () => {
  it('maps fields and honour columns, skips the running number, reports unknown and repeated columns', () => {
    const { map, dataRows } = mapColumns(
      rows(['序号', '姓名', '身份证号', '手机', '电话', '血型', '荣誉1', '荣誉2', '', ''], ['1', '张三', 'x', '', '', 'A', '', '', '', ''], ['2', '李四', 'y', '', '', '', '', '', '有数据', '']),
    );
    expect(map.headerRow).toBe(1);
    expect(map.fields.name?.letter).toBe('B');
    expect(map.fields.phone).toMatchObject({ header: '手机', letter: 'D' });
    expect(map.honourText.map((c) => c.header)).toEqual(['荣誉1', '荣誉2']);
    // The second phone column, the unknown one, and a headerless column with data; not the empty J.
    expect(map.ignored.map((c) => `${c.letter}:${c.header}`)).toEqual(['E:电话', 'F:血型', 'I:']);
    expect(dataRows.map((r) => r.rowNumber)).toEqual([2, 3]);
  });

  it('finds the header under a title line, keeping spreadsheet row numbers', () => {
    const { map, dataRows } = mapColumns(rows(['示例县劳模花名册'], ['填表日期：2026-11-01'], ['姓名', '身份证号', '荣誉类别', '荣誉级别', '获得年份'], ['张三', 'x', '劳动模范', '市级', '2018']));
    expect(map.headerRow).toBe(3);
    expect(Object.keys(map.honourParts)).toEqual(['category', 'level', 'year']);
    expect(dataRows[0].rowNumber).toBe(4);
  });

  it('says which required column is missing and shows the expected header line', () => {
    const e = keyOf(() => mapColumns(rows(['姓名', '电话'], ['张三', '13900000000'])));
    expect(e.key).toBe('import.file.missing_columns');
    expect(e.params.missing).toBe('身份证号');
    expect(e.params.found).toBe('姓名、电话');
    expect(e.params.expected).toBe(expectedHeader());
    expect(expectedHeader()).toBe('档案号,姓名,性别,民族,出生日期,身份证号,电话,工作单位,职务,就业状态,地址,备注,荣誉');
    expect(keyOf(() => mapColumns(rows(['姓名', '身份证号'], ['', '']))).key).toBe('import.file.no_data');
  });
});
