import { describe, expect, it } from 'vitest';
import { supportedLanguages } from '../../i18n';
import { type MailTemplate, renderMail } from '../mail/mail.server';

/** The mails of issue 14: to the person after staff changed the appointment, and to the counsellor. */
const TEMPLATES: MailTemplate[] = [
  'appointmentHandedOver',
  'appointmentProposal',
  'counsellorBooked',
  'counsellorMoved',
  'counsellorCancelled',
  'counsellorAssigned',
  'counsellorUnassigned',
  'counsellorProposalAccepted',
  'counsellorProposalDeclined',
];

describe('the staff-side appointment mails', () => {
  it('render in every language with every value filled in and no key left untranslated', async () => {
    for (const lng of supportedLanguages) {
      for (const template of TEMPLATES) {
        const mail = await renderMail(template, lng, {
          link: 'https://wegweiser.example/termin/abc',
          topic: 'Weiterbildung',
          when: 'WHEN-NOW',
          previous: 'WHEN-BEFORE',
          proposed: 'WHEN-PROPOSED',
          where: 'am Telefon',
        });
        const where = `${lng}/${template}`;
        expect(mail.subject, where).not.toMatch(/^[a-zA-Z]+\.(subject|intro)$/);
        expect(mail.text, where).not.toMatch(/\b(intro|outro|action)\b$/m);
        expect(mail.text, where).not.toContain('{{');
        expect(mail.text, where).toContain('https://wegweiser.example/termin/abc');
        expect(mail.text, where).toContain('Weiterbildung');
        expect(mail.text, where).toContain('WHEN-NOW');
        if (template === 'appointmentProposal') expect(mail.text, where).toContain('WHEN-PROPOSED');
        if (template === 'counsellorMoved' || template === 'counsellorProposalAccepted')
          expect(mail.text, where).toContain('WHEN-BEFORE');
      }
    }
  });
});
