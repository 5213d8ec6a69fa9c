import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The newest mail to an address from the e2e server's .eml outbox (demo mode writes
 * files), as raw text for `simpleParser`. Mail goes through the job queue, so callers
 * wait for it with `expect(…).toPass()`.
 */
export function latestMail(to: string): string | undefined {
  const dir = path.resolve('.data/e2e/mail');
  if (!existsSync(dir)) return undefined;
  for (const file of readdirSync(dir).sort().reverse()) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    if (text.includes(`To: ${to}`)) return text;
  }
  return undefined;
}
