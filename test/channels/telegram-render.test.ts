import { describe, expect, it } from 'vitest';
import { menuCalls } from '../../src/channels/telegram/menu.ts';
import { buttonLabel, MAX_TEXT, renderReply, splitText } from '../../src/channels/telegram/render.ts';
import type { OutgoingFile } from '../../src/core/message.ts';

const csv: OutgoingFile = { name: '名单.csv', mimeType: 'text/csv', data: new TextEncoder().encode('姓名\n张三\n') };
const png: OutgoingFile = { name: 'chart.png', mimeType: 'image/png', data: new Uint8Array([0x89, 0x50]) };

describe('splitting long text for Telegram', () => {
  it('keeps a message of exactly 4096 characters whole', () => {
    const text = '劳'.repeat(MAX_TEXT);
    expect(splitText(text)).toEqual([text]);
  });

  it('cuts between lines, never inside one, and loses no line', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `${String(i + 1).padStart(3, '0')}. 张三（LM${String(i).padStart(5, '0')}）市级劳动模范`);
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(2 * MAX_TEXT);
    const chunks = splitText(text);
    expect(chunks.length).toBeGreaterThanOrEqual(Math.ceil(text.length / MAX_TEXT));
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(MAX_TEXT);
    expect(chunks.flatMap((c) => c.split('\n'))).toEqual(lines);
    // Each piece is as full as the next line allows.
    for (let i = 0; i < chunks.length - 1; i++) {
      const nextLine = chunks[i + 1].split('\n')[0];
      expect(chunks[i].length + 1 + nextLine.length).toBeGreaterThan(MAX_TEXT);
    }
  });

  it('cuts a single over-long line without splitting a surrogate pair', () => {
    const line = `${'a'.repeat(4095)}😀${'b'.repeat(10)}`;
    const chunks = splitText(`头\n${line}`);
    expect(chunks[0]).toBe('头');
    expect(chunks[1]).toBe('a'.repeat(4095));
    expect(chunks[2]).toBe(`😀${'b'.repeat(10)}`);
    expect(chunks.join('')).toBe(`头${line}`);
  });

  it('drops pieces with nothing visible (Telegram refuses empty messages)', () => {
    const text = `${'x'.repeat(4000)}\n${'\n'.repeat(200)}\n${'y'.repeat(4000)}`;
    const chunks = splitText(text);
    expect(chunks.every((c) => c.trim() !== '')).toBe(true);
    expect(chunks.join('').replace(/\s/g, '')).toBe(`${'x'.repeat(4000)}${'y'.repeat(4000)}`);
    expect(splitText('  \n ')).toEqual([]);
  });
});

describe('rendering a reply as Bot API calls', () => {
  it('sends plain text as one message, without parse mode or keyboard', () => {
    expect(renderReply({ text: '<b>张三</b> & 李四' })).toEqual({ sends: [{ method: 'sendMessage', text: '<b>张三</b> & 李四' }], choicesAsText: false });
  });

  it('puts choices on the last message as one button per row, labels trimmed', () => {
    const long = `张三（LM00001）${'某某市某某区某某街道某某社区'.repeat(6)}`;
    const { sends } = renderReply({
      text: `找到 3 位\n${'行\n'.repeat(3000)}`,
      choices: [
        { id: 'a1b2c3.1', label: '张三（LM00001）' },
        { id: 'a1b2c3.2', label: long },
        { id: 'a1b2c3.3', label: '  ' },
      ],
    });
    expect(sends.length).toBe(2);
    expect(sends[0]).not.toHaveProperty('reply_markup');
    const keyboard = sends[1].reply_markup!.inline_keyboard;
    expect(keyboard).toHaveLength(3);
    expect(keyboard.every((row) => row.length === 1)).toBe(true);
    expect(keyboard.map((r) => r[0].callback_data)).toEqual(['a1b2c3.1', 'a1b2c3.2', 'a1b2c3.3']);
    expect(keyboard[0][0].text).toBe('张三（LM00001）');
    expect([...keyboard[1][0].text]).toHaveLength(60);
    expect(keyboard[1][0].text.endsWith('…')).toBe(true);
    expect(keyboard[2][0].text).toBe('3');
  });

  it('falls back to numbered lines when a choice id does not fit in 64 bytes of callback_data', () => {
    const r = renderReply({ text: '请选择：', choices: [{ id: 'x'.repeat(65), label: '保存' }, { id: 'ok', label: '放弃' }] });
    expect(r.choicesAsText).toBe(true);
    expect(r.sends).toEqual([{ method: 'sendMessage', text: '请选择：\n1. 保存\n2. 放弃' }]);
    // 64 bytes is still fine, counted in UTF-8 bytes rather than characters.
    expect(renderReply({ text: 't', choices: [{ id: 'x'.repeat(64), label: 'a' }] }).choicesAsText).toBe(false);
    expect(renderReply({ text: 't', choices: [{ id: '选'.repeat(22), label: 'a' }] }).choicesAsText).toBe(true);
  });

  it('sends a file with the text as caption when it is short, keyboard on the file', () => {
    const { sends } = renderReply({ text: '导出完成', file: csv, choices: [{ id: 'n.1', label: '再导出' }] });
    expect(sends).toEqual([{ method: 'sendDocument', file: csv, caption: '导出完成', reply_markup: { inline_keyboard: [[{ text: '再导出', callback_data: 'n.1' }]] } }]);
  });

  it('sends long text first, then the file without caption', () => {
    const text = '说明'.repeat(600);
    const { sends } = renderReply({ text, file: csv });
    expect(sends).toEqual([{ method: 'sendMessage', text }, { method: 'sendDocument', file: csv }]);
  });

  it('sends an image as a photo, and a file and an image in that order', () => {
    expect(renderReply({ text: '图表', image: png }).sends).toEqual([{ method: 'sendPhoto', file: png, caption: '图表' }]);
    expect(renderReply({ text: '', file: csv, image: png }).sends.map((s) => s.method)).toEqual(['sendDocument', 'sendPhoto']);
  });

  it('sends nothing for an empty reply, and a placeholder text for buttons alone', () => {
    expect(renderReply({ text: ' ' }).sends).toEqual([]);
    const { sends } = renderReply({ text: '', choices: [{ id: 'n.1', label: '是' }] });
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({ method: 'sendMessage', text: '…' });
  });

  it('labels are single-line', () => {
    expect(buttonLabel('张三\n（LM00001）', 0)).toBe('张三 （LM00001）');
  });
});

describe('the command menu', () => {
  it('publishes Chinese as the default menu and English under language_code en, skipping invalid entries', () => {
    const calls = menuCalls({
      en: [{ command: 'find', description: 'Find a person' }],
      'zh-CN': [
        { command: 'find', description: '查询' },
        { command: 'Bad-Name', description: '无效' },
        { command: 'help', description: 'x'.repeat(300) },
      ],
    });
    expect(calls).toEqual([
      { commands: [{ command: 'find', description: '查询' }, { command: 'help', description: 'x'.repeat(256) }] },
      { commands: [{ command: 'find', description: 'Find a person' }], language_code: 'en' },
    ]);
  });
});
