import { readdirSync } from 'node:fs';
import { type APIRequestContext, expect, request, test } from '@playwright/test';
import { DEMO_ACCOUNTS, type Role, signedInRequest } from './support/accounts';

/**
 * The authorization matrix: every route, requested as nobody and as each role, with the
 * status it must answer. A route file without a row here fails the completeness test,
 * so a new page can't ship unchecked. Requests don't follow redirects: 302 to the
 * sign-in page is the answer for nobody; staff without TOTP are sent to enrolment.
 */
type Who = 'anon' | Role;
const WHO: Who[] = [
  'anon',
  'citizen',
  'providerOwner',
  'providerEditor',
  'counsellor',
  'counsellorNoTotp',
  'admin',
  'counsellor3',
  'planner',
];

type Expect = number | 'login' | 'enrol' | 'account' | 'redirect';
type Row = {
  path: string;
  method?: 'GET' | 'POST';
  form?: Record<string, string>;
  expect: Partial<Record<Who, Expect>> & { default: Expect };
};

const all = (e: Expect) => ({ default: e });
/** Pages behind a sign-in: nobody → sign-in, counsellor without TOTP → enrolment. */
const signedIn = (rest: Partial<Record<Who, Expect>> & { default: Expect }) => ({
  anon: 'login' as const,
  counsellorNoTotp: 'enrol' as const,
  ...rest,
});

let offerId = 0;
let providerSlug = '';
/** A case of beratung@ (the first of their list: an overdue review, with plan version 1); beratung3@ is not its deputy. */
let caseId = 0;
/** A referral to anbieter@'s provider (demo data), read from their inbox. */
let referralId = 0;

/** Every page and action of one case file: its counsellor reads, everybody else gets the 404 of an unknown id. */
const caseFile = (ok: Expect) => signedIn({ default: 404, counsellor: ok });

const rows = (): Record<string, Row[]> => ({
  '$.tsx': [{ path: '/gibt-es-nicht', expect: all(404) }],
  '_index.tsx': [{ path: '/', expect: all(200) }],
  'impressum.tsx': [{ path: '/impressum', expect: all(200) }],
  'datenschutz.tsx': [{ path: '/datenschutz', expect: all(200) }],
  'barrierefreiheit.tsx': [{ path: '/barrierefreiheit', expect: all(200) }],
  'leichte-sprache.tsx': [{ path: '/leichte-sprache', expect: all(200) }],
  'gebaerdensprache.tsx': [{ path: '/gebaerdensprache', expect: all(200) }],
  'healthz.ts': [{ path: '/healthz', expect: all(200) }],
  'angebote._index.tsx': [{ path: '/angebote', expect: all(200) }],
  'angebote.$id.tsx': [{ path: `/angebote/${offerId}`, expect: all(200) }],
  'anbieter.$slug.tsx': [{ path: `/anbieter/${providerSlug}`, expect: all(200) }],
  'orientierung._index.tsx': [{ path: '/orientierung', expect: all(200) }],
  'beratung._index.tsx': [{ path: '/beratung', expect: all(200) }],
  // Booking needs no account; a bad choice in the URL is a 400 page, an unknown manage link a 404.
  'beratung.termin._index.tsx': [
    { path: '/beratung/termin', expect: all(200) },
    { path: '/beratung/termin?thema=gibt-es-nicht', expect: all(400) },
  ],
  'beratung.termin.daten.tsx': [
    { path: '/beratung/termin/daten?thema=gibt-es-nicht', expect: all(400) },
    { path: '/beratung/termin/daten', method: 'POST', form: {}, expect: all(400) },
  ],
  'termin.$token._index.tsx': [
    { path: '/termin/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', expect: all(404) },
    {
      path: '/termin/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      method: 'POST',
      form: { intent: 'cancel' },
      expect: all(404),
    },
  ],
  // The self-assessment needs no account; an unknown link is a 404 for reading and changing.
  'selbsteinschaetzung._index.tsx': [{ path: '/selbsteinschaetzung', expect: all(200) }],
  'selbsteinschaetzung.$token.$step.tsx': [
    { path: '/selbsteinschaetzung/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/situation', expect: all(404) },
    {
      path: '/selbsteinschaetzung/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/situation',
      method: 'POST',
      form: { intent: 'next' },
      expect: all(404),
    },
  ],
  'selbsteinschaetzung.$token.ergebnis.tsx': [
    { path: '/selbsteinschaetzung/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/ergebnis', expect: all(404) },
  ],
  'selbsteinschaetzung.$token.speichern.tsx': [
    { path: '/selbsteinschaetzung/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/speichern', expect: all(404) },
    {
      path: '/selbsteinschaetzung/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/speichern',
      method: 'POST',
      form: { intent: 'delete' },
      expect: all(404),
    },
  ],
  'termin.$token.verschieben.tsx': [
    { path: '/termin/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/verschieben', expect: all(404) },
  ],
  // Booking's check page and the cancel confirmation: an unknown draft or link is a 404.
  'beratung.termin.pruefen.tsx': [
    { path: '/beratung/termin/pruefen?entwurf=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', expect: all(404) },
    {
      path: '/beratung/termin/pruefen?entwurf=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      method: 'POST',
      form: { intent: 'book' },
      expect: all(404),
    },
  ],
  'termin.$token.absagen.tsx': [
    { path: '/termin/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/absagen', expect: all(404) },
    {
      path: '/termin/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/absagen',
      method: 'POST',
      form: { intent: 'cancel' },
      expect: all(404),
    },
  ],
  'api.v1.counselling.topics.ts': [{ path: '/api/v1/counselling/topics', expect: all(200) }],
  'api.v1.counselling.slots.ts': [
    { path: '/api/v1/counselling/slots?topic=weiterbildung-umschulung', expect: all(200) },
    { path: '/api/v1/counselling/slots?topic=gibt-es-nicht', expect: all(404) },
  ],
  'api.v1.counselling.appointments._index.ts': [
    { path: '/api/v1/counselling/appointments', expect: all(405) },
    { path: '/api/v1/counselling/appointments', method: 'POST', form: {}, expect: all(400) },
  ],
  'api.v1.counselling.appointments.$token.ts': [
    { path: '/api/v1/counselling/appointments/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', expect: all(404) },
    { path: '/api/v1/counselling/appointments/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics', expect: all(404) },
  ],
  'api.v1.offers._index.ts': [{ path: '/api/v1/offers', expect: all(200) }],
  'api.v1.offers.$id.ts': [{ path: `/api/v1/offers/${offerId}`, expect: all(200) }],
  'api.v1.export.offers[.jsonld].ts': [{ path: '/api/v1/export/offers.jsonld', expect: all(200) }],
  'api.v1.export.offers[.xml].ts': [{ path: '/api/v1/export/offers.xml', expect: all(200) }],
  'api.v1.openapi[.json].ts': [{ path: '/api/v1/openapi.json', expect: all(200) }],
  // Sign-in and sign-up are for visitors; a signed-in person goes to their account.
  'anmelden._index.tsx': [
    { path: '/anmelden', expect: { default: 'account', anon: 200, counsellorNoTotp: 200 } },
  ],
  'registrieren.tsx': [
    { path: '/registrieren', expect: { default: 'account', anon: 200, counsellorNoTotp: 200 } },
  ],
  'anmelden.zwei-faktor.tsx': [
    {
      path: '/anmelden/zwei-faktor',
      expect: { default: 'redirect', anon: 'login', counsellorNoTotp: 'enrol' },
    },
  ],
  'anmelden.zwei-faktor-einrichten.tsx': [
    {
      path: '/anmelden/zwei-faktor-einrichten',
      // Already enrolled: a page that says so and links on (no second key is made).
      expect: { default: 200, anon: 'login' },
    },
  ],
  'bestaetigen.tsx': [{ path: '/bestaetigen?token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', expect: all(410) }],
  'passwort-vergessen.tsx': [{ path: '/passwort-vergessen', expect: all(200) }],
  'passwort-neu.tsx': [{ path: '/passwort-neu?token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', expect: all(410) }],
  'einladung.tsx': [{ path: '/einladung?token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', expect: all(410) }],
  'abmelden.tsx': [{ path: '/abmelden', expect: all('redirect') }],
  // The idle warning's endpoints: "stay signed in" answers 204 only to a complete sign-in.
  'sitzung.ts': [
    { path: '/sitzung', expect: all('redirect') },
    { path: '/sitzung', method: 'POST', expect: { default: 204, anon: 401, counsellorNoTotp: 401 } },
  ],
  // The language choice needs no account: anyone may choose; an unknown language is a 400.
  'sprache.ts': [
    { path: '/sprache', expect: all('redirect') },
    { path: '/sprache', method: 'POST', form: { lng: 'ar', to: '/impressum' }, expect: all(303) },
    { path: '/sprache', method: 'POST', form: { lng: 'xx', to: '/impressum' }, expect: all(400) },
  ],
  'konto._index.tsx': [
    { path: '/konto', expect: signedIn({ default: 200 }) },
    // Another user's record: the admin's consent (ids follow the demo accounts' order) can't be withdrawn by anyone else.
    {
      path: '/konto',
      method: 'POST',
      form: { intent: 'withdraw-consent', consentId: '7' },
      expect: signedIn({ default: 400 }),
    },
  ],
  'konto.selbsteinschaetzungen.tsx': [
    { path: '/konto/selbsteinschaetzungen', expect: signedIn({ default: 200 }) },
    // An assessment nobody kept (or someone else's) can't be opened or deleted from an account.
    {
      path: '/konto/selbsteinschaetzungen',
      method: 'POST',
      form: { intent: 'open', id: '1' },
      expect: signedIn({ default: 404 }),
    },
    {
      path: '/konto/selbsteinschaetzungen',
      method: 'POST',
      form: { intent: 'delete', id: '1' },
      expect: signedIn({ default: 404 }),
    },
  ],
  'konto.email.tsx': [{ path: '/konto/email', expect: signedIn({ default: 200 }) }],
  'konto.passwort.tsx': [{ path: '/konto/passwort', expect: signedIn({ default: 200 }) }],
  'konto.loeschen.tsx': [{ path: '/konto/loeschen', expect: signedIn({ default: 200 }) }],
  'konto.zwei-faktor.tsx': [{ path: '/konto/zwei-faktor', expect: signedIn({ default: 200 }) }],
  'konto.daten[.json].ts': [{ path: '/konto/daten.json', expect: signedIn({ default: 200 }) }],
  'team._index.tsx': [{ path: '/team', expect: signedIn({ default: 403, counsellor: 200 }) }],
  // A counsellor's own appointments only: an id that isn't theirs (here: none) is a 404.
  'team.termine.$id.tsx': [
    { path: '/team/termine/999999999', expect: signedIn({ default: 403, counsellor: 404 }) },
    {
      path: '/team/termine/999999999',
      method: 'POST',
      form: { intent: 'cancel', reason: 'Krank' },
      expect: signedIn({ default: 403, counsellor: 404 }),
    },
  ],
  'team.termine.neu.tsx': [
    { path: '/team/termine/neu', expect: signedIn({ default: 403, counsellor: 200 }) },
  ],
  'team.verfuegbarkeit.tsx': [
    { path: '/team/verfuegbarkeit', expect: signedIn({ default: 403, counsellor: 200 }) },
    {
      path: '/team/verfuegbarkeit',
      method: 'POST',
      form: { intent: 'deleteRule', id: '999999999' },
      expect: signedIn({ default: 403, counsellor: 404 }),
    },
  ],
  'team.profil.tsx': [
    { path: '/team/profil', expect: signedIn({ default: 403, counsellor: 200 }) },
    { path: '/team/profil', method: 'POST', form: {}, expect: signedIn({ default: 403, counsellor: 400 }) },
  ],
  // "Seen" on the agenda: a POST that clears the counsellor's own markers, then back to the agenda.
  'team.gesehen.tsx': [
    { path: '/team/gesehen', expect: signedIn({ default: 403, counsellor: 'redirect' }) },
    { path: '/team/gesehen', method: 'POST', expect: signedIn({ default: 403, counsellor: 'redirect' }) },
  ],
  'team.termine.$id_.verschieben.tsx': [
    { path: '/team/termine/999999999/verschieben', expect: signedIn({ default: 403, counsellor: 404 }) },
    {
      path: '/team/termine/999999999/verschieben',
      method: 'POST',
      form: { start: '2030-01-07T09:00:00+01:00' },
      expect: signedIn({ default: 403, counsellor: 404 }),
    },
  ],
  'anbieterbereich._index.tsx': [
    { path: '/anbieterbereich', expect: signedIn({ default: 403, providerOwner: 200, providerEditor: 200 }) },
    // A list filter that is none of ours is a 400, never a guess (or a 500).
    {
      path: '/anbieterbereich?status=geloescht',
      expect: signedIn({ default: 403, providerOwner: 400, providerEditor: 400 }),
    },
  ],
  // The provider area's offer pages: provider staff only; an offer that isn't theirs (here: none) is a 404.
  'anbieterbereich.angebote.neu.tsx': [
    {
      path: '/anbieterbereich/angebote/neu',
      expect: signedIn({ default: 403, providerOwner: 200, providerEditor: 200 }),
    },
  ],
  'anbieterbereich.angebote.$id._index.tsx': [
    {
      path: '/anbieterbereich/angebote/999999999',
      expect: signedIn({ default: 403, providerOwner: 404, providerEditor: 404 }),
    },
    {
      path: '/anbieterbereich/angebote/999999999',
      method: 'POST',
      form: { intent: 'status', status: 'published' },
      expect: signedIn({ default: 403, providerOwner: 404, providerEditor: 404 }),
    },
  ],
  'anbieterbereich.angebote.$id.termine.$runId.tsx': [
    {
      path: '/anbieterbereich/angebote/999999999/termine/neu',
      expect: signedIn({ default: 403, providerOwner: 404, providerEditor: 404 }),
    },
  ],
  'anbieterbereich.angebote.$id.vorschau.tsx': [
    {
      path: '/anbieterbereich/angebote/999999999/vorschau',
      expect: signedIn({ default: 403, providerOwner: 404, providerEditor: 404 }),
    },
  ],
  'anbieterbereich.export.$format.ts': [
    {
      path: '/anbieterbereich/export/xml',
      expect: signedIn({ default: 403, providerOwner: 200, providerEditor: 200 }),
    },
    {
      path: '/anbieterbereich/export/pdf',
      expect: signedIn({ default: 403, providerOwner: 404, providerEditor: 404 }),
    },
  ],
  // Organisation data and staff: every member reads; only the owner changes or invites
  // (an empty form is the owner's 400, and already the editor's 403).
  'anbieterbereich.organisation.tsx': [
    {
      path: '/anbieterbereich/organisation',
      expect: signedIn({ default: 403, providerOwner: 200, providerEditor: 200 }),
    },
    {
      path: '/anbieterbereich/organisation',
      method: 'POST',
      form: {},
      expect: signedIn({ default: 403, providerOwner: 400 }),
    },
  ],
  'anbieterbereich.team.tsx': [
    {
      path: '/anbieterbereich/team',
      expect: signedIn({ default: 403, providerOwner: 200, providerEditor: 200 }),
    },
    {
      path: '/anbieterbereich/team',
      method: 'POST',
      form: {},
      expect: signedIn({ default: 403, providerOwner: 400 }),
    },
    // Someone who is not a member of this team: not found for the owner; editors manage nobody.
    {
      path: '/anbieterbereich/team?entfernen=999999999',
      expect: signedIn({ default: 403, providerOwner: 404, providerEditor: 200 }),
    },
    {
      path: '/anbieterbereich/team',
      method: 'POST',
      form: { intent: 'remove', userId: '999999999' },
      expect: signedIn({ default: 403, providerOwner: 404 }),
    },
  ],
  // Bulk actions on offers: staff who edit offers; an offer that isn't theirs (here: none) is a 404.
  'anbieterbereich.sammelaktion.tsx': [
    {
      path: '/anbieterbereich/sammelaktion?aktion=archive&id=999999999',
      expect: signedIn({ default: 403, providerOwner: 404, providerEditor: 404 }),
    },
    {
      path: '/anbieterbereich/sammelaktion',
      method: 'POST',
      form: { aktion: 'archive', ids: '999999999' },
      expect: signedIn({ default: 403, providerOwner: 404, providerEditor: 404 }),
    },
  ],
  'anbieterbereich.import._index.tsx': [
    {
      path: '/anbieterbereich/import',
      expect: signedIn({ default: 403, providerOwner: 200, providerEditor: 200 }),
    },
  ],
  'anbieterbereich.import.vorlage[.csv].ts': [
    {
      path: '/anbieterbereich/import/vorlage.csv',
      expect: signedIn({ default: 403, providerOwner: 200, providerEditor: 200 }),
    },
  ],
  'anbieterbereich.import.$id.tsx': [
    {
      path: '/anbieterbereich/import/999999999',
      expect: signedIn({ default: 403, providerOwner: 404, providerEditor: 404 }),
    },
    {
      path: '/anbieterbereich/import/999999999',
      method: 'POST',
      form: { intent: 'apply' },
      expect: signedIn({ default: 403, providerOwner: 404, providerEditor: 404 }),
    },
  ],
  'admin._index.tsx': [{ path: '/admin', expect: signedIn({ default: 403, admin: 200 }) }],
  'admin.benutzer.tsx': [
    { path: '/admin/benutzer', expect: signedIn({ default: 403, admin: 200 }) },
    // Admins reach the action (an unknown user is a 404); nobody else does.
    {
      path: '/admin/benutzer',
      method: 'POST',
      form: { userId: '999999', status: 'disabled' },
      expect: signedIn({ default: 403, admin: 404 }),
    },
  ],
  'admin.anbieter._index.tsx': [
    { path: '/admin/anbieter', expect: signedIn({ default: 403, admin: 200 }) },
    {
      path: '/admin/anbieter?index',
      method: 'POST',
      form: { intent: 'pre-moderation-on', id: '999999' },
      expect: signedIn({ default: 403, admin: 404 }),
    },
  ],
  // A provider's details and the decision on it: admins only; an unknown provider is a 404.
  'admin.anbieter.$id.tsx': [
    { path: '/admin/anbieter/999999', expect: signedIn({ default: 403, admin: 404 }) },
    { path: '/admin/anbieter/kein-anbieter', expect: signedIn({ default: 403, admin: 404 }) },
    {
      path: '/admin/anbieter/999999',
      method: 'POST',
      form: { intent: 'approve', confirm: 'on' },
      expect: signedIn({ default: 403, admin: 404 }),
    },
    {
      path: '/admin/anbieter/999999',
      method: 'POST',
      form: { intent: 'suspend', reason: 'Zertifikat abgelaufen' },
      expect: signedIn({ default: 403, admin: 404 }),
    },
  ],
  'admin.einladungen.tsx': [
    { path: '/admin/einladungen', expect: signedIn({ default: 403, admin: 200 }) },
    {
      path: '/admin/einladungen',
      method: 'POST',
      form: { intent: 'revoke', invitationId: '999999' },
      expect: signedIn({ default: 403, admin: 404 }),
    },
  ],
  'admin.angebote.tsx': [
    { path: '/admin/angebote', expect: signedIn({ default: 403, admin: 200 }) },
    {
      path: '/admin/angebote',
      method: 'POST',
      form: { intent: 'approve', offerId: '999999999' },
      expect: signedIn({ default: 403, admin: 404 }),
    },
  ],
  'admin.protokoll.tsx': [{ path: '/admin/protokoll', expect: signedIn({ default: 403, admin: 200 }) }],
  'admin.mails.tsx': [{ path: '/admin/mails', expect: signedIn({ default: 403, admin: 200 }) }],
  'admin.beratung.tsx': [
    { path: '/admin/beratung', expect: signedIn({ default: 403, admin: 200 }) },
    {
      path: '/admin/beratung',
      method: 'POST',
      form: { which: 'state', state: 'XX' },
      expect: signedIn({ default: 403, admin: 400 }),
    },
  ],
  'admin.beratende._index.tsx': [
    { path: '/admin/beratende', expect: signedIn({ default: 403, admin: 200 }) },
  ],
  'admin.beratende.$id.tsx': [
    { path: '/admin/beratende/999999999', expect: signedIn({ default: 403, admin: 404 }) },
    {
      path: '/admin/beratende/999999999',
      method: 'POST',
      form: { which: 'link', user: '999999999' },
      expect: signedIn({ default: 403, admin: 404 }),
    },
  ],
  'admin.termine._index.tsx': [{ path: '/admin/termine', expect: signedIn({ default: 403, admin: 200 }) }],
  // An appointment's details for the office: a read with a reason, audited; none there is a 404.
  'admin.termine.$id.tsx': [
    { path: '/admin/termine/999999999', expect: signedIn({ default: 403, admin: 404 }) },
    {
      path: '/admin/termine/999999999',
      method: 'POST',
      form: { which: 'details', reason: 'Person wegen Schließtag anrufen' },
      expect: signedIn({ default: 403, admin: 404 }),
    },
  ],
  // The development outbox exists in demo mode (this server), for everyone; production answers 404.
  'dev.mails.tsx': [{ path: '/dev/mails', expect: all(200) }],
  // Case work: the list, opening and short counselling are the counsellors'; a case file is
  // need-to-know (its counsellor and named deputy only; admins, provider staff, citizens and
  // other counsellors get the same 404 as an unknown id — the refusals are audited).
  'team.faelle._index': [{ path: '/team/faelle', expect: signedIn({ default: 403, counsellor: 200 }) }],
  'team.faelle.neu': [
    { path: '/team/faelle/neu', expect: signedIn({ default: 403, counsellor: 200 }) },
    // Without the consent to documentation: 422 and no case.
    {
      path: '/team/faelle/neu',
      method: 'POST',
      form: {},
      expect: signedIn({ default: 403, counsellor: 422 }),
    },
  ],
  'team.faelle.einwilligung': [
    { path: '/team/faelle/einwilligung?sprache=ar', expect: signedIn({ default: 403, counsellor: 200 }) },
    { path: '/team/faelle/einwilligung?sprache=xx', expect: signedIn({ default: 403, counsellor: 404 }) },
  ],
  'team.kontakt': [
    { path: '/team/kontakt', expect: signedIn({ default: 403, counsellor: 200 }) },
    { path: '/team/kontakt', method: 'POST', form: {}, expect: signedIn({ default: 403, counsellor: 400 }) },
  ],
  'team.faelle.$id._index': [
    { path: `/team/faelle/${caseId}`, expect: caseFile(200) },
    { path: `/team/faelle/${caseId}`, method: 'POST', form: { intent: 'none' }, expect: caseFile(400) },
    { path: '/team/faelle/999999999', expect: signedIn({ default: 404 }) },
  ],
  'team.faelle.$id.einschaetzung': [
    { path: `/team/faelle/${caseId}/einschaetzung`, expect: caseFile(200) },
    { path: `/team/faelle/${caseId}/einschaetzung`, method: 'POST', form: {}, expect: caseFile(400) },
  ],
  'team.faelle.$id.plan._index': [
    { path: `/team/faelle/${caseId}/plan`, expect: caseFile(200) },
    {
      path: `/team/faelle/${caseId}/plan`,
      method: 'POST',
      form: { intent: 'none', version: '1' },
      expect: caseFile(400),
    },
  ],
  'team.faelle.$id.plan.$version': [
    { path: `/team/faelle/${caseId}/plan/1`, expect: caseFile(200) },
    { path: `/team/faelle/${caseId}/plan/99`, expect: caseFile(404) },
  ],
  'team.faelle.$id.ueberpruefung': [
    { path: `/team/faelle/${caseId}/ueberpruefung`, expect: caseFile(200) },
    { path: `/team/faelle/${caseId}/ueberpruefung`, method: 'POST', form: {}, expect: caseFile(400) },
  ],
  'team.faelle.$id.abschluss': [
    { path: `/team/faelle/${caseId}/abschluss`, expect: caseFile(200) },
    { path: `/team/faelle/${caseId}/abschluss`, method: 'POST', form: {}, expect: caseFile(400) },
  ],
  'team.faelle.$id.uebergabe': [
    { path: `/team/faelle/${caseId}/uebergabe`, expect: caseFile(200) },
    {
      path: `/team/faelle/${caseId}/uebergabe`,
      method: 'POST',
      form: { intent: 'handover' },
      expect: caseFile(400),
    },
  ],
  'team.faelle.$id.drucken': [
    { path: `/team/faelle/${caseId}/drucken`, expect: caseFile(200) },
    { path: `/team/faelle/${caseId}/drucken`, method: 'POST', form: {}, expect: caseFile(400) },
  ],
  'team.faelle.$id.export[.json]': [{ path: `/team/faelle/${caseId}/export.json`, expect: caseFile(200) }],
  // The person's link needs no account; an unknown one is a 404 for reading and changing.
  'fall.$token._index': [
    { path: '/fall/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', expect: all(404) },
    {
      path: '/fall/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      method: 'POST',
      form: { intent: 'agree', version: '1' },
      expect: all(404),
    },
  ],
  'fall.$token.daten[.json]': [
    { path: '/fall/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/daten.json', expect: all(404) },
  ],
  'konto.faelle': [
    { path: '/konto/faelle', expect: signedIn({ default: 200 }) },
    // A case nobody kept in this account can't be opened from it.
    {
      path: '/konto/faelle',
      method: 'POST',
      form: { intent: 'open', id: '1' },
      expect: signedIn({ default: 404 }),
    },
  ],
  // Planning (issue 20): planners and admins read the aggregate reports; everybody else is refused.
  'planung._index': [{ path: '/planung', expect: signedIn({ default: 403, admin: 200, planner: 200 }) }],
  'planung.$bericht': [
    { path: '/planung/ungedeckter-bedarf', expect: signedIn({ default: 403, admin: 200, planner: 200 }) },
    { path: '/planung/beratung?gebiet=mitte', expect: signedIn({ default: 403, admin: 200, planner: 200 }) },
    { path: '/planung/gibt-es-nicht', expect: signedIn({ default: 403, admin: 404, planner: 404 }) },
    {
      path: '/planung/angebot?zeitraum=2026-13',
      expect: signedIn({ default: 403, admin: 400, planner: 400 }),
    },
  ],
  'planung.definitionen': [
    { path: '/planung/definitionen', expect: signedIn({ default: 403, admin: 200, planner: 200 }) },
  ],
  'planung.einwohner': [
    { path: '/planung/einwohner', expect: signedIn({ default: 403, admin: 200, planner: 200 }) },
    // No file: the form's 400; nobody else reaches the upload.
    {
      path: '/planung/einwohner',
      method: 'POST',
      form: { asOf: '2026-01-01' },
      expect: signedIn({ default: 403, admin: 400, planner: 400 }),
    },
  ],
  'planung.einwohner[.csv].ts': [
    { path: '/planung/einwohner.csv', expect: signedIn({ default: 403, admin: 200, planner: 200 }) },
  ],
  'planung.export.$datei.ts': [
    {
      path: '/planung/export/ungedeckter-bedarf.csv?zeitraum=2026-Q1',
      expect: signedIn({ default: 403, admin: 200, planner: 200 }),
    },
    { path: '/planung/export/beratung.json', expect: signedIn({ default: 403, admin: 200, planner: 200 }) },
    { path: '/planung/export/beratung.pdf', expect: signedIn({ default: 403, admin: 404, planner: 404 }) },
  ],
  // A provider's own figures: its staff only.
  'anbieterbereich.statistik': [
    {
      path: '/anbieterbereich/statistik',
      expect: signedIn({ default: 403, providerOwner: 200, providerEditor: 200 }),
    },
  ],
  'anbieterbereich.statistik.export.$datei.ts': [
    {
      path: '/anbieterbereich/statistik/export/statistik.csv',
      expect: signedIn({ default: 403, providerOwner: 200, providerEditor: 200 }),
    },
    {
      path: '/anbieterbereich/statistik/export/statistik.pdf',
      expect: signedIn({ default: 403, providerOwner: 404, providerEditor: 404 }),
    },
  ],
  // Referrals (issue 17): the counsellor's page of a case file, the provider's inbox and
  // one referral of anbieter@'s provider (another provider's staff and everybody else get
  // its 404 or the area's 403), API keys (only the owner changes them), the affiliation on
  // the counsellor's profile, and the provider API (a key or 401).
  'team.faelle.$id.vermittlung._index': [
    { path: `/team/faelle/${caseId}/vermittlung`, expect: caseFile(200) },
    {
      path: `/team/faelle/${caseId}/vermittlung`,
      method: 'POST',
      form: { intent: 'none' },
      expect: caseFile(400),
    },
  ],
  // The case conference: the case's counsellor only (another counsellor's 404); a summary
  // without the "reviewed" confirmation is the form's 400, never stored.
  'team.faelle.$id.konferenz': [
    { path: `/team/faelle/${caseId}/konferenz`, expect: caseFile(200) },
    {
      path: `/team/faelle/${caseId}/konferenz`,
      method: 'POST',
      form: { intent: 'conference', heldOn: '2026-12-01' },
      expect: caseFile(400),
    },
  ],
  'anbieterbereich.vermittlungen._index': [
    {
      path: '/anbieterbereich/vermittlungen',
      expect: signedIn({ default: 403, providerOwner: 200, providerEditor: 200 }),
    },
  ],
  'anbieterbereich.vermittlungen.$id': [
    {
      path: `/anbieterbereich/vermittlungen/${referralId}`,
      expect: signedIn({ default: 403, providerOwner: 200, providerEditor: 200 }),
    },
    {
      path: '/anbieterbereich/vermittlungen/999999999',
      expect: signedIn({ default: 403, providerOwner: 404, providerEditor: 404 }),
    },
    {
      path: `/anbieterbereich/vermittlungen/${referralId}`,
      method: 'POST',
      form: { state: 'bogus' },
      expect: signedIn({ default: 403, providerOwner: 400, providerEditor: 400 }),
    },
  ],
  'anbieterbereich.schluessel': [
    {
      path: '/anbieterbereich/schluessel',
      expect: signedIn({ default: 403, providerOwner: 200, providerEditor: 200 }),
    },
    {
      path: '/anbieterbereich/schluessel',
      method: 'POST',
      form: { label: '' },
      expect: signedIn({ default: 403, providerOwner: 400 }),
    },
  ],
  'team.profil.verbindung': [
    { path: '/team/profil/verbindung', expect: signedIn({ default: 403, counsellor: 200 }) },
  ],
  'api.v1.provider.referrals._index': [{ path: '/api/v1/provider/referrals', expect: all(401) }],
  'api.v1.provider.referrals.$id.status': [
    { path: `/api/v1/provider/referrals/${referralId}/status`, method: 'POST', form: {}, expect: all(401) },
  ],
  // Admins move cases without reading them.
  'admin.faelle': [
    { path: '/admin/faelle', expect: signedIn({ default: 403, admin: 200 }) },
    { path: '/admin/faelle', method: 'POST', form: {}, expect: signedIn({ default: 403, admin: 400 }) },
  ],
});

test.describe.configure({ mode: 'serial' });

const contexts = new Map<Who, APIRequestContext>();

test.beforeAll(async ({ baseURL }) => {
  const base = baseURL!;
  const anon = await request.newContext({ baseURL: base, extraHTTPHeaders: { Origin: base } });
  const hits = await (await anon.get('/api/v1/offers')).json();
  offerId = hits.hits[0].id;
  providerSlug = hits.hits[0].provider.slug;
  contexts.set('anon', anon);
  const counsellor = await signedInRequest(base, 'counsellor', 'demo4-ddddd');
  const list = await (await counsellor.get('/team/faelle')).text();
  caseId = Number(/href="\/team\/faelle\/(\d+)"/.exec(list)?.[1]);
  await counsellor.dispose();
  const owner = await signedInRequest(base, 'providerOwner');
  const inbox = await (await owner.get('/anbieterbereich/vermittlungen')).text();
  referralId = Number(/href="\/anbieterbereich\/vermittlungen\/(\d+)/.exec(inbox)?.[1]);
  await owner.dispose();
  for (const who of WHO) {
    if (who === 'anon') continue;
    // Recovery codes, so the matrix spends no TOTP step other tests need.
    contexts.set(
      who,
      await signedInRequest(
        base,
        who,
        who === 'counsellor' || who === 'counsellor3' || who === 'admin' || who === 'planner'
          ? 'demo3-ccccc'
          : undefined,
      ),
    );
  }
});

test.afterAll(async () => {
  for (const ctx of contexts.values()) await ctx.dispose();
});

test('every route file has a row in the matrix', () => {
  const files = readdirSync('app/routes').sort();
  expect(Object.keys(rows()).sort()).toEqual(files);
});

for (const who of WHO) {
  test(`as ${who}: every route answers as the matrix says`, async () => {
    const ctx = contexts.get(who)!;
    const problems: string[] = [];
    for (const [file, list] of Object.entries(rows())) {
      for (const row of list) {
        // The second counsellor answers as the first wherever a row doesn't say otherwise
        // (their own agenda, profile, list); a case file of the first is theirs to be refused.
        const stated =
          row.expect[who] ??
          (who === 'counsellor3' && !/^\/team\/faelle\/\d/.test(row.path)
            ? row.expect.counsellor
            : undefined) ??
          row.expect.default;
        // The planner is refused with the 404 of an unknown address wherever others get 403:
        // it must not even learn which person-bearing pages or records exist (issue 20).
        const expected = who === 'planner' && stated === 403 ? 404 : stated;
        const res =
          row.method === 'POST'
            ? await ctx.post(row.path, { form: row.form ?? {}, maxRedirects: 0 })
            : await ctx.get(row.path, { maxRedirects: 0 });
        const location = res.headers().location ?? '';
        const ok =
          typeof expected === 'number'
            ? res.status() === expected
            : res.status() === 302 &&
              (expected === 'redirect' ||
                (expected === 'login' && location.startsWith('/anmelden?redirectTo=')) ||
                (expected === 'enrol' && location.startsWith('/anmelden/zwei-faktor-einrichten')) ||
                (expected === 'account' && location === '/konto'));
        if (!ok)
          problems.push(
            `${row.method ?? 'GET'} ${row.path} (${file}): expected ${expected}, got ${res.status()} ${location}`,
          );
      }
    }
    expect(problems).toEqual([]);
  });
}

test('a refused request is written to the audit log', async () => {
  const admin = contexts.get('admin')!;
  const res = await admin.get('/admin/protokoll?action=access.denied&outcome=denied');
  expect(res.status()).toBe(200);
  const html = await res.text();
  expect(html).toContain('access.denied');
  expect(html).toContain('read:audit:any');
});

test('a refused case file is written to the audit log (the newest refusals: the admin and the other counsellor)', async () => {
  const admin = contexts.get('admin')!;
  const html = await (
    await admin.get(`/admin/protokoll?action=case.denied&outcome=denied&targetType=case&targetId=${caseId}`)
  ).text();
  // Every role's refusals are counted in tests/integration/cases.test.ts; one page shows the newest.
  expect(html).toContain(DEMO_ACCOUNTS.counsellor3.email);
  expect(html).toContain(`case ${caseId}`);
  expect(html).not.toContain(DEMO_ACCOUNTS.counsellor.email);
});

test('the admin’s consent is untouched by the others’ attempts', async () => {
  const data = await (await contexts.get('admin')!.get('/konto/daten.json')).json();
  expect(data.consents).toEqual([expect.objectContaining({ purpose: 'account', withdrawnAt: null })]);
});
