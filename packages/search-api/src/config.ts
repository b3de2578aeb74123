/**
 * Configuration from environment variables and command-line flags (flags win),
 * validated once at start with one clear message per mistake.
 */
import { z } from 'zod';

export interface ApiConfig {
  port: number;
  host: string;
  meiliUrl: string;
  /** A search key (preferred) or a master/admin key from which a search key is derived at start. Server side only. */
  meiliKey: string | undefined;
  index: string;
  /** Origins allowed to call /v1/* from a browser. `*` allows every origin. */
  corsOrigins: string[];
  /** Deadline in milliseconds (≤ 2000) for everything one request asks Meilisearch. */
  meiliTimeoutMs: number;
  /** Token bucket per client IP: sustained requests per second and burst size. 0 disables. */
  rateLimitPerSecond: number;
  rateLimitBurst: number;
  /** max-age of cacheable GET answers in seconds. */
  cacheMaxAgeSeconds: number;
  /** Searches kept in the exact response cache per live index version (LRU); 0 disables it. */
  searchCacheSize: number;
  /** Documents kept by id and revision for search hits (hit-store.ts, LRU); 0: every search retrieves every hit field. */
  hitStoreSize: number;
  /**
   * Reverse proxies you run in front of the API: the client is the N-th address from the
   * right of X-Forwarded-For (http/client-key.ts). 0: the socket address.
   */
  trustProxy: number;
  /** Seconds clients are told to wait (Retry-After) when Meilisearch is down. */
  retryAfterSeconds: number;
  /** Search hits and activities last checked (assuredDate, else lastModified) longer ago are marked `stale`; 0 = never. */
  staleAfterDays: number;
  /** Public base URL, used in /hsds/ links; derived from the request when absent. */
  publicUrl: string | undefined;
}

export const DEFAULT_PORT = 8787;

const bool = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'].includes(v), 'must be true or false')
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const httpUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL such as http://127.0.0.1:7700')
  .transform((v) => v.replace(/\/+$/, ''));

const originList = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(
    z.array(
      z.string().refine((o) => o === '*' || /^https?:\/\/[^/\s]+$/.test(o), 'each origin must look like https://example.nl (scheme and host, no path) or be *'),
    ),
  );

const int = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const num = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, 'must be a number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const rawConfigSchema = z.object({
  port: int(0, 65535).default(DEFAULT_PORT),
  host: z.string().trim().min(1).default('127.0.0.1'),
  meiliUrl: httpUrl.default('http://127.0.0.1:7700'),
  meiliKey: z.string().min(1, 'must not be empty').optional(),
  index: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,400}$/, 'must be a Meilisearch index uid (letters, digits, - and _)')
    .default('activities'),
  corsOrigins: originList.default([]),
  meiliTimeoutMs: int(50, 2000).default(2000),
  rateLimitPerSecond: num(0, 100000).default(20),
  rateLimitBurst: int(1, 100000).default(60),
  cacheMaxAgeSeconds: int(0, 86400).default(60),
  searchCacheSize: int(0, 1_000_000).default(1000),
  hitStoreSize: int(0, 1_000_000).default(20_000),
  // "true"/"false" still read as 1/0 hops, as before hop counts.
  trustProxy: z.union([bool.transform((v) => (v ? 1 : 0)), int(0, 10)]).default(0),
  retryAfterSeconds: int(1, 3600).default(5),
  publicUrl: httpUrl.optional(),
  staleAfterDays: int(0, 3650).default(180),
});

/** Flag → config key, and the environment variable for the same setting. */
const SETTINGS: Array<{ key: keyof z.input<typeof rawConfigSchema>; flag: string; env: string; help: string }> = [
  { key: 'port', flag: '--port', env: 'PORT', help: `port to listen on (default ${DEFAULT_PORT})` },
  { key: 'host', flag: '--host', env: 'HOST', help: 'address to listen on (default 127.0.0.1)' },
  { key: 'meiliUrl', flag: '--meili-url', env: 'MEILI_URL', help: 'Meilisearch URL (default http://127.0.0.1:7700)' },
  { key: 'meiliKey', flag: '--meili-key', env: 'MEILI_KEY', help: 'Meilisearch key; a search-only key is preferred' },
  { key: 'index', flag: '--index', env: 'MEILI_INDEX', help: 'live index uid (default activities)' },
  { key: 'corsOrigins', flag: '--cors-origins', env: 'CORS_ORIGINS', help: 'comma-separated origins allowed on /v1/* (or *)' },
  { key: 'meiliTimeoutMs', flag: '--meili-timeout-ms', env: 'MEILI_TIMEOUT_MS', help: 'deadline per request for all its Meilisearch calls, 50–2000 (default 2000)' },
  { key: 'rateLimitPerSecond', flag: '--rate-limit', env: 'RATE_LIMIT_PER_SECOND', help: 'requests per second per IP, 0 = off (default 20)' },
  { key: 'rateLimitBurst', flag: '--rate-burst', env: 'RATE_LIMIT_BURST', help: 'burst size per IP (default 60)' },
  { key: 'cacheMaxAgeSeconds', flag: '--cache-max-age', env: 'CACHE_MAX_AGE', help: 'Cache-Control max-age in seconds (default 60)' },
  { key: 'searchCacheSize', flag: '--cache-size', env: 'SEARCH_CACHE_SIZE', help: 'searches kept in the exact response cache (LRU, per index version), 0 = off (default 1000)' },
  { key: 'hitStoreSize', flag: '--hit-store-size', env: 'HIT_STORE_SIZE', help: 'documents kept (by id and revision) for search hits, so searches retrieve less, 0 = off (default 20000)' },
  { key: 'trustProxy', flag: '--trust-proxy', env: 'TRUST_PROXY', help: 'number of reverse proxies you run in front of the API; the client is the N-th X-Forwarded-For address from the right (default 0)' },
  { key: 'retryAfterSeconds', flag: '--retry-after', env: 'RETRY_AFTER', help: 'Retry-After seconds on 503 (default 5)' },
  { key: 'publicUrl', flag: '--public-url', env: 'PUBLIC_URL', help: 'public base URL of this API' },
  { key: 'staleAfterDays', flag: '--stale-after-days', env: 'STALE_AFTER_DAYS', help: 'mark hits last checked longer ago as stale, 0 = never (default 180)' },
];

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function usage(): string {
  const lines = SETTINGS.map((s) => `  ${`${s.flag} <value>`.padEnd(28)} ${s.help} [env ${s.env}]`);
  return `Usage: sociale-kaart-api [options]\n\n${lines.join('\n')}\n  --help                       show this help\n\nReferrals: DATABASE_URL (the portal's database), SK_DATA_KEY and the SK_REFERRAL_* / SK_REFERRER_* variables (see the README).\nThe Meilisearch key never leaves this server.`;
}

/**
 * Reads the configuration. Throws {@link ConfigError} listing every problem, each naming
 * the flag or environment variable it came from.
 */
export function loadConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ApiConfig {
  const raw: Record<string, string> = {};
  const origin: Record<string, string> = {};
  const problems: string[] = [];
  for (const s of SETTINGS) {
    const v = env[s.env];
    if (v !== undefined && v !== '') {
      raw[s.key] = v;
      origin[s.key] = `environment variable ${s.env}`;
    }
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const s = SETTINGS.find((x) => x.flag === flag);
    if (!s) {
      problems.push(`unknown option ${flag} (see --help)`);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      problems.push(`${flag} needs a value`);
      if (value?.startsWith('--')) i--;
      continue;
    }
    raw[s.key] = value;
    origin[s.key] = flag;
  }
  const parsed = rawConfigSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      const s = SETTINGS.find((x) => x.key === key);
      problems.push(`${origin[key] ?? s?.flag ?? key}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return { ...parsed.data, meiliKey: parsed.data.meiliKey, publicUrl: parsed.data.publicUrl };
}

/** A complete configuration with defaults, for tests and embedding. */
export function defaultConfig(overrides: Partial<ApiConfig> = {}): ApiConfig {
  return { ...loadConfig([], {}), ...overrides };
}
