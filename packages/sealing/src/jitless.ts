/**
 * `@sociale-kaart/sealing/jitless`: zod runs without its `new Function` fast path.
 *
 * zod 4 compiles object parsers with `new Function` when it can, and finds out whether it can
 * by trying once, when the first object schema is built. On a page whose Content-Security-Policy
 * has no 'unsafe-eval' (a careful HIS, a gemeente site, the portal itself) that try is a CSP
 * violation the page's owner sees in their reports. Sealing and opening parse a handful of
 * small objects, so the fast path buys nothing here.
 *
 * The setting must be in place before any schema module runs, and a bundler may order the
 * schema modules ahead of whoever calls `z.config()`. So this module does not import zod at
 * all (the widgets import it first thing, in the CDN entry, where zod must not be): it puts
 * the setting where zod keeps its configuration, on `globalThis` (shared by every copy of zod,
 * read when zod loads; `z.config({ jitless: true })` writes the same object). A host page
 * that bundles its own zod with the widgets gets the same eval-free parsers, which is what a
 * strict CSP asks for. test/jitless.test.ts checks that zod reads it.
 */
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(holder.__zod_globalConfig ??= {}).jitless = true;

export {};
