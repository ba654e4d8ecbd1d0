import { UserError } from '../../core/errors.ts';
import { mayHoldPhoneOrId } from '../../domain/index.ts';

/**
 * The answer when nobody matches what was typed. A private chat hears its query back; a group
 * never hears a phone or ID number back (whoever typed it, the others should not read it
 * again in the bot's words), and 4 digits that are no file number are told that phone endings
 * are looked up in a private chat only, rather than a "not found" that is not true.
 */
export function notFound(query: string, inGroup: boolean): UserError {
  if (!inGroup) return new UserError('honorees.not_found', { query });
  const q = query.normalize('NFKC').trim();
  if (/^\d{4}$/.test(q)) return new UserError('honorees.phone_search_private');
  if (mayHoldPhoneOrId(q)) return new UserError('honorees.not_found_group');
  return new UserError('honorees.not_found', { query });
}
