/**
 * The staff session's idle limit, shared by the server (which ends the session) and the
 * browser (which warns before that happens, WCAG 2.2.1). No server code here: this file
 * is part of the browser bundle.
 */
export const STAFF_IDLE_MS = 30 * 60_000;
/** How long before the idle sign-out the warning appears. */
export const IDLE_WARNING_MS = 2 * 60_000;
