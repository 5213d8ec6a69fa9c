import type { Role } from './session.server';

/**
 * Permissions as `action:entity:own|any` (the Epic Stack's notation). A role grants a
 * list; `any` covers every record, `own` only the user's own (their account, their
 * provider). Anything not granted is denied.
 */
export type Scope = 'own' | 'any';
export type Permission = `${string}:${string}:${Scope}`;

const ACCOUNT: Permission[] = ['read:account:own', 'update:account:own', 'delete:account:own'];

const EDITOR: Permission[] = [
  'read:provider:own',
  'read:offer:own',
  'create:offer:own',
  'update:offer:own',
  // the provider's own figures: search appearances, detail-page opens (issue 20)
  'read:statistics:own',
];

/**
 * The planning reports: aggregate, suppressed figures only (app/modules/planning). Planners
 * and admins see the same; the inhabitants table is theirs to replace.
 */
const PLANNING: Permission[] = ['read:planning:any', 'update:planning-areas:any'];
const OWNER: Permission[] = [
  ...EDITOR,
  'update:provider:own',
  'invite:provider-member:own',
  'update:provider-member:own',
];

export const ROLE_PERMISSIONS: Record<Role | 'provider-owner', Permission[]> = {
  citizen: ACCOUNT,
  provider: [...ACCOUNT, ...EDITOR],
  'provider-owner': [...ACCOUNT, ...OWNER],
  counsellor: [
    ...ACCOUNT,
    'read:agenda:own',
    'update:agenda:own',
    'read:counsellor:own',
    'update:counsellor:own',
    // Cases: "own" means responsible or named deputy, checked on the case (app/modules/cases/access.server.ts).
    'read:case:own',
    'create:case:own',
    'update:case:own',
    'create:tally:own',
  ],
  admin: [
    ...ACCOUNT,
    'read:admin:any',
    'read:user:any',
    'update:user:any',
    'invite:staff:any',
    'read:provider:any',
    'update:provider:any',
    'read:audit:any',
    'read:mail:any',
    'update:counselling-setup:any',
    // The office's oversight of counsellors and appointments (issue 14, item 9).
    'update:counsellor-profile:any',
    'read:appointment:any',
    'update:appointment:any',
    ...PLANNING,
    // Hands cases over when a counsellor leaves, without reading them (no read:case:any exists).
    'reassign:case:any',
  ],
  // Reads aggregate tables only: no person, case, appointment or assessment page.
  planner: [...ACCOUNT, ...PLANNING],
};

/** Roles that must sign in with a second factor (TOTP): everyone who sees more than their own data. */
export function secondFactorMandatory(role: Role): boolean {
  return role === 'counsellor' || role === 'admin' || role === 'planner';
}

/** Where a role's work starts: the page after sign-in and after accepting an invitation. */
export function homeOf(role: Role): string {
  const homes: Record<Role, string> = {
    admin: '/admin',
    counsellor: '/team',
    planner: '/planung',
    provider: '/anbieterbereich',
    citizen: '/konto',
  };
  return homes[role];
}

/**
 * How a refusal answers. Planners get the same 404 as an unknown address on every page
 * they may not use: the planning role must not even learn which person-bearing pages or
 * records exist (issue 20). Everyone else gets 403, as before.
 */
export function refusalStatus(role: Role): 403 | 404 {
  return role === 'planner' ? 404 : 403;
}

export interface Subject {
  id: number;
  role: Role;
  /**
   * Provider staff only: their membership. A suspended member gets nothing of the
   * provider's; while the provider itself is suspended, staff may only look.
   */
  membership?: {
    providerId: number;
    role: 'owner' | 'editor';
    status: 'active' | 'suspended';
    providerStatus?: 'pending' | 'approved' | 'suspended';
  } | null;
}

/** The record a permission is checked against, for `own` scopes. */
export interface Resource {
  userId?: number;
  providerId?: number;
}

export function permissionsOf(subject: Subject): Permission[] {
  if (subject.role !== 'provider') return ROLE_PERMISSIONS[subject.role];
  const m = subject.membership;
  if (m?.status !== 'active') return ACCOUNT;
  // A suspended provider's staff may only look; a pending one's prepare drafts (publishing
  // waits for the approval, checked where offers are published).
  if (m.providerStatus === 'suspended') return [...ACCOUNT, 'read:provider:own'];
  return ROLE_PERMISSIONS[m.role === 'owner' ? 'provider-owner' : 'provider'];
}

function owns(subject: Subject, resource: Resource | undefined): boolean {
  if (!resource) return true; // a page about the user's own things (their account, their provider)
  if (resource.userId !== undefined && resource.userId !== subject.id) return false;
  if (resource.providerId !== undefined) {
    const m = subject.membership;
    if (m?.status !== 'active' || m.providerId !== resource.providerId) return false;
  }
  return true;
}

export function can(
  subject: Subject | null | undefined,
  permission: Permission,
  resource?: Resource,
): boolean {
  if (!subject) return false;
  const [action, entity, scope] = permission.split(':') as [string, string, Scope];
  const granted = permissionsOf(subject);
  if (granted.includes(`${action}:${entity}:any`)) return true;
  if (scope === 'any') return false;
  return granted.includes(`${action}:${entity}:own`) && owns(subject, resource);
}
