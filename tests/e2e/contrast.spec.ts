import { expect, type Page, test } from '@playwright/test';

/**
 * What axe does not check: highlighted search words (<mark>, also inside the title links)
 * under forced colours and in dark mode, and motion for people who asked for less (issue
 * 13, items 20 and 26). The colours are the browser's computed ones, compared with the
 * WCAG relative-luminance formula.
 */

type Colours = { text: string; background: string; page: string; ratio: number; word: string }[];

/** Every highlighted word's computed text and background colour and their contrast ratio. */
async function markColours(page: Page): Promise<Colours> {
  return page.locator('.ww-hits mark').evaluateAll((marks) => {
    // Resolves any CSS colour (rgb(), oklch(), a system colour) to sRGB 0–255 via a canvas.
    const canvas = document.createElement('canvas').getContext('2d')!;
    const rgb = (colour: string) => {
      canvas.fillStyle = '#000';
      canvas.fillStyle = colour;
      canvas.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data;
      return { r: r!, g: g!, b: b!, a: a! };
    };
    const luminance = ({ r, g, b }: { r: number; g: number; b: number }) => {
      const channel = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const page = rgb(getComputedStyle(document.body).backgroundColor);
    const same = (x: typeof page, y: typeof page) => x.r === y.r && x.g === y.g && x.b === y.b;
    return marks.map((mark) => {
      const style = getComputedStyle(mark);
      const text = rgb(style.color);
      const background = rgb(style.backgroundColor);
      const [light, dark] = [luminance(text), luminance(background)].sort((x, y) => y - x) as [
        number,
        number,
      ];
      return {
        text: style.color,
        background: style.backgroundColor,
        // The highlight itself must show: a background equal to the page's is no highlight.
        page: same(background, page) ? 'same as the highlight' : 'differs',
        // A transparent background would mean "the page's colour shows through": not a highlight.
        ratio: background.a < 255 ? 0 : (light + 0.05) / (dark + 0.05),
        word: mark.textContent ?? '',
      };
    });
  });
}

async function expectVisibleHighlights(page: Page) {
  await page.goto('/angebote?q=deutsch&lng=de');
  // Words in the title links and in the summaries.
  await expect(page.locator('.ww-hits h3 a mark').first()).toBeVisible();
  await expect(page.locator('.ww-hits .ww-hit__summary mark').first()).toBeVisible();
  const colours = await markColours(page);
  expect(colours.length).toBeGreaterThan(1);
  for (const c of colours) {
    expect(c.text, `"${c.word}": text and highlight differ`).not.toBe(c.background);
    expect(c.page, `"${c.word}": the highlight stands out from the page`).toBe('differs');
    expect(c.ratio, `"${c.word}": ${c.text} on ${c.background}`).toBeGreaterThanOrEqual(4.5);
  }
}

// Chromium itself gives <mark> the system's Mark/MarkText under forced colours; the rule in
// app.css makes every engine do so. This guards the outcome in the browser we run.
test('highlighted words are readable under forced colours (contrast ≥ 4.5:1)', async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active' });
  await expectVisibleHighlights(page);
});

test('highlighted words are readable in dark mode (contrast ≥ 4.5:1)', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectVisibleHighlights(page);
  // The page really is in KERN's dark scheme (a light page would make this test pointless).
  const brightness = await page.evaluate(() => {
    const canvas = document.createElement('canvas').getContext('2d')!;
    canvas.fillStyle = getComputedStyle(document.body).backgroundColor;
    canvas.fillRect(0, 0, 1, 1);
    const [r, g, b] = canvas.getImageData(0, 0, 1, 1).data;
    return r! + g! + b!;
  });
  expect(brightness).toBeLessThan(60);
});

test('highlighted words are readable in the normal light scheme (contrast ≥ 4.5:1)', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await expectVisibleHighlights(page);
});

test('reduced motion: no smooth scrolling and no animation; smooth scrolling otherwise', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/?lng=de');
  const motion = () =>
    page.evaluate(() => {
      // KERN's loader (spinner), rendered for the measurement only.
      const loader = document.createElement('div');
      loader.className = 'kern-loader';
      document.body.append(loader);
      const animation = getComputedStyle(loader).animationName;
      loader.remove();
      return { scroll: getComputedStyle(document.documentElement).scrollBehavior, animation };
    });
  expect(await motion()).toEqual({ scroll: 'auto', animation: 'none' });

  await page.emulateMedia({ reducedMotion: 'no-preference' });
  expect(await motion()).toEqual({ scroll: 'smooth', animation: 'rotation' });
});
