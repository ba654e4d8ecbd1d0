import { describe, expect, it } from 'vitest';
import { byteLength, splitByBytes } from '../../src/channels/wecom/split.ts';
import { classifyAnswer } from '../../src/channels/wecom/outcome.ts';

const KEY = '6b1f0c2e-91a4-4c3d-8e7f-0a1b2c3d4e5f';

describe('a robot text cut to its size in bytes', () => {
  it('leaves a text that fits as it is', () => {
    expect(splitByBytes('【今日要事】2026-11-23 周一\n今天没有待办事项。', 2048)).toEqual(['【今日要事】2026-11-23 周一\n今天没有待办事项。']);
  });

  it('counts bytes of UTF-8, not characters: Chinese takes three bytes a character', () => {
    // 10 characters, 30 bytes: two lines of five do not fit in 20 bytes together.
    expect(splitByBytes('走访慰问张\n电话联系李', 20)).toEqual(['走访慰问张', '电话联系李']);
    expect(splitByBytes('走访慰问张\n电话联系李', 31)).toEqual(['走访慰问张\n电话联系李']);
    // The line break counts too: 15 + 1 + 15 = 31 bytes.
    expect(splitByBytes('走访慰问张\n电话联系李', 30)).toEqual(['走访慰问张', '电话联系李']);
  });

  it('cuts between lines, in order, every piece within the limit, nothing lost but the breaks at the cuts', () => {
    const text = Array.from({ length: 120 }, (_, i) => `第${i + 1}行 张三（LM${String(i).padStart(5, '0')}）上次走访 2026-07-01`).join('\n');
    const pieces = splitByBytes(text, 2048);
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces) expect(byteLength(p)).toBeLessThanOrEqual(2048);
    expect(pieces.join('\n')).toBe(text);
    // Each piece is full: the next line would not have fitted.
    for (let i = 0; i < pieces.length - 1; i++) expect(byteLength(`${pieces[i]}\n${pieces[i + 1].split('\n')[0]}`)).toBeGreaterThan(2048);
  });

  it('cuts a single line longer than the limit between characters, never inside one (emoji are four bytes)', () => {
    const line = '🎉劳模'.repeat(100); // 10 bytes each time: 1,000 bytes
    const pieces = splitByBytes(line, 64);
    for (const p of pieces) {
      expect(byteLength(p)).toBeLessThanOrEqual(64);
      // Valid UTF-8 on its own: it survives a round trip through bytes unchanged.
      expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
    }
    expect(pieces.join('')).toBe(line);
  });

  it('leaves out pieces with nothing visible, and an empty text is no piece at all', () => {
    expect(splitByBytes('', 2048)).toEqual([]);
    expect(splitByBytes(' \n \n', 2048)).toEqual([]);
    expect(splitByBytes(`${'甲'.repeat(5)}\n   \n${'乙'.repeat(5)}`, 16)).toEqual(['甲甲甲甲甲', '乙乙乙乙乙']);
  });
});

describe("what a robot's answer means", () => {
  const answer = (body: unknown, status = 200) => classifyAnswer({ status, body: typeof body === 'string' ? body : JSON.stringify(body) }, KEY);

  it('errcode 0 is posted', () => {
    expect(answer({ errcode: 0, errmsg: 'ok' })).toBeNull();
  });

  it('too fast (130101, and 45009) waits ten minutes without spending an attempt', () => {
    expect(answer({ errcode: 130101, errmsg: 'send to group too frequently' })).toEqual({ outcome: 'retry', afterMs: 600_000, reason: 'too fast: errcode 130101 send to group too frequently' });
    expect(answer({ errcode: 45009, errmsg: 'api freq out of limit' })).toMatchObject({ outcome: 'retry', afterMs: 600_000 });
  });

  it('an invalid webhook (93000) and other refusals are rejected; busy (-1) is retried, counted', () => {
    expect(answer({ errcode: 93000, errmsg: 'invalid webhook url' })).toEqual({ outcome: 'rejected', reason: expect.stringContaining('invalid webhook') });
    expect(answer({ errcode: 40008, errmsg: 'invalid message type' })).toEqual({ outcome: 'rejected', reason: 'errcode 40008 invalid message type' });
    expect(answer({ errcode: -1, errmsg: 'system busy' })).toEqual({ outcome: 'retry', reason: 'errcode -1 system busy' });
  });

  it('gateways that could not reach WeCom are no answer; other statuses and odd bodies are retried, counted', () => {
    expect(answer('<html>Bad Gateway</html>', 502)).toMatchObject({ outcome: 'retry', noAnswer: true });
    expect(answer('oops', 500)).toEqual({ outcome: 'retry', reason: 'HTTP 500 from the webhook' });
    expect(answer('<html>login</html>')).toEqual({ outcome: 'retry', reason: "HTTP 200: not a robot's answer" });
    expect(classifyAnswer({ status: 429, body: '', retryAfter: '7' }, KEY)).toMatchObject({ outcome: 'retry', afterMs: 7000 });
  });

  it('never quotes the key, should an answer echo it', () => {
    const failure = answer({ errcode: 93000, errmsg: `invalid webhook url key=${KEY} (${encodeURIComponent(KEY)})` });
    expect(JSON.stringify(failure)).not.toContain(KEY);
    expect(failure).toMatchObject({ reason: expect.stringContaining('key=<key>') });
  });
});
