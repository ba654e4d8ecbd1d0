/**
 * Roles an account can hold: the office's people (admin, staff), and the honorees it cares
 * for, who answer for themselves (honoree) or through a family member (proxy).
 */
export const ROLES = ['admin', 'staff', 'honoree', 'proxy'] as const;
export type Role = (typeof ROLES)[number];

/** The roles of people an honoree's file belongs to: they see only that file. */
export const HONOREE_ROLES = ['honoree', 'proxy'] as const satisfies readonly Role[];

export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);

/** Whether the account is an honoree's own or their proxy's (not the office's). */
export const isHonoreeSide = (role: Role): boolean => (HONOREE_ROLES as readonly Role[]).includes(role);

/** Staff work with files; admins can do all staff can, and manage accounts. Honorees only what names them. */
export function mayAct(role: Role, allowed: readonly Role[]): boolean {
  return allowed.includes(role) || role === 'admin';
}
