import type { OutgoingFile, Reply } from '../../core/message.ts';
import { splitAtLines } from '../../core/split-text.ts';

/**
 * The longest text the bot sends as one WeChat message. WeChat publishes no limit for personal
 * accounts, and the puppets differ (web, iPad and desktop protocols; some cut a long text short
 * without a word). 2,000 characters is well inside every limit reported for them, is as long as
 * anything a person may send the bot (the core refuses longer messages), and is already several
 * phone screens: a digest of a big county arrives as a few messages, in order, none of them cut.
 */
export const MAX_TEXT = 2000;

/** One WeChat message of a reply: a text, or a file. */
export type WechatSend = { text: string } | { file: OutgoingFile };

/**
 * A neutral reply as WeChat messages: the text, with any choices as numbered lines the person
 * answers by sending the digit (WeChat has no buttons for a personal account; the core maps the
 * digit to the latest open question), cut at line breaks into messages of at most MAX_TEXT
 * characters; then the file and the picture, each as a file message.
 */
export function renderReply(reply: Reply): WechatSend[] {
  const lines = [reply.text, ...(reply.choices ?? []).map((c, i) => `${i + 1}. ${oneLine(c.label)}`)];
  const sends: WechatSend[] = splitAtLines(lines.join('\n'), MAX_TEXT).map((text) => ({ text }));
  for (const file of [reply.file, reply.image]) if (file) sends.push({ file });
  return sends;
}

/** A label on one line: a line break in a choice would read as the start of the next one. */
const oneLine = (label: string) => label.replace(/\s+/g, ' ').trim();
