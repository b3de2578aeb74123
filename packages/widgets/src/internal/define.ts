// Every element's `define` module imports this one first, so it is also where zod is told,
// before any schema is built, not to probe `new Function` (a CSP violation on a GP's page
// without 'unsafe-eval'; the schemas are only parsed in the lazily loaded seal chunk).
import '@sociale-kaart/sealing/jitless';

/**
 * Registers a custom element unless the tag is taken already. Two copies of this
 * library on one page (a HIS that bundles it and a CDN script, say) must not throw:
 * the first definition wins and the second copy quietly uses it.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return;
  customElements.define(tag, ctor);
}
