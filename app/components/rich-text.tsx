import type { ReactElement } from 'react';
import { Trans } from 'react-i18next';

/**
 * German terms inside another language's text ("Bildungsgutschein", "Leichte Sprache")
 * are marked `<de>…</de>` in the translation files, so a screen reader switches to German
 * for them (WCAG 3.1.2). Plain `t()` drops the marks (see `languageMarks` in app/i18n.ts);
 * this renders one translation with its `<de>` marks as `<span lang="de">` and, optionally, more
 * components for other tags (`<email>…</email>` → an e-mail link). Values are
 * interpolated before the tags are read: pass no user input here, only our own data.
 */
export function RichText({
  ns,
  k,
  values,
  components,
}: {
  ns: string;
  k: string;
  values?: Record<string, string | number>;
  components?: Record<string, ReactElement>;
}) {
  return (
    <Trans
      ns={ns}
      i18nKey={k}
      values={values}
      components={{ de: <span lang="de" />, ...components }}
      // Keep the marks: they are what this component is for.
      tOptions={{ applyPostProcessor: false }}
    />
  );
}
