/**
 * WeChat clients write a mention as "@" and the name shown in the group, followed by a
 * four-per-em space (U+2005, phones) or a plain space (desktop), or at the end of the text.
 */
const AFTER_MENTION = '[\\u2005\\u0020]|$';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The text of a group message without the bot's own mention: "@工会助手 查询 张三" means
 * "查询 张三". `names` are the names the bot may be mentioned by (its group nickname, its own
 * name); every mention of them goes, other people's mentions stay. When none of them is found
 * (a nickname the bot did not know yet), a leading mention is taken for the bot's, since the
 * puppet said the bot was mentioned.
 */
export function withoutMention(text: string, names: readonly string[]): string {
  let rest = text;
  for (const name of names.filter((n) => n.trim() !== '')) {
    rest = rest.replace(new RegExp(`@${escape(name)}(?:${AFTER_MENTION})`, 'g'), ' ');
  }
  if (rest === text) rest = text.replace(/^\s*@[^\u2005\u0020]*(?:[\u2005\u0020]|$)/, '');
  return rest.replace(/^[\s\u2005,:，：]+/, '').replace(/\s+$/, '');
}
