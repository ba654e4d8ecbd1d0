import { describe, expect, it } from 'vitest';
import { withoutMention } from '../../src/channels/wechat/mention.ts';
import { MAX_TEXT, renderReply } from '../../src/channels/wechat/render.ts';
import { STAMP_MARGIN_MS, toIncoming, type MessageView } from '../../src/channels/wechat/to-incoming.ts';
import { toMembership } from '../../src/channels/wechat/to-membership.ts';
import { wechatLimits } from '../../src/channels/wechat/limits.ts';
import { showLoginCode } from '../../src/channels/wechat/login-qr.ts';
import pino from 'pino';
import { ScanStatus } from 'wechaty';

const SINCE = Date.parse('2026-11-23T02:00:00Z');
const listening = { via: 'wxid_bot', since: SINCE };
const view = (over: Partial<MessageView>): MessageView => ({
  id: 'm1',
  kind: 'text',
  text: '帮助',
  self: false,
  at: new Date(SINCE + 1000),
  talker: { id: 'wxid_xiaoli', name: '小李' },
  mentionsBot: false,
  botNames: ['工会助手'],
  ...over,
});
const group = { id: '123@chatroom', title: '示例工作群' };

describe('a WeChat mention taken off a group message', () => {
  it.each([
    ['@工会助手\u2005查询 张三', '查询 张三'],
    ['@工会助手 查询 张三', '查询 张三'],
    ['@工会助手', ''],
    ['查询 张三 @工会助手', '查询 张三'],
    ['@小助手\u2005查询 张三', '查询 张三'],
  ])('%j reads %j', (text, expected) => {
    expect(withoutMention(text, ['小助手', '工会助手'])).toBe(expected);
  });

  it("keeps other people's mentions, and a mention under a nickname it did not know is taken as the bot's when it leads", () => {
    expect(withoutMention('@工会助手\u2005提醒 明天 9:00 @老王 开会', ['工会助手'])).toBe('提醒 明天 9:00 @老王 开会');
    expect(withoutMention('@新昵称\u2005帮助', ['工会助手'])).toBe('帮助');
  });
});

describe('which WeChat messages reach the core', () => {
  it('takes a private text, a file and, as a message without text, any other kind', () => {
    expect(toIncoming(view({}), listening)).toEqual({
      take: { chat: { channel: 'wechat', id: 'wxid_xiaoli', kind: 'private', via: 'wxid_bot' }, sender: { id: 'wxid_xiaoli', name: '小李' }, updateId: 'wxid_bot:m1', text: '帮助' },
    });
    const file = { name: 'roster.csv', size: 0, read: async () => new Uint8Array() };
    expect(toIncoming(view({ kind: 'file', text: '', file }), listening)).toMatchObject({ take: { file } });
    const other = toIncoming(view({ kind: 'other', text: '' }), listening);
    expect(other).toMatchObject({ take: { chat: { kind: 'private' } } });
    expect('take' in other && 'text' in other.take).toBe(false);
  });

  it('ignores its own messages and what the puppet replays from before the start', () => {
    expect(toIncoming(view({ self: true }), listening)).toEqual({ ignore: 'own message' });
    expect(toIncoming(view({ at: new Date(SINCE - STAMP_MARGIN_MS - 1) }), listening)).toEqual({ ignore: 'sent before the bot started' });
    // Stamps are whole seconds of the puppet's clock: a message a moment "before" the start is taken.
    expect(toIncoming(view({ at: new Date(SINCE - 999) }), listening)).toHaveProperty('take');
  });

  it('in a group: takes a mention (taken off) and a bare number, asks about the rest, ignores other kinds', () => {
    expect(toIncoming(view({ room: group, text: '@工会助手\u2005查询 张三', mentionsBot: true }), listening)).toMatchObject({
      take: { chat: { channel: 'wechat', id: group.id, kind: 'group', title: '示例工作群', via: 'wxid_bot' }, text: '查询 张三' },
    });
    expect(toIncoming(view({ room: group, text: '2' }), listening)).toMatchObject({ take: { text: '2' } });
    expect(toIncoming(view({ room: group, text: '查询 张三' }), listening)).toMatchObject({ ask: { text: '查询 张三' } });
    expect(toIncoming(view({ room: group, kind: 'other', text: '' }), listening)).toEqual({ ignore: 'not a text, in a group' });
    expect(toIncoming(view({ room: group, kind: 'file', text: '' }), listening)).toEqual({ ignore: 'not a text, in a group' });
  });
});

describe('a reply as WeChat messages', () => {
  it('shows choices as numbered lines under the text, one line each', () => {
    expect(renderReply({ text: '找到 2 位：', choices: [{ id: 'a', label: '张三（LM00001）' }, { id: 'b', label: '张德华\n（LM00021）' }] })).toEqual([{ text: '找到 2 位：\n1. 张三（LM00001）\n2. 张德华 （LM00021）' }]);
  });

  it('cuts a long text at line breaks into messages of at most 2,000 characters, and sends files after it', () => {
    const line = '示'.repeat(99);
    const sends = renderReply({ text: Array(50).fill(line).join('\n'), file: { name: 'errors.csv', mimeType: 'text/csv', data: new Uint8Array([1]) } });
    expect(MAX_TEXT).toBe(2000);
    const texts = sends.flatMap((s) => ('text' in s ? [s.text] : []));
    expect(texts).toHaveLength(3);
    expect(texts.every((t) => t.length <= 2000 && t.split('\n').every((l) => l === line))).toBe(true);
    expect(sends.at(-1)).toEqual({ file: { name: 'errors.csv', mimeType: 'text/csv', data: new Uint8Array([1]) } });
  });
});

describe("the bot's place in a WeChat group", () => {
  const room = { id: '9@chatroom', title: '示例通知群' };
  const at = new Date(SINCE);
  it('is joined, removed by someone (kicked) or left; nobody else joining or leaving counts', () => {
    expect(toMembership({ room, change: 'join', who: ['wxid_bot'], by: { id: 'wxid_laowang', name: '老王' }, at }, 'wxid_bot')).toEqual({
      chat: { channel: 'wechat', id: '9@chatroom', kind: 'group', via: 'wxid_bot', title: '示例通知群' },
      change: 'joined',
      at,
      updateId: `wxid_bot:join:9@chatroom:${at.getTime()}`,
      by: { id: 'wxid_laowang', name: '老王' },
    });
    expect(toMembership({ room, change: 'leave', who: ['wxid_bot'], by: { id: 'wxid_laowang', name: '老王' }, at }, 'wxid_bot')).toMatchObject({ change: 'kicked' });
    expect(toMembership({ room, change: 'leave', who: ['wxid_bot'], by: { id: 'wxid_bot', name: '工会助手' }, at }, 'wxid_bot')).toMatchObject({ change: 'left' });
    expect(toMembership({ room, change: 'leave', who: ['wxid_xiaoli'], at }, 'wxid_bot')).toBeNull();
  });
});

describe('the WeChat pacing as limits', () => {
  it('keeps the gap in every chat, and the minute’s ceiling for notifications only', () => {
    expect(wechatLimits({ minGapMs: 1500, perMinute: 20 })).toEqual({
      overall: { count: 20, perMs: 60_000, burst: 3 },
      overallHoldsReplies: false,
      perChat: { private: [{ count: 1, perMs: 1500 }], group: [{ count: 1, perMs: 1500 }] },
    });
  });
});

describe('the WeChat login code for the operator', () => {
  const url = 'https://login.weixin.qq.com/l/Ab12Cd34Ef==';
  it('is drawn as a QR code, its text under it, when the puppet shows a code to scan; later states draw nothing', async () => {
    let drawn = '';
    const output = { write: (text: string) => (drawn += text) };
    await showLoginCode(url, ScanStatus.Waiting, pino({ level: 'silent' }), output);
    const lines = drawn.split('\n');
    // Half blocks, two rows of modules a line: a code of 25+ modules makes at least 13 lines of them.
    expect(lines.filter((l) => /[▀▄█]/.test(l)).length).toBeGreaterThanOrEqual(13);
    expect(lines).toContain(url);
    drawn = '';
    await showLoginCode(url, ScanStatus.Scanned, pino({ level: 'silent' }), output);
    await showLoginCode('', ScanStatus.Waiting, pino({ level: 'silent' }), output);
    expect(drawn).toBe('');
  });
});
