/**
 * Entry requirements and seat states as the catalogue stores them (migration 0008), and the
 * words our exports use for them, so that a file of ours reads back as the same values.
 * Pure and small: shared by the importers, the exports and the offer page's JSON-LD.
 */
export type EntryRequirement = 'school_certificate' | 'vocational_qualification' | 'professional_experience';
export type SeatsStatus = 'available' | 'few' | 'full' | 'waiting_list';

/** In this order everywhere (import, database, comparison). */
export const ENTRY_REQUIREMENTS: readonly EntryRequirement[] = [
  'school_certificate',
  'vocational_qualification',
  'professional_experience',
];

export const REQUIREMENT_PHRASES: Record<EntryRequirement | 'none', string> = {
  none: 'Keine formalen Voraussetzungen',
  school_certificate: 'Schulabschluss',
  vocational_qualification: 'Abgeschlossene Berufsausbildung',
  professional_experience: 'Berufserfahrung',
};

/** schema.org ItemAvailability of each seat state (a waiting list is "back order"). */
export const SCHEMA_AVAILABILITY: Record<SeatsStatus, string> = {
  available: 'https://schema.org/InStock',
  few: 'https://schema.org/LimitedAvailability',
  full: 'https://schema.org/SoldOut',
  waiting_list: 'https://schema.org/BackOrder',
};

/** The funding programmes as financialAidEligible names them. */
export const FUNDING_NAMES: Record<string, string> = {
  bildungsgutschein: 'Bildungsgutschein',
  azav: 'AZAV',
  aufstiegs_bafoeg: 'Aufstiegs-BAföG',
  bildungsurlaub: 'Bildungsurlaub',
  other: 'Andere Förderung',
};
