import { describe, it, expect } from 'vitest';
import { RateBudget, TELEGRAM_LIMITS, type ChatKind, type RateLimits, type SendPurpose } from '../../src/core/rate-budget.ts';

/** Most sends found in any half-open span [t, t + perMs) of sorted send times. */
function maxInWindow(times: number[], perMs: number): number {
  let most = 0;
  let first = 0;
  for (let last = 0; last < times.length; last++) {
    while (times[last] - times[first] >= perMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

/**
 * Sends messages in order the way a dispatcher would: ask how long to wait, wait exactly that
 * (the fake clock jumps), send. Every send must be allowed at the time it was promised.
 */
function sendInOrder(budget: RateBudget, messages: { chat: string; kind: ChatKind }[], start = 0): number[] {
  let now = start;
  return messages.map(({ chat, kind }) => {
    now += budget.waitFor(chat, kind, now);
    if (!budget.take(chat, kind, now)) throw new Error(`refused at ${now} after waiting as told`);
    return now;
  });
}

const distinctChats = (n: number, kind: ChatKind = 'private') =>
  Array.from({ length: n }, (_, i) => ({ chat: `c${i}`, kind }));
const toOne = (chat: string, kind: ChatKind, n: number) => Array.from({ length: n }, () => ({ chat, kind }));
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);

/** Small seeded PRNG (mulberry32): the random tests replay the same way every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('TELEGRAM_LIMITS', () => {
  it('states the published numbers, a group being a chat too', () => {
    expect(TELEGRAM_LIMITS.overall).toMatchObject({ count: 30, perMs: 1_040 });
    expect(TELEGRAM_LIMITS.perChat.private).toEqual([{ count: 1, perMs: 1_000 }]);
    expect(TELEGRAM_LIMITS.perChat.group).toEqual([
      { count: 1, perMs: 1_000 },
      { count: 20, perMs: 60_000 },
    ]);
  });
});

describe('RateBudget: overall', () => {
  it('spreads a burst of 100 messages to 100 chats so no second holds more than 30', () => {
    // Telegram's own figure (the shipped limits keep a 4% margin under it, checked above).
    const times = sendInOrder(new RateBudget({ ...TELEGRAM_LIMITS, overall: { count: 30, perMs: 1_000, burst: 5 } }), distinctChats(100));
    expect(maxInWindow(times, 1_000)).toBe(30);
    // A small burst first, then evenly: not 30 in one instant.
    expect(times.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 34]);
    // And no slower than needed: the 91st can go no earlier than 3 s (3 full windows before it).
    expect(times[90]).toBe(3_000);
    expect(times[99]).toBeLessThan(3_400);
  });

  it('lets the 31st of a second wait for the first to leave the window, and not longer', () => {
    const budget = new RateBudget({ ...TELEGRAM_LIMITS, overall: { count: 30, perMs: 1_000, burst: 30 } });
    for (let i = 0; i < 30; i++) expect(budget.take(`c${i}`, 'private', 0)).toBe(true);
    expect(budget.waitFor('late', 'private', 0)).toBe(1_000);
    expect(budget.take('late', 'private', 999)).toBe(false);
    expect(budget.take('late', 'private', 1_000)).toBe(true);
  });
});

describe('RateBudget: per chat', () => {
  it('never gives one private chat two messages within a second', () => {
    const budget = new RateBudget(TELEGRAM_LIMITS);
    const times = sendInOrder(budget, toOne('p', 'private', 10));
    expect(gaps(times)).toEqual(Array(9).fill(1_000));
    expect(budget.waitFor('p', 'private', times[9] + 999)).toBe(1);
    expect(budget.take('p', 'private', times[9] + 999)).toBe(false);
  });

  it('gives a group at most 20 messages in any minute, one a second', () => {
    const times = sendInOrder(new RateBudget(TELEGRAM_LIMITS), toOne('g', 'group', 45));
    expect(maxInWindow(times, 60_000)).toBe(20);
    expect(Math.min(...gaps(times))).toBe(1_000);
    expect(times[19]).toBe(19_000);
    expect(times[20]).toBe(60_000); // the 21st waits for the first to leave the minute, exactly
    expect(times[40]).toBe(120_000);
  });

  it('counts each part of a long message as one message', () => {
    const budget = new RateBudget(TELEGRAM_LIMITS);
    expect(sendInOrder(budget, toOne('p', 'private', 3))).toEqual([0, 1_000, 2_000]);
    // 19 earlier messages plus a 3-part one: the last part of it waits for the minute.
    const group = new RateBudget(TELEGRAM_LIMITS);
    const times = sendInOrder(group, toOne('g', 'group', 22));
    expect(times.slice(19)).toEqual([19_000, 60_000, 61_000]);
  });

  it('keeps other chats going while one waits', () => {
    const budget = new RateBudget(TELEGRAM_LIMITS);
    expect(budget.take('p', 'private', 0)).toBe(true);
    expect(budget.waitFor('p', 'private', 10)).toBe(990);
    expect(budget.waitFor('q', 'private', 10)).toBe(0);
    expect(budget.take('q', 'private', 10)).toBe(true);
  });
});

describe('RateBudget: replies in one chat', () => {
  /** Like sendInOrder, for messages of one purpose to one chat. */
  const sendAs = (budget: RateBudget, chat: string, kind: ChatKind, purposes: SendPurpose[], start = 0) => {
    let now = start;
    return purposes.map((purpose) => {
      now += budget.waitFor(chat, kind, now, purpose);
      if (!budget.take(chat, kind, now, purpose)) throw new Error(`refused at ${now} after waiting as told`);
      return now;
    });
  };

  it('lets a three-part answer leave at once, then keeps to 1/s over any 3 s', () => {
    const times = sendAs(new RateBudget(TELEGRAM_LIMITS), 'p', 'private', Array(7).fill('reply'));
    expect(times).toEqual([0, 0, 0, 3_000, 3_000, 3_000, 6_000]);
    expect(maxInWindow(times, 3_000)).toBe(3);
  });

  it('makes a notification after a quick answer wait a full second, as after any send', () => {
    const budget = new RateBudget(TELEGRAM_LIMITS);
    expect(sendAs(budget, 'p', 'private', ['reply', 'reply'])).toEqual([0, 0]);
    expect(budget.waitFor('p', 'private', 500)).toBe(500);
    expect(budget.waitFor('p', 'private', 500, 'reply')).toBe(0);
    // A notification just sent does not hold up the answer to someone who writes now.
    const other = new RateBudget(TELEGRAM_LIMITS);
    expect(other.take('q', 'private', 0)).toBe(true);
    expect(other.waitFor('q', 'private', 10, 'reply')).toBe(0);
  });

  it("keeps a group's 20 a minute for answers too", () => {
    const times = sendAs(new RateBudget(TELEGRAM_LIMITS), 'g', 'group', Array(21).fill('reply'));
    expect(maxInWindow(times, 60_000)).toBe(20);
    expect(times[20]).toBe(60_000);
  });

  it('answers like a notification where the limits say nothing of replies', () => {
    const plain: RateLimits = { overall: TELEGRAM_LIMITS.overall, perChat: TELEGRAM_LIMITS.perChat };
    expect(sendAs(new RateBudget(plain), 'p', 'private', ['reply', 'reply', 'notification'])).toEqual([0, 1_000, 2_000]);
  });

  it('still holds answers during a pause', () => {
    const budget = new RateBudget(TELEGRAM_LIMITS);
    budget.pause(2_000, 0, 'p');
    expect(budget.waitFor('p', 'private', 0, 'reply')).toBe(2_000);
    expect(budget.take('p', 'private', 1_999, 'reply')).toBe(false);
  });
});

describe('RateBudget: an overall limit for notifications only', () => {
  // 3 a minute overall, arriving one at a time; one chat of each person at most 1 a second.
  const limits: RateLimits = { overall: { count: 3, perMs: 60_000, burst: 1 }, overallHoldsReplies: false, perChat: { private: [{ count: 1, perMs: 1_000 }], group: [{ count: 1, perMs: 1_000 }] } };

  it('never holds an answer to someone who wrote, however many went before', () => {
    const budget = new RateBudget(limits);
    for (let i = 0; i < 10; i++) {
      expect(budget.waitFor(`p${i}`, 'private', i, 'reply')).toBe(0);
      expect(budget.take(`p${i}`, 'private', i, 'reply')).toBe(true);
    }
    // The per-chat gap still holds answers.
    expect(budget.waitFor('p0', 'private', 10, 'reply')).toBe(990);
  });

  it('counts the answers, so a notification waits until the minute has room again', () => {
    const budget = new RateBudget(limits);
    for (const [i, at] of [0, 10_000, 20_000].entries()) expect(budget.take(`p${i}`, 'private', at, 'reply')).toBe(true);
    // Three sends in the last minute: the next notification waits for the first to leave it.
    expect(budget.waitFor('n', 'private', 30_000)).toBe(30_000);
    expect(budget.take('n', 'private', 60_000)).toBe(true);
    // Then one every 20 s (3 a minute, one at a time), though the window alone would allow one at 70 s.
    expect(budget.waitFor('m', 'private', 60_000)).toBe(20_000);
  });

  it('holds answers by the overall limit as before where the limits do not say otherwise', () => {
    const budget = new RateBudget({ ...limits, overallHoldsReplies: undefined });
    expect(budget.take('p', 'private', 0, 'reply')).toBe(true);
    expect(budget.waitFor('q', 'private', 0, 'reply')).toBe(20_000);
  });
});

describe('RateBudget: a 429 pauses', () => {
  it('holds every chat until a global pause ends, and not longer', () => {
    const budget = new RateBudget(TELEGRAM_LIMITS);
    expect(budget.take('p', 'private', 0)).toBe(true);
    budget.pause(5_000, 100);
    for (const [chat, kind] of [['p', 'private'], ['q', 'private'], ['g', 'group']] as const) {
      expect(budget.waitFor(chat, kind, 100)).toBe(5_000);
      expect(budget.waitFor(chat, kind, 5_099)).toBe(1);
      expect(budget.take(chat, kind, 5_099)).toBe(false);
    }
    expect(budget.take('p', 'private', 5_100)).toBe(true);
    expect(budget.take('q', 'private', 5_100)).toBe(true);
    expect(budget.take('g', 'group', 5_100)).toBe(true);
  });

  it('holds only the paused chat when the pause names one', () => {
    const budget = new RateBudget(TELEGRAM_LIMITS);
    budget.pause(7_000, 0, 'g');
    expect(budget.waitFor('g', 'group', 0)).toBe(7_000);
    expect(budget.take('g', 'group', 6_999)).toBe(false);
    expect(budget.take('p', 'private', 0)).toBe(true);
    expect(budget.take('other', 'group', 0)).toBe(true);
    expect(budget.take('g', 'group', 7_000)).toBe(true);
  });

  it('is never shortened by a later, shorter pause; a longer one extends it', () => {
    const budget = new RateBudget(TELEGRAM_LIMITS);
    budget.pause(10_000, 0);
    budget.pause(1_000, 2_000);
    expect(budget.waitFor('p', 'private', 2_000)).toBe(8_000);
    budget.pause(20_000, 3_000);
    expect(budget.waitFor('p', 'private', 3_000)).toBe(20_000);
    budget.pause(3_000, 0, 'c');
    budget.pause(1_000, 0, 'c');
    budget.pause(0, 0, 'c');
    expect(budget.waitFor('c', 'private', 23_000)).toBe(0);
    const chatOnly = new RateBudget(TELEGRAM_LIMITS);
    chatOnly.pause(3_000, 0, 'c');
    chatOnly.pause(1_000, 0, 'c');
    expect(chatOnly.waitFor('c', 'private', 0)).toBe(3_000);
  });

  it('refuses a pause that is no length of time', () => {
    const budget = new RateBudget(TELEGRAM_LIMITS);
    expect(() => budget.pause(-1, 0)).toThrow(RangeError);
    expect(() => budget.pause(Number.NaN, 0, 'c')).toThrow(RangeError);
    expect(() => budget.pause(Infinity, 0)).toThrow(RangeError);
  });
});

describe('RateBudget: waitFor keeps its word', () => {
  it('never answers negative; sending after the answer works, one ms earlier does not', () => {
    const next = random(7);
    const budget = new RateBudget(TELEGRAM_LIMITS);
    const chats = Array.from({ length: 40 }, (_, i) => ({ chat: `c${i}`, kind: (i % 4 === 0 ? 'group' : 'private') as ChatKind }));
    let now = 1_700_000_000_000; // a real-looking clock: large numbers stay exact
    // Broken promises are counted, not expected one by one: 20,000 expect() calls cost seconds.
    const broken: string[] = [];
    let sent = 0;
    for (let step = 0; step < 20_000; step++) {
      const { chat, kind } = chats[Math.floor(next() * chats.length)];
      const roll = next();
      if (roll < 0.002) budget.pause(Math.floor(next() * 3_000), now, next() < 0.5 ? chat : undefined);
      now += roll < 0.5 ? 0 : Math.floor(next() * 200);
      const wait = budget.waitFor(chat, kind, now);
      if (!(wait >= 0 && Number.isInteger(wait))) broken.push(`step ${step}: waitFor ${wait}`);
      if (wait > 0 && budget.take(chat, kind, now + wait - 1)) broken.push(`step ${step}: sent 1 ms early`);
      now += wait;
      if (budget.take(chat, kind, now)) sent++;
      else broken.push(`step ${step}: refused after waiting ${wait}`);
    }
    expect(broken).toEqual([]);
    expect(sent).toBe(20_000);
  });

  it('answers later, never earlier, when the clock steps back', () => {
    const budget = new RateBudget(TELEGRAM_LIMITS);
    expect(budget.take('p', 'private', 10_000)).toBe(true);
    expect(budget.waitFor('p', 'private', 9_000)).toBe(2_000);
    expect(budget.take('p', 'private', 10_500)).toBe(false);
  });
});

describe('RateBudget: memory', () => {
  it('forgets chats back to full: 100,000 private chats keep it small', () => {
    const budget = new RateBudget(TELEGRAM_LIMITS);
    let now = 0;
    let most = 0;
    let wrong = 0;
    for (let i = 0; i < 100_000; i++) {
      now += budget.waitFor(`c${i}`, 'private', now);
      if (!budget.take(`c${i}`, 'private', now)) wrong++;
      // Forgetting others never forgets the chat just sent to.
      if (budget.waitFor(`c${i}`, 'private', now) !== 1_000) wrong++;
      most = Math.max(most, budget.trackedChats);
    }
    expect(wrong).toBe(0);
    expect(most).toBeLessThanOrEqual(2_000);
  });

  it('keeps 100,000 groups bounded by what a minute of sends can fill', () => {
    const budget = new RateBudget(TELEGRAM_LIMITS);
    let now = 0;
    let most = 0;
    let refused = 0;
    for (let i = 0; i < 100_000; i++) {
      now += budget.waitFor(`g${i}`, 'group', now);
      if (!budget.take(`g${i}`, 'group', now)) refused++;
      most = Math.max(most, budget.trackedChats);
    }
    expect(refused).toBe(0);
    // 30/s × 60 s = 1,800 groups can still be in their minute; the sweep allows twice that.
    expect(most).toBeGreaterThan(1_800);
    expect(most).toBeLessThanOrEqual(3_700);
  });

  it('forgets a chat only once every send has left its window, not a millisecond before', () => {
    // No overall limit here, so thousands of chats can be touched at one instant and force sweeps.
    const budget = new RateBudget({
      overall: { count: 1_000_000, perMs: 1_000, burst: 1_000_000 },
      perChat: { private: [{ count: 1, perMs: 1_000 }], group: [{ count: 2, perMs: 60_000 }] },
    });
    expect(budget.take('p', 'private', 0)).toBe(true);
    expect(budget.take('g', 'group', 0)).toBe(true);
    const many = (prefix: string, now: number) =>
      Array.from({ length: 5_000 }, (_, i) => budget.take(`${prefix}${i}`, 'private', now)).filter((ok) => !ok).length;
    expect(many('c', 999)).toBe(0);
    expect(budget.waitFor('p', 'private', 999)).toBe(1);
    expect(many('d', 59_999)).toBe(0);
    // One send of the group's two is still in its minute: one more may go, not two.
    expect(budget.take('g', 'group', 59_999)).toBe(true);
    expect(budget.take('g', 'group', 59_999)).toBe(false);
    expect(budget.trackedChats).toBeLessThan(10_000); // the first 5,000 others were forgotten
  });

  it('remembers a paused chat until its pause ends, then forgets it', () => {
    const budget = new RateBudget(TELEGRAM_LIMITS);
    budget.pause(600_000, 0, 'held');
    let now = 0;
    for (let i = 0; i < 5_000; i++) {
      now += budget.waitFor(`c${i}`, 'private', now);
      budget.take(`c${i}`, 'private', now);
    }
    expect(now).toBeLessThan(600_000);
    expect(budget.waitFor('held', 'private', now)).toBe(600_000 - now);
    now = 600_000;
    for (let i = 0; i < 2_000; i++) {
      now += budget.waitFor(`d${i}`, 'private', now);
      budget.take(`d${i}`, 'private', now);
    }
    expect(budget.trackedChats).toBeLessThan(1_100);
    // Held no more: it waits only as long as a chat never seen (for the overall rate).
    expect(budget.waitFor('held', 'private', now)).toBe(budget.waitFor('never-seen', 'private', now));
  });
});

describe('RateBudget: a dispatcher simulation', () => {
  it('sends 5,000 messages to 5,000 chats at ≥ 95% of 30/s without breaking the limit', () => {
    const times = sendInOrder(new RateBudget(TELEGRAM_LIMITS), distinctChats(5_000), 1_700_000_000_000);
    expect(maxInWindow(times, 1_000)).toBeLessThanOrEqual(30);
    const perSecond = (times.length - 1) / ((times[times.length - 1] - times[0]) / 1_000);
    expect(perSecond).toBeGreaterThanOrEqual(0.95 * 30);
    expect(perSecond).toBeLessThanOrEqual(30.5);
  });

  it('keeps every limit when private chats and groups share the bot', () => {
    const next = random(42);
    const chats = [
      ...Array.from({ length: 50 }, (_, i) => ({ chat: `p${i}`, kind: 'private' as ChatKind })),
      ...Array.from({ length: 10 }, (_, i) => ({ chat: `g${i}`, kind: 'group' as ChatKind })),
    ];
    const pending = new Map(chats.map((c) => [c.chat, 0]));
    for (let i = 0; i < 3_000; i++) {
      const { chat } = chats[Math.floor(next() * chats.length)];
      pending.set(chat, (pending.get(chat) ?? 0) + 1);
    }
    const budget = new RateBudget(TELEGRAM_LIMITS);
    const sent = new Map<string, number[]>(chats.map((c) => [c.chat, []]));
    const all: number[] = [];
    let now = 0;
    let left = 3_000;
    while (left > 0) {
      // Greedy: whichever chat with something pending may go soonest.
      let best = { chat: '', kind: 'private' as ChatKind, wait: Infinity };
      for (const { chat, kind } of chats) {
        if (!pending.get(chat)) continue;
        const wait = budget.waitFor(chat, kind, now);
        if (wait < best.wait) best = { chat, kind, wait };
      }
      now += best.wait;
      expect(budget.take(best.chat, best.kind, now)).toBe(true);
      pending.set(best.chat, (pending.get(best.chat) ?? 0) - 1);
      sent.get(best.chat)?.push(now);
      all.push(now);
      left--;
    }
    expect(maxInWindow(all, 1_000)).toBeLessThanOrEqual(30);
    for (const { chat, kind } of chats) {
      const times = sent.get(chat) ?? [];
      expect(maxInWindow(times, 1_000)).toBeLessThanOrEqual(1);
      if (kind === 'group') expect(maxInWindow(times, 60_000)).toBeLessThanOrEqual(20);
    }
  });
});

describe('RateBudget: limits as data', () => {
  it('takes another platform’s numbers', () => {
    const slow: RateLimits = {
      overall: { count: 2, perMs: 1_000, burst: 1 },
      perChat: { private: [{ count: 3, perMs: 10_000 }], group: [] },
    };
    const budget = new RateBudget(slow);
    expect(sendInOrder(budget, distinctChats(4))).toEqual([0, 500, 1_000, 1_500]);
    expect(sendInOrder(new RateBudget(slow), toOne('p', 'private', 5))).toEqual([0, 500, 1_000, 10_000, 10_500]);
  });

  it('refuses limits that make no sense', () => {
    const bad = (overall: RateLimits['overall'], extra: RateLimits['perChat']['group'] = []) => () =>
      new RateBudget({ overall, perChat: { private: [], group: extra } });
    expect(bad({ count: 30, perMs: 1_000, burst: 31 })).toThrow(RangeError);
    expect(bad({ count: 30, perMs: 1_000, burst: 0 })).toThrow(RangeError);
    expect(bad({ count: 0, perMs: 1_000, burst: 1 })).toThrow(RangeError);
    expect(bad({ count: 30, perMs: 0.5, burst: 1 })).toThrow(RangeError);
    expect(bad({ count: 30, perMs: 1_000, burst: 5 }, [{ count: 20, perMs: -1 }])).toThrow(RangeError);
    expect(bad({ count: 30, perMs: 1_000, burst: 5 })).not.toThrow();
    const replies = { private: [{ count: 0, perMs: 1_000 }], group: [] };
    expect(() => new RateBudget({ ...TELEGRAM_LIMITS, replyPerChat: replies })).toThrow(RangeError);
  });
});
