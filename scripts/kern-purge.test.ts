import postcss from 'postcss';
import { describe, expect, it } from 'vitest';
import { kernPurge, kernUsage, selectorInUse } from './kern-purge';

// `${` written so that it is plain text here, as it is in the source files the build reads.
const interpolation = '$' + '{';

describe('leaving out unused KERN rules', () => {
  const usage = kernUsage([
    `<p className="kern-body kern-btn kern-btn--primary">`,
    `const icon = \`kern-icon--${interpolation}name}\`;`,
    "const badge = 'kern-badge--' + tone;",
  ]);

  it('reads the classes the source names, and the prefixes classes are built from', () => {
    expect([...usage.classes].sort()).toEqual(['kern-body', 'kern-btn', 'kern-btn--primary']);
    expect([...usage.prefixes].sort()).toEqual(['kern-badge--', 'kern-icon--']);
    // A bare prefix keeps everything.
    expect(selectorInUse('.kern-anything', kernUsage([`\`kern-${interpolation}x}\``]))).toBe(true);
  });

  it('keeps a selector only a class nobody uses can stop from matching', () => {
    expect(selectorInUse('.kern-btn--primary:hover', usage)).toBe(true);
    expect(selectorInUse('.kern-icon--search', usage)).toBe(true);
    expect(selectorInUse('.kern-badge--danger .kern-body', usage)).toBe(true);
    expect(selectorInUse('.kern-table__row', usage)).toBe(false);
    expect(selectorInUse('.kern-btn .kern-table__row', usage)).toBe(false);
    // Unused classes under :not() or in an :is() list don't stop it.
    expect(selectorInUse('.kern-btn:not(.kern-number)', usage)).toBe(true);
    expect(
      selectorInUse(':is(body,.kern-light,[data-kern-theme=dark]):not([class*=kern-level-])', usage),
    ).toBe(true);
  });

  it("changes only KERN's own file: a list keeps what can match, media queries left empty go", async () => {
    const kern =
      '.kern-btn,.kern-zz-unused{color:red}.kern-zz-unused{color:blue}@media (min-width:1px){.kern-zz-unused{x:y}}h1{margin:0}';
    const plugin = kernPurge(process.cwd());
    const purged = await postcss([plugin]).process(kern, {
      from: '/x/node_modules/@kern-ux/native/dist/kern.min.css',
    });
    expect(purged.css).toBe('.kern-btn{color:red}h1{margin:0}');
    const ours = await postcss([kernPurge(process.cwd())]).process('.kern-zz-unused{color:blue}', {
      from: '/x/app/styles/app.css',
    });
    expect(ours.css).toBe('.kern-zz-unused{color:blue}');
  });
});
