// Builds the app before `npm start` when there is no build yet or a source file is
// newer than it, so a fresh clone needs only `npm ci && npm start`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { precompress } from './precompress.mjs';

const marker = 'build/server/index.js';
const sources = ['app', 'public', 'vite.config.ts', 'package-lock.json'];

function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((n) => newest(path.join(p, n))));
}

const built = existsSync(marker) ? statSync(marker).mtimeMs : 0;
if (built === 0 || Math.max(...sources.map(newest)) > built) {
  process.stdout.write('Building Wegweiser (first start or sources changed)…\n');
  const result = spawnSync(process.execPath, ['node_modules/@remix-run/dev/dist/cli.js', 'vite:build'], {
    stdio: 'inherit',
  });
  if (result.status === 0) precompress('build/client');
  process.exit(result.status ?? 1);
}
