import type { Logger } from 'pino';
import type { ChatRef } from '../../core/message.ts';
import type { WechatPacing } from './limits.ts';

export interface WechatChannelOptions {
  /** The puppet: its npm name (WECHATY_PUPPET), or a puppet instance (the tests' mock). */
  puppet: string | object;
  /** The puppet service's token, for puppets that need one (WECHATY_PUPPET_SERVICE_TOKEN). */
  token?: string;
  /**
   * Where the login session is kept so a restart needs no new scan (where the puppet supports
   * it): Wechaty's memory card, the file `<session>.memory-card.json`. Absent: kept nowhere.
   */
  session?: string;
  log: Logger;
  pacing: WechatPacing;
  /** The jitter's randomness (tests fix it). */
  random?: () => number;
  /**
   * Whether a group message that does not mention the bot is for it all the same (a command in a
   * registered notification group). Absent: never.
   */
  acceptsUnmentioned?: (chat: ChatRef, text: string) => Promise<boolean>;
  /** Called at each login, with the account's contact id: the dispatcher serves the channel under it (`via`). */
  onLogin?: (me: { id: string; name: string; via: string }) => void;
  /** Where the login QR code is drawn (the operator's terminal). Its text is logged in any case. */
  qrOutput?: { write(text: string): unknown };
  /** Nothing from the puppet for this long (HONORCARE_WECHAT_SILENCE_S) and it is reported silent. Default 180 s. */
  silenceMs?: number;
  /** Open questions asked this long before an outage began are asked again after it (the form TTL). Default 30 min. */
  reaskWithinMs?: number;
  /** How long stop() lets messages being answered finish. Default 10 s. */
  stopGraceMs?: number;
}
