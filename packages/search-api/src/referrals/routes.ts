/**
 * Where a referral for an organisation goes, and the secret its webhook is signed with.
 *
 * Routes come from whoever the operator trusts to say where patient data may go, never from
 * a feed: a feed's `intake.url` is shown to people, not used. That is the operator's
 * configuration (`SK_REFERRAL_SECRETS` / `SK_REFERRAL_SECRETS_FILE`) and, with a database,
 * a verified organisation's own settings (db-routes.ts). {@link operatorFirst} layers them.
 */
export const MIN_SECRET_LENGTH = 32;

/** Delivered, HMAC-signed, to the organisation's own intake webhook. */
export interface WebhookRoute {
  kind?: 'webhook';
  /** HMAC secret shared with the receiving organisation (signs deliveries and its status posts). */
  secret: string;
  /** The intake webhook: https, on a public address (see intake-target.ts). */
  intakeUrl: string;
}

/** Kept, sealed to the organisation's key, for its hosted inbox in the portal. */
export interface InboxRoute {
  kind: 'inbox';
}

export type IntakeRoute = WebhookRoute | InboxRoute;

export const isInboxRoute = (route: IntakeRoute): route is InboxRoute => route.kind === 'inbox';

export interface IntakeRoutes<R extends IntakeRoute = IntakeRoute> {
  /** The route of an organisation, or undefined when referrals to it cannot be relayed. */
  routeFor(organizationId: string): R | undefined | Promise<R | undefined>;
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
export function parseReferralRoutes(text: string, { allowHttp = false }: { allowHttp?: boolean } = {}): Map<string, WebhookRoute> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new RouteConfigError(`${SHAPE}; it is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new RouteConfigError(SHAPE);
  const map = new Map<string, WebhookRoute>();
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
export function staticRoutes<R extends IntakeRoute>(routes: ReadonlyMap<string, R>): IntakeRoutes<R> {
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

/**
 * The operator's own entry for the organisation first, then the organisation's own settings
 * (`own`, from the database: only verified organisations), then the operator's regional `"*"`
 * route. The regional route comes last so that an organisation that chose the hosted inbox is
 * not caught by a regional intake.
 */
export function operatorFirst(operator: ReadonlyMap<string, IntakeRoute>, own: IntakeRoutes): IntakeRoutes {
  return {
    async routeFor(organizationId) {
      return operator.get(organizationId) ?? (await own.routeFor(organizationId)) ?? operator.get(REGIONAL_ROUTE);
    },
  };
}
