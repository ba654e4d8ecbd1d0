import type { Delivery } from '../../core/delivery.ts';
import { TOO_FAST_PAUSE_MS } from './limits.ts';

/** What a failed post comes to: a robot's group never moves, and a robot is not blocked as a person is. */
export type Failure = Extract<Delivery, { outcome: 'retry' | 'rejected' }>;

/** What a robot's webhook answered: the HTTP status and the body as text. */
export interface RobotAnswer {
  status: number;
  body: string;
  /** The Retry-After header, where a proxy in between sent one. */
  retryAfter?: string | null;
}

/**
 * WeCom's answers that say "too fast" (the robot went over its 20 a minute): 130101 is the
 * robot's own; 45009 ("api freq out of limit") is WeCom's general one, taken the same way, since
 * a pause costs less than a robot held for ten minutes again.
 */
const TOO_FAST = new Set([130101, 45009]);
/** "System busy, try later" (-1), and a limit on calls at the same moment (45033): transient. */
const TRANSIENT = new Set([-1, 45033]);
/** 93000: the webhook address is invalid: the key is wrong, or the robot was removed from its group. */
const INVALID_WEBHOOK = 93000;
/** When a proxy answers 429 without saying how long to wait. */
const DEFAULT_RETRY_AFTER_MS = 60_000;

/**
 * What a robot's answer means for the outbox, in neutral terms, or null when the message was
 * posted. `secret` (the key) is taken out of anything quoted from the answer, so a reason can be
 * logged and stored.
 *
 * - HTTP 200 with errcode 0: posted.
 * - errcode 130101 or 45009 (too fast): retry after the robot's pause (ten minutes), spending no
 *   attempt; the deliverer pauses the robot in its budget.
 * - errcode -1 (busy) or 45033: retry, counted.
 * - errcode 93000 (invalid webhook) and any other errcode (a message WeCom will not take):
 *   rejected, a failure admins see under 提醒 and may send again (重发) once it is mended.
 * - HTTP 200 that is not a robot's answer: retry, counted.
 * - HTTP 502, 503, 504: a gateway could not reach WeCom: no answer (the channel is down).
 * - HTTP 429 (a proxy): retry after its Retry-After. Any other status: retry, counted (the
 *   address or a proxy is wrong: the bot's problem, which mending lets the row go).
 */
export function classifyAnswer(answer: RobotAnswer, secret: string): Failure | null {
  const { status } = answer;
  if (status === 502 || status === 503 || status === 504) return { outcome: 'retry', reason: `HTTP ${status} from the webhook`, noAnswer: true };
  if (status === 429) return { outcome: 'retry', afterMs: retryAfterMs(answer.retryAfter), reason: 'HTTP 429 from the webhook' };
  if (status < 200 || status >= 300) return { outcome: 'retry', reason: `HTTP ${status} from the webhook` };
  const parsed = robotAnswer(answer.body);
  if (!parsed) return { outcome: 'retry', reason: `HTTP ${status}: not a robot's answer` };
  const { errcode } = parsed;
  if (errcode === 0) return null;
  const detail = `errcode ${errcode}${parsed.errmsg ? ` ${redact(parsed.errmsg, secret).slice(0, 200)}` : ''}`;
  if (TOO_FAST.has(errcode)) return { outcome: 'retry', afterMs: TOO_FAST_PAUSE_MS, reason: `too fast: ${detail}` };
  if (TRANSIENT.has(errcode)) return { outcome: 'retry', reason: detail };
  if (errcode === INVALID_WEBHOOK) return { outcome: 'rejected', reason: `invalid webhook (the key is wrong, or the robot was removed from the group): ${detail}` };
  return { outcome: 'rejected', reason: detail };
}

/** `{ errcode, errmsg }`, or null when the body is not that. */
function robotAnswer(body: string): { errcode: number; errmsg?: string } | null {
  try {
    const json = JSON.parse(body) as { errcode?: unknown; errmsg?: unknown };
    if (typeof json?.errcode !== 'number') return null;
    return { errcode: json.errcode, ...(typeof json.errmsg === 'string' ? { errmsg: json.errmsg } : {}) };
  } catch {
    return null;
  }
}

function retryAfterMs(header: string | null | undefined): number {
  const seconds = Number(header);
  return header && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS;
}

/** The text with every occurrence of the secret (as it is and URL-encoded) replaced. */
export function redact(text: string, secret: string): string {
  if (!secret) return text;
  return text.split(secret).join('<key>').split(encodeURIComponent(secret)).join('<key>');
}
