import { describe, it, expect } from 'vitest';
import { DECLINE_TEXT_MAX, readCheckupAnswer, readDeclineReason, readOptOut } from '../../src/domain/checkup-answer.ts';

describe('readCheckupAnswer', () => {
  it.each([
    '1', '１', '确认', '是', '好', '好的', '可以', '参加', '去', 'ok', 'OK', 'Ok', 'yes', 'YES', 'ｏｋ',
    ' 好的 ', '好的。', '好的!', '好的！', '好的！！', '好的，谢谢', '好的,谢谢!', '谢谢，好的', '好的 谢谢您',
    '可以，麻烦了', 'ok thank you', 'yes thanks', '好的好的', '好好好', '1。', '“1”', '1️⃣', '好的👍', '1 确认', '1.确认', '1.确认参加', '好 的', '好的，好的，谢谢',
    '是的', '没问题', '我参加',
  ])('reads %j as confirm', (text) => {
    expect(readCheckupAnswer(text)).toBe('confirm');
  });

  it.each(['2', '２', '改期', '换时间', '改时间', '换个时间', '改期。', '2 改期', '改期，谢谢'])('reads %j as reschedule', (text) => {
    expect(readCheckupAnswer(text)).toBe('reschedule');
  });

  it.each(['3', '３', '不参加', '不去', '去不了', 'no', 'NO', '不参加了', '不去了，谢谢', '3、不参加', 'no thanks'])(
    'reads %j as decline',
    (text) => {
      expect(readCheckupAnswer(text)).toBe('decline');
    },
  );

  it.each([
    '', '   ', '。', '👍', '谢谢', // nothing said about the checkup
    '不', '不好', '不行', '不是', '不可以', '不，谢谢', '好不好', '不好的', // a no is never read as a yes
    '4', '0', '11', '12', '13', '1 改期', '2 确认', // numbers that are no option, or disagree with their word
    '好的，不过下午不行', '可以吗', '我再想想', '去哪里体检', 'maybe', 'okk', '1 2 3',
  ])('gives null for %j', (text) => {
    expect(readCheckupAnswer(text)).toBeNull();
  });
});

describe('readDeclineReason', () => {
  it.each([
    ['1', 'elsewhere'], ['１', 'elsewhere'], ['已在别处体检', 'elsewhere'], ['体检过了', 'elsewhere'], ['体检过了，谢谢', 'elsewhere'],
    ['2', 'ill'], ['生病', 'ill'], ['身体不适', 'ill'], ['住院', 'ill'], ['住院了。', 'ill'], ['2 住院了', 'ill'],
    ['3', 'away'], ['外出', 'away'], ['不在家', 'away'], ['出门', 'away'], ['３。', 'away'],
  ])('reads %j as %s', (text, reason) => {
    expect(readDeclineReason(text)).toEqual({ reason });
  });

  it('reads 4 and 其他 as other, with no text', () => {
    expect(readDeclineReason('4')).toEqual({ reason: 'other', text: null });
    expect(readDeclineReason('４')).toEqual({ reason: 'other', text: null });
    expect(readDeclineReason('其他')).toEqual({ reason: 'other', text: null });
    expect(readDeclineReason(' 其他。')).toEqual({ reason: 'other', text: null });
  });

  it('keeps any other text, as written, trimmed', () => {
    expect(readDeclineReason('  要在家带孙子  ')).toEqual({ reason: 'other', text: '要在家带孙子' });
    expect(readDeclineReason('4 要在家带孙子')).toEqual({ reason: 'other', text: '要在家带孙子' });
    expect(readDeclineReason('其他：要在家带孙子')).toEqual({ reason: 'other', text: '要在家带孙子' });
    // The number or 其他 is only taken off when it stands apart: here it is part of the reason.
    expect(readDeclineReason('4岁的孙子没人带')).toEqual({ reason: 'other', text: '4岁的孙子没人带' });
    expect(readDeclineReason('其他人去我就去')).toEqual({ reason: 'other', text: '其他人去我就去' });
    // A number that disagrees with its word is not guessed at.
    expect(readDeclineReason('1 生病')).toEqual({ reason: 'other', text: '1 生病' });
    expect(readDeclineReason('Too far, no transport')).toEqual({ reason: 'other', text: 'Too far, no transport' });
  });

  it(`cuts the kept text at ${DECLINE_TEXT_MAX} characters, never inside one, and drops control characters`, () => {
    const long = '腿脚不便😀'.repeat(30); // 150 characters, 180 UTF-16 units
    const r = readDeclineReason(long);
    expect(r).toEqual({ reason: 'other', text: [...long].slice(0, DECLINE_TEXT_MAX).join('') });
    if (r?.reason === 'other') expect([...(r.text ?? '')]).toHaveLength(DECLINE_TEXT_MAX);
    expect(readDeclineReason('要带\u001b[31m孙子\u202e')).toEqual({ reason: 'other', text: '要带孙子' });
  });

  it.each(['', '   ', '。', '\n'])('gives null for %j', (text) => {
    expect(readDeclineReason(text)).toBeNull();
  });
});

describe('readOptOut', () => {
  it.each(['退订', 'TD', 'td', 'Td', 'ＴＤ', ' T D ', '退 订', '退订。', '取消订阅', '不要再发', '不要再发了！', '退订，谢谢'])(
    'reads %j as opting out',
    (text) => {
      expect(readOptOut(text)).toBe(true);
    },
  );

  it.each(['', '好的', '1', 'TDD', 't', '请问怎么退订', '不要退订', '退订了吗', '不要再发这么早', '我想取消订阅吗'])(
    'does not read %j as opting out',
    (text) => {
      expect(readOptOut(text)).toBe(false);
    },
  );
});
