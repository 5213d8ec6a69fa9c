import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { offerJsonLd } from '~/modules/catalogue/jsonld';
import { getPublicOffer } from '~/modules/catalogue/offers.server';
import { AppError } from '~/utils/errors';
import { baseUrlOf, CORS, problem } from '~/utils/http.server';

/** GET /api/v1/offers/<id> — one offer with its runs, plus its schema.org form. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0 || String(id) !== params.id) {
    return problem(400, 'Invalid offer id', 'The id must be a positive whole number.');
  }
  try {
    const view = await getPublicOffer(id);
    if (view.gone) return problem(410, 'Gone', 'This offer is no longer offered.', { id });
    const { offer } = view;
    return Response.json(
      {
        id: offer.id,
        title: offer.title,
        subtitle: offer.subtitle,
        summary: offer.summary,
        description: offer.description,
        category: offer.category,
        kind: offer.kind,
        keywords: offer.keywords,
        targetGroups: offer.target_groups,
        language: offer.language,
        cefrLevel: offer.cefr_level,
        certificate: offer.certificate,
        funding: offer.funding,
        accessibility: offer.accessibility,
        website: offer.website,
        courseNumber: offer.course_number,
        entryRequirements: offer.entry_requirements,
        entryCefrLevel: offer.entry_cefr_level,
        entryNote: offer.entry_note,
        lateEntry: offer.late_entry,
        registration: {
          url: offer.registration_url,
          email: offer.registration_email,
          phone: offer.registration_phone,
          note: offer.registration_note,
        },
        azavMeasureNumber: offer.azav_measure_number,
        updatedAt: offer.updated_at,
        provider: { id: offer.provider.id, slug: offer.provider.slug, name: offer.provider.name },
        runs: offer.runs.map((r) => ({
          id: r.id,
          startsOn: r.starts_on,
          endsOn: r.ends_on,
          sessionCount: r.session_count,
          weekdays: r.weekdays,
          startsAt: r.starts_at,
          endsAt: r.ends_at,
          timeOfDay: r.time_of_day,
          format: r.format,
          priceCents: r.price_cents,
          priceNote: r.price_note,
          seats: r.seats,
          seatsStatus: r.seats_status,
          registrationDeadline: r.registration_deadline,
          teachingUnits: r.teaching_units,
          venue: r.venue,
          sessions: r.sessions,
        })),
        jsonLd: offerJsonLd(offer, baseUrlOf(request)),
      },
      { headers: { ...CORS, 'Cache-Control': 'public, max-age=60' } },
    );
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return problem(404, 'Not found');
    throw error;
  }
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
  return problem(405, 'Method not allowed', 'This resource is read-only.');
}
