// Roles are stored and carried in tokens as lowercase names.
import { cannotRemoveOwnAdmin } from "./errors.ts";

export const roleNames = ["customer", "admin"] as const;
export type RoleName = (typeof roleNames)[number];

export const newUserRoles: RoleName[] = ["customer"];
// The first admin also shops: an admin without the customer role could not use the storefront.
export const firstAdminRoles: RoleName[] = ["customer", "admin"];

export const isRoleName = (name: string): name is RoleName => (roleNames as readonly string[]).includes(name);

export const isAdmin = (roles: readonly string[]) => roles.includes("admin");

/** Stored roles in a stable order, unknown names dropped. */
export const normalizeRoles = (roles: readonly string[]): RoleName[] => roleNames.filter((r) => roles.includes(r));

export const sameRoles = (a: readonly string[], b: readonly string[]) => normalizeRoles(a).join() === normalizeRoles(b).join();

export function checkRoleChange(actorId: string, targetId: string, next: readonly RoleName[]): void {
  if (actorId === targetId && !next.includes("admin")) throw cannotRemoveOwnAdmin();
}
