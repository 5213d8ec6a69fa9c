import { useTranslation } from 'react-i18next';
import { Alert } from '~/components/form';
import type { PageFormResult } from '~/utils/forms.server';

/** The messages of a refused button (a form without fields), as translation keys. */
export function messagesOf(result: PageFormResult | undefined, which: string): string[] {
  if (!result || result.which !== which || !('error' in result)) return [];
  return result.error?.[''] ?? [];
}

/** Why a button's action was refused, next to the button. */
export function Refusal({ result, which }: { result: PageFormResult | undefined; which: string }) {
  const { t } = useTranslation('cases');
  const messages = messagesOf(result, which);
  if (!messages.length) return null;
  return <Alert tone="danger">{messages.map((m) => t(m)).join(' ')}</Alert>;
}

/** "Saved" after a form without a page of its own. */
export function Done({
  result,
  which,
  text,
}: {
  result: PageFormResult | undefined;
  which: string;
  text: string;
}) {
  if (!result || result.which !== which || !('done' in result)) return null;
  return <Alert tone="success">{text}</Alert>;
}
