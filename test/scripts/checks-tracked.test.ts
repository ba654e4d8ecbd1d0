import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/spawn.ts';

/** A scratch file as people leave them: a lint error and a type error. */
const SCRATCH = 'export const unused: any = 1;\nexport const n: number = "x";\n';

describe('npm test checks what the project tracks, not scratch files in the checkout', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  /** A small project with this one's lint and type settings: one clean file and one scratch file. */
  function checkout(withGit: boolean): string {
    const dir = mkdtempSync(join(tmpdir(), 'hc-checks-'));
    dirs.push(dir);
    for (const f of ['eslint.config.js', 'tsconfig.json', 'package.json']) copyFileSync(join(projectRoot, f), join(dir, f));
    symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'clean.ts'), 'export const greeting: string = "你好";\n');
    writeFileSync(join(dir, 'src', 'scratch.ts'), SCRATCH);
    writeFileSync(join(dir, 'scratch.ts'), SCRATCH);
    if (withGit) {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
      git('init', '-q');
      git('add', 'eslint.config.js', 'tsconfig.json', 'package.json', 'src/clean.ts');
    }
    return dir;
  }

  const script = (name: string, cwd: string) => spawnSync(process.execPath, [join(projectRoot, 'scripts', name)], { cwd, encoding: 'utf8' });

  it('lints and type-checks the tracked files only: untracked scratch files do not fail them', () => {
    const dir = checkout(true);
    const lint = script('lint.mjs', dir);
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.status).toBe(0);
    const types = script('typecheck.mjs', dir);
    expect(types.stdout + types.stderr).toBe('');
    expect(types.status).toBe(0);
  }, 120_000);

  it('still catches the errors of a tracked file', () => {
    const dir = checkout(true);
    execFileSync('git', ['add', 'src/scratch.ts'], { cwd: dir });
    const lint = script('lint.mjs', dir);
    expect(lint.status).toBe(1);
    expect(lint.stdout).toContain('src/scratch.ts');
    expect(lint.stdout).toContain('no-explicit-any');
    const types = script('typecheck.mjs', dir);
    expect(types.status).not.toBe(0);
    expect(types.stdout).toContain("Type 'string' is not assignable to type 'number'");
  }, 120_000);

  it('checks everything where there is no git (an unpacked archive)', () => {
    const dir = checkout(false);
    const lint = script('lint.mjs', dir);
    expect(lint.status).toBe(1);
    expect(lint.stdout).toContain('scratch.ts');
    const types = script('typecheck.mjs', dir);
    expect(types.status).not.toBe(0);
  }, 120_000);
});
