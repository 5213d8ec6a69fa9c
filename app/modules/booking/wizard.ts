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
