/** The booking wizard's URL state, shared by its server part and its pages (client-safe). */
export interface WizardParams {
  thema?: string;
  kanal?: string;
  stelle?: string;
  sprache?: string;
  ab?: string;
  /** The link token of a self-assessment whose result may be shared (asked on the last step). */
  ergebnis?: string;
}

export type WizardStep = 'topic' | 'channel' | 'office' | 'language' | 'slots';

export function readWizardParams(url: URL): WizardParams {
  const get = (k: string) => url.searchParams.get(k)?.trim() || undefined;
  return {
    thema: get('thema'),
    kanal: get('kanal'),
    stelle: get('stelle'),
    sprache: get('sprache'),
    ab: get('ab'),
    ergebnis: get('ergebnis'),
  };
}

/** The query string for a step, keeping only what was chosen before it. */
export function wizardQuery(params: WizardParams): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** The choices in the order the wizard asks them (the self-assessment link travels first). */
const CHOICES = ['ergebnis', 'thema', 'kanal', 'stelle', 'sprache'] as const;

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
