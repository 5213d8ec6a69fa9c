import { isLanguage } from '../../i18n';
import { i18nServer } from '../../i18next.server';
import { consentTextKey } from './codes';
import type { ConsentWording } from './components/consents';

/**
 * A consent text version in any portal language, resolved on the server (the browser
 * holds only the page's language): for printing it in the person's language and for
 * showing the person the words they agreed to.
 */
export async function consentWording(version: string, language: string): Promise<ConsentWording> {
  const lng = isLanguage(language) ? language : 'de';
  const t = await i18nServer.getFixedT(lng, 'cases');
  const key = consentTextKey(version);
  const paragraphs = t(`${key}.body`, { returnObjects: true }) as unknown;
  return {
    version,
    language: lng,
    title: t(`${key}.title`),
    paragraphs: Array.isArray(paragraphs) ? (paragraphs as string[]) : [String(paragraphs)],
    note: t('consentText.versionNote', { version }),
    form: {
      name: t('consentPrint.name'),
      date: t('consentPrint.date'),
      signature: t('consentPrint.signature'),
    },
  };
}
