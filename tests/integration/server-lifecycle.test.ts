import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../setup/free-port';
import { type ServerProcess, startServer, waitForHealthy } from '../setup/server-process';

/**
 * The README's promise, end to end on the built server: start with embedded PostgreSQL,
 * seed once, refuse a second server on the same data, stop cleanly on SIGTERM, start again
 * without duplicates, and recover after being killed hard.
 */
let dataDir: string;
let env: Record<string, string>;
let baseUrl: string;
let running: ServerProcess | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'wegweiser-server-'));
  await chmod(dataDir, 0o755); // the embedded server runs as the `postgres` user when we are root
  const port = await freePort();
  const pgPort = await freePort();
  env = { DATA_DIR: dataDir, PORT: String(port), PG_PORT: String(pgPort), SEED_OFFERS: '120' };
  baseUrl = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGTERM');
    await running.exited;
  }
  await rm(dataDir, { recursive: true, force: true });
});

async function countCatalogue() {
  const sql = postgres(`postgres://wegweiser:wegweiser-local@127.0.0.1:${env.PG_PORT}/wegweiser`, { max: 1 });
  try {
    const [row] =
      await sql`select (select count(*) from offers)::int as offers, (select count(*) from providers)::int as providers`;
    return row as { offers: number; providers: number };
  } finally {
    await sql.end();
  }
}

async function stop(server: ServerProcess) {
  server.child.kill('SIGTERM');
  return server.exited;
}

describe('server lifecycle', () => {
  it('starts, seeds once, stops cleanly, and starts again with the same data', {
    timeout: 240_000,
  }, async () => {
    running = startServer(env);
    await waitForHealthy(baseUrl, running);

    const home = await fetch(`${baseUrl}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toMatch(/<html lang="de" dir="ltr"/);
    const arabic = await (await fetch(`${baseUrl}/?lng=ar`)).text();
    expect(arabic).toMatch(/<html lang="ar" dir="rtl"/);
    const health = await (await fetch(`${baseUrl}/healthz`)).json();
    expect(health).toMatchObject({ database: { status: 'ok' }, search: { engine: 'postgres' } });

    // A second server on the same data directory refuses, and leaves the first one alone.
    const second = startServer({ ...env, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/Another Wegweiser server already runs on this data directory/);
    expect((await fetch(`${baseUrl}/healthz/ready`)).status).toBe(200);

    const first = await countCatalogue();
    expect(first.offers).toBe(120);
    expect(first.providers).toBeGreaterThan(10);

    expect(await stop(running)).toBe(0);
    expect(running.output()).toContain('Embedded PostgreSQL stopped');
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    running = startServer(env);
    await waitForHealthy(baseUrl, running);
    expect(running.output()).toContain('Demo data already present');
    expect(await countCatalogue()).toEqual(first);

    // Killed hard: postgres survives the node process, holding the data directory.
    running.child.kill('SIGKILL');
    await running.exited;
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(true);

    running = startServer(env);
    await waitForHealthy(baseUrl, running);
    expect(running.output()).toContain('left running by an earlier, killed process');
    expect(await countCatalogue()).toEqual(first);
    expect(await stop(running)).toBe(0);
  });

  it('refuses to start with a wrong setting and names it', { timeout: 60_000 }, async () => {
    const bad = startServer({ ...env, PORT: 'eighty' });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toMatch(/PORT: Expected number/);
  });

  it('refuses test-only switches in production mode', { timeout: 60_000 }, async () => {
    const bad = startServer({
      ...env,
      APP_ENV: 'production',
      DATABASE_URL: 'postgres://x:y@127.0.0.1:1/none',
      SMTP_URL: 'smtp://127.0.0.1:1',
      SESSION_SECRET: 'x'.repeat(40),
      ANTI_ABUSE: 'off',
    });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain('ANTI_ABUSE: is a test-only switch, refused in production');
  });
});
