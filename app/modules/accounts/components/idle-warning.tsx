import { useFetchers, useLocation, useNavigation, useRouteLoaderData } from '@remix-run/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IDLE_WARNING_MS, STAFF_IDLE_MS } from '~/auth/session-limits';

/**
 * WCAG 2.2.1 for the staff session's idle limit: two minutes before the server would end
 * the session, a modal dialog says so and offers "Angemeldet bleiben" (a small POST that
 * counts as activity) or signing out now. When the time has run out, the page goes to
 * /sitzung, which leads to the sign-in page with its "signed out after 30 minutes" note.
 *
 * The clock runs from the page's last request (page load, navigation, form, fetcher):
 * the server counts the same requests. Tabs share the time of the latest one through
 * localStorage, so an idle tab doesn't warn while the person works in another.
 * Without JavaScript there is no warning; the sign-in page still explains what happened.
 */
const SHARED_KEY = 'ww:staff-activity';
/** Leave after the server's limit, never before it: the session must already be gone. */
const GRACE_MS = 2_000;

interface RootData {
  account: { role: string } | null;
}

export function IdleWarning() {
  const root = useRouteLoaderData('root') as RootData | undefined;
  const staff = Boolean(root?.account && root.account.role !== 'citizen');
  return staff ? <IdleTimer /> : null;
}

function sharedActivity(): number {
  try {
    return Number(window.localStorage.getItem(SHARED_KEY)) || 0;
  } catch {
    return 0; // storage switched off: this tab counts alone
  }
}

function shareActivity(at: number) {
  try {
    window.localStorage.setItem(SHARED_KEY, String(at));
  } catch {
    // as above
  }
}

function leave() {
  const here = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/sitzung?redirectTo=${encodeURIComponent(here)}`);
}

function IdleTimer() {
  const { t } = useTranslation('account');
  const location = useLocation();
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const dialog = useRef<HTMLDialogElement>(null);
  const stayButton = useRef<HTMLButtonElement>(null);
  const [last, setLast] = useState(() => Date.now());
  const [warning, setWarning] = useState(false);
  const [failed, setFailed] = useState(false);

  const active = useCallback(() => {
    const at = Date.now();
    shareActivity(at);
    setLast(at);
  }, []);

  // A navigation or a fetcher starting and ending: requests the server counted too.
  const busy = navigation.state !== 'idle' || fetchers.some((f) => f.state !== 'idle');
  // biome-ignore lint/correctness/useExhaustiveDependencies: location.key and busy are the triggers, not inputs.
  useEffect(() => {
    active();
  }, [location.key, busy, active]);

  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === SHARED_KEY && event.newValue)
        setLast((l) => Math.max(l, Number(event.newValue) || 0));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  useEffect(() => {
    const since = Math.max(last, sharedActivity());
    const at = Date.now();
    const warnIn = since + STAFF_IDLE_MS - IDLE_WARNING_MS - at;
    if (warnIn > 0) setWarning(false);
    // Another tab may have been busy meanwhile: then start over from its time.
    const check = (then: () => void) => () => {
      const shared = sharedActivity();
      if (shared > since) setLast(shared);
      else then();
    };
    const timers = [
      window.setTimeout(
        check(() => setWarning(true)),
        Math.max(0, warnIn),
      ),
      window.setTimeout(check(leave), Math.max(0, since + STAFF_IDLE_MS + GRACE_MS - at)),
    ];
    return () => {
      for (const timer of timers) window.clearTimeout(timer);
    };
  }, [last]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (warning && !element.open) {
      setFailed(false);
      element.showModal();
      stayButton.current?.focus();
    } else if (!warning && element.open) element.close();
  }, [warning]);

  async function stay() {
    setFailed(false);
    const response = await fetch('/sitzung', { method: 'POST', credentials: 'same-origin' }).catch(
      () => null,
    );
    // Closing the dialog returns the focus to where it was: the person carries on.
    if (response?.status === 204) {
      active();
      setWarning(false);
    } else if (response?.status === 401) leave();
    else setFailed(true);
  }

  return (
    <dialog
      ref={dialog}
      className="kern-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="idle-warning-title"
      aria-describedby="idle-warning-text"
      onClose={() => setWarning(false)}
    >
      <header className="kern-dialog__header">
        <h2 className="kern-title" id="idle-warning-title">
          {t('idle.title')}
        </h2>
      </header>
      <section className="kern-dialog__body">
        <p className="kern-body" id="idle-warning-text">
          {t('idle.text')}
        </p>
        {failed ? (
          <p className="kern-body" role="alert">
            {t('idle.failed')}
          </p>
        ) : null}
      </section>
      <footer className="kern-dialog__footer">
        <form method="post" action="/abmelden">
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t('idle.signOut')}</span>
          </button>
        </form>
        <button ref={stayButton} type="button" className="kern-btn kern-btn--primary" onClick={stay}>
          <span className="kern-label">{t('idle.stay')}</span>
        </button>
      </footer>
    </dialog>
  );
}
