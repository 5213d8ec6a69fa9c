import { CATEGORIES, FORMATS, FUNDING, LEVELS, SORTS, TIMES } from '~/modules/catalogue/schemas';
import { counsellingPaths } from './openapi-counselling';
import { providerApiKey, providerReferralSchema, referralPaths } from './openapi-referrals';

/**
 * The OpenAPI 3.1 description of the public API: the catalogue (open data, read-only)
 * and counselling appointments (book, read, cancel by the manage link's token).
 */
const list = (values: readonly string[], description: string) => ({
  in: 'query',
  required: false,
  description: `${description} Repeat the parameter or separate values with commas.`,
  schema: { type: 'array', items: { type: 'string', enum: [...values] } },
  style: 'form',
  explode: true,
});

const problem = {
  description: 'Problem document (RFC 9457)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Wegweiser API',
      version: '1.0.0',
      description:
        'Open data of the regional education catalogue (every published course and measure of every local provider; read-only, no key needed, CORS open for GET) and booking of counselling appointments for call-centre and kiosk clients.',
      // The operator's terms for the data are on the imprint page of each installation.
      license: { name: 'Data: see the imprint of this installation', url: `${serverUrl}/impressum` },
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    paths: {
      '/offers': {
        get: {
          operationId: 'searchOffers',
          summary: 'Search offers with filters, facets and radius',
          parameters: [
            { name: 'q', in: 'query', schema: { type: 'string', maxLength: 200 }, description: 'Free text.' },
            { name: 'category', ...list(CATEGORIES, 'Category.') },
            { name: 'format', ...list(FORMATS, 'Format of a run.') },
            { name: 'time', ...list(TIMES, 'Time of day, or weekend.') },
            {
              name: 'funding',
              ...list(FUNDING, 'Funding; bildungsgutschein includes AZAV-approved measures.'),
            },
            { name: 'level', ...list(LEVELS, 'CEFR level.') },
            {
              name: 'language',
              in: 'query',
              schema: { type: 'array', items: { type: 'string', pattern: '^[a-z]{2,3}$' } },
              description: 'Language of instruction (ISO 639-1).',
            },
            {
              name: 'district',
              in: 'query',
              schema: { type: 'array', items: { type: 'string' } },
              description: 'District or town of the venue.',
            },
            {
              name: 'from',
              in: 'query',
              schema: { type: 'string', format: 'date' },
              description: 'Runs starting on or after.',
            },
            {
              name: 'to',
              in: 'query',
              schema: { type: 'string', format: 'date' },
              description: 'Runs starting on or before.',
            },
            { name: 'free', in: 'query', schema: { type: 'boolean' }, description: 'Only free runs.' },
            {
              name: 'maxPrice',
              in: 'query',
              schema: { type: 'integer', minimum: 0 },
              description: 'Maximum price in euros.',
            },
            {
              name: 'accessible',
              in: 'query',
              schema: { type: 'boolean' },
              description: 'Only accessible venues.',
            },
            {
              name: 'near',
              in: 'query',
              schema: { type: 'string' },
              description: 'German postcode or place name.',
            },
            {
              name: 'radius',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 200, default: 10 },
              description: 'Radius in km around `near`.',
            },
            { name: 'sort', in: 'query', schema: { type: 'string', enum: [...SORTS], default: 'relevance' } },
            {
              name: 'past',
              in: 'query',
              schema: { type: 'boolean' },
              description:
                'Include runs that have started or ended. Without it, a run that has started is shown only while its offer takes people in late (`lateEntry`), until it ends.',
            },
            { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
            {
              name: 'perPage',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
            },
          ],
          responses: {
            '200': {
              description: 'Hits (offers, each with its best matching run), total, facet counts',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/SearchResult' } } },
            },
            '400': problem,
            '404': {
              ...problem,
              description:
                '`page` is past the last page of a non-empty result; the problem document has `total`, `perPage` and `lastPage`.',
            },
          },
        },
      },
      '/offers/{id}': {
        get: {
          operationId: 'getOffer',
          summary: 'One offer with all its runs and its schema.org Course form',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
          responses: {
            '200': {
              description: 'The offer',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Offer' } } },
            },
            '400': problem,
            '404': problem,
            '410': problem,
          },
        },
      },
      '/export/offers.jsonld': {
        get: {
          operationId: 'exportOffersJsonLd',
          summary: 'The whole catalogue as schema.org JSON-LD',
          description:
            'Every published offer of every approved provider as one schema.org `Course` (with a `CourseInstance` per scheduled run) in the `@graph` of one JSON-LD document. Streamed; the document can be large.',
          responses: {
            '200': {
              description: 'JSON-LD document',
              headers: { 'Content-Disposition': { schema: { type: 'string' } } },
              content: {
                'application/ld+json': {
                  schema: {
                    type: 'object',
                    required: ['@context', '@graph'],
                    properties: {
                      '@context': { const: 'https://schema.org' },
                      '@graph': {
                        type: 'array',
                        items: {
                          type: 'object',
                          required: ['@type', '@id', 'name'],
                          properties: {
                            '@type': { const: 'Course' },
                            '@id': { type: 'string', format: 'uri' },
                            name: { type: 'string' },
                            hasCourseInstance: { type: 'array', items: { type: 'object' } },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
      ...counsellingPaths,
      ...referralPaths,
      '/export/offers.xml': {
        get: {
          operationId: 'exportOffersOpenVhs',
          summary: 'The whole catalogue as Open-vhs 1.2 XML',
          description:
            'Every published offer of every approved provider in the Open-vhs 1.2 exchange format: one `<veranstaltung>` per scheduled run (one without dates for an offer without runs), grouped by provider. The `<ersteller>` is this portal; each record names its provider in `<wegweiser:anbieter>` (namespace `urn:x-wegweiser:open-vhs:1`) and links to its page. Streamed; the document can be large.',
          responses: {
            '200': {
              description: 'Open-vhs XML document',
              headers: { 'Content-Disposition': { schema: { type: 'string' } } },
              content: { 'application/xml': { schema: { type: 'string' } } },
            },
          },
        },
      },
    },
    components: {
      securitySchemes: { providerApiKey },
      schemas: {
        ProviderReferral: providerReferralSchema,
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: { parameter: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
          required: ['title', 'status'],
        },
        SearchResult: {
          type: 'object',
          required: [
            'total',
            'page',
            'hits',
            'facets',
            'engine',
            'didYouMean',
            'understood',
            'searched',
            'relaxed',
            'missing',
          ],
          properties: {
            total: { type: 'integer' },
            page: { type: 'integer' },
            perPage: { type: 'integer' },
            engine: { type: 'string', enum: ['postgres', 'meilisearch'] },
            didYouMean: { type: ['string', 'null'] },
            location: { type: ['object', 'null'] },
            understood: {
              type: 'array',
              description:
                'Filters the words of q were understood to ask for (times, format, price, access, funding, levels, places), already applied. Search with `query` to remove one.',
              items: {
                type: 'object',
                required: ['kind', 'values', 'words', 'query'],
                properties: {
                  kind: {
                    type: 'string',
                    enum: ['time', 'format', 'price', 'accessible', 'funding', 'level', 'place'],
                  },
                  values: {
                    type: 'array',
                    items: { type: 'string' },
                    description: 'Facet values (place: its name).',
                  },
                  concept: {
                    type: ['string', 'null'],
                    description: 'Vocabulary concept, e.g. level.beginner.',
                  },
                  words: { type: 'string', description: 'The words of q that said it, as typed.' },
                  query: { type: 'string', description: 'q without those words.' },
                },
              },
            },
            searched: {
              type: 'object',
              description:
                'The German words searched; translated when words of another language were looked up.',
              properties: {
                words: { type: 'array', items: { type: 'string' } },
                translated: { type: 'boolean' },
              },
            },
            relaxed: {
              type: ['object', 'null'],
              description:
                'How a query that found nothing with all its words was widened (null: every word matched).',
              properties: {
                dropped: { type: 'array', items: { type: 'string' } },
                any: { type: 'boolean' },
                categories: { type: 'array', items: { type: 'string' } },
              },
            },
            missing: {
              type: 'array',
              items: { type: 'string' },
              description: 'Topics understood that no offer of the catalogue has (German names).',
            },
            facets: {
              type: 'object',
              additionalProperties: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { value: { type: 'string' }, count: { type: 'integer' } },
                },
              },
            },
            hits: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: { type: 'integer' },
                  title: { type: 'string' },
                  run: {
                    type: 'object',
                    description: 'The best matching run: the nearest (radius search) or the next to start.',
                    properties: {
                      startsOn: { type: ['string', 'null'], format: 'date' },
                      priceCents: { type: ['integer', 'null'] },
                      lateEntry: {
                        type: 'boolean',
                        description: 'The offer takes people in after the start.',
                      },
                      started: {
                        type: 'boolean',
                        description: 'The run began before today and has not ended.',
                      },
                      over: { type: 'boolean', description: 'The run has ended (only with `past`).' },
                    },
                  },
                },
              },
            },
          },
        },
        Offer: {
          type: 'object',
          required: ['id', 'title', 'category', 'funding', 'runs'],
          properties: {
            id: { type: 'integer' },
            title: { type: 'string' },
            summary: { type: 'string' },
            category: { type: 'string', enum: [...CATEGORIES] },
            cefrLevel: { type: ['string', 'null'], enum: [...LEVELS, null] },
            funding: {
              type: 'array',
              description:
                'Programmes that may pay for the course (`azav`: approved for the Bildungsgutschein). `free`: every run costs nothing.',
              items: {
                type: 'string',
                enum: ['bildungsgutschein', 'azav', 'bildungsurlaub', 'aufstiegs_bafoeg', 'free', 'other'],
              },
            },
            entryRequirements: {
              type: ['array', 'null'],
              description: 'null: not stated; empty: no formal requirement.',
              items: {
                type: 'string',
                enum: ['school_certificate', 'vocational_qualification', 'professional_experience'],
              },
            },
            entryCefrLevel: {
              type: ['string', 'null'],
              enum: [...LEVELS, null],
              description: 'The German level expected at the start.',
            },
            entryNote: { type: ['string', 'null'] },
            lateEntry: { type: 'boolean', description: 'People can join after the start.' },
            registration: {
              type: 'object',
              description: 'How to register; all null: use the provider’s contact.',
              properties: {
                url: { type: ['string', 'null'], format: 'uri' },
                email: { type: ['string', 'null'] },
                phone: { type: ['string', 'null'] },
                note: { type: ['string', 'null'] },
              },
            },
            azavMeasureNumber: { type: ['string', 'null'] },
            runs: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: { type: 'integer' },
                  startsOn: { type: ['string', 'null'], format: 'date' },
                  endsOn: { type: ['string', 'null'], format: 'date' },
                  priceCents: { type: ['integer', 'null'], description: '0: free; null: on request.' },
                  seats: { type: ['integer', 'null'], description: 'Places in total.' },
                  seatsStatus: {
                    type: ['string', 'null'],
                    enum: ['available', 'few', 'full', 'waiting_list', null],
                  },
                  registrationDeadline: { type: ['string', 'null'], format: 'date' },
                  teachingUnits: { type: ['integer', 'null'], description: 'Units of 45 minutes.' },
                },
              },
            },
            jsonLd: { type: 'object', description: 'The schema.org Course.' },
          },
        },
      },
    },
  };
}
