import { z } from 'zod';
import type { Actor } from '../../core/command.ts';
import { MAX_FEN } from '../../domain/index.ts';
import type { Tx } from '../../db/client.ts';
import { recordAudit } from '../audit/index.ts';

/** Longest text a survey answer may hold: enough for a paragraph, short enough for a chat message. */
export const SURVEY_TEXT_MAX = 500;

/** Blank text means "nothing known": stored as null, so "" and null never count as a change. */
const text = z
  .string()
  .max(SURVEY_TEXT_MAX)
  .transform((s) => s.trim() || null)
  .nullable();
const fen = z.number().int().min(0).max(MAX_FEN).nullable();

/**
 * The five clears and the priority flags of one yearly survey. Every field is optional: a
 * missing field keeps what is stored (a new survey starts empty and unflagged), null clears
 * it. Strict, so a caller's misspelt field fails loudly instead of being dropped.
 */
export const surveyValuesSchema = z
  .object({
    workSituation: text,
    /** Yearly household income, fen. */
    householdIncomeFen: fen,
    /** Yearly household income per person, fen. */
    perCapitaIncomeFen: fen,
    familyMembers: text,
    hardshipCauses: text,
    healthStatus: text,
    priorityHardship: z.boolean(),
    priorityHealth: z.boolean(),
    priorityReason: text,
  })
  .partial()
  .strict()
  .refine(
    (v) => v.householdIncomeFen == null || v.perCapitaIncomeFen == null || v.perCapitaIncomeFen <= v.householdIncomeFen,
    { message: 'per-capita income cannot exceed household income', path: ['perCapitaIncomeFen'] },
  );

export type SurveyValues = z.input<typeof surveyValuesSchema>;

/** The survey fields people answer, in the order of the form. */
export const SURVEY_FIELDS = [
  'workSituation',
  'householdIncomeFen',
  'perCapitaIncomeFen',
  'familyMembers',
  'hardshipCauses',
  'healthStatus',
  'priorityHardship',
  'priorityHealth',
  'priorityReason',
] as const;

const keyOf = z.object({
  honoreeId: z.number().int().positive(),
  // Surveys began long after 1950; the upper bound catches a date passed where a year belongs.
  year: z.number().int().min(1950).max(2100),
});

type SurveyRow = Awaited<ReturnType<Tx['survey']['findUniqueOrThrow']>>;

/**
 * What the audit entry shows of a survey. `surveyedById` is left out: who did it is the audit
 * entry's actor already, and listing it would make a colleague's re-survey that changed no
 * answer look like a change of the person's data.
 */
function audited(row: SurveyRow): Record<string, unknown> {
  const { surveyedById: _who, ...rest } = row;
  return rest;
}

/**
 * Creates or updates the survey of one honoree for one year, with its audit entry, inside the
 * caller's transaction. Values equal to what is stored write nothing at all (no row update, no
 * audit entry), so re-running an import or the demo loader is harmless.
 * @throws ZodError when the values break the schema: callers validate what people typed first.
 */
export async function saveSurvey(
  tx: Tx,
  honoreeId: number,
  year: number,
  values: SurveyValues,
  actor: Actor | null,
): Promise<{ created: boolean; changed: boolean }> {
  keyOf.parse({ honoreeId, year });
  const parsed = surveyValuesSchema.parse(values);
  const before = await tx.survey.findUnique({ where: { honoreeId_year: { honoreeId, year } } });
  if (!before) {
    // Prisma leaves undefined fields out: a new survey gets the column defaults (empty, unflagged).
    const row = await tx.survey.create({ data: { ...parsed, honoreeId, year, surveyedById: actor?.accountId ?? null } });
    await recordAudit(tx, actor, 'survey', row.id, 'create', null, audited(row));
    return { created: true, changed: true };
  }
  const changed = SURVEY_FIELDS.some((f) => parsed[f] !== undefined && parsed[f] !== before[f]);
  if (!changed) return { created: false, changed: false };
  const row = await tx.survey.update({
    where: { id: before.id },
    data: { ...parsed, surveyedById: actor?.accountId ?? before.surveyedById },
  });
  await recordAudit(tx, actor, 'survey', row.id, 'update', audited(before), audited(row));
  return { created: false, changed: true };
}
