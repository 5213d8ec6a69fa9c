import { describe, expect, it } from 'vitest';
import { supportedLanguages } from '../../i18n';
import { type MailTemplate, renderMail } from './mail.server';

const TEMPLATES: MailTemplate[] = [
  'verifyEmail',
  'accountExists',
  'resetPassword',
  'passwordChanged',
  'changeEmail',
  'emailChangeNotice',
  'invitation',
  'providerApproved',
  'providerSuspended',
  'memberSuspended',
  'accountDisabled',
  'offerUnpublished',
];

describe('mail templates', () => {
  it('render every template in every language as text and HTML, with no key left untranslated', async () => {
    for (const lng of supportedLanguages) {
      for (const template of TEMPLATES) {
        const mail = await renderMail(template, lng, {
          link: 'https://wegweiser.example/x?token=abc&lng=de',
          provider: 'VHS <Nord>',
          hours: 1,
          role: 'counsellor',
          title: 'Deutsch A2',
          reason: 'Termine fehlen',
        });
        const where = `${lng}/${template}`;
        expect(mail.subject, where).not.toMatch(/^[a-zA-Z]+\.(subject|intro)$/);
        expect(mail.text, where).not.toMatch(/\b(intro|outro|action)\b$/m);
        expect(mail.text, where).toContain('https://wegweiser.example/x?token=abc&lng=de');
        expect(mail.html, where).toContain('href="https://wegweiser.example/x?token=abc&amp;lng=de"');
        expect(mail.html, where).not.toContain('<Nord>'); // parameters are escaped in HTML
        expect(mail.text, where).not.toContain('{{');
      }
    }
  });

  it('writes Arabic mail right-to-left and names the language', async () => {
    const mail = await renderMail('verifyEmail', 'ar', { link: 'https://wegweiser.example/b' });
    expect(mail.html).toContain('lang="ar" dir="rtl"');
    const easy = await renderMail('verifyEmail', 'ls', { link: 'https://wegweiser.example/b' });
    expect(easy.html).toContain('lang="de"');
  });
});
