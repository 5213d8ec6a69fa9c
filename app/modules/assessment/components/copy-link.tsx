import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * "Copy link" for a read-only field. Progressive enhancement: the button exists only
 * with JavaScript (without it the field's text can be selected and copied); the outcome
 * is announced in a status region that is on the page before anything is written to it,
 * so screen readers pick up the change.
 */
export function CopyLinkButton({ fieldId }: { fieldId: string }) {
  const { t } = useTranslation('assessment');
  const [ready, setReady] = useState(false);
  const [message, setMessage] = useState('');
  useEffect(() => setReady(true), []);
  if (!ready) return null;

  async function copy() {
    const field = document.getElementById(fieldId) as HTMLInputElement | null;
    if (!field) return;
    setMessage('');
    try {
      // The Clipboard API needs a secure context; the selection fallback works elsewhere.
      if (navigator.clipboard && window.isSecureContext) await navigator.clipboard.writeText(field.value);
      else {
        field.select();
        if (!document.execCommand('copy')) throw new Error('copy refused');
      }
      setMessage(t('later.copied'));
    } catch {
      field.focus();
      field.select();
      setMessage(t('later.copyFailed'));
    }
  }

  return (
    <div className="ww-actions">
      <button type="button" className="kern-btn kern-btn--secondary" onClick={copy}>
        <span className="kern-label">{t('later.copy')}</span>
      </button>
      <p className="kern-body" role="status" data-copy-status="">
        {message}
      </p>
    </div>
  );
}
