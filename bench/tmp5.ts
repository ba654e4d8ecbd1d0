import { readFileSync } from 'node:fs';
import { readXlsx } from '../src/features/import/read-xlsx.ts';
const bytes = new Uint8Array(readFileSync(process.argv[2]));
const rss0 = process.memoryUsage().rss;
let peak = rss0; let worst = 0; let last = performance.now();
const m = setInterval(() => { const n = performance.now(); worst = Math.max(worst, n - last - 20); last = n; peak = Math.max(peak, process.memoryUsage().rss); }, 20);
const t = performance.now();
try { const rows = await readXlsx(bytes); console.log('rows', rows.length, rows[1], rows.at(-1)); } catch (e) { console.log('threw', (e as Error).message, (e as any).key); }
clearInterval(m);
console.log('ms', Math.round(performance.now() - t), 'RSS growth MB', Math.round((peak - rss0) / 1e6), 'worst timer lateness', Math.round(worst));
