// npm run lint: ESLint on the files the project tracks (see tracked-files.mjs); everything
// under the working directory when there is no git. Extra arguments go to ESLint (e.g. --fix).
import { ESLint } from 'eslint';
import { trackedFiles } from './tracked-files.mjs';

const root = process.cwd();
const files = trackedFiles(root, ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs']);
const eslint = new ESLint({ cwd: root, fix: process.argv.includes('--fix'), warnIgnored: false });
const results = await eslint.lintFiles(files ?? ['.']);
if (process.argv.includes('--fix')) await ESLint.outputFixes(results);
const formatter = await eslint.loadFormatter('stylish');
const report = await formatter.format(results);
if (report) process.stdout.write(report);
process.exitCode = results.some((r) => r.errorCount > 0) ? 1 : 0;
