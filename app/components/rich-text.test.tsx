import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, Trans } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { supportedLanguages } from '~/i18n';
import { languageInstance, resources } from '~/i18next.server';
import { EmailLink } from './contact-links';
import { RichText, withMarks } from './rich-text';

/** Every text marked for RichText (`<de>`, `<email>`), as [namespace, key, text]. */
function markedTexts(lng: string): [string, string, string][] {
  const out: [string, string, string][] = [];
  const walk = (ns: string, value: unknown, prefix: string) => {
    if (typeof value === 'string') {
      const tags = [...value.matchAll(/<\/?([a-z]+)>/g)].map((m) => m[1]);
      if (tags.length > 0 && tags.every((tag) => tag === 'de' || tag === 'email'))
        out.push([ns, prefix, value]);
    } else for (const [k, v] of Object.entries(value as object)) walk(ns, v, prefix ? `${prefix}.${k}` : k);
  };
  for (const [ns, bundle] of Object.entries(resources[lng] ?? {})) walk(ns, bundle, '');
  return out;
}

describe('RichText', () => {
  it('renders every marked text in every language as react-i18next’s <Trans> did', async () => {
    let compared = 0;
    for (const lng of supportedLanguages) {
      const i18n = await languageInstance(lng);
      for (const [ns, key, text] of markedTexts(lng)) {
        const values = Object.fromEntries(
          [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => [m[1], `v-${m[1]}`]),
        );
        const components = { email: <EmailLink email="a@example.org" /> };
        const render = (node: React.ReactNode) =>
          renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
        const before = render(
          <Trans
            ns={ns}
            i18nKey={key}
            values={values}
            components={{ de: <span lang="de" />, ...components }}
            tOptions={{ applyPostProcessor: false }}
          />,
        );
        expect(
          render(<RichText ns={ns} k={key} values={values} components={components} />),
          `${lng} ${ns}:${key}`,
        ).toBe(before);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('keeps tags it has no component for as text, and nests', () => {
    const html = renderToStaticMarkup(
      withMarks('a <x>b</x> <em><de>c</de> d</em>', { de: <span lang="de" />, em: <em /> }),
    );
    expect(html).toBe('a &lt;x&gt;b&lt;/x&gt; <em><span lang="de">c</span> d</em>');
  });
});
