import { describe, expect, it } from 'vitest';
import { readReminderDays } from '../../src/domain/checkup-cadence.ts';

describe('readReminderDays', () => {
  it.each([
    ['3,1', [3, 1]],
    ['3，1', [3, 1]],
    ['1、3、7', [7, 3, 1]],
    ['３，１', [3, 1]],
    ['3天 1天', [3, 1]],
    [' 2 ', [2]],
    ['1,3,3', [3, 1]],
    ['60', [60]],
    ['5;2', [5, 2]],
  ])('reads %j as %j', (text, days) => {
    expect(readReminderDays(text)).toEqual({ ok: true, days });
  });

  it('says an empty list is empty', () => {
    expect(readReminderDays('  ，')).toEqual({ ok: false, problem: 'empty', value: '' });
  });

  it.each([
    ['3,0', 'same_day', '0'],
    ['61', 'not_days', '61'],
    ['3,-1', 'not_days', '-1'],
    ['1.5', 'not_days', '1.5'],
    ['三天', 'not_days', '三天'],
    ['3,1,100', 'not_days', '100'],
  ])('refuses %j (%s, %j)', (text, problem, value) => {
    expect(readReminderDays(text)).toEqual({ ok: false, problem, value });
  });
});
