import { useTranslation } from 'react-i18next';

/** "Please wait 2 minutes" for a 429, in whole minutes above 90 seconds. */
export function useRetryAfterMessage(seconds: number | undefined): string[] | undefined {
  const { t } = useTranslation('account');
  if (!seconds) return undefined;
  return [
    seconds > 90
      ? t('errors.retryAfterMinutes', { count: Math.ceil(seconds / 60) })
      : t('errors.retryAfterSeconds', { count: seconds }),
  ];
}
