import type { Logger } from 'pino';
import type { Address, DeliverOptions, Delivery } from '../../core/delivery.ts';
import type { Reply } from '../../core/message.ts';
import { DeadlineError, withDeadline } from './deadline.ts';
import { classifyFailure, loggedOut } from './outcome.ts';
import type { Pacer } from './pacer.ts';
import { renderReply, type WechatSend } from './render.ts';

export interface DeliverDeps {
  pacer: Pacer;
  /** Sends one message to a chat through the puppet; resolves with its id where the puppet gives one. */
  send(chatId: string, part: WechatSend): Promise<string | undefined>;
  /** The logged-in account's contact id; undefined while nobody is logged in. */
  loggedInAs(): string | undefined;
  /** Aborted when the channel stops: a wait ends, no part is begun. */
  closing: AbortSignal;
  log: Logger;
}

/**
 * Waits shorter than this for a part's turn (the next part of a long text, a gap and its jitter
 * after the last message to the chat) are waited within the deliver; a longer one (the minute's
 * ceiling) sends the row back with its time, since the dispatcher must not hold its loop on one chat.
 */
const MAX_INLINE_WAIT_MS = 5_000;
/** A part is begun only with at least this much of the deadline left: a puppet call needs time. */
const MIN_CALL_MS = 1_000;

type Result = Delivery & { sentParts: number };

/**
 * Sends a notification to one WeChat chat: rendered as a reply would be, the parts an earlier
 * attempt sent skipped, each part in the chat's turn and within the pacing, bounded by the
 * deadline. What happened comes back as a value; only a bug rejects.
 */
export async function deliverToChat(d: DeliverDeps, to: Address, reply: Reply, options: DeliverOptions): Promise<Result> {
  const sends = renderReply(reply);
  if (!sends.length) return { outcome: 'rejected', reason: 'nothing to send: the message is empty', sentParts: 0 };
  let sentParts = Math.min(Math.max(0, options.fromPart ?? 0), sends.length);
  const messageIds: string[] = [];
  const failed = (f: Delivery): Result => ({ ...f, sentParts });
  const log = d.log.child({ chat: to.chatId });

  return d.pacer.inTurn(to.chatId, async () => {
    for (let part = sentParts; part < sends.length; part++) {
      if (d.closing.aborted || options.signal?.aborted) return failed({ outcome: 'retry', reason: 'wechat channel stopped' });
      // The row is for the account it was planned with: another one logged in cannot send it.
      const me = d.loggedInAs();
      if (!me || (to.via !== undefined && to.via !== me)) return failed(loggedOut(me ? `wechat: logged in as another account than ${to.via}` : 'wechat: not logged in'));
      const room = options.deadline - Date.now() - MIN_CALL_MS;
      if (room < 0) return failed({ outcome: 'retry', reason: `deadline reached before part ${part + 1} of ${sends.length}` });
      let taken: boolean;
      try {
        taken = await d.pacer.slot(to.chatId, to.kind, 'notification', Math.min(MAX_INLINE_WAIT_MS, room), d.closing);
      } catch {
        return failed({ outcome: 'retry', reason: 'wechat channel stopped' });
      }
      // Not this chat's turn for a while: back to the queue with its time, no attempt spent.
      if (!taken) return failed({ outcome: 'retry', reason: 'pacing', afterMs: Math.max(1, d.pacer.waitFor(to.chatId, to.kind)) });
      try {
        const id = await withDeadline(d.send(to.chatId, sends[part]), options.deadline - Date.now(), 'send').finally(() => d.pacer.sent(to.chatId));
        if (id) messageIds.push(id);
        sentParts = part + 1;
        log.debug({ part: part + 1, parts: sends.length }, 'notification part sent');
      } catch (err) {
        // No answer from the puppet in time: the channel is down, not this message at fault.
        if (err instanceof DeadlineError) return failed({ outcome: 'retry', reason: err.message, noAnswer: true });
        const failure = classifyFailure(err);
        log.debug({ err: { name: (err as Error)?.name }, outcome: failure.outcome, part: part + 1 }, 'notification part not sent');
        return failed(failure);
      }
    }
    return { outcome: 'sent', messageIds, sentParts };
  });
}
