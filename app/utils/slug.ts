import { fold } from '../../search/vocabulary';

/** "Volkshochschule Neukölln" → "volkshochschule-neukoelln" (URL-safe, at most `max` characters). */
export function slugify(text: string, max = 80): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}
