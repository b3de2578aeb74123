export {
  ACTIVITY_INDEX_UID,
  ACTIVITY_PRIMARY_KEY,
  FILTERABLE_ATTRIBUTES,
  RANKING_RULES,
  SEARCHABLE_ATTRIBUTES,
  SORTABLE_ATTRIBUTES,
  activityIndexSettings,
  indexSettings,
  synonymsFromTaxonomy,
  type FilterableAttribute,
  type SortableAttribute,
} from './settings.js';
export {
  MeiliTaskError,
  applySettings,
  createActivityIndex,
  createMeiliClient,
  waitForTask,
  type MeiliClientOptions,
  type WaitForTaskOptions,
} from './client.js';
export {
  MEILI_NPM_PACKAGE,
  MEILI_NPM_SHA256,
  MEILI_NPM_VERSION,
  MeiliBinaryError,
  findMeiliBinary,
  sha256File,
  verifyMeiliBinary,
  type MeiliBinary,
  type MeiliBinarySource,
} from './binary.js';
export {
  MeiliStartError,
  findFreePort,
  startMeilisearch,
  type ManagedMeilisearch,
  type StartMeilisearchOptions,
} from './managed.js';
export {
  FilterError,
  MAX_FILTER_VALUES,
  MAX_FILTER_VALUE_LENGTH,
  activityFilterSchema,
  buildFilter,
  eq,
  filterToString,
  inList,
  not,
  quoteFilterValue,
  range,
  type ActivityFilter,
  type FilterCondition,
  type MeiliFilter,
} from './filter.js';
export { REVISION_FIELD, documentLine, documentRevision, withRevision } from './revision.js';
