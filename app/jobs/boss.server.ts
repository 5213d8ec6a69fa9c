import PgBoss from 'pg-boss';
import { errorFields, getLogger } from '~/utils/logger.server';
import type { Db } from '../../db/client.server';
import { PASSIVE_QUEUES, queues } from './queues.server';

/**
 * pg-boss, one instance per process (shared by the server and the Remix bundle through
 * globalThis). `work: true` also consumes jobs: the server does that by default, or a
 * separate `npm run worker` does when the server runs with JOBS=off.
 */
const g = globalThis as unknown as { __wegweiserBoss?: PgBoss };

export async function startJobs(url: string, options: { work: boolean }): Promise<PgBoss> {
  const logger = getLogger();
  const boss = new PgBoss({
    connectionString: url,
    max: 4,
    application_name: options.work ? 'wegweiser-worker' : 'wegweiser-web',
    // Only a consuming process runs maintenance and cron; a pure sender stays light.
    supervise: options.work,
    schedule: options.work,
  });
  // Message and code only: pg-boss hangs its pool client on the error (10 kB per line).
  boss.on('error', (error) => logger.error({ err: errorFields(error) }, 'pg-boss error'));
  await boss.start();
  for (const queue of queues) {
    // createQueue is idempotent in pg-boss 10; updateQueue keeps policies current.
    await boss.createQueue(queue.name, { name: queue.name, ...queue.options });
    await boss.updateQueue(queue.name, { name: queue.name, ...queue.options });
  }
  if (options.work) {
    for (const queue of queues) {
      if (queue.cron) await boss.schedule(queue.name, queue.cron, {}, { tz: 'Europe/Berlin' });
      if (PASSIVE_QUEUES.has(queue.name)) continue;
      await boss.work<object>(queue.name, async (jobs) => {
        for (const job of jobs) {
          const started = Date.now();
          try {
            await queue.handle(job.data as never, job.id);
          } catch (error) {
            // Said once per attempt, without the job's data (a mail's address and text stay out);
            // pg-boss retries it by the queue's policy.
            logger.warn(
              { queue: queue.name, job: job.id, ms: Date.now() - started, err: errorFields(error) },
              'Job failed; retried by its queue policy',
            );
            throw error;
          }
          logger.info({ queue: queue.name, job: job.id, ms: Date.now() - started }, 'Job done');
        }
      });
    }
  }
  g.__wegweiserBoss = boss;
  logger.info({ work: options.work, queues: queues.map((q) => q.name) }, 'Job queue started');
  return boss;
}

export function getBoss(): PgBoss {
  if (!g.__wegweiserBoss) throw new Error('The job queue has not been started');
  return g.__wegweiserBoss;
}

export async function stopJobs() {
  const boss = g.__wegweiserBoss;
  g.__wegweiserBoss = undefined;
  // graceful: running jobs finish (up to 10 s); close: its pool ends so the process can exit.
  await boss?.stop({ graceful: true, wait: true, timeout: 10_000, close: true });
}

/**
 * Enqueues a job. Pass the transaction when the job belongs to a change (a search sync
 * after an edit, a mail after a booking): the job then exists only if the change commits.
 */
export async function enqueue(name: string, data: object, options: { tx?: Db } = {}): Promise<string | null> {
  const { tx } = options;
  const db = tx
    ? {
        executeSql: async (text: string, values: unknown[]) => ({
          // pg turns undefined into NULL; postgres.js refuses it, and pg-boss passes undefined for unset options.
          rows: (await tx.unsafe(text, values.map((v) => v ?? null) as never[])) as unknown as unknown[],
        }),
      }
    : undefined;
  return getBoss().send(name, data, db ? { db } : {});
}
