/**
 * Referral settings from the environment, for the CLI (all documented in the README):
 *   SK_REFERRAL_SECRETS       JSON { "<organization.id>": { "secret": "…", "intakeUrl": "https://…" } }; the key "*"
 *                             is the route for every organisation without an entry of its own (a regional intake)
 *   SK_REFERRAL_SECRETS_FILE  path of a file holding that JSON (preferred: keeps secrets out of env dumps)
 *   SK_REFERRER_JWKS_FILE     JWKS file with the public keys of the HIS backends allowed to send referrals
 *   SK_REFERRER_JWKS_URL      JWKS URL of a HIS vendor (fetched with a timeout, cached)
 *   SK_PUBLIC_BASE_URL        public origin of the API (the referrer token's `aud`, status URLs, problem types)
 *   SK_REFERRAL_STORE         path of the JSON-lines store; unset: in memory (lost on restart)
 *   SK_REFERRAL_ALLOW_PRIVATE_INTAKE=1  deliver over http and to loopback/private addresses (demo and tests only)
 *
 * Routes without referrer keys are a mistake (nobody could use them): refused at start.
 * Neither configured: the API serves search only, and POST /v1/referrals answers 503.
 */
import { readFileSync } from 'node:fs';
import type { JSONWebKeySet } from 'jose';
import { createReferrerVerifier, type ReferrerVerifier } from './referrer-token.js';
import { RouteConfigError, parseReferralRoutes, staticRoutes, type IntakeRoutes, type WebhookRoute } from './routes.js';
import { FileReferralStore, MemoryReferralStore, type ReferralStore } from './store.js';

export { RouteConfigError as ReferralConfigError };

export interface ReferralConfig {
  /** The operator's routes (own entries and the regional "*"), without the database's. */
  routes: IntakeRoutes<WebhookRoute>;
  operatorRoutes: ReadonlyMap<string, WebhookRoute>;
  /** The organisations with a route of their own (and "*"), for the start-up log. */
  organizations: string[];
  referrers: ReferrerVerifier | undefined;
  publicBaseUrl: string;
  storePath: string | undefined;
  allowPrivateIntake: boolean;
}

const flag = (v: string | undefined) => v === '1' || v === 'true';

function readFile(path: string, variable: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new RouteConfigError(`${variable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function parseJwks(text: string, variable: string): JSONWebKeySet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new RouteConfigError(`${variable}: not valid JSON`);
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0 || keys.some((k) => typeof k !== 'object' || k === null || typeof (k as { kty?: unknown }).kty !== 'string')) {
    throw new RouteConfigError(`${variable}: must be a JWKS { "keys": [ { "kty": …, … } ] } with at least one public key`);
  }
  if (keys.some((k) => 'd' in (k as object))) throw new RouteConfigError(`${variable}: holds a private key ("d"); give the API public keys only`);
  return parsed as JSONWebKeySet;
}

/** Reads and checks every referral setting; throws a ReferralConfigError naming the variable or route entry. */
export function referralConfigFromEnv(env: NodeJS.ProcessEnv, { defaultPublicBaseUrl }: { defaultPublicBaseUrl: string }): ReferralConfig {
  const allowPrivateIntake = flag(env.SK_REFERRAL_ALLOW_PRIVATE_INTAKE);
  const text = env.SK_REFERRAL_SECRETS_FILE ? readFile(env.SK_REFERRAL_SECRETS_FILE, 'SK_REFERRAL_SECRETS_FILE') : env.SK_REFERRAL_SECRETS;
  const routes = text ? parseReferralRoutes(text, { allowHttp: allowPrivateIntake }) : new Map<string, WebhookRoute>();
  const publicBaseUrl = (env.SK_PUBLIC_BASE_URL || defaultPublicBaseUrl).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+$/.test(publicBaseUrl)) throw new RouteConfigError(`SK_PUBLIC_BASE_URL must be an http(s) origin, not "${publicBaseUrl}"`);

  const jwks = env.SK_REFERRER_JWKS_FILE ? parseJwks(readFile(env.SK_REFERRER_JWKS_FILE, 'SK_REFERRER_JWKS_FILE'), 'SK_REFERRER_JWKS_FILE') : undefined;
  let jwksUrl: URL | undefined;
  if (env.SK_REFERRER_JWKS_URL) {
    try {
      jwksUrl = new URL(env.SK_REFERRER_JWKS_URL);
    } catch {
      jwksUrl = undefined;
    }
    if (!jwksUrl || (jwksUrl.protocol !== 'https:' && !(allowPrivateIntake && jwksUrl.protocol === 'http:'))) {
      throw new RouteConfigError('SK_REFERRER_JWKS_URL must be an https URL');
    }
  }
  const referrers = jwks || jwksUrl ? createReferrerVerifier({ audience: publicBaseUrl, jwks, jwksUrl }) : undefined;
  if (routes.size > 0 && !referrers) {
    throw new RouteConfigError('referral routes are configured but no referrer keys: set SK_REFERRER_JWKS_FILE or SK_REFERRER_JWKS_URL (the HIS backends allowed to send referrals)');
  }
  return {
    routes: staticRoutes(routes),
    operatorRoutes: routes,
    organizations: [...routes.keys()],
    referrers,
    publicBaseUrl,
    storePath: env.SK_REFERRAL_STORE || undefined,
    allowPrivateIntake,
  };
}

/** A file store at `path`, or a memory store when no path is configured. */
export async function openReferralStore(path: string | undefined): Promise<ReferralStore> {
  return path ? FileReferralStore.open(path) : new MemoryReferralStore();
}
