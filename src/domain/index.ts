/** Pure field logic: ID numbers, name search keys, dates, zoned times and reminders, quiet hours, checkup slots and answers, money, phone numbers, masking and text hygiene. No I/O. */
export * from './id-number.ts';
export * from './pinyin-keys.ts';
export * from './dates.ts';
export * from './zoned-time.ts';
export * from './clock-time.ts';
export * from './reminder-rule.ts';
export * from './reminder-time.ts';
export * from './money.ts';
export * from './mask.ts';
export * from './clean-text.ts';
export * from './milestones.ts';
export * from './quiet-hours.ts';
export * from './checkup-slots.ts';
export * from './checkup-answer.ts';
