import { describe, expect, it } from 'vitest';
import { needReasons, planVisits, visitKindFor, type VisitCandidate } from '../../src/domain/visit-need.ts';

/** A crafted set: each reason for need once, on 2027-01-20 (Spring Festival 2027 is 6 February). */
const TODAY = '2027-01-20';
const base: Omit<VisitCandidate, 'id'> = { birthDate: '1970-05-01', employmentStatus: 'employed', hardship: false, poorHealth: false, surveyText: '', lastVisit: '2026-10-01', milestone: false };
const PEOPLE: VisitCandidate[] = [
  { ...base, id: 1 }, // nothing: a letter
  { ...base, id: 2, lastVisit: null }, // never visited
  { ...base, id: 3, surveyText: '老伴去年病故' }, // bereaved
  { ...base, id: 4, surveyText: '子女在外地，独居' }, // alone
  { ...base, id: 5, employmentStatus: 'unemployed' }, // out of work
  { ...base, id: 6, surveyText: '原单位破产后提前退休', employmentStatus: 'retired' }, // retired after a bankruptcy
  { ...base, id: 7, birthDate: '1952-03-01' }, // 74
  { ...base, id: 8, birthDate: '1940-03-01' }, // 86
  { ...base, id: 9, milestone: true, birthDate: '1957-02-01' }, // turns 70 in the window
  { ...base, id: 10, poorHealth: true },
  { ...base, id: 11, hardship: true },
  { ...base, id: 12, hardship: true, poorHealth: true, birthDate: '1945-01-01' },
  { ...base, id: 13, employmentStatus: 'deceased', hardship: true },
  { ...base, id: 14, employmentStatus: 'left', hardship: true },
];

describe('who needs a holiday visit most', () => {
  it('names each reason from the file, the survey and the visits', () => {
    const reasons = new Map(PEOPLE.map((p) => [p.id, needReasons(p, TODAY)]));
    expect(reasons.get(1)).toEqual([]);
    expect(reasons.get(2)).toEqual(['long_unvisited']);
    expect(reasons.get(3)).toEqual(['bereaved']);
    expect(reasons.get(4)).toEqual(['alone']);
    expect(reasons.get(5)).toEqual(['laid_off']);
    expect(reasons.get(6)).toEqual(['laid_off']);
    expect(reasons.get(7)).toEqual(['age_70']);
    expect(reasons.get(8)).toEqual(['age_80']);
    expect(reasons.get(9)).toEqual(['milestone']);
    expect(reasons.get(12)).toEqual(['hardship', 'poor_health', 'age_80']);
    expect(needReasons({ ...base, id: 0, lastVisit: '2026-01-20' }, TODAY)).toEqual(['long_unvisited']);
    expect(needReasons({ ...base, id: 0, lastVisit: '2026-01-21' }, TODAY)).toEqual([]);
    // Parents who died long ago are not a recent bereavement.
    expect(needReasons({ ...base, id: 0, surveyText: '父母已去世，子女在本地' }, TODAY)).toEqual([]);
    expect(needReasons({ ...base, id: 0, surveyText: '丈夫今年三月病故' }, TODAY)).toEqual(['bereaved']);
  });

  it('visits in person for the most pressing, phones the elderly and laid off, writes to the rest', () => {
    expect(visitKindFor(['hardship'])).toBe('in_person');
    expect(visitKindFor(['alone'])).toBe('in_person');
    expect(visitKindFor(['age_70', 'long_unvisited'])).toBe('phone');
    expect(visitKindFor(['laid_off'])).toBe('phone');
    expect(visitKindFor(['long_unvisited'])).toBe('letter');
    expect(visitKindFor([])).toBe('letter');
  });

  it('orders the plan by need, then the longest without a visit; the deceased and those who left are not on it', () => {
    const plan = planVisits(PEOPLE, TODAY);
    expect(plan.map((v) => v.id)).toEqual([12, 11, 10, 9, 8, 7, 5, 6, 4, 3, 2, 1]);
    expect(plan.find((v) => v.id === 12)).toMatchObject({ kind: 'in_person', reasons: ['hardship', 'poor_health', 'age_80'] });
    expect(plan.at(-1)).toMatchObject({ id: 1, kind: 'letter', sinceVisit: 111 });
    // Each reason outweighs all after it together: 70 or older before laid off, alone and bereaved.
    const tiers = planVisits([{ ...base, id: 1, employmentStatus: 'unemployed', surveyText: '独居，老伴去年去世' }, { ...base, id: 2, birthDate: '1952-01-01' }], TODAY);
    expect(tiers.map((v) => v.id)).toEqual([2, 1]);
    // Equal need: the one visited longer ago first.
    const twins = planVisits([{ ...base, id: 1, lastVisit: '2026-12-01' }, { ...base, id: 2, lastVisit: '2026-06-01' }], TODAY);
    expect(twins.map((v) => v.id)).toEqual([2, 1]);
  });
});
