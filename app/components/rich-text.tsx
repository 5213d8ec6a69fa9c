import { cloneElement, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * German terms inside another language's text ("Bildungsgutschein", "Leichte Sprache")
 * are marked `<de>…</de>` in the translation files, so a screen reader switches to German
 * for them (WCAG 3.1.2). Plain `t()` drops the marks (see `languageMarks` in app/i18n.ts);
 * this renders one translation with its `<de>` marks as `<span lang="de">` and, optionally, more
 * components for other tags (`<email>…</email>` → an e-mail link). Values are
 * interpolated before the tags are read: pass no user input here, only our own data.
 *
 * Our own small reader of the marks instead of react-i18next's `<Trans>`, which parses any
 * HTML with a parser of its own: 3 kB of every page's JavaScript for two kinds of tag
 * (issue 19). It renders the same elements (rich-text.test.tsx compares them).
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
  const { t } = useTranslation(ns);
  // Keep the marks: they are what this component is for.
  const text = t(k, { ...values, applyPostProcessor: false }) as string;
  return <>{withMarks(text, { de: <span lang="de" />, ...components })}</>;
}

const TAG = /<([a-z][a-z0-9]*)>([\s\S]*?)<\/\1>/g;

/** `a <de>b</de> c` → ['a ', <span lang="de">b</span>, ' c']; unknown tags stay text. */
export function withMarks(text: string, components: Record<string, ReactElement>): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(TAG)) {
    const [whole, tag, inner] = match as unknown as [string, string, string];
    const component = components[tag];
    if (!component) continue;
    if (match.index > last) out.push(text.slice(last, match.index));
    out.push(cloneElement(component, { key: out.length }, ...withMarks(inner, components)));
    last = match.index + whole.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
