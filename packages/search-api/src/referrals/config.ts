/**
 * Referral settings from the environment, for the CLI:
 *   SK_REFERRAL_SECRETS       JSON object { "<organization.id>": "<secret>" }
 *   SK_REFERRAL_SECRETS_FILE  path of a file holding that JSON (preferred: keeps secrets out of the process list and env dumps)
 *   SK_PUBLIC_BASE_URL        public origin of the API, e.g. https://api.example.nl
 *   SK_REFERRAL_STORE         path of the JSON-lines store; unset: in memory (lost on restart)
 *   SK_REFERRAL_ALLOW_HTTP_INTAKE=1  allow http:// intake URLs on other hosts than loopback
 */
import { readFileSync } from 'node:fs';
import { FileReferralStore, MemoryReferralStore, type ReferralStore } from './store.js';

export const MIN_SECRET_LENGTH = 32;

export interface ReferralConfig {
  secrets: (organizationId: string) => string | undefined;
  organizations: string[];
  publicBaseUrl: string;
  storePath: string | undefined;
  allowInsecureIntake: boolean;
}

/** Parses `{ "<organization.id>": "<secret>" }`; throws with a message naming the bad entry. */
export function parseReferralSecrets(text: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('referral secrets must be a JSON object { "<organization id>": "<secret>" }');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('referral secrets must be a JSON object { "<organization id>": "<secret>" }');
  }
  const map = new Map<string, string>();
  for (const [org, secret] of Object.entries(parsed)) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
      throw new Error(`referral secret of organisation "${org}" must be a string of at least ${MIN_SECRET_LENGTH} characters`);
    }
    map.set(org, secret);
  }
  return map;
}

export function referralConfigFromEnv(env: NodeJS.ProcessEnv, { defaultPublicBaseUrl }: { defaultPublicBaseUrl: string }): ReferralConfig {
  const text = env.SK_REFERRAL_SECRETS_FILE ? readFileSync(env.SK_REFERRAL_SECRETS_FILE, 'utf8') : env.SK_REFERRAL_SECRETS;
  const secrets = text ? parseReferralSecrets(text) : new Map<string, string>();
  const publicBaseUrl = (env.SK_PUBLIC_BASE_URL || defaultPublicBaseUrl).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(publicBaseUrl)) throw new Error(`SK_PUBLIC_BASE_URL must be an http(s) origin, not "${publicBaseUrl}"`);
  return {
    secrets: (organizationId) => secrets.get(organizationId),
    organizations: [...secrets.keys()],
    publicBaseUrl,
    storePath: env.SK_REFERRAL_STORE || undefined,
    allowInsecureIntake: env.SK_REFERRAL_ALLOW_HTTP_INTAKE === '1' || env.SK_REFERRAL_ALLOW_HTTP_INTAKE === 'true',
  };
}

/** A file store at `path`, or a memory store when no path is configured. */
export async function openReferralStore(path: string | undefined): Promise<ReferralStore> {
  return path ? FileReferralStore.open(path) : new MemoryReferralStore();
}
