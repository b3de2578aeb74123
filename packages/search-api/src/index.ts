export { createApp, API_VERSION, type AppDeps, type LogLine } from './app.js';
export { createMeiliBackend, deriveSearchKey, withMeiliDeadline, SearchKeyError, MeiliResponseError, type SearchBackend, type SearchRequest, type SearchResult, type MeiliBackendOptions } from './backend.js';
export { loadConfig, defaultConfig, usage, ConfigError, DEFAULT_PORT, type ApiConfig } from './config.js';
export { Metrics } from './metrics.js';
export { fastNearby, naiveNearby, boxAround, meiliDistanceM, LruCache, MEILI_EARTH_RADIUS_M, type NearbyCounts, type NearbyOptions, type NearbyRequest, type NearbyResult } from './nearby.js';
export { normalizeSearchQuery, runSearch, DEFAULT_RADIUS_KM, type NormalizedQuery } from './search.js';
export { serviceRecord, serviceListItem, serviceUuid } from './hsds.js';
export { ProblemError, UpstreamUnavailableError, problemTypeUri, type FieldError } from './http/problem.js';
export { clientKeyFunction, forwardedClient, type ClientKey } from './http/client-key.js';
export { TokenBucketLimiter, rateLimit, type RateLimitOptions } from './http/rate-limit.js';
export { lineLogger, silentLogger, type Logger } from './http/log.js';
export { startServer, type RunningServer, type StartServerOptions } from './server.js';
// The referral relay, for embedding and for other packages' test back ends.
export {
  createReferralsApp,
  createMeiliReferralLookup,
  createArrayReferralLookup,
  createReferrerVerifier,
  staticRoutes,
  firstRoute,
  parseReferralRoutes,
  referralConfigFromEnv,
  MemoryReferralStore,
  FileReferralStore,
  DbReferralStore,
  databaseRoutes,
  databaseReferralKeys,
  createReferralKeyApp,
  migrateFileStore,
  operatorFirst,
  type ReferralsDeps,
  type ReferralKeys,
  type WebhookRoute,
  type InboxRoute,
  type IntakeRoutes,
  type IntakeRoute,
  type ReferrerVerifier,
} from './referrals/index.js';
