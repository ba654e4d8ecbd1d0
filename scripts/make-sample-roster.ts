/**
 * Writes samples/roster.csv and samples/roster.xlsx from one list of invented people, so the two
 * samples always hold the same rows and the .xlsx is byte-for-byte reproducible:
 *   npx tsx scripts/make-sample-roster.ts
 * Names are invented; ID numbers are generated (region 9990xx exists nowhere) with a correct
 * check digit; phones are in the unused 1390005xxxx block.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { makeIdNumber } from '../src/domain/index.ts';

const HEADER = ['序号', '档案号', '姓名', '性别', '民族', '出生日期', '身份证号', '电话', '工作单位', '职务', '就业状态', '地址', '荣誉', '备注'];

interface SamplePerson {
  fileNo: string;
  name: string;
  birthDate: string;
  /** Three digits; the last is odd for a man, even for a woman. */
  seq: string;
  ethnicity: string;
  employer: string;
  position: string;
  status: string;
  honours: string;
  notes: string;
}

const PEOPLE: SamplePerson[] = [
  { fileNo: 'SL0001', name: '普建华', birthDate: '1965-03-08', seq: '011', ethnicity: '彝族', employer: '示例县供电所', position: '班长', status: '在职', honours: '2015 市级劳动模范 示例市人民政府；2020 省级劳动模范 示例省人民政府', notes: '创新工作室带头人' },
  { fileNo: 'SL0002', name: '毕秀芬', birthDate: '1958-11-21', seq: '022', ethnicity: '彝族', employer: '示例县刺绣合作社', position: '社长', status: '退休', honours: '2012 省级劳动模范 示例省人民政府', notes: '彝族刺绣传承人' },
  { fileNo: '', name: '昂文亮', birthDate: '1972-06-30', seq: '031', ethnicity: '汉族', employer: '示例乳业公司', position: '技师', status: '在职', honours: '2019 市级劳动模范 示例市人民政府', notes: '' },
  { fileNo: '', name: '沙丽琼', birthDate: '1980-01-15', seq: '042', ethnicity: '回族', employer: '示例县人民医院', position: '护士长', status: '在职', honours: '2021 县级先进工作者 示例县人民政府', notes: '' },
  { fileNo: '', name: '罗永昌', birthDate: '1955-09-02', seq: '051', ethnicity: '汉族', employer: '示例农机厂', position: '车间主任', status: '退休', honours: '2008 市级劳动模范 示例市人民政府', notes: '原单位已改制' },
  { fileNo: '', name: '赵春兰', birthDate: '1968-04-12', seq: '062', ethnicity: '汉族', employer: '示例中心小学', position: '教师', status: '在职', honours: '2018 省级先进工作者 示例省人民政府', notes: '' },
  { fileNo: '', name: '何志刚', birthDate: '1976-12-25', seq: '071', ethnicity: '彝族', employer: '示例建筑公司', position: '技术员', status: '在职', honours: '2023 县级工匠 示例县总工会', notes: '' },
  { fileNo: '', name: '单玉珍', birthDate: '1962-07-19', seq: '082', ethnicity: '汉族', employer: '示例烟草站', position: '站长', status: '退休', honours: '2010 市级劳动模范 示例市人民政府', notes: '慢性病，需定期复查' },
  { fileNo: '', name: '杨德明', birthDate: '1985-02-03', seq: '091', ethnicity: '白族', employer: '示例旅游服务中心', position: '导游', status: '在职', honours: '2024 市级名匠 示例市总工会', notes: '' },
  { fileNo: '', name: '马晓燕', birthDate: '1979-10-10', seq: '102', ethnicity: '回族', employer: '示例乳业公司', position: '质检员', status: '在职', honours: '2022 省级五一劳动奖章 示例省总工会', notes: '' },
];

/** One row per person, in HEADER order; the .xlsx turns dates and phones into real cell types. */
function rows(): (string | number | Date)[][] {
  return PEOPLE.map((p, i) => [
    i + 1,
    p.fileNo,
    p.name,
    Number(p.seq[2]) % 2 === 1 ? '男' : '女',
    p.ethnicity,
    p.birthDate,
    makeIdNumber(`9990${String(51 + i).padStart(2, '0')}`, p.birthDate, p.seq),
    `1390005${String(1001 + i * 17).padStart(4, '0')}`,
    p.employer,
    p.position,
    p.status,
    `示例县鹿阜街道示例路${(i + 1) * 3}号`,
    p.honours,
    p.notes,
  ]);
}

const csvCell = (v: string | number | Date) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** UTF-8 with a byte order mark and CRLF, as Excel writes "CSV UTF-8": it opens correctly in Excel on Windows. */
function csv(): string {
  return `\uFEFF${[HEADER, ...rows()].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

async function xlsx(): Promise<Uint8Array> {
  const FIXED = new Date(Date.UTC(2026, 0, 1));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'HonorCare';
  wb.created = FIXED;
  wb.modified = FIXED;
  const ws = wb.addWorksheet('花名册');
  ws.addRow(HEADER).font = { bold: true };
  for (const r of rows()) {
    // Birth dates as date cells (midnight UTC is the day itself), phones as numbers: what staff's Excel files hold.
    const [y, m, d] = String(r[5]).split('-').map(Number);
    const row = ws.addRow([r[0], r[1], r[2], r[3], r[4], new Date(Date.UTC(y, m - 1, d)), r[6], Number(r[7]), ...r.slice(8)]);
    row.getCell(6).numFmt = 'yyyy-mm-dd';
  }
  ws.columns.forEach((c, i) => (c.width = [6, 10, 8, 6, 6, 12, 21, 13, 18, 10, 10, 24, 60, 20][i]));
  return fixZipTimes(new Uint8Array(await wb.xlsx.writeBuffer()));
}

/**
 * Sets every entry time in the zip to 1980-01-01 00:00: the zip library stamps entries with the
 * current time, which would make each run's .xlsx differ. The times sit outside the compressed
 * data and its checksums, so only those fields change.
 */
function fixZipTimes(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const DOS_DATE_1980_01_01 = 0x0021;
  let eocd = zip.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  for (let n = 0; n < entries; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('bad central directory');
    view.setUint16(at + 12, 0, true);
    view.setUint16(at + 14, DOS_DATE_1980_01_01, true);
    const local = view.getUint32(at + 42, true);
    view.setUint16(local + 10, 0, true);
    view.setUint16(local + 12, DOS_DATE_1980_01_01, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return zip;
}

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'samples');
writeFileSync(join(dir, 'roster.csv'), csv());
writeFileSync(join(dir, 'roster.xlsx'), await xlsx());
console.log(`wrote ${join(dir, 'roster.csv')} and roster.xlsx (${PEOPLE.length} people)`);
