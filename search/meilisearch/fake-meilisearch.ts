/**
 * A small in-memory stand-in for the Meilisearch HTTP API, installed as `fetch`: enough
 * of indexes, documents, settings, tasks and swaps to check what the engine asks for and
 * in which order. Searches are not evaluated; tests queue the responses they want.
 */
type Doc = Record<string, unknown>;

export interface FakeRequest {
  method: string;
  path: string;
  body: unknown;
}

interface FakeIndex {
  uid: string;
  docs: Map<unknown, Doc>;
  settings: unknown;
}

export class FakeMeilisearch {
  readonly requests: FakeRequest[] = [];
  readonly indexes = new Map<string, FakeIndex>();
  readonly multiSearchResponses: { results: unknown[] }[] = [];
  /** Task types that fail (e.g. 'documentAdditionOrUpdate'), to test the error paths. */
  failTaskTypes = new Set<string>();
  down = false;
  private tasks: Doc[] = [];

  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (this.down) throw new TypeError('fetch failed');
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = typeof init?.body === 'string' && init.body ? JSON.parse(init.body) : undefined;
    this.requests.push({ method, path: url.pathname, body });
    return this.handle(method, url, body);
  };

  /** The requests other than task polling, as "METHOD /path". */
  calls(): string[] {
    return this.requests.filter((r) => !r.path.startsWith('/tasks/')).map((r) => `${r.method} ${r.path}`);
  }

  addIndex(uid: string, docs: object[] = []) {
    const entries = (docs as Doc[]).map((d): [unknown, Doc] => [d.id, d]);
    this.indexes.set(uid, { uid, docs: new Map(entries), settings: {} });
  }

  private json(status: number, data: unknown): Response {
    return new Response(JSON.stringify(data), { status, headers: { 'Content-Type': 'application/json' } });
  }

  private notFound(uid: string): Response {
    return this.json(404, {
      message: `Index \`${uid}\` not found.`,
      code: 'index_not_found',
      type: 'invalid_request',
      link: 'https://docs.meilisearch.com/errors#index_not_found',
    });
  }

  private task(type: string, indexUid: string | null, apply: () => void): Response {
    const uid = this.tasks.length;
    const failed = this.failTaskTypes.has(type);
    if (!failed) apply();
    this.tasks.push({
      uid,
      indexUid,
      type,
      status: failed ? 'failed' : 'succeeded',
      error: failed ? { message: 'boom', code: 'internal', type: 'internal', link: '' } : null,
      batchUid: uid,
      canceledBy: null,
      duration: 'PT0S',
      enqueuedAt: new Date().toISOString(),
      startedAt: new Date().toISOString(),
      finishedAt: new Date().toISOString(),
    });
    return this.json(202, {
      taskUid: uid,
      indexUid,
      status: 'enqueued',
      type,
      enqueuedAt: new Date().toISOString(),
    });
  }

  private handle(method: string, url: URL, body: unknown): Response {
    const path = url.pathname;
    const parts = path.split('/').filter(Boolean);
    if (method === 'GET' && path === '/health') return this.json(200, { status: 'available' });
    if (method === 'GET' && parts[0] === 'tasks' && parts[1]) {
      const task = this.tasks[Number(parts[1])];
      return task ? this.json(200, task) : this.json(404, { code: 'task_not_found', message: 'no task' });
    }
    if (method === 'POST' && path === '/multi-search') {
      const next = this.multiSearchResponses.shift();
      if (!next) throw new Error('No multi-search response queued');
      return this.json(200, next);
    }
    if (method === 'POST' && path === '/swap-indexes') {
      const [swap] = body as { indexes: [string, string] }[];
      const [a, b] = swap!.indexes;
      if (!this.indexes.has(a) || !this.indexes.has(b)) return this.notFound(this.indexes.has(a) ? b : a);
      return this.task('indexSwap', null, () => {
        const ia = this.indexes.get(a)!;
        const ib = this.indexes.get(b)!;
        this.indexes.set(a, { ...ib, uid: a });
        this.indexes.set(b, { ...ia, uid: b });
      });
    }
    if (parts[0] !== 'indexes') return this.json(404, { code: 'not_found', message: path });
    if (parts.length === 1 && method === 'GET') {
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const all = [...this.indexes.keys()]
        .sort()
        .map((uid) => ({ uid, primaryKey: 'id', createdAt: '', updatedAt: '' }));
      return this.json(200, { results: all.slice(offset, offset + limit), offset, limit, total: all.length });
    }
    if (parts.length === 1 && method === 'POST') {
      const { uid } = body as { uid: string };
      return this.task('indexCreation', uid, () => this.addIndex(uid));
    }
    const uid = parts[1]!;
    const index = this.indexes.get(uid);
    if (parts.length === 2 && method === 'GET') {
      return index
        ? this.json(200, { uid, primaryKey: 'id', createdAt: '', updatedAt: '' })
        : this.notFound(uid);
    }
    if (parts.length === 2 && method === 'DELETE') {
      if (!index) return this.notFound(uid);
      return this.task('indexDeletion', uid, () => this.indexes.delete(uid));
    }
    if (!index) return this.notFound(uid);
    if (parts[2] === 'settings' && method === 'PATCH') {
      return this.task('settingsUpdate', uid, () => {
        index.settings = body;
      });
    }
    if (parts[2] === 'documents' && parts[3] === 'delete' && method === 'POST') {
      const filter = (body as { filter: string }).filter;
      const ids = /^offer_id IN \[([\d, ]*)\]$/
        .exec(filter)?.[1]
        ?.split(',')
        .map((s) => Number(s.trim()));
      if (!ids) throw new Error(`Unexpected deletion filter: ${filter}`);
      return this.task('documentDeletion', uid, () => {
        for (const [id, doc] of index.docs) if (ids.includes(doc.offer_id as number)) index.docs.delete(id);
      });
    }
    if (parts[2] === 'documents' && parts.length === 3 && method === 'POST') {
      return this.task('documentAdditionOrUpdate', uid, () => {
        for (const doc of body as Doc[]) index.docs.set(doc.id, doc);
      });
    }
    return this.json(404, { code: 'not_found', message: `${method} ${path}` });
  }
}
