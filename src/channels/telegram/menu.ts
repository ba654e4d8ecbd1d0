import type { LanguageCode } from 'grammy/types';
import type { CommandMenu } from '../../core/channel.ts';

export interface SetMyCommandsCall {
  commands: { command: string; description: string }[];
  /** Absent for the default menu (everyone whose language has no menu of its own). */
  language_code?: LanguageCode;
}

/** Telegram's rules for a menu entry: 1-32 of a-z, 0-9, _; a description of 1-256 characters; at most 100. */
const COMMAND = /^[a-z0-9_]{1,32}$/;

/**
 * The setMyCommands calls for a menu: Chinese is the default menu, every other language is
 * published under its ISO 639-1 code (Telegram matches it against the person's app language).
 */
export function menuCalls(menu: CommandMenu): SetMyCommandsCall[] {
  return Object.entries(menu)
    .map(([locale, entries]) => {
      const lang = locale.split('-')[0].toLowerCase();
      const commands = entries
        .filter((e) => COMMAND.test(e.command) && e.description.trim() !== '')
        .slice(0, 100)
        .map((e) => ({ command: e.command, description: e.description.trim().slice(0, 256) }));
      return lang === 'zh' ? { commands } : { commands, language_code: lang as LanguageCode };
    })
    .filter((c) => c.commands.length > 0)
    .sort((a, b) => Number(a.language_code !== undefined) - Number(b.language_code !== undefined));
}
