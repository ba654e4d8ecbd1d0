/**
 * A campaign still being written (plan-campaign.ts): nobody's campaign yet. Everything reads
 * campaigns that are `open` (or, for a file's history, `closed` too), never a draft.
 */
export const DRAFT = 'draft';

/** Appointments of campaigns staff have seen created, open or closed: never a draft's. */
export const OF_LIVE_CAMPAIGN = { campaign: { status: { not: DRAFT } } };
