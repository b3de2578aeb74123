/**
 * Where a referral goes: an activity by id, or the welzijnscoach of the patient's gemeente.
 */
import { buildFilter } from '@sociale-kaart/meili';
import { activityIdSchema, distanceKm, foldText, lookupPc4, type Activity } from '@sociale-kaart/schema';

export interface ReferralLookup {
  lookupActivity(id: string): Promise<Activity | null>;
  findWelzijnscoach(postcode: string): Promise<Activity | null>;
}

export interface CoachOptions {
  /** Without a coach in the postcode's own place, take the nearest one within this distance (default 25 km). */
  maxDistanceKm?: number;
}

function canTakeReferrals(a: Activity): boolean {
  return a.isWelzijnscoach === true && a.acceptsWelzijnOpRecept === true && a.status === 'active';
}

/**
 * The coach for a postcode: one whose gemeente or city is the postcode's place (nearest of
 * those), else the nearest within `maxDistanceKm`. The PC4 table knows the place
 * (woonplaats), not the gemeente, so a gemeente with several places relies on distance.
 */
export function pickWelzijnscoach(candidates: readonly Activity[], postcode: string, { maxDistanceKm = 25 }: CoachOptions = {}): Activity | null {
  const pc = lookupPc4(postcode);
  if (!pc) return null;
  const place = foldText(pc.place);
  const ranked = candidates
    .filter(canTakeReferrals)
    .map((a) => ({
      a,
      samePlace: place !== '' && [a.gemeente, a.location?.gemeente, a.location?.city].some((p) => p != null && foldText(p) === place),
      km: a._geo ? distanceKm(pc, a._geo) : Number.POSITIVE_INFINITY,
    }))
    .sort((x, y) => Number(y.samePlace) - Number(x.samePlace) || x.km - y.km);
  const best = ranked[0];
  if (!best) return null;
  return best.samePlace || best.km <= maxDistanceKm ? best.a : null;
}

/** For tests and demos without Meilisearch. */
export function createArrayReferralLookup(activities: readonly Activity[], options: CoachOptions = {}): ReferralLookup {
  return {
    async lookupActivity(id) {
      return activities.find((a) => a.id === id) ?? null;
    },
    async findWelzijnscoach(postcode) {
      return pickWelzijnscoach(activities, postcode, options);
    },
  };
}

// Built from constants: nothing from the request reaches a filter string.
const COACH_FILTER = buildFilter({ isWelzijnscoach: true, acceptsWelzijnOpRecept: true, status: ['active'] });

/** The part of the API's SearchBackend (backend.ts) the lookups use: the same timeouts, deadline and 503s. */
export interface ActivitySource {
  getDocument<T = Activity>(id: string): Promise<T | null>;
  search<T = Activity>(request: { q?: string; filter?: Array<string | string[]>; sort?: string[]; limit?: number }): Promise<{ hits: T[] }>;
}

/**
 * Both lookups over the live activity index, through the API's search backend:
 * `createReferralsApp({ ...createMeiliReferralLookup(backend), ... })`. When Meilisearch does
 * not answer, the backend's 503 (with Retry-After) reaches the caller.
 */
export function createMeiliReferralLookup(source: ActivitySource, options: CoachOptions = {}): ReferralLookup {
  return {
    async lookupActivity(id) {
      if (!activityIdSchema.safeParse(id).success) return null;
      return source.getDocument<Activity>(id);
    },
    async findWelzijnscoach(postcode) {
      const pc = lookupPc4(postcode);
      if (!pc) return null;
      const result = await source.search<Activity>({
        q: '',
        filter: COACH_FILTER,
        sort: [`_geoPoint(${pc.lat.toFixed(6)},${pc.lng.toFixed(6)}):asc`],
        limit: 50,
      });
      const found = pickWelzijnscoach(result.hits, postcode, options);
      if (!found) return null;
      const { _geoDistance: _, ...activity } = found as Activity & { _geoDistance?: number };
      return activity;
    },
  };
}
