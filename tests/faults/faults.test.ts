import { chmod, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../setup/free-port';
import { type ServerProcess, startServer, waitForHealthy } from '../setup/server-process';
import {
  freezePostgres,
  get,
  json,
  load,
  type Outcome,
  postgresPids,
  runScript,
  sleep,
  startSmtp,
  summarise,
  waitFor,
} from './support';

/**
 * The fault suite (`npm run test:faults`): one real server process with its embedded
 * PostgreSQL, and the faults done to it for real — the database frozen (SIGSTOP) and killed
 * (SIGKILL), the mail server missing, every command of the README run beside it, SIGTERM under
 * keep-alive load. Each part prints its figures as one JSON line (`FAULT-FIGURES …`).
 */
const DEADLINE_MS = 4_000;
const DRAIN_MS = 4_000;

let dataDir: string;
let env: Record<string, string>;
let baseUrl: string;
let smtpPort: number;
let server: ServerProcess;
const figures: Record<string, unknown> = {};
/** Thaws a frozen cluster, whatever a failed assertion left behind. */
let thaw: () => void = () => {};

const PAGES = ['/angebote', '/api/v1/offers?q=deutsch', '/', '/angebote?q=englisch', '/beratung'];

function report(name: string, value: unknown) {
  figures[name] = value;
  process.stdout.write(`FAULT-FIGURES ${JSON.stringify({ [name]: value })}\n`);
}

function pgDir() {
  return path.join(dataDir, 'pg');
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'wegweiser-faults-'));
  await chmod(dataDir, 0o755); // the embedded server runs as the `postgres` user when we are root
  const port = await freePort();
  smtpPort = await freePort();
  env = {
    DATA_DIR: dataDir,
    PORT: String(port),
    PG_PORT: String(await freePort()),
    SEED_OFFERS: '120',
    // Bookings through the API without proof-of-work (a test-only switch).
    ANTI_ABUSE: 'off',
    // Nothing listens here until part (c) starts a mail server.
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_RETRY_DELAY_S: '2',
    REQUEST_TIMEOUT_MS: String(DEADLINE_MS),
    // Small, so a burst during the freeze shows the load shedding.
    MAX_CONCURRENT_REQUESTS: '8',
    MAX_QUEUED_REQUESTS: '8',
    DRAIN_TIMEOUT_MS: String(DRAIN_MS),
  };
  baseUrl = `http://127.0.0.1:${port}`;
  server = startServer(env);
  await waitForHealthy(baseUrl, server);
  await waitFor(
    async () => ((await fetch(`${baseUrl}/healthz/ready`)).ok ? true : undefined),
    30_000,
    'ready',
  );
}, 180_000);

afterEach(() => {
  thaw();
});

afterAll(async () => {
  thaw();
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  // A cluster left behind by a failed part is stopped (its users are gone, so it is stale).
  const { recoverStaleCluster } = await import('../../db/embedded');
  await recoverStaleCluster(pgDir(), { warn: () => {} });
  await rm(dataDir, { recursive: true, force: true });
  process.stdout.write(`FAULT-FIGURES ${JSON.stringify(figures)}\n`);
});

/** Time from `since` (ms on the load's clock) until the first 200 after which nothing failed. */
function recoveredAfter(outcomes: Outcome[], since: number): number | null {
  const after = outcomes.filter((o) => o.at >= since).sort((a, b) => a.at - b.at);
  let firstGood: Outcome | null = null;
  for (const o of after) {
    if (o.status === 200) firstGood ??= o;
    else firstGood = null;
  }
  return firstGood ? firstGood.at + firstGood.ms - since : null;
}

describe('faults', () => {
  it('(a) a database frozen for 15 s: every request ends within the deadline with 200 or 503, and the server recovers', {
    timeout: 90_000,
  }, async () => {
    const traffic = load(baseUrl, PAGES, { workers: 4, timeoutMs: DEADLINE_MS + 10_000 });
    await sleep(2_000);
    const frozenAt = traffic.elapsed();
    const frozenWall = Date.now();
    thaw = freezePostgres(pgDir());
    // Liveness answers without the database, at once; readiness says "not now".
    await sleep(DEADLINE_MS + 1_000);
    const liveStarted = Date.now();
    expect((await fetch(`${baseUrl}/healthz/live`)).status).toBe(200);
    const liveMs = Date.now() - liveStarted;
    expect((await fetch(`${baseUrl}/healthz/ready`, { signal: AbortSignal.timeout(5_000) })).status).toBe(
      503,
    );
    // A burst while frozen: the waiting line fills at once and the rest is refused in no time
    // (load shed early, not queued without bound).
    const burst = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const started = Date.now();
        const r = await fetch(`${baseUrl}/angebote?q=burst`, {
          signal: AbortSignal.timeout(DEADLINE_MS + 10_000),
        });
        await r.arrayBuffer();
        return { status: r.status, ms: Date.now() - started };
      }),
    );
    const shedFast = burst.filter((b) => b.status === 503 && b.ms < 500).length;
    await sleep(Math.max(0, 15_000 - (Date.now() - frozenWall)));
    const thawedAt = traffic.elapsed();
    thaw();
    await sleep(8_000);
    const outcomes = await traffic.stop();

    const during = outcomes.filter((o) => o.at >= frozenAt && o.at < thawedAt);
    const recovery = recoveredAfter(outcomes, thawedAt);
    report('freeze', {
      frozenMs: thawedAt - frozenAt,
      ...summarise(outcomes),
      duringFreeze: summarise(during),
      answeredDuringFreeze: during.filter((o) => o.status === 200 || o.status === 503).length,
      hangs: outcomes.filter((o) => o.status === 'timeout').length,
      recoveredMsAfterThaw: recovery,
      liveMsDuringFreeze: liveMs,
      burst: { ...summarise(burst.map((b) => ({ ...b, at: 0, path: '' }))), shedUnder500ms: shedFast },
    });
    for (const b of burst) {
      expect(b.status).toBe(503);
      expect(b.ms).toBeLessThan(DEADLINE_MS + 1_500);
    }
    expect(shedFast).toBeGreaterThanOrEqual(20);
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^wegweiser_http_shed_total\{reason="queue_full"\} \d+$/m);
    expect(metrics).toMatch(/^wegweiser_http_shed_total\{reason="deadline"\} \d+$/m);
    // Nothing hung, nothing failed otherwise: 200 or 503, within the deadline (+ scheduling slack).
    for (const o of outcomes) {
      expect([200, 503], JSON.stringify(o)).toContain(o.status);
      expect(o.ms, JSON.stringify(o)).toBeLessThan(DEADLINE_MS + 1_500);
    }
    expect(during.some((o) => o.status === 503)).toBe(true);
    expect(recovery).not.toBeNull();
    expect(server.child.exitCode).toBeNull();
  });

  it('(b) the database killed: 503s, then the server restarts it by itself', {
    timeout: 90_000,
  }, async () => {
    const traffic = load(baseUrl, PAGES, { workers: 3, timeoutMs: DEADLINE_MS + 10_000 });
    await sleep(1_000);
    const [postmaster] = postgresPids(pgDir());
    const killedAt = traffic.elapsed();
    process.kill(postmaster!, 'SIGKILL');
    await waitFor(
      () => (server.output().includes('Embedded PostgreSQL restarted') ? true : undefined),
      60_000,
      'the restart',
    );
    await waitFor(
      async () => ((await fetch(`${baseUrl}/healthz/ready`)).ok ? true : undefined),
      30_000,
      'ready',
    );
    await sleep(3_000);
    const outcomes = await traffic.stop();
    const recovery = recoveredAfter(outcomes, killedAt);
    report('kill', {
      ...summarise(outcomes),
      status503: outcomes.filter((o) => o.status === 503).length,
      hangs: outcomes.filter((o) => o.status === 'timeout').length,
      recoveredMsAfterKill: recovery,
    });
    for (const o of outcomes) {
      expect([200, 503], JSON.stringify(o)).toContain(o.status);
      expect(o.ms, JSON.stringify(o)).toBeLessThan(DEADLINE_MS + 1_500);
    }
    expect(outcomes.some((o) => o.status === 503)).toBe(true);
    expect(recovery).not.toBeNull();
    // The same server process: nobody restarted it.
    expect(server.child.exitCode).toBeNull();
  });

  it('(c) no mail server during a booking: the booking succeeds, the mail is delivered exactly once when one appears', {
    timeout: 90_000,
  }, async () => {
    const topics = await json(`${baseUrl}/api/v1/counselling/topics`);
    const list = (topics.body as unknown as { topics: { slug: string; channels: string[] }[] }).topics;
    const topic = list.find((t) => t.channels.includes('phone')) ?? list[0]!;
    const slots = await json(`${baseUrl}/api/v1/counselling/slots?topic=${topic.slug}&channel=phone`);
    const slot = (slots.body as unknown as { slots: { start: string }[] }).slots[0]!;
    const email = `faults-${Date.now()}@example.org`;
    // A forged Host must not decide the link in the mail (it is the listening origin here).
    const booked = await json(`${baseUrl}/api/v1/counselling/appointments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Host: 'evil.example' },
      body: JSON.stringify({
        topic: topic.slug,
        channel: 'phone',
        language: 'de',
        start: slot.start,
        name: 'Fehler Test',
        email,
        // By phone, the counsellor calls this number (one contact rule per channel).
        phone: '+49 561 1234567',
        consent: true,
      }),
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    // The first attempt fails (nothing listens), and the log says so without the address.
    await waitFor(
      () => (server.output().includes('Job failed') ? true : undefined),
      20_000,
      'a failed attempt',
    );
    expect(server.output()).not.toContain(email);

    const smtp = await startSmtp(smtpPort);
    const startedAt = Date.now();
    try {
      const mail = await waitFor(
        () => smtp.received.find((m) => m.to.includes(email)),
        60_000,
        'the confirmation mail',
      );
      const deliveredMs = Date.now() - startedAt;
      // Retries keep coming for other mails for a while: none may bring this one twice.
      await sleep(6_000);
      const copies = smtp.received.filter((m) => m.to.includes(email)).length;
      report('smtp', { deliveredMsAfterServerAppeared: deliveredMs, copies });
      expect(copies).toBe(1);
      const links = mail.raw.replace(/=\r?\n/g, '').match(/https?:\/\/[^\s"<>]+\/termin\/[^\s"<>]+/g) ?? [];
      expect(links.length).toBeGreaterThan(0);
      for (const link of links)
        expect(link.startsWith(`http://localhost:${env.PORT}/termin/`), link).toBe(true);
      expect(mail.raw).not.toContain('evil.example');
    } finally {
      await smtp.close();
    }
  });

  it('(e) every command of the README run beside the live server: it stays healthy and sees the imports', {
    timeout: 180_000,
  }, async () => {
    const checks: { status: number | string; ms: number }[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const started = Date.now();
        try {
          const r = await fetch(`${baseUrl}/healthz/ready`, { signal: AbortSignal.timeout(5_000) });
          checks.push({ status: r.status, ms: Date.now() - started });
        } catch (error) {
          checks.push({ status: (error as Error).name, ms: Date.now() - started });
        }
        await sleep(200);
      }
    })();
    const fixture = path.resolve('tests/fixtures/berlin-vhs-2025/vhs-spandau.xml');
    const commands: [string, string, string[]][] = [
      ['db:migrate', 'scripts/db-migrate.ts', []],
      ['db:seed', 'scripts/db-seed.ts', []],
      ['import:openvhs', 'scripts/import-openvhs.ts', [fixture]],
      ['search:rebuild', 'scripts/search-rebuild.ts', []],
      ['db:backup', 'scripts/db-backup.ts', [path.join(dataDir, 'live.tar.gz')]],
    ];
    const runs: Record<string, { status: number | null; ms: number }> = {};
    for (const [name, file, args] of commands) {
      const result = await runScript(file, args, { ...env, DATABASE_URL: '' });
      runs[name] = { status: result.status, ms: result.ms };
      expect(result.status, `${name}: ${result.stderr}`).toBe(0);
    }
    // Restoring under a running portal is refused, and leaves it alone.
    const restore = await runScript('scripts/db-restore.ts', [path.join(dataDir, 'live.tar.gz')], {
      ...env,
      DATABASE_URL: '',
    });
    runs['db:restore'] = { status: restore.status, ms: restore.ms };
    expect(restore.status).toBe(1);
    expect(restore.stderr).toMatch(/in use by/);
    polling = false;
    await poller;
    report('commands', { runs, healthChecks: checks.length, notOk: checks.filter((c) => c.status !== 200) });
    expect(checks.length).toBeGreaterThan(10);
    expect(checks.filter((c) => c.status !== 200)).toEqual([]);

    // The server sees what the import wrote: the offer's page answers with its title.
    const sql = postgres(`postgres://wegweiser:wegweiser-local@127.0.0.1:${env.PG_PORT}/wegweiser`, {
      max: 1,
    });
    const [offer] = await sql<
      { id: number }[]
    >`select id from offers where title = 'Deutsch Alphabetisierung W9' limit 1`;
    await sql.end();
    expect(offer).toBeTruthy();
    const page = await fetch(`${baseUrl}/angebote/${offer!.id}`);
    expect([200, 410]).toContain(page.status);
    expect(await page.text()).toContain('Deutsch Alphabetisierung W9');
  });

  it('(d) SIGTERM under keep-alive load: no truncated 200, connections closed, exit 0 within the drain window', {
    timeout: 60_000,
  }, async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    const results: {
      status: number;
      complete: boolean;
      whole: boolean;
      close: boolean;
      afterTerm: boolean;
    }[] = [];
    const failures: string[] = [];
    let termAt = 0;
    let running = true;
    const whole = (p: string, body: string) =>
      p.includes('export') ? body.trimEnd().endsWith('</openvhs:veranstaltungen>') : body.includes('</html>');
    const loops = [0, 1, 2, 3].map(async (w) => {
      while (running) {
        const p = w === 0 ? '/api/v1/export/offers.xml' : PAGES[w % 2 === 0 ? 0 : 2]!;
        const started = Date.now();
        try {
          const r = await get(`${baseUrl}${p}`, agent, { slowMs: w === 0 ? 20 : 0 });
          results.push({
            status: r.status,
            complete: r.complete,
            whole: r.status !== 200 || whole(p, r.body),
            close: r.headers.connection === 'close',
            afterTerm: termAt > 0 && started >= termAt,
          });
        } catch (error) {
          // Refused or cut connections are fine after SIGTERM; a 200 cut short is not.
          failures.push(`${p}: ${(error as Error).message}`);
          if (termAt > 0) await sleep(100);
        }
      }
    });
    await sleep(2_000);
    termAt = Date.now();
    server.child.kill('SIGTERM');
    const code = await server.exited;
    const exitMs = Date.now() - termAt;
    running = false;
    await Promise.all(loops);
    agent.destroy();
    report('sigterm', {
      exitCode: code,
      exitMs,
      responses: results.length,
      afterTerm: results.filter((r) => r.afterTerm).length,
      cutConnections: failures.length,
    });
    expect(code).toBe(0);
    expect(exitMs).toBeLessThan(DRAIN_MS + 3_000);
    // Every 200 that arrived complete is whole; none is cut short and passed off as complete.
    for (const r of results) expect(r.whole, JSON.stringify(r)).toBe(true);
    // Requests that got in after SIGTERM were told to close their connection.
    for (const r of results.filter((x) => x.afterTerm)) expect(r.close).toBe(true);
    expect(server.output()).toContain('Embedded PostgreSQL stopped');
  });
});
