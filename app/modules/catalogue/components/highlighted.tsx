import type { Highlighted } from '../../../../search/types';

/** Renders matched terms in <mark>, with no raw HTML from the engine. */
export function HighlightedText({ parts }: { parts: Highlighted }) {
  return (
    <>
      {parts.map((p, i) =>
        p.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity of their own
          <mark key={i}>{p.text}</mark>
        ) : (
          p.text
        ),
      )}
    </>
  );
}
