import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { IndexQuery, IndexResult, PartialResult, RunIndex } from './run-index';
import type { ToWorker } from './scan-worker';

/**
 * Splits a search's scan over two threads: this one scans the first half of the
 * candidate offers while a worker thread scans the second half of the same (shared)
 * columns; the halves' hits and counts are merged. A broad search over 100,000 offers
 * then takes about half as long on a machine with two cores.
 *
 * If the worker can't run (a bundled copy of this module finds no worker file beside
 * it) or doesn't know the index version, this thread scans both halves: slower, never
 * different.
 */
/** Below this many candidates the round trip to the worker costs more than it saves. */
export const MIN_PARALLEL = 4_000;

type Pending = (part: PartialResult | null) => void;

export class ParallelScan {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private sharedVersion = -1;
  /** Parts the worker scanned (for the tests: proof the second thread did the work). */
  remoteParts = 0;

  constructor() {
    const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'scan-worker.mjs');
    try {
      const worker = new Worker(file);
      worker.on('message', (m: { id: number; part: PartialResult | null }) => this.settle(m.id, m.part));
      // A worker that fails (also: no worker file, reported here, not by the constructor)
      // or can't read a message is given up; this thread then scans alone.
      worker.on('error', () => this.stop());
      worker.on('messageerror', () => this.stop());
      worker.on('exit', () => this.stop());
      // An idle worker doesn't keep the process alive (it is ref'ed while a scan runs).
      worker.unref();
      this.worker = worker;
    } catch {
      this.worker = null;
    }
  }

  /** Whether searches are split over two threads (for logs and tests). */
  get active(): boolean {
    return this.worker !== null;
  }

  async search(index: RunIndex, q: IndexQuery): Promise<IndexResult> {
    const plan = index.plan(q);
    const n = index.candidates(plan);
    if (!this.worker || n < MIN_PARALLEL) return index.merge(q, [index.scanPart(plan, 0, n)]);
    this.share(index);
    const half = n >> 1;
    const remote = this.request({ type: 'scan', version: index.version, plan, from: half, to: n });
    const local = index.scanPart(plan, 0, half);
    const answer = await remote;
    if (answer) this.remoteParts++;
    const other = answer ?? index.scanPart(plan, half, n);
    return index.merge(q, [local, other]);
  }

  /** Stops the worker (server shutdown, tests). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.stop();
    await worker?.terminate();
  }

  /** Hands the worker a new index version (messages arrive in order, before its scans). */
  private share(index: RunIndex) {
    if (index.version === this.sharedVersion) return;
    this.post({ type: 'index', columns: index.columns });
    this.sharedVersion = index.version;
  }

  private request(message: Omit<Extract<ToWorker, { type: 'scan' }>, 'id'>): Promise<PartialResult | null> {
    // Sharing the index may just have failed and stopped the worker: nobody would answer.
    if (!this.worker) return Promise.resolve(null);
    const id = ++this.nextId;
    return new Promise<PartialResult | null>((resolve) => {
      this.pending.set(id, resolve);
      this.worker?.ref();
      this.post({ ...message, id });
    });
  }

  private post(message: ToWorker) {
    try {
      this.worker?.postMessage(message);
    } catch {
      this.stop();
    }
  }

  private settle(id: number, part: PartialResult | null) {
    const resolve = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
    resolve?.(part);
  }

  /** From now on this thread scans alone; scans in flight are finished here. */
  private stop() {
    this.worker = null;
    this.sharedVersion = -1;
    for (const id of [...this.pending.keys()]) this.settle(id, null);
  }
}
