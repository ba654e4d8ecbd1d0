import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment of a bot run as a child process: `env` and no more (a developer's own .env must not leak into a test). */
export const isolatedEnv = (env: Record<string, string>): Record<string, string> => ({
  PATH: process.env.PATH!,
  HOME: process.env.HOME ?? '/tmp',
  HONORCARE_ENV_FILE: '/nonexistent/.env',
  ...env,
});

/** Runs an npm script of the project as a real child process, with `input` piped to it. */
export function runNpm(args: string[], env: Record<string, string>, input = '', timeoutMs = 60_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['--silent', ...args], {
      cwd: projectRoot,
      env: isolatedEnv(env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(input);
  });
}
