import { i18nServer, pageTitle } from '../../i18next.server';

/**
 * The self-assessment's page titles: the page's own name, then "self-assessment" and,
 * on a question page, the step ("Ihre Sprachen – Selbsteinschätzung, Schritt 4 von 7 –
 * Wegweiser"), so every step is told apart in tabs, history and by screen readers.
 */
export async function assessmentTitle(
  request: Request,
  pageKey: string,
  step?: { index: number; total: number },
): Promise<string> {
  const t = await i18nServer.getFixedT(request, 'assessment');
  // React escapes the title when rendering it.
  const values = { page: t(pageKey), interpolation: { escapeValue: false } };
  const text = step
    ? t('pageTitle.step', { ...values, step: step.index + 1, total: step.total })
    : t('pageTitle.page', values);
  return pageTitle(request, { text });
}
