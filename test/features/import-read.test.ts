import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { cellText, dateCellText, excelSerialDate, numberCellText } from '../../src/features/import/cell-text.ts';
import { decodeText, looksBinary } from '../../src/features/import/decode.ts';
import { readCsv } from '../../src/features/import/read-csv.ts';
import { formatOf, readTable } from '../../src/features/import/read-table.ts';
import { readXlsx } from '../../src/features/import/read-xlsx.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const keyOf = async (p: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return (e as { key?: string }).key;
  }
  return 'no error';
};

// Some tests move the process to another time zone, as a server abroad would be.
const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('decodeText', () => {
  it('reads UTF-8 with and without a byte order mark', () => {
    expect(decodeText(utf8('\uFEFF姓名,身份证号'))).toEqual({ text: '姓名,身份证号', encoding: 'utf-8' });
    expect(decodeText(utf8('姓名,身份证号'))).toEqual({ text: '姓名,身份证号', encoding: 'utf-8' });
  });

  it('falls back to GB18030 when the bytes are not UTF-8 (Excel in China)', () => {
    // 张三,男 in GBK
    const gbk = new Uint8Array([0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0xc4, 0xd0]);
    expect(decodeText(gbk)).toEqual({ text: '张三,男', encoding: 'gb18030' });
  });

  it('reads UTF-16 with a byte order mark, and tells binary from text', () => {
    const le = new Uint8Array([0xff, 0xfe, 0xd3, 0x59, 0x0d, 0x54]); // 姓名 (U+59D3 U+540D)
    expect(decodeText(le).text).toBe('姓名');
    expect(looksBinary(le)).toBe(false);
    expect(looksBinary(new Uint8Array([0x50, 0x00, 0x01]))).toBe(true);
    expect(looksBinary(utf8('姓名,身份证号\n'))).toBe(false);
  });
});

describe('cell texts', () => {
  it('gives a date cell its calendar day whatever the server time zone', () => {
    process.env.TZ = 'America/Los_Angeles'; // local getters would say 1968-05-11 here
    expect(dateCellText(new Date(Date.UTC(1968, 4, 12)))).toBe('1968-05-12');
    process.env.TZ = 'Asia/Tokyo';
    expect(dateCellText(new Date(Date.UTC(1968, 4, 12, 23, 59)))).toBe('1968-05-12');
  });

  it('writes whole numbers in full and marks numbers that lost digits', () => {
    expect(numberCellText(13900001234)).toBe('13900001234');
    expect(numberCellText(2018)).toBe('2018');
    expect(numberCellText(3.5)).toBe('3.5');
    // An 18-digit ID number typed as a number: Excel kept 15 digits.
    expect(numberCellText(530126198503120000)).toMatch(/^5\.\d+e\+17$/);
  });

  it('reads exceljs value shapes: rich text, formulas, hyperlinks, errors', () => {
    expect(cellText({ richText: [{ text: '张' }, { text: '三' }] })).toBe('张三');
    expect(cellText({ formula: 'A1&B1', result: '李四' })).toBe('李四');
    expect(cellText({ sharedFormula: 'A1', result: 13900001234 })).toBe('13900001234');
    expect(cellText({ text: '示例单位', hyperlink: 'https://example.org' })).toBe('示例单位');
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
    expect(cellText(null)).toBe('');
  });

  it('turns an Excel day number into its date', () => {
    expect(excelSerialDate(25000)).toBe('1968-06-11');
    expect(excelSerialDate(25569)).toBe('1970-01-01');
  });
});

describe('readCsv', () => {
  it('numbers rows as a spreadsheet shows them: a line break inside a cell and empty lines count right', async () => {
    const rows = await readCsv(utf8('姓名,备注\n\n张三,"两行\n备注"\n李四,x\n'));
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['姓名', '备注'] },
      { rowNumber: 3, cells: ['张三', '两行\n备注'] },
      { rowNumber: 4, cells: ['李四', 'x'] },
    ]);
  });

  it('finds the separator of the header line (comma, tab, semicolon)', async () => {
    expect((await readCsv(utf8('姓名\t身份证号\n张三\t1\n')))[1].cells).toEqual(['张三', '1']);
    expect((await readCsv(utf8('姓名;身份证号\n张三;1\n')))[1].cells).toEqual(['张三', '1']);
  });

  it('reports an unclosed quote with its line, and binary bytes as not text', async () => {
    expect(await keyOf(() => readCsv(utf8('姓名,身份证号\n张三,1\n"李四,2\n')))).toBe('import.file.csv_quote');
    expect(await keyOf(() => readCsv(new Uint8Array([0x50, 0x4b, 0x00, 0x00, 0x07])))).toBe('import.file.not_text');
  });
});

describe('readXlsx', () => {
  async function workbook(fill: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    fill(wb.addWorksheet('花名册'));
    wb.addWorksheet('第二页').addRow(['不读']);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('reads the first sheet with spreadsheet row numbers, dates as days and numbers in full', async () => {
    process.env.TZ = 'America/New_York';
    const bytes = await workbook((ws) => {
      ws.addRow(['示例县劳模花名册']);
      ws.addRow(['姓名', '身份证号', '出生日期', '电话']);
      ws.addRow([]);
      ws.addRow(['张三', '99900119680512001X', new Date(Date.UTC(1968, 4, 12)), 13900001234]);
      ws.addRow([{ richText: [{ text: '李' }, { text: '四' }] }, 530126198503120000, null, null]);
    });
    const rows = await readXlsx(bytes);
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['示例县劳模花名册'] },
      { rowNumber: 2, cells: ['姓名', '身份证号', '出生日期', '电话'] },
      { rowNumber: 4, cells: ['张三', '99900119680512001X', '1968-05-12', '13900001234'] },
      { rowNumber: 5, cells: ['李四', expect.stringMatching(/e\+17$/)] },
    ]);
  });

  it('calls a file that is not a workbook broken', async () => {
    expect(await keyOf(readXlsx(utf8('not a zip at all')))).toBe('import.file.broken_xlsx');
  });
});

describe('readTable', () => {
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]);
  const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]);

  it('goes by content where the name misleads, and by name where content cannot tell', async () => {
    expect(formatOf('roster.xlsx', zip)).toBe('xlsx');
    expect(formatOf('renamed.csv', zip)).toBe('xlsx');
    expect(formatOf('roster.CSV', utf8('姓名'))).toBe('csv');
    expect(await keyOf(() => formatOf('roster.xlsx', utf8('姓名')))).toBe('import.file.broken_xlsx');
    expect(await keyOf(() => formatOf('roster.xls', ole))).toBe('import.file.old_excel');
    expect(await keyOf(() => formatOf('locked.xlsx', ole))).toBe('import.file.old_excel');
    expect(await keyOf(() => formatOf('roster.docx', zip))).toBe('import.file.unsupported');
    expect(await keyOf(() => formatOf('photo.jpg', utf8('x')))).toBe('import.file.unsupported');
  });

  it('refuses empty files and files without content', async () => {
    expect(await keyOf(readTable('a.csv', new Uint8Array()))).toBe('import.file.empty');
    expect(await keyOf(readTable('a.csv', utf8('\n,,\n\n')))).toBe('import.file.empty_sheet');
  });
});
