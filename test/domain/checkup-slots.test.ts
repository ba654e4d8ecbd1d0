import { describe, expect, it } from 'vitest';
import { allocateSlots, parseSlotLine, parseSlots } from '../../src/domain/checkup-slots.ts';

const TODAY = '2026-11-29';

describe('checkup slots as staff type them', () => {
  it('reads a day, a half day or a time range, and a capacity', () => {
    expect(parseSlotLine('2027-03-10 上午 20人', TODAY)).toEqual({ ok: true, slot: { date: '2027-03-10', start: '08:00', end: '12:00', label: '上午', capacity: 20 } });
    expect(parseSlotLine('2027-3-10 下午 15', TODAY)).toEqual({ ok: true, slot: { date: '2027-03-10', start: '14:00', end: '17:30', label: '下午', capacity: 15 } });
    expect(parseSlotLine('2027/03/11 全天 40名', TODAY)).toMatchObject({ ok: true, slot: { label: '全天', capacity: 40 } });
    expect(parseSlotLine('2027-03-12 8:00-10:00 12人', TODAY)).toMatchObject({ ok: true, slot: { start: '08:00', end: '10:00', label: '08:00-10:00' } });
    expect(parseSlotLine('２０２７－０３－１２ ８：００～１０：００ １２人', TODAY)).toMatchObject({ ok: true, slot: { start: '08:00', end: '10:00', capacity: 12 } });
  });

  it('takes a day without a year as the next such day', () => {
    expect(parseSlotLine('3月10日 上午 20人', TODAY)).toMatchObject({ ok: true, slot: { date: '2027-03-10' } });
    expect(parseSlotLine('12月5日 上午 20人', TODAY)).toMatchObject({ ok: true, slot: { date: '2026-12-05' } });
  });

  it.each([
    ['上午 20人', 'date_missing'],
    ['2027-02-30 上午 20人', 'date_impossible'],
    ['2026-11-01 上午 20人', 'date_past'],
    ['2027-03-10 20人', 'period_missing'],
    ['2027-03-10 傍晚 20人', 'period_missing'],
    ['2027-03-10 10:00-08:00 20人', 'time_range'],
    ['2027-03-10 上午', 'capacity_missing'],
    ['2027-03-10 上午 0人', 'capacity_range'],
    ['2027-03-10 上午 501人', 'capacity_range'],
  ])('refuses %s (%s)', (line, problem) => {
    expect(parseSlotLine(line, TODAY)).toEqual({ ok: false, problem, line });
  });

  it('reads several, sorted, and refuses the same day and time twice', () => {
    const r = parseSlots('2027-03-11 上午 20人；2027-03-10 下午 20人\n2027-03-10 上午 20人', TODAY);
    expect(r.ok && r.slots.map((s) => `${s.date} ${s.label}`)).toEqual(['2027-03-10 上午', '2027-03-10 下午', '2027-03-11 上午']);
    expect(parseSlots('2027-03-10 上午 20人；2027-03-10 上午 10人', TODAY)).toEqual({ ok: false, problem: 'duplicate', line: '2027-03-10 上午 10人' });
    expect(parseSlots(' ', TODAY)).toMatchObject({ ok: false, problem: 'date_missing' });
  });
});

describe('spreading honorees over slots', () => {
  const people = (n: number, priority: (i: number) => boolean = () => false) => Array.from({ length: n }, (_, i) => ({ id: i + 1, priority: priority(i) }));
  const counts = (placed: Array<{ slotId: number }>) => placed.reduce<Record<number, number>>((c, p) => ({ ...c, [p.slotId]: (c[p.slotId] ?? 0) + 1 }), {});

  it('spreads evenly instead of filling the first slot to the brim', () => {
    const r = allocateSlots(people(30), [{ id: 1, capacity: 20, taken: 0 }, { id: 2, capacity: 20, taken: 0 }]);
    expect(counts(r.placed)).toEqual({ 1: 15, 2: 15 });
    expect(r.unplaced).toEqual([]);
  });

  it('spreads in proportion to the places still free', () => {
    const r = allocateSlots(people(20), [{ id: 1, capacity: 30, taken: 20 }, { id: 2, capacity: 30, taken: 0 }]);
    expect(counts(r.placed)).toEqual({ 1: 5, 2: 15 });
  });

  it('puts the priority register first, in the earliest slots', () => {
    const r = allocateSlots(people(10, (i) => i >= 7), [{ id: 1, capacity: 5, taken: 0 }, { id: 2, capacity: 5, taken: 0 }]);
    const slotOf = new Map(r.placed.map((p) => [p.personId, p.slotId]));
    for (const id of [8, 9, 10]) expect(slotOf.get(id)).toBe(1);
  });

  it('never goes over capacity; who does not fit is returned, priority people placed before others', () => {
    const r = allocateSlots(people(12, (i) => i === 11), [{ id: 1, capacity: 4, taken: 1 }, { id: 2, capacity: 6, taken: 0 }]);
    expect(counts(r.placed)).toEqual({ 1: 3, 2: 6 });
    expect(r.placed.map((p) => p.personId)).toContain(12);
    expect(r.unplaced).toEqual([9, 10, 11]);
    expect(allocateSlots(people(3), [])).toEqual({ placed: [], unplaced: [1, 2, 3] });
  });

  it('places 5,000 honorees over 50 slots within capacity, quickly', () => {
    const slots = Array.from({ length: 50 }, (_, i) => ({ id: i + 1, capacity: 80 + (i % 7) * 10, taken: i % 3 }));
    const started = performance.now();
    const r = allocateSlots(people(5000, (i) => i % 9 === 0), slots);
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(1000);
    const c = counts(r.placed);
    for (const s of slots) expect(c[s.id] ?? 0).toBeLessThanOrEqual(s.capacity - s.taken);
    expect(r.placed.length + r.unplaced.length).toBe(5000);
    // Priority people come first: the last priority person's slot is no later than the first other's.
    const slotOf = new Map(r.placed.map((p) => [p.personId, p.slotId]));
    const priority = r.placed.filter((p) => (p.personId - 1) % 9 === 0).map((p) => slotOf.get(p.personId)!);
    const others = r.placed.filter((p) => (p.personId - 1) % 9 !== 0).map((p) => slotOf.get(p.personId)!);
    expect(Math.max(...priority)).toBeLessThanOrEqual(Math.min(...others));
  });
});
