/**
 * Search defaults that the API applies and the widgets show: one place, so a finder never
 * displays "10 km" while the API searched another radius. Pure constants, no zod: the
 * widgets' CDN entry imports them.
 */

/** Radius (km) the search API uses around a postcode or point when none is given. */
export const DEFAULT_RADIUS_KM = 10;

/** Results per page when `per_page` is not given. */
export const DEFAULT_PER_PAGE = 20;

/** The most results one page may hold (`per_page`). */
export const MAX_PER_PAGE = 50;
