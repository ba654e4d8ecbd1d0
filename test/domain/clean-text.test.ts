import { describe, expect, it } from 'vitest';
import { cleanLine, cleanText } from '../../src/domain/clean-text.ts';

const ESC = '\u001b';

describe('cleanText', () => {
  it('leaves ordinary text alone, Chinese, full-width and emoji included', () => {
    for (const s of ['查询 张三', '修改 LM00002 备注 老伴住院，需探望🙏', '０８７１－６７８９１２３４', 'Anna-Maria O\'Neil', '']) {
      expect(cleanText(s)).toBe(s);
    }
  });

  it('keeps tabs and newlines of a multi-line message, and makes every line end a newline', () => {
    expect(cleanText('2018 省级劳动模范\n2021\t市级工匠')).toBe('2018 省级劳动模范\n2021\t市级工匠');
    expect(cleanText('第一行\r\n第二行\r第三行')).toBe('第一行\n第二行\n第三行');
  });

  it('takes out colour and cursor sequences whole, not just their ESC', () => {
    expect(cleanText(`${ESC}[31m张三${ESC}[0m`)).toBe('张三');
    expect(cleanText(`张${ESC}[2J${ESC}[1;1H三`)).toBe('张三');
    expect(cleanText(`李${ESC}[38;5;196m四`)).toBe('李四');
    expect(cleanText(`王${ESC}c五`)).toBe('王五'); // reset terminal
    expect(cleanText(`赵${ESC}(B六`)).toBe('赵六'); // character set
    expect(cleanText('周\u009b31m七')).toBe('周七'); // 8-bit CSI
  });

  it('takes out terminal strings such as a window title or a hyperlink, up to their end', () => {
    expect(cleanText(`${ESC}]0;hacked\u0007备注`)).toBe('备注');
    expect(cleanText(`${ESC}]8;;https://example.invalid${ESC}\\点我${ESC}]8;;${ESC}\\`)).toBe('点我');
    expect(cleanText('\u009d0;title\u009c文本')).toBe('文本');
    expect(cleanText(`${ESC}P1$r${ESC}\\正文`)).toBe('正文');
  });

  it('takes out a lone ESC and every other control character, C0 and C1', () => {
    expect(cleanText(`张${ESC}三`)).toBe('张三');
    expect(cleanText('a\u0000b\u0007c\u0008d\u000be\u000cf\u007fg\u0085h\u009fi')).toBe('abcdefghi');
    expect(cleanText(`${ESC}]0;no end 张三`)).toBe('0;no end 张三'); // unterminated: only the introducer goes
  });

  it('takes out bidi embeddings, overrides and isolates', () => {
    // "‮txt.exe" would display as "exe.txt".
    expect(cleanText('\u202etxt.exe')).toBe('txt.exe');
    const all = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
    expect(cleanText(`张${all}三`)).toBe('张三');
  });
});

describe('cleanLine', () => {
  it('makes one line: each run of tabs and newlines is one space', () => {
    expect(cleanLine('名单\n2026\t\t.xlsx')).toBe('名单 2026 .xlsx');
    expect(cleanLine(`名单${ESC}[31m\r\n.csv`)).toBe('名单 .csv');
  });
});
