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
