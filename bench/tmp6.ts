import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readXlsx } from '../src/features/import/read-xlsx.ts';
const wb = new ExcelJS.Workbook();
wb.addWorksheet('花名册').addRow(['姓名', '身份证号']);
const base = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
const cell = '<c t="inlineStr"><is><t>' + 'A'.repeat(1000) + '</t></is></c>';
const sheet = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + ('<row>' + cell.repeat(100) + '</row>').repeat(4000) + '</sheetData></worksheet>';
base.file('xl/worksheets/sheet1.xml', sheet);
const bomb = await base.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
console.log('upload bytes', bomb.length, '(limit 10 MB); sheet XML bytes', sheet.length);
const rss0 = process.memoryUsage().rss;
let peak = rss0;
const m = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
try { await readXlsx(bomb); } catch (e) { console.log('readXlsx threw', (e as Error).message); }
clearInterval(m);
console.log('RSS MB before', Math.round(rss0 / 1e6), 'peak', Math.round(peak / 1e6));
