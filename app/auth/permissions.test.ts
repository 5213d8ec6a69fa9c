import { describe, expect, it } from 'vitest';
import {
  can,
  homeOf,
  ROLE_PERMISSIONS,
  refusalStatus,
  type Subject,
  secondFactorMandatory,
} from './permissions';

const planner: Subject = { id: 1, role: 'planner' };
const admin: Subject = { id: 2, role: 'admin' };
const counsellor: Subject = { id: 3, role: 'counsellor' };
const editor = (providerId: number): Subject => ({
  id: 4,
  role: 'provider',
  membership: { providerId, role: 'editor', status: 'active', providerStatus: 'approved' },
});

describe('the planning role', () => {
  it('reads the planning reports and replaces the inhabitants table, like admins', () => {
    for (const who of [planner, admin]) {
      expect(can(who, 'read:planning:any')).toBe(true);
      expect(can(who, 'update:planning-areas:any')).toBe(true);
    }
    expect(can(counsellor, 'read:planning:any')).toBe(false);
    expect(can(editor(1), 'read:planning:any')).toBe(false);
  });

  it('has nothing that names a person: no agenda, users, providers, audit log or mail', () => {
    for (const permission of [
      'read:agenda:own',
      'read:counsellor:own',
      'read:admin:any',
      'read:user:any',
      'read:provider:any',
      'read:audit:any',
      'read:mail:any',
      'invite:staff:any',
      'read:statistics:own',
    ] as const)
      expect(can(planner, permission), permission).toBe(false);
    // Only its own account besides the reports.
    expect(ROLE_PERMISSIONS.planner.filter((p) => !p.endsWith(':account:own')).sort()).toEqual([
      'read:planning:any',
      'update:planning-areas:any',
    ]);
  });

  it('is refused with 404 (like an unknown address), everyone else with 403', () => {
    expect(refusalStatus('planner')).toBe(404);
    for (const role of ['citizen', 'provider', 'counsellor', 'admin'] as const)
      expect(refusalStatus(role)).toBe(403);
  });

  it('signs in with a mandatory second factor and starts at /planung', () => {
    expect(secondFactorMandatory('planner')).toBe(true);
    expect(secondFactorMandatory('admin')).toBe(true);
    expect(secondFactorMandatory('counsellor')).toBe(true);
    expect(secondFactorMandatory('provider')).toBe(false);
    expect(secondFactorMandatory('citizen')).toBe(false);
    expect(homeOf('planner')).toBe('/planung');
    expect(homeOf('admin')).toBe('/admin');
  });
});

describe('provider statistics', () => {
  it('are readable by the provider’s own staff only', () => {
    expect(can(editor(7), 'read:statistics:own', { providerId: 7 })).toBe(true);
    expect(can(editor(7), 'read:statistics:own', { providerId: 8 })).toBe(false);
    expect(can(planner, 'read:statistics:own', { providerId: 7 })).toBe(false);
  });
});
