import { useLocation } from '@remix-run/react';
import { useEffect, useLayoutEffect, useRef } from 'react';

/**
 * What a screen reader hears and where keyboard focus is after a page changes without a
 * page load (Remix's client-side navigation). A full page load needs none of this: the
 * browser starts at the top and reads the new title itself.
 *
 * Without it, focus stayed on the element that had it (the next page's "Weiter" button,
 * rendered in the same place), nothing was announced, and a second Enter skipped a page.
 * The pattern is React Router's and Gatsby's route announcer plus GOV.UK's focus on the
 * heading: focus the new page's h1, and say the new title in a polite live region.
 */

const ANNOUNCER_ID = 'ww-announcer';

/**
 * The polite live region every announcement goes through, rendered once, empty, in the
 * root. Its text lives in a closed shadow root (as Next.js's route announcer does): screen
 * readers read it like any live region, but it never doubles the page's own text for
 * anything that searches the page (find in page, a test's getByText). The last
 * announcement is also in `data-announcement`, for tests.
 */
export function RouteAnnouncer() {
  return <div id={ANNOUNCER_ID} className="kern-sr-only" />;
}

const regions = new WeakMap<Element, HTMLElement>();

/** The live region inside the announcer, made on first use (it must exist before it speaks). */
function liveRegion(): { host: HTMLElement; region: HTMLElement } | null {
  const host = typeof document === 'undefined' ? null : document.getElementById(ANNOUNCER_ID);
  if (!host) return null;
  let region = regions.get(host);
  if (!region) {
    const root = host.attachShadow({ mode: 'closed' });
    region = document.createElement('div');
    region.setAttribute('aria-live', 'polite');
    region.setAttribute('aria-atomic', 'true');
    root.append(region);
    regions.set(host, region);
  }
  return { host, region };
}

let sequence = 0;
let hydrated = false;
/** The page (path and query) last shown; module state, so it survives the root's error boundary taking over. */
let shown: string | null = null;

/** True once the page is interactive: a status message mounted after that came from an action or navigation. */
export function isHydrated(): boolean {
  return hydrated;
}

/**
 * Says `text` through the live region. The region is emptied first and filled on the next
 * frame, so the same words said twice in a row are heard twice; of several calls in one
 * frame only the last is said.
 */
export function announce(text: string) {
  const live = liveRegion();
  if (!live) return;
  const mine = ++sequence;
  live.region.textContent = '';
  requestAnimationFrame(() => {
    if (mine !== sequence) return;
    live.region.textContent = text;
    live.host.dataset.announcement = text;
  });
}

/** Marks a status message ("Gespeichert", "Ihr Termin ist gebucht") for the announcement of a new page. */
export const STATUS_ATTRIBUTE = 'data-status-message';

/**
 * Called in the root route's component and its error boundary (the parents of every
 * page, so their effects run after the page's own effects). A new page is a new pathname or new search
 * parameters (the booking wizard's steps are GET forms); a form answered on the same URL
 * (an error summary, a saved notice) is not. A page that moved focus itself (an error
 * summary, the search page's result count) keeps it: that is the more useful place.
 */
export function useRouteFocus() {
  const location = useLocation();
  const focusBeforePage = useRef<Element | null>(null);
  const here = `${location.pathname}${location.search}`;

  // Layout effects run before every page's (passive) effects: remember where focus was
  // before the page had its say.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per page shown, not per render
  useLayoutEffect(() => {
    focusBeforePage.current = document.activeElement;
  }, [here]);

  useEffect(() => {
    const before = shown;
    shown = here;
    if (before === null) {
      hydrated = true;
      // Ready before anything is said: a live region added together with its text is often not read.
      liveRegion();
      return;
    }
    if (before === here) return;
    const main = document.getElementById('main');
    const active = document.activeElement;
    const pageMovedFocus =
      active instanceof HTMLElement &&
      active !== main &&
      main?.contains(active) &&
      (active !== focusBeforePage.current || active.getAttribute('tabindex') === '-1');
    if (pageMovedFocus) return;
    const heading = main?.querySelector('h1');
    if (heading instanceof HTMLElement) {
      // Focusable by script only: not a stop in the Tab order, and no focus ring (KERN
      // draws none on tabindex="-1").
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    } else {
      main?.focus({ preventScroll: true });
    }
    const statuses = Array.from(document.querySelectorAll(`main [${STATUS_ATTRIBUTE}]`))
      .map((el) => el.textContent?.trim())
      .filter(Boolean);
    announce([document.title, ...statuses].join('. '));
  }, [here]);
}
