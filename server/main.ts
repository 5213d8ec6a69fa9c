/**
 * The Wegweiser server: one process that opens the database (embedded PostgreSQL when
 * DATABASE_URL is unset), migrates, seeds the demo data on first start, runs the job
 * queue and serves the Remix app behind the security middleware.
 *   node --import tsx server/main.ts          built app (npm start)
 *   node --import tsx server/main.ts --dev    Vite dev server with HMR (npm run dev)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import { authenticateRequest } from '../app/auth/request.server';
import { startJobs, stopJobs } from '../app/jobs/boss.server';
import { activeTestSwitches, EnvError, getEnv } from '../app/utils/env.server';
import { getLogger } from '../app/utils/logger.server';
import { seedDemoAccounts } from '../db/seed/accounts';
import { seedDemoData } from '../db/seed/seed';
import { getSearchEngine } from '../search/engine.server';
import { openDatabase } from './database';
import { originCheck, securityHeaders } from './security';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let env: ReturnType<typeof getEnv>;
try {
  env = getEnv();
} catch (error) {
  if (error instanceof EnvError) fail(`Wegweiser cannot start. ${error.message}`);
  throw error;
}
const logger = getLogger();

const switches = activeTestSwitches(env);
if (switches.length > 0) {
  logger.warn(
    { switches },
    '!!! TEST-ONLY SWITCHES ARE ON — this instance is for demos and tests, never for real citizens !!!',
  );
}

const db = await openDatabase(env, logger).catch((error: unknown) =>
  fail(`Wegweiser cannot open its database: ${error instanceof Error ? error.message : String(error)}`),
);
logger.info({ embedded: db.embedded }, 'Database ready');

if (env.APP_ENV !== 'production' && env.SEED_DEMO === 'on') {
  const started = Date.now();
  const result = await seedDemoData(db.sql, { offers: env.SEED_OFFERS });
  logger.info(
    { seeded: result.seeded, counts: result.counts, ms: Date.now() - started },
    result.seeded ? 'Demo data seeded' : 'Demo data already present; reusing it',
  );
  const accounts = await seedDemoAccounts(db.sql);
  if (accounts.seeded)
    logger.warn('Demo accounts created (see README): for trying the portal only, never in production');
}

await startJobs(db.url, { work: env.JOBS === 'in-process' });

// Load the search index before the first visitor asks (seconds at 100,000 offers).
{
  const started = Date.now();
  const engine = await getSearchEngine();
  await engine.warm?.();
  logger.info({ engine: engine.name, ms: Date.now() - started }, 'Search engine ready');
}

const app = express();
app.disable('x-powered-by');
// Exactly one proxy hop is trusted: its X-Forwarded-For entry is the client, anything a
// client wrote further left is ignored (per-IP throttling can't be dodged by a header).
if (env.TRUST_PROXY === 'on') app.set('trust proxy', 1);
app.use(compression());
app.use(securityHeaders({ dev, production: env.APP_ENV === 'production' }));
app.use(originCheck({ publicUrl: env.PUBLIC_URL }));

// Access log without personal data: no IP, no query string, no user agent.
app.use((req, res, next) => {
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    logger.info(
      { method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode, ms: Math.round(ms) },
      'request',
    );
  });
  next();
});

// Translations are read by the browser at runtime; a short cache keeps edits visible.
app.use('/locales', express.static(path.join(root, 'locales'), { maxAge: '5m', fallthrough: false }));

let build: ServerBuild | (() => Promise<ServerBuild>);
let closeVite: (() => Promise<void>) | undefined;
if (dev) {
  const vite = await import('vite');
  const viteServer = await vite.createServer({ server: { middlewareMode: true } });
  app.use(viteServer.middlewares);
  build = () => viteServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>;
  closeVite = () => viteServer.close();
} else {
  const clientDir = path.join(root, 'build/client');
  // Fingerprinted assets never change: cache them for a year.
  app.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y' }));
  app.use(express.static(clientDir, { maxAge: '1h' }));
  build = (await import(path.join(root, 'build/server/index.js'))) as ServerBuild;
}

app.all(
  '*',
  createRequestHandler({
    build,
    mode: dev ? 'development' : 'production',
    getLoadContext: async (req, res) => {
      const { auth, secureCookies, setCookie } = await authenticateRequest({
        cookieHeader: req.headers.cookie,
        protocol: req.protocol,
        hostname: req.hostname,
      });
      if (setCookie) res.append('Set-Cookie', setCookie);
      // Pages for a signed-in person are theirs alone: no shared or back-button cache.
      if (auth) res.setHeader('Cache-Control', 'private, no-store');
      return { cspNonce: res.locals.cspNonce as string, clientIp: req.ip ?? null, secureCookies, auth };
    },
  }),
);

const server = app.listen(env.PORT, env.HOST, () => {
  logger.info(
    { port: env.PORT, mode: env.APP_ENV, dev },
    `Wegweiser is listening on http://localhost:${env.PORT}`,
  );
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) {
    logger.warn('Second signal: exiting at once');
    process.exit(1);
  }
  stopping = true;
  logger.info({ signal }, 'Shutting down');
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // Requests still running after 10 s are cut off rather than holding the shutdown.
  const timer = setTimeout(() => server.closeAllConnections(), 10_000);
  await closed;
  clearTimeout(timer);
  await closeVite?.();
  await stopJobs().catch((error: unknown) => logger.error({ err: error }, 'Job queue did not stop cleanly'));
  await db.close().catch((error: unknown) => logger.error({ err: error }, 'Database did not stop cleanly'));
  logger.info('Stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
