/**
 * The Wegweiser server: one process that opens the database (embedded PostgreSQL when
 * DATABASE_URL is unset), migrates, seeds the demo data on first start, runs the job
 * queue and serves the Remix app behind the security middleware.
 *   node --import tsx server/main.ts          built app (npm start)
 *   node --import tsx server/main.ts --dev    Vite dev server with HMR (npm run dev)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import { authenticateRequest } from '../app/auth/request.server';
import { startJobs, stopJobs } from '../app/jobs/boss.server';
import { checkDatabase, markSearchReady } from '../app/modules/health/health.server';
import { activeTestSwitches, EnvError, getEnv } from '../app/utils/env.server';
import { setListeningOrigin } from '../app/utils/http.server';
import { errorFields, getLogger, maskPath } from '../app/utils/logger.server';
import { seedDemoAccounts } from '../db/seed/accounts';
import { seedDemoData } from '../db/seed/seed';
import { getSearchEngine } from '../search/engine.server';
import { openDatabase } from './database';
import { sendError } from './error-page';
import { Gate } from './gate';
import { methodGuard } from './methods';
import { Metrics, RoutePatterns } from './metrics';
import { live, metricsHandler, ready } from './operations';
import { remixHandler, type ServerState } from './request-handler';
import { originCheck, securityHeaders } from './security';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');
const startedAt = Date.now();

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

const db = await openDatabase(env, logger, { role: 'server' }).catch((error: unknown) =>
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
  markSearchReady();
  logger.info({ engine: engine.name, ms: Date.now() - started }, 'Search engine ready');
}

// Start-up work is done: requests get a pool whose statements and lock waits are cut off
// before the request's deadline (ADR 013).
await db.replacePool({
  max: env.DB_POOL_SIZE,
  statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
  lockTimeoutMs: env.DB_LOCK_TIMEOUT_MS,
});

// With DATABASE_URL the pool reconnects by itself when the database is back; say when it
// goes and comes back, so an operator reading the log knows what the 503s were.
{
  let up = true;
  setInterval(async () => {
    const database = await checkDatabase();
    if (up && database.status !== 'ok')
      logger.warn('The database does not answer; requests get 503 until it does');
    if (!up && database.status === 'ok')
      logger.info({ latencyMs: database.latencyMs }, 'The database answers again');
    up = database.status === 'ok';
  }, 2_000).unref();
}

const state: ServerState = { draining: false };
const metrics = new Metrics();
const gate = new Gate(env.MAX_CONCURRENT_REQUESTS, env.MAX_QUEUED_REQUESTS);
let routes: RoutePatterns | null = null;

const app = express();
app.disable('x-powered-by');
// Exactly one proxy hop is trusted: its X-Forwarded-For entry is the client, anything a
// client wrote further left is ignored (per-IP throttling can't be dodged by a header).
if (env.TRUST_PROXY === 'on') app.set('trust proxy', 1);

function routeLabel(pathname: string): string {
  for (const prefix of ['/assets/', '/locales/', '/healthz/'])
    if (pathname.startsWith(prefix)) return `${prefix}*`;
  if (pathname === '/metrics' || pathname === '/healthz') return pathname;
  return routes?.match(pathname) ?? '(dev)';
}

// Access log without personal data: no IP, no user agent, tokens in the path masked, other
// query parameters dropped, length capped. The same numbers feed /metrics.
app.use((req, res, next) => {
  const started = process.hrtime.bigint();
  if (state.draining) res.setHeader('Connection', 'close');
  let logged = false;
  const done = () => {
    if (logged) return;
    logged = true;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const status = res.headersSent ? res.statusCode : 0;
    metrics.observeRequest(req.method, routeLabel(req.path), status, seconds);
    logger.info(
      {
        method: req.method,
        path: maskPath(req.originalUrl),
        status,
        ms: Math.round(seconds * 1000),
        ...(res.writableFinished ? {} : { aborted: true }),
      },
      'request',
    );
  };
  res.on('finish', done);
  res.on('close', done);
  next();
});

app.get('/healthz/live', live);
app.get('/healthz/ready', ready);
app.get('/metrics', metricsHandler({ metrics, gate, token: env.METRICS_TOKEN, startedAt }));

app.use(compression());
app.use(securityHeaders({ dev, production: env.APP_ENV === 'production' }));
app.use(originCheck({ publicUrl: env.PUBLIC_URL }));
app.use(methodGuard());

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
  const serverBuild = (await import(path.join(root, 'build/server/index.js'))) as ServerBuild;
  routes = new RoutePatterns(serverBuild.routes);
  build = serverBuild;
}

app.all(
  '*',
  remixHandler({
    build,
    mode: dev ? 'development' : 'production',
    deadlineMs: env.REQUEST_TIMEOUT_MS,
    gate,
    metrics,
    logger,
    state,
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

// Whatever still fails (a malformed URL in a static path, a bug) ends as a logged error page,
// never Express's plain stack on stderr.
app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
  const status = (error as { status?: number }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (!res.headersSent) res.status(status).type('text/plain').end('Bad request');
    return;
  }
  logger.error({ err: errorFields(error), path: maskPath(req.originalUrl) }, 'Request failed');
  void sendError(req, res, 500).catch(() => res.destroy());
});

// Links in mails and exports use PUBLIC_URL, else this origin — never a request's Host header.
setListeningOrigin(`http://localhost:${env.PORT}`);
const server = app.listen(env.PORT, env.HOST, () => {
  logger.info(
    { port: env.PORT, mode: env.APP_ENV, dev },
    `Wegweiser is listening on http://localhost:${env.PORT}`,
  );
});
// A client has 20 s to send its headers and 150 s for a whole request (a 10 MB upload on a slow line).
server.headersTimeout = 20_000;
server.requestTimeout = 150_000;

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) {
    logger.warn('Second signal: exiting at once');
    process.exit(1);
  }
  stopping = true;
  // Drain: no new connections; responses from now on close theirs; idle keep-alive
  // connections go at once (and whenever a response in flight ends); requests in flight get
  // DRAIN_TIMEOUT_MS, then their connections are cut — a cut response is never a complete 200.
  state.draining = true;
  logger.info({ signal, drainMs: env.DRAIN_TIMEOUT_MS, inFlight: gate.inFlight }, 'Shutting down');
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  const cut = setTimeout(() => {
    logger.warn('Drain window over: cutting the connections still open');
    server.closeAllConnections();
  }, env.DRAIN_TIMEOUT_MS);
  await closed;
  clearInterval(idle);
  clearTimeout(cut);
  await closeVite?.();
  await stopJobs().catch((error: unknown) =>
    logger.error({ err: errorFields(error) }, 'Job queue did not stop cleanly'),
  );
  await db
    .close()
    .catch((error: unknown) => logger.error({ err: errorFields(error) }, 'Database did not stop cleanly'));
  logger.info('Stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
