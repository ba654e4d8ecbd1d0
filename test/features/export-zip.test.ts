import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/core/i18n.ts';
import { addSheet, waitingForZip, type Column, type RowSource } from '../../src/features/export/sheet.ts';

/**
 * exceljs hands a streamed sheet's XML to the zip without waiting for the deflate, which falls
 * behind: the XML of a big year piled up in memory (80 MB at 100,000 people). addSheet waits for
 * the zip whenever more than 2 MB wait for it. Real exceljs, a real zip stream; invented rows.
 */
const CHUNKS = 40;
const ROWS = 1000;
const BOUND = 2 << 20;

describe('a streamed sheet and its zip', () => {
  it('never leaves more than 2 MB of XML waiting for the deflate (and there is some to measure)', async () => {
    const sink = new PassThrough();
    let zipped = 0;
    sink.on('data', (chunk: Buffer) => (zipped += chunk.length));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
    const note = '家属表示感谢，节前再来看望。'.repeat(12);
    const chunk = Array.from({ length: ROWS }, (_, i) => ({ no: i, name: `示例${i}`, note }));
    const columns: Array<Column<(typeof chunk)[number]>> = [
      { key: 'fileNo', kind: 'int', value: (r) => r.no },
      { key: 'name', kind: 'text', value: (r) => r.name },
      { key: 'notes', kind: 'text', value: (r) => r.note },
    ];
    let writing = 0;
    const waiting: number[] = [];
    const rows: RowSource<(typeof chunk)[number]> = async (each) => {
      writing++;
      for (let c = 0; c < CHUNKS; c++) {
        // Between two chunks of the writing pass: what the chunks before left waiting.
        if (writing === 2 && c > 0) waiting.push(waitingForZip(wb.getWorksheet(1)!));
        await each(chunk);
      }
    };
    await addSheet(wb, createI18n().for('zh-CN'), '走访慰问', columns, rows, false);
    await wb.commit();
    expect(zipped).toBeGreaterThan(100_000);
    expect(waiting).toHaveLength(CHUNKS - 1);
    expect(Math.max(...waiting)).toBeGreaterThan(0);
    expect(Math.max(...waiting)).toBeLessThanOrEqual(BOUND);
  }, 30_000);
});
