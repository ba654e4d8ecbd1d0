import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/app.ts';
import { ConsoleChannel, OPERATOR_ID } from '../../src/channels/console/console-channel.ts';
import { ensureAdmins } from '../../src/features/index.ts';
import { loadDemoData } from '../../src/features/demo/index.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { projectRoot } from '../support/spawn.ts';

const roster = join(projectRoot, 'samples', 'roster.csv');

/** A roster of `rows` people whose ID numbers are all wrong: more errors than the chat shows. */
function badRoster(dir: string, rows: number): string {
  const lines = ['姓名,身份证号', ...Array.from({ length: rows }, (_, i) => `测试${i},99905119650308011${i % 10}X`)];
  const path = join(dir, `bad-${rows}.csv`);
  writeFileSync(path, lines.join('\n'));
  return path;
}

describe.each(PROVIDERS)('files at the terminal, on %s', (provider) => {
  let t: TestDb;
  let dir: string;
  let exportDir: string;
  let core: ReturnType<typeof createCore>;

  beforeAll(async () => {
    t = await freshDb(provider);
    await loadDemoData(t.db, 2026);
    await ensureAdmins(t.db, [{ channel: 'terminal', id: OPERATOR_ID, name: '终端操作员' }]);
    dir = mkdtempSync(join(tmpdir(), 'hc-term-files-'));
    exportDir = join(dir, 'exports');
    core = createCore(t.db, pino({ level: 'silent' }), { defaultLocale: 'zh-CN', timeZone: 'Asia/Shanghai', fileNoPrefix: 'LM', inviteTtlHours: 72, maxUploadBytes: 10 * 1024 * 1024 });
  }, 60_000);
  afterAll(async () => {
    await t.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Types `lines` at a terminal wired to the real core; returns everything it printed. */
  async function typed(...lines: string[]): Promise<string> {
    const input = new PassThrough();
    let out = '';
    const output = new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) });
    const terminal = new ConsoleChannel({ input, output, exportDir, interactive: false, takesFile: core.takesFile });
    await terminal.start(core.handle);
    input.end(lines.map((l) => `${l}\n`).join(''));
    await terminal.ended;
    return out;
  }

  it('keeps a path typed inside another command as text: a note that names a file is saved as written', async () => {
    const note = join(dir, 'scan.txt');
    writeFileSync(note, 'not a roster');
    const out = await typed(`修改 LM00001 备注 ${note}`, '查询 LM00001');
    expect(out).not.toContain('收到文件');
    expect(out).toContain(`备注：${note}`);
  });

  it('imports the file named after 导入, and checks a path typed alone, importing it after 1', async () => {
    const alone = await typed(roster);
    expect(alone).toContain('试运行（没有保存任何内容）：roster.csv');
    expect(alone).toContain('回复 1 导入，2 取消');
    expect(alone).not.toContain('导入完成');
    expect(await typed('1')).toContain('导入完成：roster.csv');

    const imported = await typed(`导入 ${roster}`);
    expect(imported).toContain('导入完成：roster.csv');
  });

  it('asks for a path in the terminal\'s own words, and takes the path typed in answer', async () => {
    const out = await typed('导入 试运行', '好的', roster);
    expect(out).toContain('试运行：请输入花名册文件的路径，例如 ./roster.xlsx');
    expect(out).toContain('还没有收到文件：请输入一个存在的花名册文件（.xlsx 或 .csv）的路径');
    expect(out).toContain('试运行（没有保存任何内容）：roster.csv');
    expect(out).toContain('确认无误后，输入「导入」和同一个文件路径即可正式导入。');
    expect(out).not.toMatch(/发送|附上|附件/);
  });

  it('says a mistyped path is not there, in terms of paths', async () => {
    const out = await typed(`导入 ${join(dir, 'no-such-roster.xlsx')}`);
    expect(out).toContain('没有找到文件「');
    expect(out).toContain('请检查路径');
    // The import still waits for a good path; leave it, so the next story starts afresh.
    expect(await typed('取消')).toContain('已取消');
  });

  it('never overwrites a file it saved before: a second error list gets a name of its own', async () => {
    const bad = badRoster(dir, 25);
    const first = await typed(`导入 ${bad}`);
    expect(first).toContain('完整清单已另存为文件（路径见下）');
    const firstPath = /→ (.+)$/m.exec(first)![1];
    const firstBytes = readFileSync(firstPath);
    const second = await typed(`导入 ${bad}`);
    const secondPath = /→ (.+)$/m.exec(second)![1];
    expect(secondPath).not.toBe(firstPath);
    expect(readFileSync(firstPath)).toEqual(firstBytes);
    // Error lists are named by date and time; two in the same second get -2 rather than overwrite.
    const lists = readdirSync(exportDir).filter((f) => f.startsWith('导入错误清单'));
    expect(lists).toHaveLength(2);
    expect(lists).toContain(basename(firstPath));
    expect(lists).toContain(basename(secondPath));
  });
});

describe('the terminal with its output closed early (as `npm start | head -1`)', () => {
  it('ends as at end of input, without an unhandled error', async () => {
    const input = new PassThrough();
    // Like standard output once the reader is gone: every write fails with EPIPE.
    const output = new Writable({ write: (_chunk, _enc, done) => done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })) });
    const terminal = new ConsoleChannel({ input, output, exportDir: tmpdir(), interactive: false });
    await terminal.start(async () => [{ text: '好的' }]);
    input.write('帮助\n帮助\n');
    await terminal.ended;
    expect(input.readableFlowing).not.toBe(true);
  });
});
