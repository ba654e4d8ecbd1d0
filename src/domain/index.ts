/** Pure field logic: ID numbers, name search keys, dates, money, phone numbers, masking and text hygiene. No I/O. */
export * from './id-number.ts';
export * from './pinyin-keys.ts';
export * from './dates.ts';
export * from './money.ts';
export * from './mask.ts';
export * from './clean-text.ts';
