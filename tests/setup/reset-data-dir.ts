/**
 * `node --import tsx tests/setup/reset-data-dir.ts DIR`: empties a test data directory (the
 * browser tests' `.data/e2e`) the safe way. The embedded PostgreSQL runs detached from the
 * process that started it; deleting its files under a server killed hard would leave that
 * PostgreSQL running on its port with no data directory. So a cluster left there is stopped
 * first — and a directory a live server still uses is refused.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { liveUsers, recoverStaleCluster } from '../../db/embedded';

const dir = process.argv[2];
if (!dir) {
  console.error('Usage: reset-data-dir.ts DIR');
  process.exit(2);
}
const pgDir = path.resolve(dir, 'pg');
const users = liveUsers(pgDir);
if (users.length > 0) {
  console.error(
    `${dir} is in use by ${users.map((u) => `${u.command} (pid ${u.pid})`).join(', ')}; stop it first.`,
  );
  process.exit(1);
}
await recoverStaleCluster(pgDir, console);
rmSync(dir, { recursive: true, force: true });
