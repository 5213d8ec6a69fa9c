import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { operator } from '../../config/operator';
import { supportedLanguages } from '../../i18n';
import { MAIL_TEMPLATES, type MailTemplate, renderMail, templateNameKey } from './mail.server';

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

describe('mail to provider staff', () => {
  it('sends from no-reply, so no text invites a reply; each names the office’s own contact instead', async () => {
    for (const lng of supportedLanguages) {
      for (const template of ['offerUnpublished', 'providerApproved', 'providerSuspended'] as const) {
        const mail = await renderMail(template, lng, {
          link: 'https://wegweiser.example/anbieterbereich',
          provider: 'VHS Nord',
          title: 'Deutsch A2',
          reason: 'Zertifikat abgelaufen',
        });
        const where = `${lng}/${template}`;
        expect(mail.text, where).toContain(operator.email);
        expect(mail.text, where).toContain(operator.phone);
        expect(mail.text, where).not.toMatch(
          /antworten Sie (einfach )?auf diese E-Mail|reply to this email|e-postayı yanıtla|رد على هذ|дайте відповідь на цей лист|ответьте на это письмо/i,
        );
      }
    }
  });

  it('tells a suspended provider why', async () => {
    for (const lng of supportedLanguages) {
      const mail = await renderMail('providerSuspended', lng, {
        provider: 'VHS Nord',
        reason: 'Zertifikat abgelaufen',
      });
      expect(mail.text, lng).toContain('Zertifikat abgelaufen');
    }
  });
});

describe('template names on /admin/mails', () => {
  it('every template has a name in German (the other languages follow German, see locales.test.ts)', () => {
    const names = JSON.parse(readFileSync(path.join(__dirname, '../../../locales/de/account.json'), 'utf8'))
      .admin.mail.templates;
    expect(MAIL_TEMPLATES.filter((template) => !names[templateNameKey(template)])).toEqual([]);
  });
});
