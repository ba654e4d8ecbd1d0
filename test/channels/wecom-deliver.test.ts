import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WecomDeliverer } from '../../src/channels/wecom/deliver.ts';
import { byteLength } from '../../src/channels/wecom/split.ts';
import type { Address } from '../../src/core/delivery.ts';
import { startFakeWecom, type FakeWecom } from '../fakes/wecom-webhook.ts';

/**
 * The WeCom group robot channel as the outbox's Deliverer, over real HTTP to a fake webhook: the
 * payload WeCom documents, a long text cut to 2,048 bytes, each robot's 20 a minute, 130101's
 * ten-minute hold, and what WeCom says turned into values the dispatcher records. All keys invented.
 */
const MINUTE = 60_000;

/** A logger that keeps every line, at every level, so a test can look for the key in it. */
function capturingLog() {
  const lines: string[] = [];
  return { log: pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) }), text: () => lines.join('') };
}

/** A deliverer on the fake, its clock real time plus what a test moves it on by. */
function deliverer(fake: FakeWecom, keys: Map<string, string>, log = pino({ level: 'silent' })) {
  let offset = 0;
  const d = new WecomDeliverer({ keys: { keyOf: async (chatId) => keys.get(chatId) ?? null }, apiRoot: fake.root, log, now: () => performance.now() + offset });
  return { d, advance: (ms: number) => void (offset += ms) };
}

/** A text of `lines` lines of about 60 bytes each (Chinese and digits): 100 lines are three robot messages. */
const longDigest = (lines: number) => Array.from({ length: lines }, (_, i) => `第${i + 1}行 张三（LM${String(i + 1).padStart(5, '0')}）已 90 天未走访`).join('\n');

describe('WeCom group robots deliver notifications for the outbox', () => {
  let fake: FakeWecom;
  const keys = new Map<string, string>();
  const logs = capturingLog();
  let robot: ReturnType<typeof deliverer>;
  let n = 0;
  /** A robot group of its own for each test: its chat id, and an invented key. */
  const group = (): Address & { key: string } => {
    const chatId = `robot-${String(++n).padStart(12, '0')}`;
    const key = `${String(n).padStart(8, '0')}-4b2e-4c1d-9a8f-7e6d5c4b3a21`;
    keys.set(chatId, key);
    return { channel: 'wecom', chatId, kind: 'group', key };
  };
  const deadline = (ms = 10_000) => ({ deadline: Date.now() + ms });

  beforeAll(async () => {
    fake = await startFakeWecom();
    robot = deliverer(fake, keys, logs.log);
  });
  afterAll(() => fake.stop());
  // Whatever a test did, its robot's key reached neither the log nor a reason.
  afterEach(() => {
    for (const key of keys.values()) expect(logs.text()).not.toContain(key);
  });

  it('posts a text as WeCom documents it: POST /cgi-bin/webhook/send?key=KEY with {msgtype: text, text: {content}}', async () => {
    const to = group();
    const result = await robot.d.deliver(to, { text: '⏰ 提醒：下午三点开会' }, deadline());
    expect(result).toEqual({ outcome: 'sent', messageIds: [], sentParts: 1 });
    const [call] = fake.calls.filter((c) => c.key === to.key);
    expect(call).toMatchObject({ method: 'POST', path: '/cgi-bin/webhook/send', key: to.key, contentType: expect.stringMatching(/^application\/json/) });
    expect(call.body).toEqual({ msgtype: 'text', text: { content: '⏰ 提醒：下午三点开会' } });
    // Logged (the check after each test looks for keys in something real).
    expect(logs.text()).toContain('notification part posted');
  });

  it('posts only the text: choices cannot be answered in a robot group, files are not what it posts', async () => {
    const to = group();
    await robot.d.deliver(to, { text: '明天的走访已安排', choices: [{ id: '/reminders', label: '查看提醒' }] }, deadline());
    expect(fake.texts(to.key)).toEqual(['明天的走访已安排']);
  });

  it('splits a long digest at line breaks into messages of at most 2,048 bytes, in order', async () => {
    const to = group();
    const text = longDigest(100);
    expect(byteLength(text)).toBeGreaterThan(2 * 2048);
    const result = await robot.d.deliver(to, { text }, deadline());
    const parts = fake.texts(to.key);
    expect(parts).toHaveLength(3);
    for (const p of parts) expect(byteLength(p)).toBeLessThanOrEqual(2048);
    expect(parts.join('\n')).toBe(text);
    expect(result).toEqual({ outcome: 'sent', messageIds: [], sentParts: 3 });
  });

  it('posts only the parts an earlier attempt did not, and counts all of them', async () => {
    const to = group();
    const text = longDigest(100);
    const result = await robot.d.deliver(to, { text }, { ...deadline(), fromPart: 2 });
    expect(fake.texts(to.key)).toHaveLength(1);
    expect(text.endsWith(fake.texts(to.key)[0])).toBe(true);
    expect(result).toEqual({ outcome: 'sent', messageIds: [], sentParts: 3 });
  });

  it('stops at the part that failed, says how many went before it, and the next attempt goes on from there', async () => {
    const to = group();
    const text = longDigest(100);
    fake.answerNext({ status: 500, body: 'Internal Server Error' }, 1, (key, content) => key === to.key && !content?.startsWith('第1行'));
    expect(await robot.d.deliver(to, { text }, deadline())).toEqual({ outcome: 'retry', reason: 'HTTP 500 from the webhook', sentParts: 1 });
    expect(await robot.d.deliver(to, { text }, { ...deadline(), fromPart: 1 })).toMatchObject({ outcome: 'sent', sentParts: 3 });
    expect(fake.texts(to.key).join('\n')).toBe(text);
  });

  it('keeps each robot to 20 messages a minute: the 21st goes back with its wait, another robot is not held', async () => {
    const to = group();
    const other = group();
    for (let i = 1; i <= 20; i++) expect(await robot.d.deliver(to, { text: `提醒 ${i}` }, deadline())).toMatchObject({ outcome: 'sent' });
    const held = await robot.d.deliver(to, { text: '提醒 21' }, deadline());
    // Back to the queue, no attempt spent: the wait is the rest of the minute (and its margin).
    expect(held).toMatchObject({ outcome: 'retry', reason: 'rate budget', sentParts: 0 });
    expect((held as { afterMs: number }).afterMs).toBeGreaterThan(55_000);
    expect((held as { afterMs: number }).afterMs).toBeLessThanOrEqual(62_000);
    expect(robot.d.waitFor(to)).toBeGreaterThan(55_000);
    expect(fake.texts(to.key)).toHaveLength(20);
    expect(robot.d.waitFor(other)).toBeLessThan(1_000);
    expect(await robot.d.deliver(other, { text: '另一个群' }, deadline())).toMatchObject({ outcome: 'sent' });
    // A minute (and the margin) later the robot may post again.
    robot.advance(62_000);
    expect(robot.d.waitFor(to)).toBe(0);
    expect(await robot.d.deliver(to, { text: '提醒 21' }, deadline())).toMatchObject({ outcome: 'sent' });
    expect(fake.texts(to.key).at(-1)).toBe('提醒 21');
  });

  it('a long text that reaches the limit mid-way posts what fits and goes back for the rest', async () => {
    const to = group();
    for (let i = 1; i <= 19; i++) await robot.d.deliver(to, { text: `提醒 ${i}` }, deadline());
    const result = await robot.d.deliver(to, { text: longDigest(100) }, deadline());
    expect(result).toMatchObject({ outcome: 'retry', reason: 'rate budget', sentParts: 1, afterMs: expect.any(Number) });
    expect(fake.texts(to.key)).toHaveLength(20);
  });

  describe('when WeCom says a robot went too fast (130101)', () => {
    let strict: FakeWecom;
    beforeAll(async () => {
      strict = await startFakeWecom({ perMinute: 20 });
    });
    afterAll(() => strict.stop());

    it('holds that robot for ten minutes, posting nothing more to it meanwhile; other robots go on', async () => {
      // Two bots sharing one robot (two instances of the bot): together they go over its 20.
      const to = group();
      const other = group();
      const first = deliverer(strict, keys, logs.log);
      const second = deliverer(strict, keys, logs.log);
      for (let i = 1; i <= 20; i++) await first.d.deliver(to, { text: `第一台 ${i}` }, deadline());
      const result = await second.d.deliver(to, { text: '第二台' }, deadline());
      expect(result).toEqual({ outcome: 'retry', afterMs: 10 * MINUTE, reason: expect.stringContaining('errcode 130101'), sentParts: 0 });
      const calls = strict.calls.length;
      // Nothing goes to that robot for ten minutes, not even a try.
      expect(second.d.waitFor(to)).toBeGreaterThan(9.9 * MINUTE);
      const again = await second.d.deliver(to, { text: '第二台' }, deadline());
      expect(again).toMatchObject({ outcome: 'retry', reason: 'rate budget', sentParts: 0 });
      expect((again as { afterMs: number }).afterMs).toBeGreaterThan(9.9 * MINUTE);
      expect(strict.calls.length).toBe(calls);
      expect(await second.d.deliver(other, { text: '别的群照常' }, deadline())).toMatchObject({ outcome: 'sent' });
      // Ten minutes on (WeCom has let the robot go): it posts again.
      strict.forgive(to.key);
      second.advance(10 * MINUTE);
      expect(second.d.waitFor(to)).toBe(0);
      expect(await second.d.deliver(to, { text: '第二台' }, deadline())).toMatchObject({ outcome: 'sent' });
    });
  });

  it('an invalid key (93000) is rejected: retrying cannot help, admins see it failed', async () => {
    const to = group();
    fake.invalidKeys.add(to.key);
    const result = await robot.d.deliver(to, { text: '每日简报' }, deadline());
    expect(result).toEqual({ outcome: 'rejected', reason: expect.stringMatching(/^invalid webhook .*errcode 93000/), sentParts: 0 });
    expect(JSON.stringify(result)).not.toContain(to.key);
  });

  it('a group with no webhook any more (unbound since) is rejected without a call', async () => {
    const to = group();
    keys.delete(to.chatId);
    const calls = fake.calls.length;
    expect(await robot.d.deliver(to, { text: '每日简报' }, deadline())).toEqual({ outcome: 'rejected', reason: 'no webhook: the group was unbound', sentParts: 0 });
    expect(fake.calls.length).toBe(calls);
  });

  it('an empty text is rejected, not recorded as sent', async () => {
    expect(await robot.d.deliver(group(), { text: ' \n ' }, deadline())).toEqual({ outcome: 'rejected', reason: 'nothing to send: the message is empty', sentParts: 0 });
  });

  it('no answer within the deadline is "no answer" (the channel is down), and the call ends at the deadline', async () => {
    const to = group();
    fake.answerNext('hang', 1, (key) => key === to.key);
    const started = Date.now();
    const result = await robot.d.deliver(to, { text: '提醒' }, { deadline: Date.now() + 1_500 });
    expect(result).toMatchObject({ outcome: 'retry', noAnswer: true, sentParts: 0, reason: expect.stringContaining('no answer') });
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('a gateway error (502) is no answer too; a server error (500) is a counted retry', async () => {
    const to = group();
    fake.answerNext({ status: 502, body: 'Bad Gateway' }, 1, (key) => key === to.key);
    expect(await robot.d.deliver(to, { text: '提醒' }, deadline())).toMatchObject({ outcome: 'retry', noAnswer: true });
    fake.answerNext({ status: 500, body: 'oops' }, 1, (key) => key === to.key);
    const counted = await robot.d.deliver(to, { text: '提醒' }, deadline());
    expect(counted).toMatchObject({ outcome: 'retry' });
    expect(counted).not.toHaveProperty('noAnswer');
    expect(counted).not.toHaveProperty('afterMs');
  });

  it('a network that refuses the connection is no answer, and its reason names no key', async () => {
    const down = await startFakeWecom();
    const root = down.root;
    await down.stop();
    const to = group();
    const gone = new WecomDeliverer({ keys: { keyOf: async (chatId) => keys.get(chatId) ?? null }, apiRoot: root, log: logs.log });
    const result = await gone.deliver(to, { text: '提醒' }, deadline());
    expect(result).toMatchObject({ outcome: 'retry', noAnswer: true, sentParts: 0 });
    expect(JSON.stringify(result)).not.toContain(to.key);
  });

  it('the outbox stopping past its grace ends a call under way: a retry, not an outage', async () => {
    const to = group();
    fake.answerNext('hang', 1, (key) => key === to.key);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 200);
    const result = await robot.d.deliver(to, { text: '提醒' }, { ...deadline(), signal: stop.signal });
    expect(result).toEqual({ outcome: 'retry', reason: 'wecom: the outbox stopped', sentParts: 0 });
  });

  it('refuses an address of another channel (a bug in the caller)', async () => {
    await expect(robot.d.deliver({ channel: 'telegram', chatId: '1', kind: 'group' }, { text: 'x' }, deadline())).rejects.toThrow(/cannot deliver to telegram/);
  });
});
