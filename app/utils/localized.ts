/**
 * Internal links carry the page's language (`?lng=`), so a link that is shared or
 * opened in a new tab shows the same language to the next person.
 */
export function withLanguage(to: string, lng: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(to) || to.startsWith('//') || to.startsWith('#')) return to;
  const url = new URL(to, 'http://x');
  url.searchParams.set('lng', lng);
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * A text stored in several languages (a topic's name, say): the reader's language, else
 * German (the source), else undefined.
 */
export function localText(text: Record<string, string>, lng: string): string | undefined {
  return text[lng] ?? text.de;
}

/**
 * A path on this site to go back to ("/angebote?q=x"), from a form field; anything else
 * ("//evil.example", "https://…", "\\host") becomes "/", so no form can redirect away.
 */
export function localPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || /[\\\s]/.test(value))
    return '/';
  return value.slice(0, 2000);
}
