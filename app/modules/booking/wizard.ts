/** The booking wizard's URL state, shared by its server part and its pages (client-safe). */
export interface WizardParams {
  thema?: string;
  kanal?: string;
  stelle?: string;
  sprache?: string;
  ab?: string;
  /** The link token of a self-assessment whose result may be shared (asked on the last step). */
  ergebnis?: string;
  /** The offer the person asks about ("Beratung zu diesem Angebot"), checked on the server. */
  angebot?: string;
  /** The draft of the check page, when the person came back from it to change something. */
  entwurf?: string;
}

export type WizardStep = 'topic' | 'channel' | 'office' | 'language' | 'slots';

/**
 * Every page of the booking has one number, the same whichever way the person goes:
 * "Schritt 2 von 7" never becomes "3 von 6". Without the office (by phone or video) step
 * 3 is skipped, and the pages say so.
 */
export const STEP_NUMBER = {
  topic: 1,
  channel: 2,
  office: 3,
  language: 4,
  slots: 5,
  details: 6,
  check: 7,
} as const;
export const TOTAL_STEPS = 7;

export function readWizardParams(url: URL): WizardParams {
  const get = (k: string) => url.searchParams.get(k)?.trim() || undefined;
  return {
    thema: get('thema'),
    kanal: get('kanal'),
    stelle: get('stelle'),
    sprache: get('sprache'),
    ab: get('ab'),
    ergebnis: get('ergebnis'),
    angebot: get('angebot'),
    entwurf: get('entwurf'),
  };
}

/** The query string for a step, keeping only what was chosen before it. */
export function wizardQuery(params: WizardParams): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const s = search.toString();
  return s ? `?${s}` : '';
}

/**
 * The choices in the order the wizard asks them; what travels along from the start (the
 * self-assessment, the offer, the draft being changed) comes first.
 */
const CHOICES = ['ergebnis', 'angebot', 'entwurf', 'thema', 'kanal', 'stelle', 'sprache'] as const;

/** The choices made before this one: what its form and its "change" link keep. */
export function choicesBefore(
  choice: (typeof CHOICES)[number] | 'start',
  params: WizardParams,
): WizardParams {
  const end = choice === 'start' ? CHOICES.length : CHOICES.indexOf(choice);
  return Object.fromEntries(CHOICES.slice(0, end).map((k) => [k, params[k]]));
}

/** The page for one slot (details, or the staff's booking form) with every choice made. */
export function slotHref(path: string, params: WizardParams, start: string): string {
  const query = wizardQuery(choicesBefore('start', params));
  return `${path}${query ? `${query}&` : '?'}start=${encodeURIComponent(start)}`;
}
