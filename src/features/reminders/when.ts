import type { Translate } from '../../core/i18n.ts';
import { wallClock, type ReminderRule } from '../../domain/index.ts';

/** An instant as staff read it in the office's zone: `2026-12-01 周二 14:30`. */
export function shownAt(at: Date, timeZone: string, t: Translate): string {
  const c = wallClock(at, timeZone);
  return t('reminders.at', { date: c.date, weekday: t(`reminders.weekdays.${c.weekday}`), time: c.time });
}

/** How a rule repeats, for lists and confirmations: 每天 08:00, 每周一 09:00, 每月1日 09:00; empty for a one-off. */
export function shownRepeat(rule: ReminderRule, t: Translate): string {
  switch (rule.kind) {
    case 'once':
      return '';
    case 'daily':
      return t('reminders.repeat.daily', { time: rule.time });
    case 'weekly':
      return t('reminders.repeat.weekly', { weekday: t(`reminders.weekdays.${rule.weekday}`), time: rule.time });
    case 'monthly':
      return t('reminders.repeat.monthly', { day: rule.day, time: rule.time });
  }
}

/** The rule as stored (JSON; a one-off's instant as ISO text) and back. */
export const storedRule = (rule: ReminderRule): string => JSON.stringify(rule.kind === 'once' ? { kind: 'once', at: rule.at.toISOString() } : rule);
export function ruleOf(stored: string): ReminderRule {
  const raw = JSON.parse(stored) as ReminderRule & { at?: string };
  return raw.kind === 'once' ? { kind: 'once', at: new Date(raw.at as string) } : raw;
}
