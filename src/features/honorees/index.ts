import type { FeatureDeps, FeaturePart } from '../feature.ts';
import { addHonoree } from './add-flow.ts';
import { milestoneBirthdaysSection } from './birthdays-section.ts';
import { clearIdFlow } from './clear-id-flow.ts';
import { editCommand } from './edit-command.ts';
import { fileCommand } from './file-command.ts';
import { findCommand } from './find-command.ts';

/** Honoree files: find, view, add, edit. */
export function honoreesFeature(deps: FeatureDeps): FeaturePart {
  const add = addHonoree(deps.db, deps.fileNoPrefix);
  return {
    commands: [findCommand(deps.db), fileCommand(deps.db, deps.fileSections), add.command, editCommand(deps.db, deps.honourNotes)],
    flows: [add.flow, clearIdFlow(deps.db)],
    digestSections: [milestoneBirthdaysSection(deps.db)],
  };
}

// The public face other features use.
export { resolveHonoree, pickList, type Resolved } from './resolve.ts';
export { findNamed, type NamedResult } from './find-named.ts';
export { searchHonorees, type HonoreeHit, type SearchResult } from './search.ts';
export { createHonoree, updateHonoree, linkTeamMemberships, derivedColumns, type HonoreeValues } from './repository.ts';
export { addHonour } from './honours.ts';
export { parseField, FIELD_SPECS, HONOREE_FIELDS, SKIP_WORDS, type HonoreeField, type FieldResult } from './fields.ts';
export { hitLine, honourLabel, fieldValueLabel } from './format.ts';
