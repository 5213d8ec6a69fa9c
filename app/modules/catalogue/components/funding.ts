import type { TFunction } from 'i18next';

/**
 * An offer's funding as one line of labels. AZAV approval is shown as what citizens ask
 * for (Bildungsgutschein), so a label appears once even when both are stored.
 */
export function fundingLabels(funding: readonly string[], t: TFunction): string {
  return funding
    .map((f) => t(`catalogue:funding.${f === 'azav' ? 'bildungsgutschein' : f}`))
    .filter((v, i, a) => a.indexOf(v) === i)
    .join(', ');
}

/** The funding that may pay for a course, in the order a person would ask about it. */
const POSSIBLE = ['bildungsgutschein', 'aufstiegs_bafoeg', 'bildungsurlaub', 'other'] as const;
export type PossibleFunding = (typeof POSSIBLE)[number];

/**
 * What the offer page says about funding: each programme as a possibility ("can be
 * funded with …"), since whether it pays depends on the person; `other` only as a hint
 * to ask. Never "free": whether a course costs nothing is its run's price (0), and a
 * funding label next to a price of 200 € must not say otherwise.
 */
export function fundingPossibilities(funding: readonly string[]): PossibleFunding[] {
  const has = new Set(funding.map((f) => (f === 'azav' ? 'bildungsgutschein' : f)));
  return POSSIBLE.filter((f) => has.has(f));
}

/**
 * A provider's price note, unless it only repeats what the price already says ("Preis auf
 * Anfrage" under a price shown as "Preis auf Anfrage").
 */
export function priceNoteShown(note: string | null, shownPrice: string): string | null {
  if (!note) return null;
  const plain = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const n = plain(note);
  if (n === plain(shownPrice) || /^(preis|kosten|entgelt|gebühr)( ist)? auf anfrage$/.test(n)) return null;
  return note;
}
