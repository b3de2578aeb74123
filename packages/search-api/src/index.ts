export { createApp, API_VERSION, type AppDeps, type LogLine } from './app.js';
export { createMeiliBackend, deriveSearchKey, MeiliResponseError, type SearchBackend, type SearchRequest, type SearchResult, type MeiliBackendOptions } from './backend.js';
export { loadConfig, defaultConfig, usage, ConfigError, DEFAULT_PORT, type ApiConfig } from './config.js';
export { Metrics } from './metrics.js';
export { fastNearby, naiveNearby, boxAround, meiliDistanceM, LruCache, MEILI_EARTH_RADIUS_M, type NearbyCounts, type NearbyOptions, type NearbyRequest, type NearbyResult } from './nearby.js';
export { normalizeSearchQuery, runSearch, DEFAULT_RADIUS_KM, type NormalizedQuery } from './search.js';
export { serviceRecord, serviceListItem, serviceUuid } from './hsds.js';
export { ProblemError, UpstreamUnavailableError } from './problem.js';
export { startServer, type RunningServer } from './server.js';
