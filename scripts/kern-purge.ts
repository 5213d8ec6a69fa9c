import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Leaves out the KERN UX rules for classes the portal never uses (issue 19): KERN ships one
 * stylesheet of 340 kB (23 kB brotli) for every component and utility; we use a small part.
 *
 * Robust by construction, not by a list kept by hand:
 * - The classes in use are every `kern-…` word in the source (app/, server/, public/), read
 *   at build time. A class built at runtime from a literal prefix (`kern-icon--${name}`,
 *   `'kern-alert--' + kind`) keeps every class with that prefix; a bare `kern-` prefix keeps
 *   everything.
 * - Only rules from KERN's own file are touched, and in them only selectors naming a KERN
 *   class the source never mentions: element selectors, custom properties, @font-face and
 *   keyframes stay.
 * - A selector list keeps the selectors that can match; a rule goes only when none can.
 */
export interface KernUsage {
  classes: Set<string>;
  prefixes: Set<string>;
}

const TOKEN = /kern-[a-zA-Z0-9_-]*/g;

/** The KERN classes a source text names, and the prefixes it builds classes from. */
export function kernUsage(sources: Iterable<string>): KernUsage {
  const classes = new Set<string>();
  const prefixes = new Set<string>();
  for (const source of sources) {
    for (const match of source.matchAll(TOKEN)) {
      const after = source.slice(match.index + match[0].length, match.index + match[0].length + 6);
      // Followed by an interpolation or by a closing quote and `+`: the start of a class built at runtime.
      if (after.startsWith('${') || /^['"`]\s*\+/.test(after)) prefixes.add(match[0]);
      else if (match[0].length > 'kern-'.length) classes.add(match[0]);
    }
  }
  return { classes, prefixes };
}

export function isUsed(className: string, usage: KernUsage): boolean {
  if (usage.classes.has(className)) return true;
  for (const prefix of usage.prefixes) if (className.startsWith(prefix)) return true;
  return false;
}

/**
 * Can this selector match, given the classes in use? Every KERN class it requires must be
 * used. A class inside `:not()` is not required (`:not(.kern-number)` matches all the more
 * when nobody uses it), nor one inside `:is()`/`:where()` (any one of a list suffices, `body`
 * in KERN's theme rules): those are not read, which keeps the rule.
 */
export function selectorInUse(selector: string, usage: KernUsage): boolean {
  const required = selector.replace(/:(not|is|where)\((?:[^()]|\([^()]*\))*\)/g, '');
  for (const match of required.matchAll(/\.(kern-[a-zA-Z0-9_-]+)/g))
    if (!isUsed(match[1]!, usage)) return false;
  return true;
}

function sourceTexts(root: string): string[] {
  const texts: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.(tsx?|css|html|svg)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
        texts.push(readFileSync(file, 'utf8'));
    }
  };
  for (const dir of ['app', 'server', 'public']) walk(path.join(root, dir));
  return texts;
}

// The PostCSS API as far as this plugin uses it (PostCSS itself comes with Vite).
interface CssNode {
  type: string;
  parent?: CssNode;
  nodes?: CssNode[];
  name?: string;
  selectors?: string[];
  source?: { input?: { file?: string } };
  remove(): void;
}
interface CssRoot {
  walkRules(callback: (rule: CssNode) => void): void;
  walkAtRules(callback: (rule: CssNode) => void): void;
}

/** The PostCSS plugin for vite.config.ts. */
export function kernPurge(root: string) {
  let usage: KernUsage | undefined;
  return {
    postcssPlugin: 'kern-purge',
    Once(css: CssRoot) {
      usage ??= kernUsage(sourceTexts(root));
      const used = usage;
      css.walkRules((rule) => {
        if (!rule.source?.input?.file?.includes(`${path.sep}@kern-ux${path.sep}`)) return;
        if (rule.parent?.type === 'atrule' && /keyframes$/.test(rule.parent.name ?? '')) return;
        const selectors = rule.selectors ?? [];
        const kept = selectors.filter((s) => selectorInUse(s, used));
        if (kept.length === 0) rule.remove();
        else if (kept.length < selectors.length) rule.selectors = kept;
      });
      // Media queries and the like left empty.
      css.walkAtRules((atRule) => {
        if (atRule.nodes && atRule.nodes.length === 0 && atRule.source?.input?.file?.includes('@kern-ux'))
          atRule.remove();
      });
    },
  };
}
