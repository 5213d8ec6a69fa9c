import { parentPort } from 'node:worker_threads';
import { type RunColumns, RunIndex, type ScanPlan } from './run-index';

/**
 * The second thread of a search (see parallel-scan.ts): holds a view of the server's
 * index columns (shared memory, no copy) and scans the range of candidates it is sent.
 * The last two versions are kept: a search that started on the previous index may
 * arrive just after the next one.
 */
export type ToWorker =
  | { type: 'index'; columns: RunColumns }
  | { type: 'scan'; id: number; version: number; plan: ScanPlan; from: number; to: number };

const indexes: RunIndex[] = [];

parentPort?.on('message', (message: ToWorker) => {
  if (message.type === 'index') {
    indexes.unshift(new RunIndex(message.columns));
    indexes.length = Math.min(indexes.length, 2);
    return;
  }
  const index = indexes.find((i) => i.version === message.version);
  parentPort?.postMessage({
    id: message.id,
    part: index ? index.scanPart(message.plan, message.from, message.to) : null,
  });
});
