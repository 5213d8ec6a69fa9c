import { z } from 'zod';

/**
 * The environment, validated once at boot. A wrong value stops the start with a
 * message that names the variable, so a typo never turns into odd behaviour later.
 */
const onOff = z.enum(['on', 'off']);

const schema = z
  .object({
    APP_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    MEILISEARCH_URL: z.string().url().optional(),
    MEILISEARCH_KEY: z.string().optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Wegweiser <no-reply@wegweiser.invalid>'),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    PUBLIC_URL: z.string().url().optional(),
    TRUST_PROXY: onOff.default('off'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    JOBS: z.enum(['in-process', 'off']).default('in-process'),
    SEED_DEMO: onOff.default('on'),
    // Days after an appointment its personal data is erased (the anonymised row stays).
    APPOINTMENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    // Self-assessments nobody opened for this long are deleted (unless kept in an account).
    ASSESSMENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
    // Case files closed or inactive this long are erased (the anonymous rows stay).
    CASE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(730),
    SEED_OFFERS: z.coerce.number().int().min(0).max(1_000_000).default(1500),
    // Reliability (ADR 013): every request ends within REQUEST_TIMEOUT_MS (503 with Retry-After
    // otherwise); the database cancels a request's statement or lock wait past these limits.
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(10_000),
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(8_000),
    DB_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(4_000),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    // Requests served at once, and how many may wait for a turn; more are refused at once (503).
    MAX_CONCURRENT_REQUESTS: z.coerce.number().int().min(1).max(10_000).default(32),
    MAX_QUEUED_REQUESTS: z.coerce.number().int().min(0).max(100_000).default(100),
    // After SIGTERM: how long requests in flight may take before their connections are cut.
    DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
    // /metrics: with a token, for `Authorization: Bearer <token>` from anywhere; without, loopback only.
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    // First retry of a failed mail after this many seconds, then doubling (5 retries).
    MAIL_RETRY_DELAY_S: z.coerce.number().int().min(1).max(3600).default(30),
    // Test-only switches: honoured in demo/test mode, refused in production.
    ANTI_ABUSE: onOff.optional(),
    BOOKING_WINDOW_DAYS: z.coerce.number().int().min(1).max(730).optional(),
    FIXED_NOW: z.string().datetime({ offset: true }).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.APP_ENV !== 'production') return;
    // PUBLIC_URL: behind a TLS proxy the request says http://; the Origin check needs the real origin.
    for (const key of ['DATABASE_URL', 'SMTP_URL', 'SESSION_SECRET', 'PUBLIC_URL'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production' });
    }
    for (const key of TEST_SWITCHES) {
      if (env[key] !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'is a test-only switch, refused in production',
        });
    }
  });

export const TEST_SWITCHES = ['ANTI_ABUSE', 'BOOKING_WINDOW_DAYS', 'FIXED_NOW'] as const;

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses an environment record; throws EnvError naming every wrong variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings count as unset, as they do in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

/** The process environment, parsed on first use. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Forget the cached value (the server sets DATABASE_URL after starting embedded PostgreSQL). */
export function resetEnvCache() {
  cached = undefined;
}

export function activeTestSwitches(env: Env): string[] {
  return TEST_SWITCHES.filter((k) => env[k] !== undefined).map((k) => `${k}=${env[k]}`);
}
