/**
 * `npm run bench:provider-list -- --offers 1000`
 * The provider's offer list (/anbieterbereich) for a provider with that many offers, as
 * the browser gets it: the built app in its own server process (`npm start`'s code), the
 * demo owner signed in, whole HTML documents over HTTP. Seeds a fresh database
 * (`bench_provider_list`): the demo catalogue and accounts, then the owner's provider
 * topped up with copies of its own offers (runs shifted, statuses mixed) to the count.
 * Prints the time to the last byte (p50/p95) and the largest page, one JSON line last.
 * Uses DATABASE_URL's server when set, else an embedded PostgreSQL under .data/bench.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createSession } from '../../app/auth/session.server';
import { listOwnOffers } from '../../app/modules/providers/offers.server';
import { offerListSchema } from '../../app/modules/providers/schemas';
import { duplicateOffer } from '../../db/queries/provider-offers.server';
import { loadReferenceData } from '../../db/reference/load';
import { DEMO_ACCOUNTS, seedDemoAccounts } from '../../db/seed/accounts';
import { seedDemoData } from '../../db/seed/seed';
import { benchDatabase, percentile } from './support';

const { values } = parseArgs({
  options: { offers: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '20' } },
});
const OFFERS = Number(values.offers);
const ROUNDS = Number(values.rounds);
const logger = pino({ level: 'warn' }, process.stderr);

const { sql, url: database, close } = await benchDatabase('bench_provider_list', { fresh: true, logger });
await loadReferenceData(sql);
await seedDemoData(sql, { offers: 600, seed: 42 });
await seedDemoAccounts(sql);
const [owner] = await sql<{ userId: number; providerId: number }[]>`
  select u.id as "userId", m.provider_id as "providerId"
  from users u join provider_members m on m.user_id = u.id
  where u.email = ${DEMO_ACCOUNTS.providerOwner.email}`;
if (!owner) throw new Error('the demo owner has no provider');

// ---- top up to OFFERS: copies of the provider's own offers, a term later each round ---------
const originals = await sql<{ id: number }[]>`
  select id from offers where provider_id = ${owner.providerId} order by id`;
let count = originals.length;
for (let round = 1; count < OFFERS; round++) {
  for (const { id } of originals) {
    if (count >= OFFERS) break;
    const copy = await duplicateOffer(sql, id, 26 * round, ` (${round + 1})`);
    await sql`update offers set course_number = coalesce(course_number, 'K') || '-' || ${round}, status = ${
      count % 10 === 0 ? 'archived' : count % 3 === 0 ? 'draft' : 'published'
    } where id = ${copy}`;
    count++;
  }
}
await sql`vacuum analyze`;
const { token } = await createSession(sql, owner.userId, 'staff');

// ---- the built app in a server process of its own ------------------------------------------
const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const address = probe.address();
    probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
  });
});
const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  env: {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: database,
    PORT: String(port),
    HOST: '127.0.0.1',
    SEED_DEMO: 'off',
    JOBS: 'off',
    LOG_LEVEL: 'warn',
    DATA_DIR: '.data/bench/server',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
try {
  for (let tries = 0; ; tries++) {
    const ready = await fetch(`${base}/healthz/ready`).catch(() => null);
    if (ready?.ok) break;
    if (tries > 600 || server.exitCode !== null) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }

  const pages = [
    '/anbieterbereich',
    '/anbieterbereich?page=10',
    '/anbieterbereich?q=deutsch',
    '/anbieterbereich?status=published&sort=next',
    '/anbieterbereich?next=soon&sort=title',
    '/anbieterbereich?category=sprachen&since=2026-01-01',
  ];
  const headers = { cookie: `__Host-ww_session=${token}`, 'accept-language': 'de' };
  async function get(path: string) {
    const started = performance.now();
    const response = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
    const body = await response.arrayBuffer();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    return { ms, bytes: body.byteLength, html: new TextDecoder().decode(body) };
  }
  for (const path of pages) await get(path); // warm-up
  const first = await get('/anbieterbereich');
  const shown = (first.html.match(/class="ww-offer-row"/g) ?? []).length;
  if (!first.html.includes(`${OFFERS.toLocaleString('de-DE')} Angebote`) || shown !== 50)
    throw new Error(`the list does not show 50 of ${OFFERS} offers (rows: ${shown})`);
  const times: number[] = [];
  let maxBytes = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const path of pages) {
      const { ms, bytes } = await get(path);
      times.push(ms);
      maxBytes = Math.max(maxBytes, bytes);
    }
  }
  // The database's share: the same lists through the module the loader calls.
  const queryTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const path of pages) {
      const query = offerListSchema.parse(Object.fromEntries(new URL(path, base).searchParams));
      const started = performance.now();
      await listOwnOffers(owner.providerId, query);
      queryTimes.push(performance.now() - started);
    }
  }
  process.stderr.write(`${times.length} list pages of a provider with ${OFFERS} offers\n`);
  process.stdout.write(
    `${JSON.stringify({
      offers: OFFERS,
      pages: times.length,
      p50_ms: percentile(times, 50),
      p95_ms: percentile(times, 95),
      max_ms: percentile(times, 100),
      query_p50_ms: percentile(queryTimes, 50),
      query_p95_ms: percentile(queryTimes, 95),
      first_page_bytes: first.bytes,
      max_bytes: maxBytes,
    })}\n`,
  );
} finally {
  server.kill('SIGTERM');
  if (server.exitCode === null) await once(server, 'exit');
  await close();
}
