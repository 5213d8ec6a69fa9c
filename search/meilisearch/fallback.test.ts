import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetEnvCache } from '../../app/utils/env.server';
import { FakeMeilisearch } from './fake-meilisearch';

const logger = vi.hoisted(() => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() }));
vi.mock('../../app/utils/logger.server', () => ({ getLogger: () => logger }));

const { activeEngineName, configuredEngine, getSearchEngine, meilisearchEngine, syncSearchIndex } =
  await import('../engine.server');

let meili: FakeMeilisearch;
const saved = { url: process.env.MEILISEARCH_URL, key: process.env.MEILISEARCH_KEY };

function configure(url: string | undefined) {
  if (url) process.env.MEILISEARCH_URL = url;
  else delete process.env.MEILISEARCH_URL;
  resetEnvCache();
}

beforeEach(() => {
  meili = new FakeMeilisearch();
  vi.stubGlobal('fetch', meili.fetch);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-02T10:00:00Z'));
  logger.warn.mockClear();
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

afterAll(() => {
  if (saved.url) process.env.MEILISEARCH_URL = saved.url;
  else delete process.env.MEILISEARCH_URL;
  resetEnvCache();
});

describe('engine choice', () => {
  it('uses PostgreSQL when Meilisearch is not configured, without asking anyone', async () => {
    configure(undefined);
    expect(configuredEngine()).toBe('postgres');
    expect((await getSearchEngine()).name).toBe('postgres');
    expect(meilisearchEngine()).toBeNull();
    await syncSearchIndex([1, 2]);
    expect(meili.requests).toEqual([]);
  });

  it('uses Meilisearch when it answers', async () => {
    configure('http://meili-up.test:7700');
    expect(configuredEngine()).toBe('meilisearch');
    expect((await getSearchEngine()).name).toBe('meilisearch');
    expect(await activeEngineName()).toBe('meilisearch');
    // The verdict is reused for a while: one probe for both calls.
    expect(meili.requests.map((r) => r.path)).toEqual(['/health']);
  });

  it('falls back to PostgreSQL when Meilisearch is unreachable, warning at most once a minute', async () => {
    configure('http://meili-down.test:7700');
    meili.down = true;
    expect((await getSearchEngine()).name).toBe('postgres');
    vi.setSystemTime(new Date('2026-03-02T10:00:10Z'));
    expect((await getSearchEngine()).name).toBe('postgres');
    expect(logger.warn).toHaveBeenCalledTimes(1);
    vi.setSystemTime(new Date('2026-03-02T10:01:05Z'));
    expect((await getSearchEngine()).name).toBe('postgres');
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('comes back to Meilisearch once it is up again', async () => {
    configure('http://meili-flaky.test:7700');
    meili.down = true;
    expect((await getSearchEngine()).name).toBe('postgres');
    meili.down = false;
    expect((await getSearchEngine()).name).toBe('postgres');
    vi.setSystemTime(new Date('2026-03-02T10:00:06Z'));
    expect((await getSearchEngine()).name).toBe('meilisearch');
  });

  it('shares one probe between concurrent requests', async () => {
    configure('http://meili-busy.test:7700');
    const engines = await Promise.all([getSearchEngine(), getSearchEngine(), getSearchEngine()]);
    expect(engines.map((e) => e.name)).toEqual(['meilisearch', 'meilisearch', 'meilisearch']);
    expect(meili.requests.filter((r) => r.path === '/health')).toHaveLength(1);
  });

  it('hands the sync job to the configured Meilisearch even while it does not serve', async () => {
    configure('http://meili-new.test:7700');
    expect(meilisearchEngine()?.name).toBe('meilisearch');
    await expect(syncSearchIndex([])).resolves.toBeUndefined();
  });
});
