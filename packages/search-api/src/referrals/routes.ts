/**
 * Where a referral for an organisation goes, and the secret its webhook is signed with.
 *
 * Routes come from whoever the operator trusts to say where patient data may go, never from
 * a feed: a feed's `intake.url` is shown to people, not used. Today that is the operator's
 * configuration (`SK_REFERRAL_SECRETS` / `SK_REFERRAL_SECRETS_FILE`); a database of
 * verified organisations can supply routes by implementing {@link IntakeRoutes} too, and
 * {@link firstRoute} chains several sources (e.g. the operator's file, then the portal's).
 */
export const MIN_SECRET_LENGTH = 32;

export interface IntakeRoute {
  /** HMAC secret shared with the receiving organisation (signs deliveries and its status posts). */
  secret: string;
  /** The intake webhook: https, on a public address (see intake-target.ts). */
  intakeUrl: string;
}

export interface IntakeRoutes {
  /** The route of an organisation, or undefined when referrals to it cannot be relayed. */
  routeFor(organizationId: string): IntakeRoute | undefined | Promise<IntakeRoute | undefined>;
}

/** The key of the regional route: used for every organisation without a route of its own. */
export const REGIONAL_ROUTE = '*';

export class RouteConfigError extends Error {
  override name = 'RouteConfigError';
}

const SHAPE = 'referral routes must be a JSON object { "<organization id>": { "secret": "…", "intakeUrl": "https://…" } }';

/**
 * Parses the operator's routes. Every entry needs a secret of at least
 * {@link MIN_SECRET_LENGTH} characters and its own https `intakeUrl` (http only with
 * `allowHttp`, for a loopback demo). Throws a {@link RouteConfigError} naming the bad entry.
 */
export function parseReferralRoutes(text: string, { allowHttp = false }: { allowHttp?: boolean } = {}): Map<string, IntakeRoute> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new RouteConfigError(`${SHAPE}; it is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new RouteConfigError(SHAPE);
  const map = new Map<string, IntakeRoute>();
  for (const [org, value] of Object.entries(parsed)) {
    const entry = `referral route "${org}"`;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new RouteConfigError(`${entry} must be an object { "secret": "…", "intakeUrl": "https://…" }: a route without an intakeUrl would let feed data decide where patient data goes`);
    }
    const { secret, intakeUrl } = value as Partial<Record<'secret' | 'intakeUrl', unknown>>;
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) throw new RouteConfigError(`${entry}: secret must be a string of at least ${MIN_SECRET_LENGTH} characters`);
    if (intakeUrl === undefined || intakeUrl === null || intakeUrl === '') {
      throw new RouteConfigError(`${entry} has no intakeUrl: every route names its own intake (the intake URL in a feed is never used)`);
    }
    let url: URL | undefined;
    try {
      url = typeof intakeUrl === 'string' ? new URL(intakeUrl) : undefined;
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new RouteConfigError(`${entry}: intakeUrl must be an https URL`);
    if (url.protocol === 'http:' && !allowHttp) {
      throw new RouteConfigError(`${entry}: intakeUrl must be https (http only with SK_REFERRAL_ALLOW_PRIVATE_INTAKE=1, for a loopback demo)`);
    }
    map.set(org, { secret, intakeUrl: url.href });
  }
  return map;
}

/** Routes from a parsed map: the organisation's own entry, else the regional `"*"` entry. */
export function staticRoutes(routes: ReadonlyMap<string, IntakeRoute>): IntakeRoutes {
  return { routeFor: (organizationId) => routes.get(organizationId) ?? routes.get(REGIONAL_ROUTE) };
}

/** The first source that has a route for the organisation. */
export function firstRoute(...sources: IntakeRoutes[]): IntakeRoutes {
  return {
    async routeFor(organizationId) {
      for (const source of sources) {
        const route = await source.routeFor(organizationId);
        if (route) return route;
      }
      return undefined;
    },
  };
}
