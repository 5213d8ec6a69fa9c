import type { OfferRecord, RunRecord } from '../../../db/queries/offers.server';
import { FUNDING_NAMES, REQUIREMENT_PHRASES, SCHEMA_AVAILABILITY } from './entry';

/**
 * schema.org `Course` with one `CourseInstance` per run, as search engines and other
 * portals read it. Pure; used on the offer page and by the open-data export.
 */
const MODE = { in_person: 'onsite', online: 'online', hybrid: 'blended' } as const;

/**
 * What a person must bring: our requirement words (import/openvhs REQUIREMENT_PHRASES), the
 * provider's note, and the German level as a CEFR AlignmentObject. Omitted when not stated.
 */
function prerequisites(offer: OfferRecord) {
  const items: unknown[] = [];
  if (offer.entry_requirements)
    items.push(
      ...(offer.entry_requirements.length
        ? offer.entry_requirements.map((r) => REQUIREMENT_PHRASES[r])
        : [REQUIREMENT_PHRASES.none]),
    );
  if (offer.entry_note) items.push(offer.entry_note);
  if (offer.entry_cefr_level)
    items.push({
      '@type': 'AlignmentObject',
      alignmentType: 'requires',
      educationalFramework: 'CEFR',
      targetName: offer.entry_cefr_level,
      name: `Deutsch ${offer.entry_cefr_level}`,
    });
  return items.length ? { coursePrerequisites: items } : {};
}

/** The funding programmes (not "free": that is the price); AZAV with the measure number. */
function financialAid(offer: OfferRecord) {
  const items = offer.funding
    .filter((f) => FUNDING_NAMES[f])
    .map((f) =>
      f === 'azav'
        ? {
            '@type': 'DefinedTerm',
            name: FUNDING_NAMES.azav,
            ...(offer.azav_measure_number ? { termCode: offer.azav_measure_number } : {}),
          }
        : FUNDING_NAMES[f]!,
    );
  return items.length ? { financialAidEligible: items } : {};
}

/** Where and how to register, when the offer says more than the provider's general contact. */
function registrationContact(offer: OfferRecord) {
  if (!offer.registration_email && !offer.registration_phone && !offer.registration_note) return {};
  return {
    contactPoint: {
      '@type': 'ContactPoint',
      contactType: 'Anmeldung',
      ...(offer.registration_email ? { email: offer.registration_email } : {}),
      ...(offer.registration_phone ? { telephone: offer.registration_phone } : {}),
      ...(offer.registration_note ? { description: offer.registration_note } : {}),
    },
  };
}

/** Teaching units (45 minutes) as an ISO 8601 duration: 100 units → PT75H. */
export function workload(units: number): string {
  const minutes = units * 45;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}`;
}

/**
 * The run's Offer: price, how full it is, the registration deadline (validThrough, a date)
 * and the page to register on (the provider's booking page, else the offer's page).
 */
function runOffer(offer: OfferRecord, run: RunRecord, url: string) {
  if (run.price_cents === null && !run.seats_status && !run.registration_deadline && !offer.registration_url)
    return {};
  return {
    offers: {
      '@type': 'Offer',
      ...(run.price_cents !== null
        ? { price: (run.price_cents / 100).toFixed(2), priceCurrency: 'EUR' }
        : {}),
      ...(run.seats_status ? { availability: SCHEMA_AVAILABILITY[run.seats_status] } : {}),
      ...(run.registration_deadline ? { validThrough: run.registration_deadline } : {}),
      url: offer.registration_url ?? url,
    },
  };
}

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
    ...prerequisites(offer),
    ...financialAid(offer),
    provider: {
      '@type': 'Organization',
      name: offer.provider.name,
      url: `${baseUrl}/anbieter/${offer.provider.slug}`,
      ...(offer.provider.website ? { sameAs: offer.provider.website } : {}),
      ...registrationContact(offer),
    },
    hasCourseInstance: offer.runs.map((run) => ({
      '@type': 'CourseInstance',
      courseMode: MODE[run.format],
      ...(run.starts_on ? { startDate: run.starts_on } : {}),
      ...(run.ends_on ? { endDate: run.ends_on } : {}),
      ...(run.session_count
        ? { courseSchedule: { '@type': 'Schedule', repeatCount: run.session_count } }
        : {}),
      ...(run.teaching_units ? { courseWorkload: workload(run.teaching_units) } : {}),
      ...(run.seats ? { maximumAttendeeCapacity: run.seats } : {}),
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
      ...runOffer(offer, run, url),
    })),
  };
}

/** JSON for a <script type="application/ld+json">: "<" escaped so the text can never close the tag. */
export function jsonLdScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
