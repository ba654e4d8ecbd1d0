import { addDays } from '../../domain/dates.ts';
import { DEFAULT_PLAN_LEAD_DAYS } from '../../domain/visit-need.ts';
/** Days after the festival its visits still count. */
export const DAYS_AFTER = 3;
/** Days before the festival the digest reminds the office. */
export const REMIND_DAYS = [14, 3];

/** The window of a festival's plan: from the day it is drafted (HONORCARE_PLAN_LEAD_DAYS before) to a few days after the festival. */
export const windowOf = (festivalDate: string, leadDays = DEFAULT_PLAN_LEAD_DAYS) => ({ start: addDays(festivalDate, -leadDays), end: addDays(festivalDate, DAYS_AFTER) });
