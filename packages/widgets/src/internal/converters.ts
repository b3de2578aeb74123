/**
 * Attribute converter for optional text properties: empty strings are not reflected, so a host
 * gets no `q=""` clutter and no `lang=""` (which would mean "unknown language").
 */
export const optionalText = {
  fromAttribute: (value: string | null) => value ?? '',
  toAttribute: (value: string) => (value ? value : null),
};
