// npm run typecheck: tsc on the TypeScript files the project tracks (see tracked-files.mjs)
// that tsconfig.json includes, plus whatever they import; the whole tsconfig.json without git.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trackedFiles } from './tracked-files.mjs';

const root = process.cwd();
const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
const run = (args) => spawnSync(process.execPath, [tsc, '--noEmit', ...args], { cwd: root, stdio: 'inherit' }).status ?? 1;

const tracked = trackedFiles(root, ['ts', 'mts', 'cts']);
if (!tracked) process.exit(run([]));
// tsconfig.json's own include list decides what is checked; git only drops the untracked.
const { include = [] } = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));
const files = tracked.filter((f) => include.some((i) => f === i || f.startsWith(`${i}/`)));
if (!files.length) process.exit(0);
const dir = mkdtempSync(join(tmpdir(), 'hc-typecheck-'));
const config = join(dir, 'tsconfig.json');
writeFileSync(
  config,
  JSON.stringify({
    extends: join(root, 'tsconfig.json'),
    // Type packages are looked up from the config's folder: point back at the project's.
    compilerOptions: { typeRoots: [join(root, 'node_modules/@types')] },
    files: files.map((f) => join(root, f)),
    include: [],
  }),
);
const status = run(['-p', config]);
rmSync(dir, { recursive: true, force: true });
process.exit(status);
