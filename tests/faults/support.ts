import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { ROOT } from '../setup/server-process';

/** Helpers of the fault suite and the topology test: real processes, real sockets. */

export function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

export async function waitFor<T>(
  check: () => Promise<T | undefined> | T | undefined,
  ms: number,
  what: string,
) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const value = await check();
    if (value !== undefined) return value;
    await sleep(100);
  }
  throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
}

/** The postmaster of the cluster on `dataDir` and every process it started (its backends). */
export function postgresPids(dataDir: string): number[] {
  const postmaster = Number.parseInt(
    readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]!,
    10,
  );
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]!, 10);
      if (ppid === postmaster) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return [postmaster, ...children];
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]!, 10);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

/**
 * Freezes the whole cluster: the postmaster first (so it forks no new backend), then every
 * process it started, until no unfrozen one is left. Returns the thaw.
 */
export function freezePostgres(dataDir: string): () => void {
  const postmaster = Number.parseInt(
    readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]!,
    10,
  );
  const frozen = new Set<number>([postmaster]);
  process.kill(postmaster, 'SIGSTOP');
  for (let round = 0; round < 5; round++) {
    const fresh = childrenOf(postmaster).filter((pid) => !frozen.has(pid));
    if (fresh.length === 0 && round > 0) break;
    for (const pid of fresh) {
      try {
        process.kill(pid, 'SIGSTOP');
        frozen.add(pid);
      } catch {
        // exited meanwhile
      }
    }
  }
  let thawed = false;
  return () => {
    if (thawed) return;
    thawed = true;
    for (const pid of frozen) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // gone
      }
    }
  };
}

export interface Outcome {
  at: number;
  ms: number;
  /** 'cut': the answer had begun (headers arrived) when the connection broke. */
  status: number | 'timeout' | 'error' | 'cut';
  path: string;
}

/**
 * `workers` loops requesting `paths` in turn until `stop()`; each request may take at most
 * `timeoutMs` (then it counts as a hang). Returns every outcome with its start time.
 */
export function load(baseUrl: string, paths: string[], options: { workers: number; timeoutMs: number }) {
  const outcomes: Outcome[] = [];
  const t0 = Date.now();
  let running = true;
  const loops = Array.from({ length: options.workers }, async (_, w) => {
    let i = w;
    while (running) {
      const p = paths[i++ % paths.length]!;
      const started = Date.now();
      let status: Outcome['status'];
      let headers = false;
      try {
        const response = await fetch(`${baseUrl}${p}`, { signal: AbortSignal.timeout(options.timeoutMs) });
        headers = true;
        await response.arrayBuffer();
        status = response.status;
      } catch (error) {
        status = (error as Error).name === 'TimeoutError' ? 'timeout' : headers ? 'cut' : 'error';
      }
      outcomes.push({ at: started - t0, ms: Date.now() - started, status, path: p });
      await sleep(50);
    }
  });
  return {
    outcomes,
    elapsed: () => Date.now() - t0,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return outcomes;
    },
  };
}

export function summarise(outcomes: Outcome[]) {
  const by = new Map<string, number>();
  for (const o of outcomes) by.set(String(o.status), (by.get(String(o.status)) ?? 0) + 1);
  return {
    requests: outcomes.length,
    statuses: Object.fromEntries(by),
    maxMs: Math.max(0, ...outcomes.map((o) => o.ms)),
  };
}

/** Runs an npm script of the README as a child process (tsx, like `npm run`). */
export function runScript(
  file: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += String(d);
    });
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.on('exit', (status) => resolve({ status, stdout, stderr, ms: Date.now() - started }));
  });
}

export interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server (smtp-server) on `port`, keeping what it receives. */
export async function startSmtp(port: number): Promise<{ received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  if ((server.server.address() as AddressInfo).port !== port) throw new Error('SMTP port mismatch');
  return { received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** One HTTP request on a given agent (keep-alive tests), the whole body read. */
export function get(
  url: string,
  agent: http.Agent,
  options: { slowMs?: number } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        // A slow reader: the response stays in flight for a while.
        if (options.slowMs) {
          res.pause();
          setTimeout(() => res.resume(), options.slowMs);
        }
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          complete: res.complete,
        }),
      );
      res.on('error', reject);
      res.on('aborted', () => reject(new Error('aborted')));
    });
    req.on('error', reject);
  });
}

/** `{ status, json }` of a JSON request. */
export async function json(url: string, init: RequestInit = {}) {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body: body as Record<string, unknown>, headers: response.headers };
}
