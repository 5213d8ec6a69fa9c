import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3210);
const PG_PORT = Number(process.env.E2E_PG_PORT ?? 54339);

/**
 * Browser tests drive Debian's Chromium (Playwright's own download is not available
 * here) against the built app, which runs with its own embedded database under
 * .data/e2e, wiped before each run — never the dev data.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'off',
    // A German browser, like most visitors; other languages are chosen by link in the tests.
    locale: 'de-DE',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
  ],
  webServer: {
    // The data directory is reset without deleting it under a PostgreSQL still running there
    // (the embedded cluster runs detached from the server that started it).
    command: 'node --import tsx tests/setup/reset-data-dir.ts .data/e2e && node --import tsx server/main.ts',
    url: `http://127.0.0.1:${PORT}/healthz`,
    // Never pick up a stray server: every run starts its own on a clean database.
    reuseExistingServer: false,
    // SIGTERM, so the server drains and stops its PostgreSQL (a SIGKILL would leave it running).
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      NODE_ENV: 'production',
      APP_ENV: 'development',
      PORT: String(PORT),
      PG_PORT: String(PG_PORT),
      DATA_DIR: '.data/e2e',
      LOG_LEVEL: 'warn',
    },
  },
});
