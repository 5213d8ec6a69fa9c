import { CHANNELS } from '~/modules/booking/slots';

/** The counselling paths of the OpenAPI document: for call-centre and kiosk clients. */
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const token = {
  name: 'token',
  in: 'path',
  required: true,
  description: 'The token of the manage link (32 characters a–z, 2–7). Only its hash is stored.',
  schema: { type: 'string', pattern: '^[a-z2-7]{32}$' },
};

const instant = {
  type: 'string',
  format: 'date-time',
  description: 'ISO 8601 with the offset of Europe/Berlin at that time.',
};

export const counsellingPaths = {
  '/counselling/topics': {
    get: {
      operationId: 'listCounsellingTopics',
      summary: 'Topics that can be booked, with their channels',
      parameters: [
        { name: 'lng', in: 'query', schema: { type: 'string' }, description: 'Language of the names.' },
      ],
      responses: {
        '200': {
          description: 'Topics',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  topics: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        slug: { type: 'string' },
                        name: { type: 'string' },
                        description: { type: 'string' },
                        channels: { type: 'array', items: { type: 'string', enum: [...CHANNELS] } },
                        slotMinutes: { type: 'integer' },
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
  '/counselling/slots': {
    get: {
      operationId: 'listCounsellingSlots',
      summary: 'Free slots for a topic',
      description:
        'Weekly hours minus absences, public holidays, closure days, booked appointments (with buffers) and the minimum notice, within the booking window. Default range: 14 days from today.',
      parameters: [
        { name: 'topic', in: 'query', required: true, schema: { type: 'string' } },
        { name: 'channel', in: 'query', schema: { type: 'string', enum: [...CHANNELS] } },
        { name: 'office', in: 'query', schema: { type: 'string' }, description: 'Office slug (in person).' },
        {
          name: 'language',
          in: 'query',
          schema: { type: 'string', pattern: '^[a-z]{2,3}$' },
          description: 'When some counsellor of the topic speaks it, only their slots.',
        },
        { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
        { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } },
      ],
      responses: {
        '200': {
          description: 'Free slots',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  slots: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['start', 'end', 'channel', 'office'],
                      properties: {
                        start: instant,
                        end: instant,
                        channel: { type: 'string', enum: [...CHANNELS] },
                        office: { type: ['string', 'null'] },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        '400': problem('Invalid parameters'),
        '404': problem('Unknown topic'),
      },
    },
  },
  '/counselling/appointments': {
    post: {
      operationId: 'bookCounsellingAppointment',
      summary: 'Book a slot',
      description:
        'How the person is reached, one rule per channel (as on the booking pages, in the mails and the calendar file): `phone` needs `phone` (we call that number), `video` needs `email` (the link comes by mail), `in_person` needs `email` or `phone`. A person — the address, or the phone number when there is no address — can hold at most 3 future appointments and never two at overlapping times (409 with reason `too_many_bookings` or `overlapping_booking`). Anti-abuse: without a solved ALTCHA proof-of-work (`altcha`), a booking with an e-mail address only holds the slot for 30 minutes until the person confirms it by the link mailed to them (status `pending`); one with only a phone number is booked, under a tighter rate limit per IP (5 an hour). Rate limits per IP and per address or phone number.',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['topic', 'channel', 'language', 'start', 'name', 'consent'],
              properties: {
                topic: { type: 'string' },
                channel: { type: 'string', enum: [...CHANNELS] },
                office: { type: 'string', description: 'Required for in_person.' },
                language: { type: 'string' },
                start: instant,
                name: { type: 'string', maxLength: 200 },
                email: {
                  type: 'string',
                  format: 'email',
                  description: 'Required for `video`; for `in_person` e-mail or phone.',
                },
                phone: { type: 'string', maxLength: 40, description: 'Required for `phone`.' },
                message: { type: 'string', maxLength: 1000 },
                locale: { type: 'string', description: 'Language of the mails (default de).' },
                consent: { const: true, description: 'The person accepted the privacy notice.' },
                altcha: { type: 'string', description: 'Base64 ALTCHA solution.' },
              },
            },
          },
        },
      },
      responses: {
        '201': {
          description: 'Booked (status booked) or held until confirmed (status pending)',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  status: { type: 'string', enum: ['booked', 'pending'] },
                  token: { type: 'string' },
                  manageUrl: { type: 'string', format: 'uri' },
                  calendarUrl: { type: 'string', format: 'uri' },
                },
              },
            },
          },
        },
        '400': problem('Invalid booking'),
        '409': problem(
          'The slot was taken meanwhile (`slot_taken`), the person has 3 future appointments (`too_many_bookings`) or one at an overlapping time (`overlapping_booking`): see `reason`',
        ),
        '429': problem('Too many requests (see Retry-After)'),
      },
    },
  },
  '/counselling/appointments/{token}': {
    get: {
      operationId: 'getCounsellingAppointment',
      summary: 'The appointment behind a manage link, with its state',
      parameters: [token],
      responses: {
        '200': {
          description: 'The appointment',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  state: { type: 'string', enum: ['pending', 'booked', 'cancelled', 'expired', 'past'] },
                  topic: { type: 'string' },
                  channel: { type: 'string' },
                  office: { type: ['string', 'null'] },
                  start: instant,
                  end: instant,
                  language: { type: 'string' },
                  sequence: { type: 'integer' },
                },
              },
            },
          },
        },
        '404': problem('No appointment has this link'),
      },
    },
    delete: {
      operationId: 'cancelCounsellingAppointment',
      summary: 'Cancel the appointment (the person gets a mail with METHOD:CANCEL)',
      parameters: [token],
      responses: {
        '200': { description: 'Cancelled (also when it already was)' },
        '404': problem('No appointment has this link'),
        '409': problem('Past or expired: cannot be cancelled'),
      },
    },
  },
  '/counselling/appointments/{token}.ics': {
    get: {
      operationId: 'getCounsellingAppointmentCalendar',
      summary: 'The appointment as an iCalendar file (RFC 5545, TZID Europe/Berlin, stable UID)',
      parameters: [token],
      responses: {
        '200': { description: 'Calendar file', content: { 'text/calendar': { schema: { type: 'string' } } } },
        '404': problem('No appointment has this link'),
      },
    },
  },
};
