/** Where every WeCom group robot's webhook is: only the key differs from one robot to another. */
const HOST = 'qyapi.weixin.qq.com';
const PATH = '/cgi-bin/webhook/send';
/**
 * A key as WeCom hands it out (a UUID in every example seen): letters, digits and dashes. Checked
 * loosely, since WeCom documents no format: what matters is that it cannot carry anything else.
 */
const KEY = /^[A-Za-z0-9_-]{8,128}$/;
/** A group's name as the admin gives it: short, one line, and not an address. */
const MAX_NAME = 30;

/** Why the words of 绑定企业微信群 are not a name and a robot's webhook address. */
export type RobotArgsProblem = 'usage' | 'no_url' | 'no_name' | 'name_too_long' | 'url_invalid' | 'url_https' | 'url_host' | 'url_path' | 'url_key';

export type RobotArgs = { name: string; key: string } | { problem: RobotArgsProblem };

/**
 * A robot group's name as it is stored and looked up (解绑群 <name>): runs of spaces are one.
 * The text came cleaned of control characters already (the core does it for every message).
 */
export const robotName = (text: string): string => text.trim().split(/\s+/).filter(Boolean).join(' ');

/** A word that is meant as the address: it has a scheme, or begins with WeCom's host. */
const looksLikeUrl = (word: string) => /:\/\//.test(word) || word.toLowerCase().startsWith(HOST);

/**
 * The name and webhook key in `绑定企业微信群 <name> <webhook URL>`: the address is the word that
 * looks like one (before or after the name), the name is the rest. Pure; never echoes the key.
 */
export function parseRobotArgs(args: string): RobotArgs {
  const words = args.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return { problem: 'usage' };
  const at = words.findIndex(looksLikeUrl);
  if (at < 0) return { problem: 'no_url' };
  const name = robotName(words.filter((_, i) => i !== at).join(' '));
  if (!name) return { problem: 'no_name' };
  if ([...name].length > MAX_NAME) return { problem: 'name_too_long' };
  const key = webhookKey(words[at]);
  return typeof key === 'string' ? { name, key } : key;
}

/** The key of a WeCom group robot's webhook address, or what is wrong with the address. */
export function webhookKey(address: string): string | { problem: RobotArgsProblem } {
  // Copied without its scheme (qyapi.weixin.qq.com/…): read as https, which is what it is.
  const text = address.toLowerCase().startsWith(HOST) ? `https://${address}` : address;
  if (!URL.canParse(text)) return { problem: 'url_invalid' };
  const url = new URL(text);
  if (url.protocol !== 'https:') return { problem: 'url_https' };
  if (url.hostname !== HOST || url.port || url.username || url.password) return { problem: 'url_host' };
  if (url.pathname !== PATH) return { problem: 'url_path' };
  const key = url.searchParams.get('key');
  if (!key || !KEY.test(key)) return { problem: 'url_key' };
  return key;
}
