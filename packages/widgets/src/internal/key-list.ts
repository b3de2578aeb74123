/**
 * Lists of keys as hosts write them: `need="eenzaamheid,rouw"` as an attribute, an array as
 * a property. One parser for every element, so the finder and the referral button read the
 * same attribute alike.
 */

/** Comma-separated keys (attribute) or a list (property) → unique, trimmed keys, in the given order. */
export function keyList(value: unknown): string[] {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return [...new Set(raw.map((s) => String(s).trim()).filter(Boolean))];
}

/** Lit converter for a list attribute such as `reasons="eenzaamheid,rouw"`. */
export const keyListConverter = {
  fromAttribute: (value: string | null): string[] => keyList(value ?? ''),
  toAttribute: (value: string[]): string | null => (value?.length ? value.join(',') : null),
};
