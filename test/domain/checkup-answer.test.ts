import { describe, expect, it } from 'vitest';
import { readCheckupAnswer, readDeclineReason } from '../../src/domain/checkup-answer.ts';

describe('an honoree’s answer to a checkup invitation', () => {
  it.each([
    ['1', 'confirm'], ['１', 'confirm'], [' 1 ', 'confirm'], ['确认', 'confirm'], ['是', 'confirm'], ['好', 'confirm'], ['好的，谢谢！', 'confirm'], ['可以。', 'confirm'], ['OK', 'confirm'],
    ['2', 'reschedule'], ['２', 'reschedule'], ['改期', 'reschedule'], ['换个时间', 'reschedule'],
    ['3', 'decline'], ['３', 'decline'], ['不参加', 'decline'], ['不去', 'decline'], ['去不了，谢谢', 'decline'],
  ])('reads %s as %s', (text, answer) => {
    expect(readCheckupAnswer(text)).toBe(answer);
  });

  it.each(['不', '不好', '4', '12', '什么时候？', '', '好不好'])('does not guess at %s', (text) => {
    expect(readCheckupAnswer(text)).toBeNull();
  });

  it('reads why someone declines, keeping their own words as "other"', () => {
    expect(readDeclineReason('1')).toEqual({ reason: 'elsewhere' });
    expect(readDeclineReason('体检过了')).toEqual({ reason: 'elsewhere' });
    expect(readDeclineReason('２')).toEqual({ reason: 'ill' });
    expect(readDeclineReason('住院')).toEqual({ reason: 'ill' });
    expect(readDeclineReason('不在家')).toEqual({ reason: 'away' });
    expect(readDeclineReason('4')).toEqual({ reason: 'other' });
    expect(readDeclineReason('要带孙子')).toEqual({ reason: 'other', note: '要带孙子' });
    expect(readDeclineReason('很'.repeat(300))?.note).toHaveLength(100);
    expect(readDeclineReason('  ')).toBeNull();
  });
});
