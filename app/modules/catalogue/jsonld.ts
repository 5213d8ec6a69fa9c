import type { OfferRecord } from '../../../db/queries/offers.server';

/**
 * schema.org `Course` with one `CourseInstance` per run, as search engines and other
 * portals read it. Pure; used on the offer page and by the open-data export.
 */
const MODE = { in_person: 'onsite', online: 'online', hybrid: 'blended' } as const;

export function offerJsonLd(offer: OfferRecord, baseUrl: string) {
  const url = `${baseUrl}/angebote/${offer.id}`;
  return {
    '@context': 'https://schema.org',
    '@type': 'Course',
    '@id': url,
    url,
    name: offer.title,
    description: offer.description || offer.summary,
    ...(offer.course_number ? { courseCode: offer.course_number } : {}),
    inLanguage: offer.language,
    ...(offer.cefr_level ? { educationalLevel: `CEFR ${offer.cefr_level}` } : {}),
    ...(offer.certificate ? { educationalCredentialAwarded: offer.certificate } : {}),
    ...(offer.keywords.length ? { keywords: offer.keywords.join(', ') } : {}),
    ...(offer.target_groups.length
      ? { audience: { '@type': 'Audience', audienceType: offer.target_groups.join(', ') } }
      : {}),
    provider: {
      '@type': 'Organization',
      name: offer.provider.name,
      url: `${baseUrl}/anbieter/${offer.provider.slug}`,
      ...(offer.provider.website ? { sameAs: offer.provider.website } : {}),
    },
    hasCourseInstance: offer.runs.map((run) => ({
      '@type': 'CourseInstance',
      courseMode: MODE[run.format],
      ...(run.starts_on ? { startDate: run.starts_on } : {}),
      ...(run.ends_on ? { endDate: run.ends_on } : {}),
      ...(run.session_count
        ? { courseSchedule: { '@type': 'Schedule', repeatCount: run.session_count } }
        : {}),
      ...(run.venue
        ? {
            location: {
              '@type': 'Place',
              name: run.venue.name,
              address: {
                '@type': 'PostalAddress',
                ...(run.venue.street ? { streetAddress: run.venue.street } : {}),
                ...(run.venue.postcode ? { postalCode: run.venue.postcode } : {}),
                ...(run.venue.city ? { addressLocality: run.venue.city } : {}),
                addressCountry: 'DE',
              },
              ...(run.venue.latitude !== null && run.venue.longitude !== null
                ? {
                    geo: {
                      '@type': 'GeoCoordinates',
                      latitude: run.venue.latitude,
                      longitude: run.venue.longitude,
                    },
                  }
                : {}),
            },
          }
        : run.format === 'online'
          ? { location: { '@type': 'VirtualLocation', url } }
          : {}),
      ...(run.price_cents !== null
        ? {
            offers: {
              '@type': 'Offer',
              price: (run.price_cents / 100).toFixed(2),
              priceCurrency: 'EUR',
              url,
            },
          }
        : {}),
    })),
  };
}

/** JSON for a <script type="application/ld+json">: "<" escaped so the text can never close the tag. */
export function jsonLdScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
