/**
 * `npm run bench:pages [-- --seconds 5 --rounds 2 --connections 8]`
 * How fast the portal serves its pages, next to nginx serving the same bytes (issue 19).
 *
 * Starts the built server (`npm run build` first) on its own demo data under
 * `.data/bench-pages` (seeded on the first run, ~1 min, kept for the next), saves the HTML
 * (and JSON) of `/`, `/angebote?q=deutsch`, an offer page and `/api/v1/offers?q=deutsch`,
 * and starts Debian's nginx twice: serving those saved files with gzip at the level the app's
 * `compression` uses (zlib's default, 6), and as the production reverse proxy with its
 * micro-cache (the `location` of tests/topology/nginx.conf.template). Then, round by round
 * and path by path, it loads the app, the static nginx and the caching nginx in turn
 * (interleaved, so a noisy neighbour on the machine hits all three alike) with a keep-alive
 * load generator of its own (`connections` parallel connections, `Accept-Encoding: gzip`).
 *
 * CPU per request: the server process's user + system time from /proc/<pid>/stat
 * (clock ticks, 10 ms) over a measured segment, divided by the requests it answered in it —
 * the whole process (its search threads too), not PostgreSQL. Under "cached", it is the app's
 * CPU per request the caching nginx answered (what the cache leaves to the app).
 *
 * Prints one JSON line last: `{"pages":[…],"cached":[…],"load":[1, 5, 15 min]}`.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '../setup/free-port';
import { ROOT, startServer, waitForHealthy } from '../setup/server-process';
import { percentile } from './support';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '2' },
    connections: { type: 'string', default: '8' },
  },
});
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const CONNECTIONS = Number(values.connections);
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
if (!NGINX) throw new Error('nginx is not installed (apt-get install nginx-light)');
if (!existsSync(path.join(ROOT, 'build/server/index.js'))) throw new Error('run `npm run build` first');

const log = (line: string) => process.stderr.write(`${line}\n`);

/** CPU time (user + system) of a process so far, in ms. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat (utime, stime), counted from the state (field 3) here.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

interface Segment {
  requests: number;
  errors: number;
  times: number[];
  seconds: number;
}

/** Keeps `connections` keep-alive connections busy with GETs of `url` for `seconds`. */
async function hammer(url: string, seconds: number, connections: number): Promise<Segment> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(url);
  const until = performance.now() + seconds * 1000;
  const times: number[] = [];
  let errors = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.get(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: `${target.pathname}${target.search}`,
          headers: { 'Accept-Encoding': 'gzip', 'Accept-Language': 'de' },
        },
        (res) => {
          res.on('data', () => {});
          res.on('end', () => {
            if (res.statusCode === 200) times.push(performance.now() - t0);
            else errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) await one();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { requests: times.length, errors, times, seconds: elapsed };
}

function nginxConf(dir: string, body: string): string {
  return `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  keepalive_requests 100000;
${body}
}
`;
}

async function startNginx(dir: string, conf: string): Promise<ChildProcess> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'nginx.conf'), conf);
  execFileSync(NGINX!, ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'pipe' });
  return spawn(NGINX!, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'ignore' });
}

async function until(url: string) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} does not answer`);
}

const tmp = await mkdtemp(path.join(os.tmpdir(), 'wegweiser-pages-bench-'));
// nginx's workers run as `nobody` when we are root: they must read the saved files.
await chmod(tmp, 0o755);
const [appPort, pgPort, staticPort, cachePort] = [
  await freePort(),
  await freePort(),
  await freePort(),
  await freePort(),
];
const app = `http://127.0.0.1:${appPort}`;
log(`starting the server on ${appPort} (demo data in .data/bench-pages; the first run seeds it)…`);
const server = startServer({
  PORT: String(appPort),
  PG_PORT: String(process.env.BENCH_PG_PORT ?? pgPort),
  DATA_DIR: '.data/bench-pages',
  ANTI_ABUSE: 'off',
  // The access log line per request is not what this measures (and an unread pipe would block).
  LOG_LEVEL: 'warn',
});
const children: ChildProcess[] = [];
const stop = async () => {
  for (const child of children) child.kill('SIGQUIT');
  if (server.child.exitCode === null) server.child.kill('SIGTERM');
  await server.exited;
  await rm(tmp, { recursive: true, force: true });
};
process.on('SIGINT', () => void stop().then(() => process.exit(130)));

try {
  await waitForHealthy(app, server, 300_000);
  const api = (await (await fetch(`${app}/api/v1/offers?q=deutsch`)).json()) as { hits: { id: number }[] };
  const offerId = api.hits[0]?.id;
  if (!offerId) throw new Error('no offer found for "deutsch"');
  const paths = ['/', '/angebote?q=deutsch', `/angebote/${offerId}`, '/api/v1/offers?q=deutsch'];

  // The same bytes for nginx: each answer saved once, served for its path.
  const files = path.join(tmp, 'files');
  await mkdir(files);
  const locations: string[] = [];
  for (const [i, p] of paths.entries()) {
    const response = await fetch(`${app}${p}`);
    const type = response.headers.get('content-type') ?? 'text/html';
    const name = `${i}${type.includes('json') ? '.json' : '.html'}`;
    await writeFile(path.join(files, name), Buffer.from(await response.arrayBuffer()));
    locations.push(`    location = ${new URL(p, app).pathname} { try_files /${name} =404; }`);
  }
  children.push(
    await startNginx(
      path.join(tmp, 'static'),
      nginxConf(
        path.join(tmp, 'static'),
        `  include /etc/nginx/mime.types;
  gzip on;
  gzip_comp_level 6;
  gzip_min_length 1024;
  gzip_types application/json;
  server {
    listen 127.0.0.1:${staticPort};
    root ${files};
${locations.join('\n')}
  }`,
      ),
    ),
  );

  // The production proxy (its micro-cache included) from the topology template, one replica.
  const template = await readFile(path.join(ROOT, 'tests/topology/nginx.conf.template'), 'utf8');
  const http_ = /http \{([\s\S]*)\}\s*$/.exec(template)![1]!;
  const cacheDir = path.join(tmp, 'cache');
  children.push(
    await startNginx(
      cacheDir,
      nginxConf(
        cacheDir,
        http_
          .replace(/^\s*(access_log|\w+_temp_path)[^\n]*\n/gm, '')
          .replaceAll('{{DIR}}/nginx', cacheDir)
          .replaceAll('{{DIR}}', cacheDir)
          .replaceAll('{{LISTEN}}', `127.0.0.1:${cachePort}`)
          .replaceAll('{{UPSTREAMS}}', `    server 127.0.0.1:${appPort};`),
      ),
    ),
  );
  await until(`http://127.0.0.1:${staticPort}/`);
  await until(`http://127.0.0.1:${cachePort}/healthz`);

  const pid = server.child.pid!;
  type Row = { app: Segment[]; cpu: number[]; nginx: Segment[]; cached: Segment[]; cachedCpu: number[] };
  const rows = new Map<string, Row>(
    paths.map((p) => [p, { app: [], cpu: [], nginx: [], cached: [], cachedCpu: [] }]),
  );
  for (const p of paths) {
    // Warm-up: JIT, the search's caches, the micro-cache's first fill.
    await hammer(`${app}${p}`, 1, CONNECTIONS);
    await hammer(`http://127.0.0.1:${cachePort}${p}`, 1, CONNECTIONS);
  }
  for (let round = 1; round <= ROUNDS; round++) {
    for (const p of paths) {
      const row = rows.get(p)!;
      let c0 = cpuMs(pid);
      row.app.push(await hammer(`${app}${p}`, SECONDS, CONNECTIONS));
      row.cpu.push(cpuMs(pid) - c0);
      row.nginx.push(await hammer(`http://127.0.0.1:${staticPort}${p}`, SECONDS, CONNECTIONS));
      c0 = cpuMs(pid);
      row.cached.push(await hammer(`http://127.0.0.1:${cachePort}${p}`, SECONDS, CONNECTIONS));
      row.cachedCpu.push(cpuMs(pid) - c0);
      log(
        `round ${round} ${p}: app ${row.app.at(-1)!.requests}, nginx ${row.nginx.at(-1)!.requests}, cached ${row.cached.at(-1)!.requests} requests`,
      );
    }
  }

  const round2 = (n: number) => Math.round(n * 100) / 100;
  const rps = (segments: Segment[]) =>
    round2(segments.reduce((s, x) => s + x.requests, 0) / segments.reduce((s, x) => s + x.seconds, 0));
  const figures = (p: string, segments: Segment[], cpu: number[], nginx: Segment[]) => {
    const times = segments.flatMap((s) => s.times);
    const requests = segments.reduce((s, x) => s + x.requests, 0);
    return {
      path: p,
      rps: rps(segments),
      p50_ms: percentile(times, 50),
      p99_ms: percentile(times, 99),
      cpu_ms: round2(cpu.reduce((a, b) => a + b, 0) / Math.max(1, requests)),
      nginx_rps: rps(nginx),
      ratio_to_nginx: round2(rps(segments) / rps(nginx)),
      errors: segments.reduce((s, x) => s + x.errors, 0),
    };
  };
  const pages = paths.map((p) => figures(p, rows.get(p)!.app, rows.get(p)!.cpu, rows.get(p)!.nginx));
  const cached = paths.map((p) =>
    figures(p, rows.get(p)!.cached, rows.get(p)!.cachedCpu, rows.get(p)!.nginx),
  );
  await stop();
  process.stdout.write(`${JSON.stringify({ pages, cached, load: os.loadavg().map(round2) })}\n`);
} catch (error) {
  await stop();
  throw error;
}
