import { refuseAsNotFound } from '../audit/audit.server';

/** A member reached for a record of another provider (or one that doesn't exist). */
export function refuse(
  actor: { userId: number; providerId: number; ip: string | null },
  targetType: string,
  targetId: number | string | null,
  detail: Record<string, string | number | boolean | null> = {},
): Promise<never> {
  return refuseAsNotFound(
    actor,
    'provider.refused',
    { type: targetType, id: targetId },
    {
      provider: actor.providerId,
      ...detail,
    },
  );
}
