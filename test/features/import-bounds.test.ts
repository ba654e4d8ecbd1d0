import ExcelJS from 'exceljs';
import { once } from 'node:events';
import { createDeflateRaw } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../../src/features/import/read-table.ts';
import { memoryFile, STAFF, testChat } from '../support/chat.ts';
import { freshDb, type TestDb } from '../support/databases.ts';
import { ROSTER_HEADER, rosterRows } from '../support/roster.ts';
import { seedAccounts } from '../support/seed.ts';
import { part, zip, type ZipPart } from '../support/zip.ts';

const MB = 1024 * 1024;
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** The parts of a workbook around one sheet. */
const frame = [
  part('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>`),
  part(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  ),
];

/**
 * A sheet part that unpacks to `rows` rows of 100 cells of 1,000 letters each (about 100 KB a row),
 * deflated as it is made so the test never holds it unpacked.
 */
async function bombSheet(rows: number): Promise<ZipPart> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const row = Buffer.from(`<row>${`<c t="inlineStr"><is><t>${'A'.repeat(1000)}</t></is></c>`.repeat(100)}</row>`);
  let size = 0;
  const write = (b: Buffer) => {
    size += b.length;
    return deflate.write(b);
  };
  write(Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData><row><c t="inlineStr"><is><t>姓名</t></is></c><c t="inlineStr"><is><t>身份证号</t></is></c></row>`));
  for (let i = 0; i < rows; i++) if (!write(row)) await once(deflate, 'drain');
  write(Buffer.from('</sheetData></worksheet>'));
  deflate.end();
  await once(deflate, 'end');
  // The checksum is left out: nothing reads it before the size limits apply.
  return { name: 'xl/worksheets/sheet1.xml', deflated: new Uint8Array(Buffer.concat(out)), size, crc: 0 };
}

/** Runs `work` and returns the highest resident memory growth seen meanwhile, in MB. */
async function rssGrowth(work: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    await work();
  } finally {
    clearInterval(sample);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return (peak - before) / MB;
}

describe('uploads are bounded: a workbook too big unpacked is refused before it is read whole', () => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  let sheet: ZipPart;
  beforeAll(async () => {
    t = await freshDb('sqlite');
    await seedAccounts(t.db);
    chat = testChat(t.db);
    // 1,000 rows of 100 KB: about 100 MB of sheet XML in a file of a hundred KB or so.
    sheet = await bombSheet(1000);
  }, 120_000);
  afterAll(() => t.destroy());

  it('refuses a zip bomb that states its size, before unpacking, with a clear answer', async () => {
    const bomb = zip([...frame, sheet]);
    expect(bomb.length).toBeLessThan(MB);
    expect(sheet.size).toBeGreaterThan(95 * MB);
    let answer = '';
    const growth = await rssGrowth(async () => (answer = await chat.say(STAFF, '导入', { file: memoryFile('roster.xlsx', bomb) })));
    expect(answer).toContain('这个 Excel 文件解压后超过 64 MB，远大于一份花名册，没有读取');
    expect(answer).toContain('只保留花名册那一个工作表');
    expect(growth).toBeLessThan(100);
    expect(await t.db.honoree.count()).toBe(0);
  });

  it('refuses a zip bomb whose directory lies about its size: the text read is counted and reading stops', async () => {
    const lying = zip([...frame, { ...sheet, claimedSize: 4096 }]);
    let answer = '';
    const growth = await rssGrowth(async () => (answer = await chat.say(STAFF, '导入', { file: memoryFile('roster.xlsx', lying) })));
    expect(answer).toContain('这个 Excel 文件里的文字超过 20000000 个字符，远多于一份花名册，没有继续读取');
    expect(growth).toBeLessThan(150);
  }, 60_000);

  it('refuses a sheet whose directory lies about its size once the bytes unpacked pass the limit', async () => {
    // Short rows: under every count of cells and characters, over the unpacked size.
    const filler = `<row>${'<c/>'.repeat(2000)}</row>`.repeat(10_000);
    const lying = part('xl/worksheets/sheet1.xml', `<worksheet ${NS}><sheetData>${filler}</sheetData></worksheet>`);
    expect(lying.size).toBeGreaterThan(70 * MB);
    const answer = await chat.say(STAFF, '导入', { file: memoryFile('roster.xlsx', zip([...frame, { ...lying, claimedSize: 1000 }])) });
    expect(answer).toContain('这个 Excel 文件解压后超过 64 MB');
  }, 60_000);

  it('stops reading a sheet with more rows than one import takes, with the limit in the answer', async () => {
    const rows = Array.from({ length: 20_020 }, (_, i) => `<row r="${i + 2}"><c t="inlineStr"><is><t>张${i}</t></is></c></row>`).join('');
    const sheetXml = `<worksheet ${NS}><sheetData><row r="1"><c t="inlineStr"><is><t>姓名</t></is></c></row>${rows}</sheetData></worksheet>`;
    const answer = await chat.say(STAFF, '导入', { file: memoryFile('roster.xlsx', zip([...frame, part('xl/worksheets/sheet1.xml', sheetXml)])) });
    expect(answer).toContain('文件超过 20000 行数据，没有继续读取');
  });

  it('reads an honest 20,000-row workbook with memory growth under 300 MB', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.addRow(ROSTER_HEADER);
    for (const r of rosterRows(20_000)) ws.addRow(r);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    let rows = 0;
    const growth = await rssGrowth(async () => (rows = (await readTable('roster.xlsx', bytes)).rows.length));
    expect(rows).toBe(20_001);
    expect(growth).toBeLessThan(300);
  }, 120_000);
});
