import { addDays } from '../../domain/dates.ts';

/** Days before a festival its plan is drafted (and from when its visits count). */
export const LEAD_DAYS = 21;
/** Days after the festival its visits still count. */
export const DAYS_AFTER = 3;
/** Days before the festival the digest reminds the office. */
export const REMIND_DAYS = [14, 3];

/** The window of a festival's plan: from the day it is drafted to a few days after the festival. */
export const windowOf = (festivalDate: string) => ({ start: addDays(festivalDate, -LEAD_DAYS), end: addDays(festivalDate, DAYS_AFTER) });
