import { describe, it, expect } from 'vitest';
import {
  allocateSlots,
  parseSlotLine,
  parseSlots,
  readPlanDay,
  SLOT_CAPACITY_MAX,
  type CheckupSlot,
  type SlotAllocation,
  type SlotCandidate,
  type SlotOccupancy,
} from '../../src/domain/checkup-slots.ts';

/** Wednesday 2027-03-03. */
const TODAY = '2027-03-03';
const slot = (date: string, start: string, end: string, label: string, capacity: number): CheckupSlot => ({ date, start, end, label, capacity });

describe('parseSlotLine: what staff type', () => {
  it.each([
    ['2027-03-10 上午 20人', slot('2027-03-10', '08:00', '12:00', '上午', 20)],
    ['2027-3-10 下午 15', slot('2027-03-10', '14:00', '17:30', '下午', 15)],
    ['2027/03/10 全天 40人', slot('2027-03-10', '08:00', '17:30', '全天', 40)],
    ['2027.3.10 全天 40名', slot('2027-03-10', '08:00', '17:30', '全天', 40)],
    ['2027年3月10日 上午 20位', slot('2027-03-10', '08:00', '12:00', '上午', 20)],
    ['2027-03-10 08:00-10:00 20人', slot('2027-03-10', '08:00', '10:00', '08:00-10:00', 20)],
    ['2027-03-10 8:00~9:30 12', slot('2027-03-10', '08:00', '09:30', '08:00-09:30', 12)],
    ['2027-03-10 8:00 至 9:30 12人', slot('2027-03-10', '08:00', '09:30', '08:00-09:30', 12)],
    ['2027-03-10 上午 8:30-11:00 20人', slot('2027-03-10', '08:30', '11:00', '08:30-11:00', 20)],
    ['2027-03-10上午20人', slot('2027-03-10', '08:00', '12:00', '上午', 20)],
    ['  2027-03-10   上午   20 人  ', slot('2027-03-10', '08:00', '12:00', '上午', 20)],
    ['2027-03-10 上午 限20人。', slot('2027-03-10', '08:00', '12:00', '上午', 20)],
    ['２０２７－０３－１０　上午　２０人', slot('2027-03-10', '08:00', '12:00', '上午', 20)],
    ['2027-03-10 ０８：００～１０：００ ２０人', slot('2027-03-10', '08:00', '10:00', '08:00-10:00', 20)],
    ['2027-03-10（周三） 上午 20人', slot('2027-03-10', '08:00', '12:00', '上午', 20)],
    ['2027-03-10 星期三 下午 1人', slot('2027-03-10', '14:00', '17:30', '下午', 1)],
    ['2027-03-03 下午 500', slot('2027-03-03', '14:00', '17:30', '下午', 500)], // today itself
  ])('reads %j', (text, expected) => {
    expect(parseSlotLine(text, TODAY)).toEqual({ ok: true, slot: expected });
  });

  it('puts a date without a year on its next occurrence, today included', () => {
    expect(parseSlotLine('3月10日 上午 20人', TODAY)).toEqual({ ok: true, slot: slot('2027-03-10', '08:00', '12:00', '上午', 20) });
    expect(parseSlotLine('3月3号 上午 20人', TODAY)).toMatchObject({ ok: true, slot: { date: '2027-03-03' } });
    expect(parseSlotLine('3月2日 上午 20人', TODAY)).toMatchObject({ ok: true, slot: { date: '2028-03-02' } });
    expect(parseSlotLine('1-15 上午 20人', TODAY)).toMatchObject({ ok: true, slot: { date: '2028-01-15' } });
    expect(parseSlotLine('12/1 上午 20人', TODAY)).toMatchObject({ ok: true, slot: { date: '2027-12-01' } });
    expect(parseSlotLine('2月29日 上午 20人', TODAY)).toMatchObject({ ok: true, slot: { date: '2028-02-29' } });
    // Still ahead this year, but 2027 has no 29 February: a typo, not a day a year on.
    expect(parseSlotLine('2月29日 上午 20人', '2027-01-10')).toEqual({ ok: false, problem: 'invalid_date', value: '2月29日' });
  });

  it.each([
    ['', 'no_date', undefined],
    ['上午 20人', 'no_date', undefined],
    ['08:00-10:00 20人', 'no_date', undefined],
    ['下周三 上午 20人', 'no_date', undefined],
    ['2027-02-30 上午 20人', 'invalid_date', '2027-02-30'],
    ['2027-13-01 上午 20人', 'invalid_date', '2027-13-01'],
    ['2月30日 上午 20人', 'invalid_date', '2月30日'],
    ['2027-03-02 上午 20人', 'past_date', '2027-03-02'],
    ['2026-12-01 上午 20人', 'past_date', '2026-12-01'],
    // A typo in the year: invitations would go out for a day decades away.
    ['2072-03-10 上午 20人', 'far_date', '2072-03-10'],
    ['2027-03-10 周四 上午 20人', 'weekday_mismatch', '周四'],
    ['2027-03-10', 'no_period', undefined],
    ['2027-03-10 20人', 'no_period', undefined],
    ['2027-03-10 20', 'no_period', undefined],
    ['2027-03-10 晚上 20人', 'unknown_period', '晚上'],
    ['2027-03-10 morning 20', 'unknown_period', 'morning'],
    ['2027-03-10 10:00-08:00 20人', 'invalid_time_range', '10:00-08:00'],
    ['2027-03-10 10:00-10:00 20人', 'invalid_time_range', '10:00-10:00'],
    ['2027-03-10 25:00-26:00 20人', 'invalid_time_range', '25:00-26:00'],
    ['2027-03-10 8:0-9:00 20人', 'invalid_time_range', '8:0-9:00'],
    ['2027-03-10 上午', 'no_capacity', undefined],
    ['2027-03-10 上午 。', 'no_capacity', undefined],
    ['2027-03-10 上午 二十人', 'no_capacity', '二十人'],
    ['2027-03-10 上午 人', 'no_capacity', '人'],
    ['2027-03-10 上午 0人', 'capacity_out_of_range', '0'],
    ['2027-03-10 上午 501人', 'capacity_out_of_range', '501'],
    ['2027-03-10 上午 2.5人', 'capacity_out_of_range', '2.5'],
    ['2027-03-10 上午 20人 请带身份证', 'extra_text', '请带身份证'],
    ['2027-03-10 上午 20 30', 'extra_text', '30'],
  ])('refuses %j as %s', (text, problem, value) => {
    expect(parseSlotLine(text, TODAY)).toEqual(value === undefined ? { ok: false, problem } : { ok: false, problem, value });
  });

  it('takes capacities from 1 to the maximum', () => {
    expect(SLOT_CAPACITY_MAX).toBe(500);
    expect(parseSlotLine('2027-03-10 上午 1', TODAY)).toMatchObject({ ok: true, slot: { capacity: 1 } });
    expect(parseSlotLine('2027-03-10 上午 020人', TODAY)).toMatchObject({ ok: true, slot: { capacity: 20 } });
  });

  it('throws for a malformed today, which is the caller\'s bug', () => {
    expect(() => parseSlotLine('2027-03-10 上午 20人', '2027-3-3')).toThrow(RangeError);
    expect(() => parseSlots('', '2027-02-30')).toThrow(RangeError);
  });
});

describe('parseSlots', () => {
  it('reads lines and ；/; separated entries, sorted by date and start', () => {
    const text = '2027-03-11 下午 15人；2027-03-10 下午 15人\n\n2027-03-10 上午 20人; 3月10日 07:30-08:00 10人\r\n';
    expect(parseSlots(text, TODAY)).toEqual({
      ok: true,
      slots: [
        slot('2027-03-10', '07:30', '08:00', '07:30-08:00', 10),
        slot('2027-03-10', '08:00', '12:00', '上午', 20),
        slot('2027-03-10', '14:00', '17:30', '下午', 15),
        slot('2027-03-11', '14:00', '17:30', '下午', 15),
      ],
    });
  });

  it('refuses a second entry with the same date and start, naming both', () => {
    expect(parseSlots('2027-03-10 上午 20人\n2027-03-11 上午 20人\n3月10日 08:00-09:00 5人', TODAY)).toEqual({
      ok: false,
      problem: 'duplicate_slot',
      line: 3,
      text: '3月10日 08:00-09:00 5人',
      firstLine: 1,
      value: '2027-03-10 08:00',
    });
  });

  it('reports the first entry it cannot read, counted among the non-blank entries', () => {
    expect(parseSlots('2027-03-10 上午 20人\n\n2027-03-10 晚上 20人；2027-02-30 上午 1', TODAY)).toEqual({
      ok: false,
      problem: 'unknown_period',
      line: 2,
      text: '2027-03-10 晚上 20人',
      value: '晚上',
    });
    expect(parseSlots('2027-03-10 上午 20人；2027-03-10 下午', TODAY)).toEqual({
      ok: false,
      problem: 'no_capacity',
      line: 2,
      text: '2027-03-10 下午',
    });
  });

  it('says when there is nothing to read', () => {
    expect(parseSlots('', TODAY)).toEqual({ ok: false, problem: 'no_slots' });
    expect(parseSlots(' \n；;\n ', TODAY)).toEqual({ ok: false, problem: 'no_slots' });
  });
});

const person = (id: number, priority = false): SlotCandidate => ({ id, priority });
const people = (n: number, isPriority: (i: number) => boolean = () => false) =>
  Array.from({ length: n }, (_, i) => person(i + 1, isPriority(i)));
const empty = (id: number, capacity: number): SlotOccupancy => ({ id, capacity, taken: 0 });

/** How many were placed in each slot, in slot order. */
const counts = (a: SlotAllocation, slots: SlotOccupancy[]) => slots.map((s) => a.placed.filter((p) => p.slotId === s.id).length);

describe('allocateSlots', () => {
  it('spreads people over the slots in proportion, not first come first filled', () => {
    const slots = [empty(1, 20), empty(2, 20)];
    const a = allocateSlots(people(30), slots);
    expect(counts(a, slots)).toEqual([15, 15]);
    expect(a.unplaced).toEqual([]);
    // In the given order: the first 15 in the first slot.
    expect(a.placed.slice(0, 15).every((p) => p.slotId === 1 && p.personId <= 15)).toBe(true);
  });

  it('weighs by free places, counting those already taken', () => {
    const slots: SlotOccupancy[] = [{ id: 1, capacity: 20, taken: 10 }, empty(2, 30), { id: 3, capacity: 10, taken: 12 }];
    expect(counts(allocateSlots(people(20), slots), slots)).toEqual([5, 15, 0]); // 10 : 30 : none (overbooked)
  });

  it('gives the seats left over by rounding to the largest remainders, ties to the earlier slot', () => {
    const three = [empty(1, 10), empty(2, 10), empty(3, 10)];
    expect(counts(allocateSlots(people(10), three), three)).toEqual([4, 3, 3]);
    expect(counts(allocateSlots(people(11), three), three)).toEqual([4, 4, 3]);
    const uneven = [empty(1, 10), empty(2, 25)];
    expect(counts(allocateSlots(people(7), uneven), uneven)).toEqual([2, 5]); // 2 : 5 exactly
    expect(counts(allocateSlots(people(8), uneven), uneven)).toEqual([2, 6]); // 2.29 : 5.71
  });

  it('puts priority-register people first, into the earliest slots', () => {
    const slots = [empty(10, 20), empty(20, 20)];
    const a = allocateSlots(people(30, (i) => i >= 25), slots); // ids 26-30 are on the register
    expect(a.placed.slice(0, 5)).toEqual([26, 27, 28, 29, 30].map((personId) => ({ personId, slotId: 10 })));
    expect(counts(a, slots)).toEqual([15, 15]);
    const slotOf = new Map(a.placed.map((p) => [p.personId, p.slotId]));
    expect([26, 27, 28, 29, 30].every((id) => slotOf.get(id) === 10)).toBe(true);
  });

  it('leaves out who does not fit, the non-priority last in the given order first', () => {
    const slots = [empty(1, 3), empty(2, 2)];
    const a = allocateSlots(people(8, (i) => i === 7), slots); // id 8 is on the register
    expect(counts(a, slots)).toEqual([3, 2]);
    expect(a.placed[0]).toEqual({ personId: 8, slotId: 1 });
    expect(a.unplaced).toEqual([5, 6, 7]);
  });

  it('handles nobody, no slots and full slots', () => {
    expect(allocateSlots([], [empty(1, 10)])).toEqual({ placed: [], unplaced: [] });
    expect(allocateSlots(people(3), [])).toEqual({ placed: [], unplaced: [1, 2, 3] });
    expect(allocateSlots(people(2), [{ id: 1, capacity: 5, taken: 5 }])).toEqual({ placed: [], unplaced: [1, 2] });
  });

  it('refuses capacities that are not whole numbers ≥ 0', () => {
    expect(() => allocateSlots(people(1), [{ id: 1, capacity: 2.5, taken: 0 }])).toThrow(RangeError);
    expect(() => allocateSlots(people(1), [{ id: 1, capacity: 5, taken: -1 }])).toThrow(RangeError);
  });

  it('gives the same answer every time', () => {
    const slots = [empty(1, 7), empty(2, 11), empty(3, 5)];
    const group = people(19, (i) => i % 4 === 0);
    expect(allocateSlots(group, slots)).toEqual(allocateSlots(group, slots));
  });

  it('places 5,000 people over 50 slots quickly, fairly and within capacity', () => {
    // Invented campaign: capacities 20-139, some places already taken; every 7th person on the register.
    const slots: SlotOccupancy[] = Array.from({ length: 50 }, (_, i) => ({ id: 100 + i, capacity: 20 + ((i * 37) % 120), taken: (i * 13) % 15 }));
    const group = people(5000, (i) => i % 7 === 3);
    const started = performance.now();
    const a = allocateSlots(group, slots);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(1000);

    const free = slots.map((s) => s.capacity - s.taken);
    const totalFree = free.reduce((x, y) => x + y, 0);
    const placedCount = Math.min(group.length, totalFree);
    expect(a.placed).toHaveLength(placedCount);
    expect(a.placed.length + a.unplaced.length).toBe(group.length);
    expect(new Set([...a.placed.map((p) => p.personId), ...a.unplaced]).size).toBe(group.length);

    const perSlot = counts(a, slots);
    slots.forEach((s, i) => {
      expect(perSlot[i] + s.taken).toBeLessThanOrEqual(s.capacity);
      expect(Math.abs(perSlot[i] - (placedCount * free[i]) / totalFree)).toBeLessThan(1);
    });

    // Slots are in time order: no priority person is in a later slot than any non-priority person.
    const index = new Map(slots.map((s, i) => [s.id, i]));
    const priority = new Set(group.filter((p) => p.priority).map((p) => p.id));
    const latestPriority = Math.max(...a.placed.filter((p) => priority.has(p.personId)).map((p) => index.get(p.slotId)!));
    const earliestOther = Math.min(...a.placed.filter((p) => !priority.has(p.personId)).map((p) => index.get(p.slotId)!));
    expect(latestPriority).toBeLessThanOrEqual(earliestOther);
    expect(a.unplaced.every((id) => !priority.has(id))).toBe(true);
  });

  it('stays fair when there is room for everyone', () => {
    const slots = Array.from({ length: 50 }, (_, i) => empty(i + 1, 200));
    const a = allocateSlots(people(5000, (i) => i % 10 === 0), slots);
    expect(a.unplaced).toEqual([]);
    expect(new Set(counts(a, slots))).toEqual(new Set([100]));
  });
});

describe('readPlanDay: a day to phone again', () => {
  const today = '2026-11-29';
  it.each([
    ['明天', '2026-11-30'],
    ['后天', '2026-12-01'],
    ['3天后', '2026-12-02'],
    ['３天后', '2026-12-02'],
    ['2026-12-05', '2026-12-05'],
    ['12月5日', '2026-12-05'],
    ['1月5日', '2027-01-05'],
  ])('reads %s as %s', (text, day) => {
    expect(readPlanDay(text, today)).toBe(day);
  });
  it.each(['后年', '2026-11-01', '12月5日 上午', '', '2026-02-30'])('refuses %s', (text) => {
    expect(readPlanDay(text, today)).toBeNull();
  });
});
