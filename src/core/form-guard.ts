import type { Command } from './command.ts';
import type { Locale, Translate } from './i18n.ts';
import type { Reply } from './message.ts';
import type { ConversationRecord } from './ports.ts';

/**
 * What keeps a guided form from swallowing messages that were never meant for it: a form left
 * idle expires, and a command typed into a form is never taken as an answer unless the person
 * says so.
 */

/** How long a form waits for its next answer by default (HONORCARE_FORM_TTL_MIN). */
export const DEFAULT_FORM_TTL_MINUTES = 30;

/** The two answers to "leave the form for this command?"; no flow or command uses such ids. */
export const LEAVE_FORM = 'form:leave';
export const ANSWER_FORM = 'form:answer';

/** A form nobody answered for `ttlMinutes`: the next message is not meant for it. Pick-lists never expire (their choices name the day). */
export function formExpired(record: ConversationRecord, now: Date, ttlMinutes: number): boolean {
  if (!record.flow || !record.at) return false;
  return now.getTime() - Date.parse(record.at) > ttlMinutes * 60_000;
}

/** How a command is named to a person: its Chinese keyword in Chinese, its slash form otherwise. */
export function commandName(command: Pick<Command, 'keywords' | 'slash'>, locale: Locale): string {
  return locale === 'zh-CN' && command.keywords[0] ? command.keywords[0] : `/${command.slash}`;
}

/** A typed command shown back in a question: its start only, as a reminder of what was typed. */
const quoted = (text: string) => (text.length > 30 ? `${text.slice(0, 30)}…` : text);

/** Asks whether to leave the form `form` (already quoted) for the command `text` typed into it. */
export function leaveQuestion(t: Translate, form: string, text: string): Reply {
  return {
    text: t('common.form_command', { form, text: quoted(text) }),
    choices: [
      { id: LEAVE_FORM, label: t('common.form_leave', { form }) },
      { id: ANSWER_FORM, label: t('common.form_answer', { form }) },
    ],
  };
}
