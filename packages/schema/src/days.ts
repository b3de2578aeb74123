/**
 * Day and part-of-day keys in week order: plain constants in a module without zod or lookup
 * tables, so the widgets' CDN entry can import them without pulling in the taxonomy. The
 * taxonomy (taxonomy.ts) re-exports them beside their labels.
 */

export const DAY_KEYS = ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'] as const;
export type DayKey = (typeof DAY_KEYS)[number];

export const PARTS_OF_DAY = ['ochtend', 'middag', 'avond'] as const;
export type PartOfDay = (typeof PARTS_OF_DAY)[number];
