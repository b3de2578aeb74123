/**
 * Referral settings from the environment, for the CLI:
 *   SK_REFERRAL_SECRETS       JSON object { "<organization.id>": "<secret>" | { "secret": "…", "intakeUrl": "https://…" } };
 *                             an intakeUrl here overrides the feed's (the operator routes referrals), and the key "*"
 *                             is the route for organisations without an entry of their own (a regional intake, such
 *                             as the welzijnscoaches' shared intake, that takes referrals for every provider)
 *   SK_REFERRAL_SECRETS_FILE  path of a file holding that JSON (preferred: keeps secrets out of the process list and env dumps)
 *   SK_PUBLIC_BASE_URL        public origin of the API, e.g. https://api.example.nl
 *   SK_REFERRAL_STORE         path of the JSON-lines store; unset: in memory (lost on restart)
 *   SK_REFERRAL_ALLOW_HTTP_INTAKE=1  allow http:// intake URLs on other hosts than loopback
 */
import { readFileSync } from 'node:fs';
import { FileReferralStore, MemoryReferralStore, type ReferralStore } from './store.js';

export const MIN_SECRET_LENGTH = 32;

export interface IntakeRoute {
  secret: string;
  /** Where referrals for this organisation go, instead of the intake URL in the feed. */
  intakeUrl?: string;
}

export interface ReferralConfig {
  secrets: (organizationId: string) => string | undefined;
  /** The configured intake URL of an organisation (or of the "*" route), overriding the feed's. */
  intakeUrlFor: (organizationId: string) => string | undefined;
  organizations: string[];
  publicBaseUrl: string;
  storePath: string | undefined;
  allowInsecureIntake: boolean;
}

/** Parses the routes JSON (see the top of this file); throws with a message naming the bad entry. */
export function parseReferralRoutes(text: string): Map<string, IntakeRoute> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('referral secrets must be a JSON object { "<organization id>": "<secret>" }');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('referral secrets must be a JSON object { "<organization id>": "<secret>" }');
  }
  const map = new Map<string, IntakeRoute>();
  for (const [org, value] of Object.entries(parsed)) {
    const route: Partial<IntakeRoute> = typeof value === 'string' ? { secret: value } : typeof value === 'object' && value !== null ? (value as Partial<IntakeRoute>) : {};
    if (typeof route.secret !== 'string' || route.secret.length < MIN_SECRET_LENGTH) {
      throw new Error(`referral secret of organisation "${org}" must be a string of at least ${MIN_SECRET_LENGTH} characters`);
    }
    if (route.intakeUrl !== undefined && (typeof route.intakeUrl !== 'string' || !/^https?:\/\/[^\s]+$/.test(route.intakeUrl))) {
      throw new Error(`intakeUrl of organisation "${org}" must be an http(s) URL`);
    }
    map.set(org, route.intakeUrl ? { secret: route.secret, intakeUrl: route.intakeUrl } : { secret: route.secret });
  }
  return map;
}

/** Parses `{ "<organization.id>": "<secret>" }` into secrets only. */
export function parseReferralSecrets(text: string): Map<string, string> {
  return new Map([...parseReferralRoutes(text)].map(([org, route]) => [org, route.secret]));
}

export function referralConfigFromEnv(env: NodeJS.ProcessEnv, { defaultPublicBaseUrl }: { defaultPublicBaseUrl: string }): ReferralConfig {
  const text = env.SK_REFERRAL_SECRETS_FILE ? readFileSync(env.SK_REFERRAL_SECRETS_FILE, 'utf8') : env.SK_REFERRAL_SECRETS;
  const routes = text ? parseReferralRoutes(text) : new Map<string, IntakeRoute>();
  const route = (organizationId: string) => routes.get(organizationId) ?? routes.get('*');
  const publicBaseUrl = (env.SK_PUBLIC_BASE_URL || defaultPublicBaseUrl).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(publicBaseUrl)) throw new Error(`SK_PUBLIC_BASE_URL must be an http(s) origin, not "${publicBaseUrl}"`);
  return {
    secrets: (organizationId) => route(organizationId)?.secret,
    intakeUrlFor: (organizationId) => route(organizationId)?.intakeUrl,
    organizations: [...routes.keys()],
    publicBaseUrl,
    storePath: env.SK_REFERRAL_STORE || undefined,
    allowInsecureIntake: env.SK_REFERRAL_ALLOW_HTTP_INTAKE === '1' || env.SK_REFERRAL_ALLOW_HTTP_INTAKE === 'true',
  };
}

/** A file store at `path`, or a memory store when no path is configured. */
export async function openReferralStore(path: string | undefined): Promise<ReferralStore> {
  return path ? FileReferralStore.open(path) : new MemoryReferralStore();
}
