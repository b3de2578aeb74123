/**
 * @sociale-kaart/widgets: every element, registered. Import one element's
 * `define` module instead to register only that one.
 */
export * from './finder/define.js';
export * from './referral-button/define.js';
export * from './welzijnsrecept/define.js';
export * from './referral-status/define.js';
export { defineElement } from './internal/define.js';
export { ApiClient, ApiError } from './internal/api-client.js';
export { normalizeQuery, type FinderQuery } from './internal/query.js';
export { nl } from './translations/nl.js';
export { en } from './translations/en.js';
export type { Translation } from './translations/translation.js';
