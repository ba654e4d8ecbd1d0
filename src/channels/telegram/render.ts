import type { Choice, OutgoingFile, Reply } from '../../core/message.ts';
import { splitAtLines } from '../../core/split-text.ts';

/** Telegram's limits (Bot API): message text, media caption, callback_data bytes, buttons per keyboard. */
export const MAX_TEXT = 4096;
export const MAX_CAPTION = 1024;
export const MAX_CALLBACK_DATA_BYTES = 64;
export const MAX_BUTTONS = 100;
/** Longer button labels are cut: a phone screen shows about this much on one row. */
export const MAX_LABEL = 60;
/** Telegram refuses empty messages; a reply that is only buttons still needs some text. */
const EMPTY_TEXT = '…';

export interface InlineKeyboardMarkup {
  inline_keyboard: { text: string; callback_data: string }[][];
}

/** One Bot API call that shows (part of) a reply. The channel performs them in order. */
export type TelegramSend =
  | { method: 'sendMessage'; text: string; reply_markup?: InlineKeyboardMarkup }
  | { method: 'sendDocument' | 'sendPhoto'; file: OutgoingFile; caption?: string; reply_markup?: InlineKeyboardMarkup };

export interface Rendered {
  sends: TelegramSend[];
  /** True when the choices could not be buttons and became numbered lines (answered by typing the digit). */
  choicesAsText: boolean;
}

/**
 * A neutral reply as Telegram calls: plain text (no parse_mode, so nothing needs escaping) cut
 * into messages of at most 4096 characters on line boundaries; choices as an inline keyboard on
 * the last message, one button per row; a file or image as a document or photo, with the text as
 * its caption when it fits.
 */
export function renderReply(reply: Reply): Rendered {
  const choices = reply.choices ?? [];
  const buttonsOk = choices.length <= MAX_BUTTONS && choices.every((c) => isValidCallbackData(c.id));
  const choicesAsText = choices.length > 0 && !buttonsOk;
  let text = reply.text;
  // The core maps a typed digit to the open choice, so numbered lines work where buttons cannot.
  if (choicesAsText) text = [text, ...choices.map((c, i) => `${i + 1}. ${c.label}`)].join('\n');
  const keyboard = choices.length && buttonsOk ? inlineKeyboard(choices) : undefined;

  const media: TelegramSend[] = [];
  if (reply.file) media.push({ method: 'sendDocument', file: reply.file });
  if (reply.image) media.push({ method: 'sendPhoto', file: reply.image });

  const sends: TelegramSend[] = [];
  const hasText = text.trim() !== '';
  if (media.length && hasText && text.length <= MAX_CAPTION) {
    media[0] = { ...media[0], caption: text } as TelegramSend;
  } else if (hasText || (keyboard && !media.length)) {
    for (const chunk of splitText(hasText ? text : EMPTY_TEXT)) sends.push({ method: 'sendMessage', text: chunk });
  }
  sends.push(...media);
  if (keyboard && sends.length) sends[sends.length - 1] = { ...sends[sends.length - 1], reply_markup: keyboard };
  return { sends, choicesAsText };
}

/** One button per row: labels are often whole names with a file number, and rows are narrow. */
export function inlineKeyboard(choices: Choice[]): InlineKeyboardMarkup {
  return { inline_keyboard: choices.map((c, i) => [{ text: buttonLabel(c.label, i), callback_data: c.id }]) };
}

export function buttonLabel(label: string, index: number): string {
  const oneLine = label.replace(/\s+/g, ' ').trim();
  if (!oneLine) return String(index + 1);
  const chars = [...oneLine];
  return chars.length <= MAX_LABEL ? oneLine : `${chars.slice(0, MAX_LABEL - 1).join('')}…`;
}

export function isValidCallbackData(data: string): boolean {
  const bytes = Buffer.byteLength(data, 'utf8');
  return bytes >= 1 && bytes <= MAX_CALLBACK_DATA_BYTES;
}

/** A text cut into messages of at most `max` characters (default Telegram's), between lines where possible. */
export const splitText = (text: string, max = MAX_TEXT): string[] => splitAtLines(text, max);
