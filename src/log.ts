import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pino, { type Logger } from 'pino';

/**
 * The root logger. Logs go to a file by default, because the terminal channel owns standard
 * output and the operator should read the conversation, not log lines; '-' means standard error
 * (for journald and containers).
 */
export function createLogger(level: string, file: string): Logger {
  if (file === '-') return pino({ level }, pino.destination(2));
  mkdirSync(dirname(file), { recursive: true });
  return pino({ level }, pino.destination({ dest: file, sync: false, mkdir: true }));
}
