import { DATA_CATEGORIES, DROPOUT_REASONS, REJECT_REASONS, STATES } from '~/modules/referrals/rules';
import { MOVE_TARGETS } from '~/modules/referrals/schemas';

/**
 * The provider API of referrals: for a provider's course-management system, with a key
 * the provider's owner creates under /anbieterbereich/schluessel (sent as a bearer token).
 */
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const date = { type: ['string', 'null'], format: 'date' };

export const providerReferralSchema = {
  type: 'object',
  description:
    'A referral to the calling provider. `data` holds exactly the categories the person consented to pass on to this provider (`categories`), nothing else; after a withdrawal `state` is `withdrawn` and `data`, `categories` and `purpose` are empty.',
  properties: {
    id: { type: 'integer' },
    state: { type: 'string', enum: [...STATES.filter((s) => s !== 'draft'), 'withdrawn'] },
    reason: { type: ['string', 'null'], enum: [...new Set([...REJECT_REASONS, ...DROPOUT_REASONS]), null] },
    startOn: date,
    dueOn: { ...date, description: 'Answer by this day (5 working days in the Land by default).' },
    overdue: { type: 'boolean' },
    receivedAt: { type: ['string', 'null'], format: 'date-time' },
    offer: {
      type: ['string', 'null'],
      description: 'Title of the offer; null for a referral to the provider in general.',
    },
    runId: { type: ['integer', 'null'] },
    runStartsOn: date,
    purpose: { type: ['string', 'null'] },
    categories: { type: 'array', items: { type: 'string', enum: [...DATA_CATEGORIES] } },
    data: {
      type: 'object',
      properties: {
        nameContact: {
          type: 'object',
          properties: {
            name: { type: ['string', 'null'] },
            email: { type: ['string', 'null'] },
            phone: { type: ['string', 'null'] },
          },
        },
        languageLevel: { type: ['string', 'null'] },
        baseline: {
          type: 'object',
          properties: {
            situation: { type: ['string', 'null'] },
            abilities: { type: ['string', 'null'] },
            wishes: { type: ['string', 'null'] },
          },
        },
        measureGoal: { type: ['string', 'null'] },
      },
    },
    nextStates: { type: 'array', items: { type: 'string', enum: [...MOVE_TARGETS] } },
  },
  required: ['id', 'state', 'categories', 'data', 'nextStates'],
};

export const providerApiKey = {
  type: 'http',
  scheme: 'bearer',
  description:
    "A provider API key (`wwk_…`), created and revoked by the provider's owner at /anbieterbereich/schluessel. Only its hash is stored.",
};

export const referralPaths = {
  '/provider/referrals': {
    get: {
      operationId: 'listProviderReferrals',
      summary: 'Referrals to the calling provider, overdue ones first',
      security: [{ providerApiKey: [] }],
      responses: {
        '200': {
          description: 'Referrals',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  referrals: { type: 'array', items: { $ref: '#/components/schemas/ProviderReferral' } },
                },
                required: ['referrals'],
              },
            },
          },
        },
        '401': problem('No valid API key'),
      },
    },
  },
  '/provider/referrals/{id}/status': {
    post: {
      operationId: 'setProviderReferralStatus',
      summary: 'Report the next state of a referral',
      description:
        'received → accepted (with `startOn`) or rejected (with a `reason`); accepted → started or dropped_out; started → completed or dropped_out (with a `reason`). The same rules and audit as the provider area; the counsellor is mailed and the person sees the state.',
      security: [{ providerApiKey: [] }],
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                state: { type: 'string', enum: [...MOVE_TARGETS] },
                reason: { type: 'string', enum: [...new Set([...REJECT_REASONS, ...DROPOUT_REASONS])] },
                startOn: { type: 'string', format: 'date' },
              },
              required: ['state'],
            },
          },
        },
      },
      responses: {
        '200': {
          description: 'The referral after the change',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { referral: { $ref: '#/components/schemas/ProviderReferral' } },
                required: ['referral'],
              },
            },
          },
        },
        '400': problem('Invalid body'),
        '401': problem('No valid API key'),
        '404': problem('No referral with this id for this provider'),
        '409': problem('The step does not fit the current state, or the consent was withdrawn'),
      },
    },
  },
};
