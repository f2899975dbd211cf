import type { Locale } from './messages.ts';

export const ROLES = ['admin', 'org_staff', 'secretary', 'member', 'unit_contact'] as const;
export type Role = (typeof ROLES)[number];

/** What a request may see: everything, one subtree of the organization tree, or only oneself. */
export type Scope =
  | { kind: 'all' }
  | { kind: 'subtree'; orgId: number; path: string }
  | { kind: 'self'; orgId: number; path: string; memberId: number | null };

export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  orgId: number;
  orgPath: string;
  memberId: number | null;
  mustChangePassword: boolean;
}

/** Per-request facts every service receives; built from the session, never from parameters. */
export interface RequestContext {
  actor: Actor;
  scope: Scope;
  requestId: string;
  ip: string | null;
  locale: Locale;
}

export function scopeFor(actor: Pick<Actor, 'role' | 'orgId' | 'orgPath' | 'memberId'>): Scope {
  if (actor.role === 'admin') return { kind: 'all' };
  if (actor.role === 'member') return { kind: 'self', orgId: actor.orgId, path: actor.orgPath, memberId: actor.memberId };
  return { kind: 'subtree', orgId: actor.orgId, path: actor.orgPath };
}

export const PERMISSIONS = [
  'org.read',
  'org.write',
  'member.read',
  'member.write',
  'member.revealId',
  'audit.read',
  'user.manage',
  'system.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  org_staff: ['org.read', 'org.write', 'member.read', 'member.write', 'member.revealId', 'audit.read', 'user.manage'],
  secretary: ['org.read', 'member.read', 'member.write', 'audit.read'],
  member: ['member.read'],
  unit_contact: ['org.read'],
};

/** Role rank for "may not grant a role above your own". */
export const ROLE_RANK: Record<Role, number> = { admin: 4, org_staff: 3, secretary: 2, unit_contact: 1, member: 1 };

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
