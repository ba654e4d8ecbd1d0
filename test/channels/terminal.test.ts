import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshUrl, PROVIDERS } from '../support/databases.ts';
import { projectRoot, runNpm } from '../support/spawn.ts';

describe.each(PROVIDERS)('the terminal channel, as a real child process, on %s', (provider) => {
  let dir: string;
  let db: { url: string; drop(): Promise<void> };
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hc-term-'));
    db = await freshUrl(provider);
    env = { HONORCARE_DATA_DIR: dir, DATABASE_URL: db.url };
    const demo = await runNpm(['run', 'demo'], env);
    expect(demo.stdout).toContain('演示数据已就绪：40 位');
  }, 120_000);
  afterAll(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers piped lines in order and exits cleanly at end of input', async () => {
    const run = await runNpm(['start'], env, '帮助\n查询 张三\n查询 张\n1\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('劳模关爱助手 · 可用命令');
    expect(run.stdout).toContain('张三（LM00001）');
    expect(run.stdout).toMatch(/找到 \d+ 位，请回复编号选择：\n {2}1\. /);
    expect(run.stdout).toContain('【档案】');
    // Help comes before the search: answers keep the order of the lines.
    expect(run.stdout.indexOf('可用命令')).toBeLessThan(run.stdout.indexOf('张三（LM00001）'));
  });

  it('keeps a conversation between two runs: the database is the memory', async () => {
    await runNpm(['start'], env, '新增\n终端测试\n');
    const second = await runNpm(['start'], env, '跳过\n取消\n');
    expect(second.stdout).toContain('性别');
    expect(second.stdout).toContain('已取消');
  });

  it('takes a roster path on the line as the attached file: a bad one is explained, a good one imported', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'this is not a roster');
    const roster = join(projectRoot, 'samples', 'roster.csv');
    const run = await runNpm(['start'], env, `导入 ${bad}\n导入 ${roster}\n查询 普建华\n`);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('没有找到「姓名、身份证号」列');
    expect(run.stdout).toContain('导入完成：roster.csv');
    expect(run.stdout).toMatch(/新增 10、更新 0、无变化 0、错误 0/);
    expect(run.stdout).toContain('普建华（');
  });

  it('stops at once with a clear message when the configuration is wrong', async () => {
    const run = await runNpm(['start'], { ...env, HONORCARE_TIMEZONE: 'Mars/Olympus' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('HONORCARE_TIMEZONE');
  });
});
