import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/core/i18n.ts';
import { formatLimit, formatSize, isDryRun } from '../../src/features/import/import-command.ts';
import { errorsCsv, importReport, type ReportInput } from '../../src/features/import/report.ts';
import type { RowIssue } from '../../src/features/import/validate-rows.ts';

const i18n = createI18n();
const zh = i18n.for('zh-CN');
const en = i18n.for('en');
const column = { index: 1, header: '身份证号', letter: 'B' };
const bad = (row: number): RowIssue => ({ row, column, value: `99907119680512001${row % 10}`, key: 'import.invalid.idNumber_check_digit' });
const input = (over: Partial<ReportInput> = {}): ReportInput => ({
  fileName: 'roster.xlsx',
  stamp: '20261123-100503',
  dryRun: false,
  rowCount: 12,
  people: 10,
  counts: { created: 7, updated: 2, unchanged: 1, honoursAdded: 9 },
  errors: [],
  warnings: [],
  ignored: [],
  ...over,
});

describe('importReport', () => {
  it('gives the counts, the ignored columns and one line per row with errors', () => {
    const reply = importReport(zh, input({
      errors: [bad(5), { row: 5, column: { index: 3, header: '出生日期', letter: 'D' }, value: '1968-02-30', key: 'import.invalid.birthDate' }, bad(3)],
      ignored: [{ index: 7, header: '血型', letter: 'H' }, { index: 9, header: '', letter: 'J' }],
    }));
    expect(reply.text).toContain('导入完成：roster.xlsx');
    expect(reply.text).toContain('新增 7、更新 2、无变化 1、错误 2；新增荣誉 9 项');
    expect(reply.text).toContain('未识别的列（已忽略）：血型（H 列）、（无列名）（J 列）');
    const rows = reply.text.split('\n').filter((l) => l.startsWith('第 '));
    expect(rows).toEqual(['第 3 行：身份证号校验位不对（最后一位）', '第 5 行：身份证号校验位不对（最后一位）；出生日期「1968-02-30」不对（日期不存在、在今天之后或格式不对），应如 1968-05-12']);
    expect(reply.file).toBeUndefined();
  });

  it('says a dry run saved nothing and how to import for real', () => {
    const text = importReport(zh, input({ dryRun: true })).text;
    expect(text).toContain('试运行（没有保存任何内容）');
    expect(text).toContain('发送「导入」并附上同一个文件');
    expect(importReport(en, input({ dryRun: true })).text).toContain('Dry run (nothing saved)');
  });

  it('shows 20 error rows and attaches all of them as a CSV Excel can open', () => {
    const errors = Array.from({ length: 23 }, (_, i) => bad(i + 2));
    const reply = importReport(zh, input({ errors }));
    expect(reply.text.split('\n').filter((l) => l.startsWith('第 '))).toHaveLength(20);
    expect(reply.text).toContain('还有 3 行有错误，完整清单见附件 导入错误清单-20261123-100503.csv');
    expect(reply.file).toMatchObject({ name: '导入错误清单-20261123-100503.csv', mimeType: 'text/csv' });
    expect([...reply.file!.data.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(reply.file!.data).trim().split('\r\n');
    expect(lines).toHaveLength(24);
    expect(lines[1]).toBe('2,身份证号（B 列）,999071196805120012,身份证号校验位不对（最后一位）');
  });

  it('keeps a formula from the roster from running when the error list is opened', () => {
    const data = errorsCsv(zh, [{ row: 2, column, value: '=HYPERLINK("http://x")', key: 'import.invalid.name' }]);
    const line = new TextDecoder().decode(data).split('\r\n')[1];
    expect(line.startsWith('2,身份证号（B 列）,"\'=HYPERLINK(""http://x"")"')).toBe(true);
  });

  it('cuts long values in the chat text only', () => {
    const long = '很'.repeat(60);
    const errors: RowIssue[] = [{ row: 2, column, value: long, key: 'import.invalid.name' }];
    expect(importReport(zh, input({ errors })).text).toContain(`姓名「${'很'.repeat(30)}…」`);
    expect(new TextDecoder().decode(errorsCsv(zh, errors))).toContain(long);
  });
});

describe('import command words and sizes', () => {
  it('recognises a dry run in Chinese and English', () => {
    for (const words of ['试运行', '预览', 'dry-run', '--dry-run', 'DRY-RUN', 'x 试运行']) expect(isDryRun(words)).toBe(true);
    for (const words of ['', '花名册', 'run']) expect(isDryRun(words)).toBe(false);
  });

  it('writes sizes as staff read them', () => {
    expect(formatSize(50 * 1024 * 1024)).toBe('50.0 MB');
    expect(formatSize(10.04 * 1024 * 1024)).toBe('10.0 MB');
    expect(formatSize(2048)).toBe('2.0 KB');
    expect(formatLimit(10 * 1024 * 1024)).toBe('10 MB');
  });
});

describe('import messages', () => {
  const keys = (o: unknown, prefix = ''): string[] =>
    typeof o === 'object' && o !== null ? Object.entries(o).flatMap(([k, v]) => keys(v, `${prefix}${k}.`)) : [prefix.slice(0, -1)];
  const load = (path: string) => JSON.parse(readFileSync(new URL(`../../src/locales/${path}`, import.meta.url), 'utf8'));

  it('has the same keys in Chinese and English', () => {
    expect(keys(load('en/import.json')).sort()).toEqual(keys(load('zh-CN/import.json')).sort());
  });

  it('has a short row message for every field error the honoree parser can give', () => {
    const fieldErrors = Object.keys(load('zh-CN/honorees.json').invalid as object);
    const rowMessages = Object.keys(load('zh-CN/import.json').invalid as object);
    expect(fieldErrors.filter((k) => !rowMessages.includes(k))).toEqual([]);
  });
});
