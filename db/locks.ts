/**
 * Advisory lock keys, one per job that must not run twice at once (across processes).
 * Kept in one place so a new one can't take a number already in use.
 */
export const LOCKS = {
  migrate: 7_245_001,
  referenceData: 7_245_002,
  demoSeed: 7_245_003,
  demoAccounts: 7_245_004,
  questionnaires: 7_245_005,
  /** The nightly planning aggregates (issue 20). */
  planningAggregates: 7_245_020,
  /** With a second key: the provider's external reference (one import per provider). */
  providerImport: 7_245_100,
} as const;
