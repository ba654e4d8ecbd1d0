/** Roles an account can hold. Honorees get a role of their own in a later capability. */
export const ROLES = ['admin', 'staff'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);

/** Staff work with files; admins can do all staff can, and manage accounts. */
export function mayAct(role: Role, allowed: readonly Role[]): boolean {
  return allowed.includes(role) || role === 'admin';
}
