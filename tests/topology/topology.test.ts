import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../../db/embedded';
import { get, json, load, sleep, startSmtp, summarise, waitFor } from '../faults/support';
import { freePort } from '../setup/free-port';
import { ROOT, type ServerProcess, startServer } from '../setup/server-process';

/**
 * The production layout, run here without Docker (`npm run test:topology`): one PostgreSQL
 * (the embedded cluster, started on its own), two web processes with JOBS=off, one
 * `npm run worker`, and Debian's nginx in front as the load balancer — the same shape as
 * docker-compose.yml. The nginx configuration is tests/topology/nginx.conf.template, also the
 * README's example.
 */
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const PASSWORD = 'Wegweiser-Demo-2026';

let dir: string;
let cluster: EmbeddedDatabase;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let nginx: ChildProcess;
let balancer: string;
const web: { port: number; url: string; server: ServerProcess }[] = [];
let worker: ChildProcess;
let workerOutput = '';
let common: Record<string, string>;
let sql: postgres.Sql;
const figures: Record<string, unknown> = {};

function report(name: string, value: unknown) {
  figures[name] = value;
  process.stdout.write(`TOPOLOGY-FIGURES ${JSON.stringify({ [name]: value })}\n`);
}

async function ready(url: string, ms = 180_000) {
  await waitFor(
    async () => {
      try {
        return (await fetch(`${url}/healthz/ready`)).ok ? true : undefined;
      } catch {
        return undefined;
      }
    },
    ms,
    `${url} ready`,
  );
}

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/worker.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...common, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    workerOutput += String(d);
  });
  child.stderr?.on('data', (d) => {
    workerOutput += String(d);
  });
  return child;
}

async function startWeb(port: number) {
  const server = startServer({ ...common, PORT: String(port), JOBS: 'off' });
  const url = `http://127.0.0.1:${port}`;
  return { port, url, server };
}

/** Signs in on one replica; returns the session cookie to send anywhere. */
async function signIn(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/anmelden`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: PASSWORD }),
    redirect: 'manual',
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.includes('ww_session'));
  if (!cookie) throw new Error(`no session cookie (${response.status})`);
  return cookie;
}

beforeAll(async () => {
  if (!NGINX) throw new Error('nginx is not installed (apt-get install nginx; .ci/run does it)');
  dir = await mkdtemp(path.join(os.tmpdir(), 'wegweiser-topology-'));
  await chmod(dir, 0o755); // the embedded server runs as the `postgres` user when we are root
  const pgPort = await freePort();
  cluster = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    port: pgPort,
    logger: pino({ level: 'warn' }),
  });
  await cluster.createDatabase('wegweiser');
  const databaseUrl = cluster.url('wegweiser');
  const smtpPort = await freePort();
  smtp = await startSmtp(smtpPort);
  const lbPort = await freePort();
  balancer = `http://127.0.0.1:${lbPort}`;
  common = {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dir,
    SEED_OFFERS: '120',
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    PUBLIC_URL: balancer,
    TRUST_PROXY: 'on',
    ANTI_ABUSE: 'off',
    MAIL_RETRY_DELAY_S: '2',
  };

  // The first replica migrates and seeds; the second finds it done.
  web.push(await startWeb(await freePort()));
  await ready(web[0]!.url);
  web.push(await startWeb(await freePort()));
  await ready(web[1]!.url);
  worker = startWorker();
  await waitFor(() => (workerOutput.includes('Worker running') ? true : undefined), 60_000, 'the worker');

  const template = await readFile(path.join(ROOT, 'tests/topology/nginx.conf.template'), 'utf8');
  const conf = template
    .replaceAll('{{DIR}}', dir)
    .replaceAll('{{LISTEN}}', `127.0.0.1:${lbPort}`)
    .replaceAll(
      '{{UPSTREAMS}}',
      web.map((w) => `    server 127.0.0.1:${w.port} max_fails=1 fail_timeout=5s;`).join('\n'),
    );
  await mkdir(path.join(dir, 'nginx'), { recursive: true });
  await writeFile(path.join(dir, 'nginx', 'nginx.conf'), conf);
  execFileSync(NGINX, ['-t', '-p', path.join(dir, 'nginx'), '-c', path.join(dir, 'nginx', 'nginx.conf')], {
    stdio: 'pipe',
  });
  nginx = spawn(NGINX, ['-p', path.join(dir, 'nginx'), '-c', path.join(dir, 'nginx', 'nginx.conf')], {
    stdio: 'ignore',
  });
  await ready(balancer, 20_000);
  sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
}, 400_000);

afterAll(async () => {
  await sql?.end({ timeout: 5 });
  nginx?.kill('SIGQUIT');
  worker?.kill('SIGTERM');
  for (const w of web) if (w.server.child.exitCode === null) w.server.child.kill('SIGTERM');
  await Promise.all(web.map((w) => w.server.exited));
  await smtp?.close();
  await cluster?.stop();
  await rm(dir, { recursive: true, force: true });
  process.stdout.write(`TOPOLOGY-FIGURES ${JSON.stringify(figures)}\n`);
}, 60_000);

describe('scale-out topology', () => {
  it('a session made on one replica works on the other', async () => {
    const cookie = await signIn(web[0]!.url, 'buerger@wegweiser.test');
    const elsewhere = await fetch(`${web[1]!.url}/konto`, {
      headers: { Cookie: cookie },
      redirect: 'manual',
    });
    expect(elsewhere.status).toBe(200);
    expect(await elsewhere.text()).toContain('buerger@wegweiser.test');
    // Without it, the account page sends to sign-in: the cookie is what made the difference.
    expect((await fetch(`${web[1]!.url}/konto`, { redirect: 'manual' })).status).toBe(302);
  });

  it('an offer published through one replica is found by search on the other within 2 seconds', async () => {
    // A draft of the demo provider's, made here so the test doesn't depend on what the
    // generator happens to leave in draft: a unique title and one run in a month.
    const [provider] = await sql<{ provider_id: number }[]>`
      select m.provider_id from provider_members m join users u on u.id = m.user_id
       where u.email = 'anbieter@wegweiser.test'`;
    expect(provider, 'the demo provider').toBeTruthy();
    const title = `Topologie-Probekurs ${Date.now()}`;
    const [draft] = await sql<{ id: number; title: string; provider_id: number }[]>`
      insert into offers (provider_id, title, summary, category, status)
      values (${provider!.provider_id}, ${title}, 'Ein Kurs, den der Topologietest veröffentlicht.', 'sprachen', 'draft')
      returning id, title, provider_id`;
    await sql`insert into runs (offer_id, starts_on, ends_on, format) values (${draft!.id}, current_date + 30, current_date + 60, 'online')`;
    // The education office's pre-moderation would hold it for review; this test is about publishing.
    await sql`update providers set pre_moderation = false where id = ${draft!.provider_id}`;
    const cookie = await signIn(web[0]!.url, 'anbieter@wegweiser.test');
    const search = `${web[1]!.url}/api/v1/offers?q=${encodeURIComponent(draft!.title)}&perPage=50`;
    const before = await json(search);
    expect((before.body.hits as { id: number }[]).some((h) => h.id === draft!.id)).toBe(false);
    // Found: among the hits, or (a title many offers share) one more hit in the count.
    const found = (body: Record<string, unknown>) =>
      (body.hits as { id: number }[]).some((h) => h.id === draft!.id) ||
      (body.total as number) > (before.body.total as number);

    const published = await fetch(`${web[0]!.url}/anbieterbereich/angebote/${draft!.id}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      body: new URLSearchParams({ intent: 'status', status: 'published' }),
      redirect: 'manual',
    });
    expect(published.status).toBe(302);
    expect(published.headers.get('location')).toContain('hinweis=published');
    const publishedAt = Date.now();
    const foundMs = await waitFor(
      async () => {
        return found((await json(search)).body) ? Date.now() - publishedAt : undefined;
      },
      2_000,
      'the offer in the other replica’s search',
    );
    report('publish', { foundOnOtherReplicaMs: foundMs });
  });

  it('the micro-cache serves public pages, shows a published offer within the max-age and never keeps a signed-in page', async () => {
    const [provider] = await sql<{ provider_id: number; slug: string }[]>`
      select m.provider_id, p.slug from provider_members m join users u on u.id = m.user_id
        join providers p on p.id = m.provider_id
       where u.email = 'anbieter@wegweiser.test'`;
    const title = `Mikrocache-Probekurs ${Date.now()}`;
    const [draft] = await sql<{ id: number }[]>`
      insert into offers (provider_id, title, summary, category, status)
      values (${provider!.provider_id}, ${title}, 'Ein Kurs, den der Cache-Test veröffentlicht.', 'sprachen', 'draft')
      returning id`;
    await sql`insert into runs (offer_id, starts_on, ends_on, format) values (${draft!.id}, current_date + 30, current_date + 60, 'online')`;
    await sql`update providers set pre_moderation = false where id = ${provider!.provider_id}`;

    // The search for it through the balancer: stored on the first request, a hit after.
    const page = `${balancer}/angebote?q=${encodeURIComponent(title)}&lng=de`;
    const link = `href="/angebote/${draft!.id}`;
    const first = await fetch(page);
    expect(first.headers.get('cache-control')).toBe('public, max-age=10, stale-while-revalidate=30');
    expect(await first.text()).not.toContain(link);
    const second = await fetch(page);
    expect(second.headers.get('x-cache')).toBe('HIT');
    await second.text();

    const cookie = await signIn(web[0]!.url, 'anbieter@wegweiser.test');
    const published = await fetch(`${web[0]!.url}/anbieterbereich/angebote/${draft!.id}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      body: new URLSearchParams({ intent: 'status', status: 'published' }),
      redirect: 'manual',
    });
    expect(published.status).toBe(302);
    const publishedAt = Date.now();
    // Within the max-age (10 s) of the copy stored before publishing, plus the request that renews
    // the stale copy and slack for a loaded machine (measured: 10.6–11.0 s).
    const visibleMs = await waitFor(
      async () => ((await (await fetch(page)).text()).includes(link) ? Date.now() - publishedAt : undefined),
      15_000,
      'the published offer on the cached search page',
    );
    report('microCache', { publishedVisibleAfterMs: visibleMs });

    // A signed-in person's pages — the public ones too — are never stored or served from it.
    for (const path of [
      '/konto',
      `/anbieter/${provider!.slug}?lng=de`,
      '/angebote?lng=de',
      '/anbieterbereich',
    ]) {
      for (let i = 0; i < 2; i++) {
        const response = await fetch(`${balancer}${path}`, {
          headers: { Cookie: cookie },
          redirect: 'manual',
        });
        expect(response.headers.get('cache-control'), path).toBe('private, no-store');
        expect(response.headers.get('x-cache'), path).toBe('BYPASS');
        const body = await response.text();
        // The mark of a signed-in render, looked for in the anonymous copy below.
        if (path === '/angebote?lng=de') expect(body).toContain('action="/abmelden"');
      }
    }
    // And what a signed-in person saw is not what the next anonymous visitor gets.
    // (The sign-out form, not the word: every page carries its translations, "Abmelden" too.)
    const after = await fetch(page);
    expect(await after.text()).not.toContain('action="/abmelden"');
  });

  it("a booking's mail is sent exactly once, by the worker", async () => {
    const email = `topology-${Date.now()}@example.org`;
    await book(email);
    const mail = await waitFor(() => smtp.received.find((m) => m.to.includes(email)), 30_000, 'the mail');
    // Two web replicas with JOBS=off and one worker: nobody else sends it.
    await sleep(5_000);
    expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(1);
    expect(mail.raw.replace(/=\r?\n/g, '')).toContain(`${balancer}/termin/`);
    expect(workerOutput).toContain('Job done');
  });

  it('jobs survive killing the worker and starting another', async () => {
    worker.kill('SIGKILL');
    await new Promise((r) => worker.once('exit', r));
    const email = `orphan-${Date.now()}@example.org`;
    await book(email);
    await sleep(3_000);
    expect(smtp.received.some((m) => m.to.includes(email))).toBe(false);
    const restartedAt = Date.now();
    worker = startWorker();
    await waitFor(
      () => smtp.received.find((m) => m.to.includes(email)),
      60_000,
      'the mail after the restart',
    );
    report('worker', { deliveredMsAfterNewWorker: Date.now() - restartedAt });
    await sleep(3_000);
    expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(1);
  });

  it('killing one web replica loses no request the balancer can retry', async () => {
    const traffic = load(balancer, ['/angebote', '/api/v1/offers?q=deutsch', '/', '/beratung'], {
      workers: 4,
      timeoutMs: 20_000,
    });
    await sleep(2_000);
    const killedAt = traffic.elapsed();
    web[0]!.server.child.kill('SIGKILL');
    await web[0]!.server.exited;
    await sleep(4_000);
    const outcomes = await traffic.stop();
    report('replicaKilled', summarise(outcomes));
    expect(outcomes.length).toBeGreaterThan(20);
    for (const o of outcomes) {
      // A page the dead replica was already sending can't be taken back ('cut'); any request
      // whose answer hadn't begun is retried on the other replica and succeeds.
      if (o.status === 'cut' && o.at <= killedAt && o.at + o.ms >= killedAt) continue;
      expect(o.status, JSON.stringify(o)).toBe(200);
    }
    // And a keep-alive client of the balancer carries on too.
    const response = await get(
      `${balancer}/healthz/ready`,
      new (await import('node:http')).Agent({ keepAlive: true }),
    );
    expect(response.status).toBe(200);
  });
});

async function book(email: string) {
  const topics = await json(`${balancer}/api/v1/counselling/topics`);
  const list = (topics.body as unknown as { topics: { slug: string; channels: string[] }[] }).topics;
  const topic = list.find((t) => t.channels.includes('phone')) ?? list[0]!;
  const slots = await json(`${balancer}/api/v1/counselling/slots?topic=${topic.slug}&channel=phone`);
  const taken = new Set<string>();
  for (const slot of (slots.body as unknown as { slots: { start: string }[] }).slots) {
    if (taken.has(slot.start)) continue;
    const booked = await json(`${balancer}/api/v1/counselling/appointments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        topic: topic.slug,
        channel: 'phone',
        language: 'de',
        start: slot.start,
        name: 'Topo Logie',
        email,
        // By phone, the counsellor calls this number (one contact rule per channel).
        phone: '+49 561 7654321',
        consent: true,
      }),
    });
    if (booked.status === 201) return;
    taken.add(slot.start);
    if (booked.status !== 409) throw new Error(`booking: ${booked.status} ${JSON.stringify(booked.body)}`);
  }
  throw new Error('no free slot');
}
