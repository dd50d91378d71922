import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ensurePrivateDirSync, PRIVATE_FILE_MODE, restrictFileSync } from '../storage/private-files.ts';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/**
 * Every environment variable Liaison reads, with its default. The README's configuration table
 * lists the same names (a test keeps them in step). Read once at start-up by `loadConfig`.
 */
const EnvSchema = z.object({
  /** HTTP port. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Interface to listen on. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Where the embedded database, the generated secret key, backups and uploads live. */
  LIAISON_DATA_DIR: z.string().min(1).default('./data'),
  /** PostgreSQL connection URL; absent → embedded SQLite in the data directory. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** Connections per app node when on PostgreSQL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Redis URL for the cross-node event bus; absent → in-process events (one node). */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** Password for the `admin` account created on first start; absent → generated and logged once. */
  LIAISON_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').max(256).optional(),
  /**
   * 32-byte key (64 hex characters or base64) for session CSRF tokens, audit-chain MACs and field
   * encryption. Absent in embedded mode → generated into the data directory; required on PostgreSQL
   * so every node shares it.
   */
  LIAISON_SECRET_KEY: z.string().optional(),
  /** Log level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * `pretty`: one readable line per event (and at most one per request) for a terminal; `json`: one
   * pino JSON record per line for a log collector. Default: json when NODE_ENV is production,
   * pretty otherwise.
   */
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  /** `production` switches the log to JSON unless LOG_FORMAT says otherwise. */
  NODE_ENV: z.string().optional(),
  /** Session cookie only over HTTPS; turn on behind TLS. */
  LIAISON_COOKIE_SECURE: bool.default(false),
  /**
   * Which reverse proxies may set X-Forwarded-For (the client address in the audit log and the
   * sign-in throttle): `false`, the number of proxy hops in front of the app, or their addresses /
   * CIDR ranges separated by commas. `true` trusts any sender — only safe if the proxy overwrites
   * the header.
   */
  LIAISON_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx) => {
      const s = v.trim();
      if (s === 'false' || s === '0') return false;
      if (s === 'true') return true;
      if (/^\d+$/.test(s)) return Number(s);
      const list = s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      if (list.every((p) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(p))) return list;
      ctx.addIssue({ code: 'custom', message: 'use false, true, a hop count, or proxy addresses/CIDRs' });
      return z.NEVER;
    }),
  /** A session ends after this many minutes without use. */
  LIAISON_SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(43_200).default(720),
  /** A session ends this many hours after sign-in, however active. */
  LIAISON_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(8_760).default(168),
  /**
   * Wrong passwords one address may enter for one account name before that address must wait (one
   * while the name or the address is under a burst). Never refuses the owner from elsewhere.
   */
  LIAISON_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  /** The longest wait in minutes: waits start at 30 s and double with every further failure. */
  LIAISON_LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1_440).default(15),
  /** Largest accepted request body, in bytes. */
  LIAISON_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  /** How long after posting an author may still edit or delete their message, in minutes. */
  LIAISON_MESSAGE_EDIT_MINUTES: z.coerce.number().int().min(0).max(525_600).default(1440),
  /** Largest attachment, in bytes. */
  LIAISON_ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(20 * 1024 * 1024),
  /**
   * How often each node reads the event log even without a hint from the bus, in milliseconds: the
   * upper bound on live-delivery delay when a hint is lost (e.g. Redis briefly away).
   */
  LIAISON_EVENT_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
  /** Days the live-event log is kept for reconnecting clients (older clients reload instead). */
  LIAISON_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** Organisation time zone (IANA), used wherever a calendar day matters. */
  LIAISON_TIME_ZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'unknown IANA time zone'),
  /**
   * SMTP server for notification email, e.g. `smtp://user:pass@mail.example.com:587` (`smtps://`
   * for TLS on connect); absent → email is not offered and nothing is queued for it.
   */
  LIAISON_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** The From address of notification email. */
  LIAISON_MAIL_FROM: z.string().min(3).default('联络 <liaison@localhost>'),
  /**
   * The address people open the web app at; links in email and robot messages start with it, and
   * browsers may open the live connection (WebSocket) only from a page of exactly this origin.
   */
  LIAISON_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL')
    .refine((u) => URL.canParse(u), 'must be an http(s) URL')
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  /**
   * Bearer token a Prometheus scraper must send to read `/metrics`; absent → `/metrics` answers
   * only clients connected from this machine (loopback), never through a proxy.
   */
  LIAISON_METRICS_TOKEN: z
    .string()
    .min(24, 'must be at least 24 characters (e.g. openssl rand -hex 32)')
    .max(256)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; poolSize: number };
  redisUrl: string | null;
  adminPassword: string | null;
  /** 32 bytes; derive purpose-specific keys from it with `deriveKey`, never use it directly. */
  secretKey: Buffer;
  logLevel: Env['LOG_LEVEL'];
  logFormat: 'pretty' | 'json';
  cookieSecure: boolean;
  trustProxy: boolean | number | string[];
  session: { idleMinutes: number; maxHours: number };
  login: { maxFailures: number; lockMinutes: number };
  bodyLimit: number;
  messaging: {
    editWindowMinutes: number;
    attachmentMaxBytes: number;
    eventRetentionDays: number;
    eventPollMs: number;
  };
  timeZone: string;
  notifications: { smtpUrl: string | null; mailFrom: string; publicUrl: string };
  /** LIAISON_PUBLIC_URL as configured (no default): the one origin browsers may connect from. */
  publicUrl: string | null;
  /** LIAISON_METRICS_TOKEN; null → /metrics is for loopback clients only. */
  metricsToken: string | null;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Names of every variable, for documentation checks. */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape) as (keyof Env)[];

/**
 * Validates the environment into a typed Config, or throws ConfigError listing every problem at
 * once. In embedded mode a missing secret key is generated into the data directory (mode 0600)
 * so it survives restarts.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(defined);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const dataDir = resolve(cwd, e.LIAISON_DATA_DIR);
  const problems: string[] = [];

  let secretKey: Buffer | null = null;
  if (e.LIAISON_SECRET_KEY) {
    secretKey = decodeKey(e.LIAISON_SECRET_KEY);
    if (!secretKey) problems.push('LIAISON_SECRET_KEY: must be 32 bytes as 64 hex characters or base64');
  } else if (e.DATABASE_URL) {
    problems.push('LIAISON_SECRET_KEY: required with DATABASE_URL so every app node shares one key');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  if (!secretKey) secretKey = loadOrCreateKeyFile(dataDir);

  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: 'sqlite', file: join(dataDir, 'liaison.sqlite') },
    redisUrl: e.REDIS_URL ?? null,
    adminPassword: e.LIAISON_ADMIN_PASSWORD ?? null,
    secretKey,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (e.NODE_ENV === 'production' ? 'json' : 'pretty'),
    cookieSecure: e.LIAISON_COOKIE_SECURE,
    trustProxy: e.LIAISON_TRUST_PROXY,
    session: { idleMinutes: e.LIAISON_SESSION_IDLE_MINUTES, maxHours: e.LIAISON_SESSION_MAX_HOURS },
    login: { maxFailures: e.LIAISON_LOGIN_MAX_FAILURES, lockMinutes: e.LIAISON_LOGIN_LOCK_MINUTES },
    bodyLimit: e.LIAISON_BODY_LIMIT_BYTES,
    messaging: {
      editWindowMinutes: e.LIAISON_MESSAGE_EDIT_MINUTES,
      attachmentMaxBytes: e.LIAISON_ATTACHMENT_MAX_BYTES,
      eventRetentionDays: e.LIAISON_EVENT_RETENTION_DAYS,
      eventPollMs: e.LIAISON_EVENT_POLL_MS,
    },
    timeZone: e.LIAISON_TIME_ZONE,
    notifications: {
      smtpUrl: e.LIAISON_SMTP_URL ?? null,
      mailFrom: e.LIAISON_MAIL_FROM,
      publicUrl: e.LIAISON_PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    },
    publicUrl: e.LIAISON_PUBLIC_URL ?? null,
    metricsToken: e.LIAISON_METRICS_TOKEN ?? null,
  };
}

function decodeKey(text: string): Buffer | null {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  return key.length === 32 ? key : null;
}

function loadOrCreateKeyFile(dataDir: string): Buffer {
  const file = join(dataDir, 'secret.key');
  ensurePrivateDirSync(dataDir);
  if (existsSync(file)) {
    const key = decodeKey(readFileSync(file, 'utf8'));
    if (!key) throw new ConfigError([`${file}: does not hold a 32-byte key; restore it from backup`]);
    restrictFileSync(file);
    return key;
  }
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  // The mode above passes through the umask; this makes it exactly owner read/write.
  chmodSync(file, PRIVATE_FILE_MODE);
  return key;
}
