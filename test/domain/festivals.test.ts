import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOLIDAY_DATA_LAST_YEAR, libraryFestivalDate, officialDay } from '../../src/domain/festivals.ts';

/**
 * The festival calendar against the published dates (written here by hand from the almanac, not
 * computed by the library under test), under two process time zones: a festival's date must not
 * move with the machine's. Past the library's holiday data the answer is 'unknown', never a guess.
 */
const PUBLISHED: Record<'spring_festival' | 'dragon_boat' | 'mid_autumn' | 'chongyang', string[]> = {
  // 2025 … 2035
  spring_festival: ['2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26', '2029-02-13', '2030-02-03', '2031-01-23', '2032-02-11', '2033-01-31', '2034-02-19', '2035-02-08'],
  dragon_boat: ['2025-05-31', '2026-06-19', '2027-06-09', '2028-05-28', '2029-06-16', '2030-06-05', '2031-06-24', '2032-06-12', '2033-06-01', '2034-06-20', '2035-06-10'],
  mid_autumn: ['2025-10-06', '2026-09-25', '2027-09-15', '2028-10-03', '2029-09-22', '2030-09-12', '2031-10-01', '2032-09-19', '2033-09-08', '2034-09-27', '2035-09-16'],
  chongyang: ['2025-10-29', '2026-10-18', '2027-10-08', '2028-10-26', '2029-10-16', '2030-10-05', '2031-10-24', '2032-10-12', '2033-10-01', '2034-10-20', '2035-10-09'],
};

for (const tz of ['UTC', 'Asia/Shanghai']) {
  describe(`the festival calendar, the process in ${tz}`, () => {
    const saved = process.env.TZ;
    beforeAll(() => void (process.env.TZ = tz));
    afterAll(() => void (process.env.TZ = saved));

    for (const [festival, dates] of Object.entries(PUBLISHED)) {
      it(`places ${festival} on its published date, 2025–2035`, () => {
        expect(dates.map((_, i) => libraryFestivalDate(festival, 2025 + i))).toEqual(dates);
      });
    }

    it('places the solar festivals and the Lantern Festival, and knows no other', () => {
      expect(libraryFestivalDate('national_day', 2030)).toBe('2030-10-01');
      expect(libraryFestivalDate('may_day', 2027)).toBe('2027-05-01');
      expect(libraryFestivalDate('lantern', 2027)).toBe('2027-02-20');
      expect(libraryFestivalDate('christmas', 2027)).toBe('unknown');
      expect(libraryFestivalDate('spring_festival', 1800)).toBe('unknown');
    });

    it('reads the official days off and make-up workdays while the data lasts, and says unknown after', () => {
      expect(HOLIDAY_DATA_LAST_YEAR).toBe(2026);
      expect(officialDay('2026-02-16')).toBe('off'); // Spring Festival's eve, 2026
      expect(officialDay('2026-02-14')).toBe('work'); // a Saturday worked to make up
      expect(officialDay('2026-03-03')).toBe('normal');
      expect(officialDay('2027-02-06')).toBe('unknown');
      expect(officialDay('2027-03-03')).toBe('unknown');
      // Late December belongs to the next year's arrangement (a New Year holiday can start then).
      expect(officialDay('2026-12-24')).toBe('normal');
      expect(officialDay('2026-12-31')).toBe('unknown');
      expect(officialDay('2023-12-30')).toBe('off'); // New Year 2024 began on a Saturday in December
      expect(officialDay('1999-10-01')).toBe('unknown');
    });
  });
}
