import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * Every e2e test calls this on every page it visits: axe with the WCAG 2.1 A/AA rules
 * (BITV 2.0), and the violations listed by rule and element when there are any; then
 * the checks axe does not make (see `expectSoundPage`).
 */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, 'axe violations').toEqual([]);
  await expectSoundPage(page);
}

/**
 * What axe 4.x no longer reports but people hit: a duplicate id breaks `form=`,
 * `for=`, `aria-describedby` and skip links silently (a counsellor's cancel form once
 * pointed at a heading), and a page without a title is announced as its URL.
 */
export async function expectSoundPage(page: Page) {
  const facts = await page.evaluate(() => {
    const counts = new Map<string, number>();
    for (const el of Array.from(document.querySelectorAll('[id]'))) {
      counts.set(el.id, (counts.get(el.id) ?? 0) + 1);
    }
    return {
      duplicateIds: [...counts].filter(([, n]) => n > 1).map(([id, n]) => `${id} ×${n}`),
      title: document.title.trim(),
    };
  });
  expect(facts.duplicateIds, `duplicate ids on ${page.url()}`).toEqual([]);
  expect(facts.title, `title of ${page.url()}`).not.toBe('');
}

/**
 * WCAG 1.4.10 (reflow): at 320 CSS px nothing may need horizontal scrolling. The page
 * is measured at the viewport it has; callers set 320 px first.
 */
export async function expectReflow(page: Page) {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
    // The widest elements, to make a failure easy to trace.
    culprits: Array.from(document.querySelectorAll('body *'))
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { el, right: Math.max(r.right - window.innerWidth, -r.left) };
      })
      .filter((x) => x.right > 1)
      .sort((a, b) => b.right - a.right)
      .slice(0, 5)
      .map(
        (x) =>
          `${x.el.tagName.toLowerCase()}${x.el.id ? `#${x.el.id}` : ''}${
            typeof x.el.className === 'string' && x.el.className
              ? `.${x.el.className.split(' ').join('.')}`
              : ''
          } +${Math.round(x.right)}px`,
      ),
  }));
  expect(
    widths.scroll,
    `${page.url()} is ${widths.scroll} px wide at ${widths.viewport} px: ${widths.culprits.join(', ')}`,
  ).toBeLessThanOrEqual(widths.viewport);
}
