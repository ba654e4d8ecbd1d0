import type { Logger } from 'pino';
import { log as wechatyLog } from 'wechaty';

/** Brolog's level titles (Wechaty's logger) as pino's levels. */
const LEVELS: Record<string, 'error' | 'warn' | 'info' | 'debug' | 'trace'> = { ERR: 'error', WARN: 'warn', INFO: 'info', VERB: 'debug', SILL: 'trace' };

/**
 * Wechaty and its puppets log through one shared logger of their own, straight to the console:
 * into the terminal channel's conversation. Its lines go to the bot's log instead, at the same
 * level; how much Wechaty says is still set by its own WECHATY_LOG.
 */
export function routeWechatyLog(log: Logger): void {
  wechatyLog.timestamp(false);
  wechatyLog.enableLogging((title: string, text?: string) => log[LEVELS[title] ?? 'debug'](text ?? ''));
}
