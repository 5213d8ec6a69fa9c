import { describe, expect, it, vi } from 'vitest';
import { getLogger } from '~/utils/logger.server';
import type { ExportOffer } from '../../../../db/queries/export.server';
import { toByteStream } from './export.server';
import { jsonLdChunks } from './jsonld.server';
import { offer, run } from './test-offers';

async function* batches(...groups: ExportOffer[][]) {
  for (const group of groups) yield group;
}

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

describe('JSON-LD export', () => {
  it('writes one Course per offer into one @graph, chunk by chunk', async () => {
    const offers = [offer(), offer({ title: 'Englisch A1', language: 'en' }), offer({ runs: [] })];
    const chunks = await collect(
      jsonLdChunks(batches(offers.slice(0, 2), [], offers.slice(2)), {
        baseUrl: 'https://wegweiser.example',
        scheduledOnly: true,
      }),
    );
    // Opening, one chunk per non-empty batch, closing.
    expect(chunks).toHaveLength(4);
    const doc = JSON.parse(chunks.join(''));
    expect(doc['@context']).toBe('https://schema.org');
    expect(doc['@graph'].map((c: { '@type': string; '@id': string }) => [c['@type'], c['@id']])).toEqual(
      offers.map((o) => ['Course', `https://wegweiser.example/angebote/${o.id}`]),
    );
    expect(doc['@graph'].some((c: object) => '@context' in c)).toBe(false);
    expect(doc['@graph'][1]).toMatchObject({ name: 'Englisch A1', inLanguage: 'en' });
  });

  it('writes an empty graph for an empty catalogue', async () => {
    const chunks = await collect(
      jsonLdChunks(batches(), { baseUrl: 'https://w.example', scheduledOnly: true }),
    );
    expect(JSON.parse(chunks.join(''))).toEqual({ '@context': 'https://schema.org', '@graph': [] });
  });

  it('leaves cancelled runs out of the public export and marks them in a provider export', async () => {
    const o = offer({ runs: [run(), run({ status: 'cancelled', starts_on: '2025-06-01' })] });
    const read = async (scheduledOnly: boolean) =>
      JSON.parse(
        (await collect(jsonLdChunks(batches([o]), { baseUrl: 'https://w.example', scheduledOnly }))).join(''),
      )['@graph'][0].hasCourseInstance;
    expect(await read(true)).toHaveLength(1);
    const all = await read(false);
    expect(all.map((i: { eventStatus?: string }) => i.eventStatus)).toEqual([
      undefined,
      'https://schema.org/EventCancelled',
    ]);
  });
});

describe('toByteStream', () => {
  it('produces a chunk only when the reader asks, and stops the source when cancelled', async () => {
    let produced = 0;
    let finished = false;
    async function* source() {
      try {
        for (let i = 0; i < 1000; i++) {
          produced++;
          yield `chunk ${i};`;
        }
      } finally {
        finished = true;
      }
    }
    const stream = toByteStream(source(), 'test');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(produced).toBe(0);
    const reader = stream.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('chunk 0;');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(produced).toBe(1);
    await reader.cancel();
    expect(finished).toBe(true);
    expect(produced).toBe(1);
  });

  it('stays quiet when cancelled while a chunk is being made', async () => {
    let release: () => void = () => {};
    async function* source() {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      yield 'late';
    }
    const logged = vi.spyOn(getLogger(), 'error').mockImplementation(() => {});
    const reader = toByteStream(source(), 'test').getReader();
    const pending = reader.read();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const cancelled = reader.cancel();
    release();
    await cancelled;
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
  });

  it('skips empty chunks and errors the stream when the source fails', async () => {
    async function* source() {
      yield '';
      yield 'a';
      throw new Error('database gone');
    }
    const logged = vi.spyOn(getLogger(), 'error').mockImplementation(() => {});
    const reader = toByteStream(source(), 'test').getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('a');
    await expect(reader.read()).rejects.toThrow('database gone');
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });
});
