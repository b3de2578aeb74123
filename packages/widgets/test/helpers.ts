// Small helpers for the browser tests: mounting, waiting, querying the shadow root,
// assertions and axe-core. Deliberately tiny: failures should read plainly.
import { executeServerCommand } from '@web/test-runner-commands';
import type { SkFinder } from '../src/finder/finder.js';

export interface TestConfig {
  /** The real search API, /v1 base. */
  apiUrl: string;
  /** The same API, marking everything checked over 3 days ago as stale. */
  staleApiUrl: string;
  /** An API over 1,000 plain activities ("Buurtactiviteit n"), for the map's clustering. */
  manyApiUrl: string;
  /** The test proxy in front of it (delay, broken, flaky, log). */
  proxyUrl: string;
  /** Blank local tiles. */
  tileUrl: string;
}

let config: Promise<TestConfig> | undefined;
export function testConfig(): Promise<TestConfig> {
  config ??= fetch('/__sk/config.json').then((r) => r.json() as Promise<TestConfig>);
  return config;
}

const mounted: HTMLElement[] = [];

/** Creates `<sk-finder>` with the given attributes (api defaults to the real test API). */
export async function mountFinder(attrs: Record<string, string> = {}, inner = ''): Promise<SkFinder> {
  const cfg = await testConfig();
  const el = document.createElement('sk-finder');
  const all = { api: cfg.apiUrl, 'tile-url': cfg.tileUrl, ...attrs };
  for (const [k, v] of Object.entries(all)) el.setAttribute(k, v);
  if (inner) el.innerHTML = inner;
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  return el;
}

/** Creates any element with attributes (api defaults to the real test API) and properties, and mounts it. */
export async function mount<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  props: Partial<Record<string, unknown>> = {},
  parent: HTMLElement = document.body,
): Promise<HTMLElementTagNameMap[K]> {
  const cfg = await testConfig();
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries({ api: cfg.apiUrl, ...attrs })) el.setAttribute(k, v);
  Object.assign(el, props);
  parent.append(el);
  mounted.push(el);
  await (el as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
  return el;
}

/** An iframe of the test server's page `src` (e.g. one served with a strict CSP), loaded; remove it when done. */
export async function loadFrame(src: string, height = 900): Promise<{ frame: HTMLIFrameElement; win: Window & typeof globalThis; doc: Document }> {
  const frame = document.createElement('iframe');
  frame.style.width = '900px';
  frame.style.height = `${height}px`;
  frame.src = src;
  const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
  document.body.append(frame);
  await loaded;
  return { frame, win: frame.contentWindow as Window & typeof globalThis, doc: frame.contentDocument! };
}

export function cleanup(): void {
  for (const el of mounted.splice(0)) el.remove();
  document.documentElement.lang = 'nl';
}

export class AssertionError extends Error {
  override name = 'AssertionError';
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/** Deep equality through JSON: for data (strings, numbers, arrays, plain objects), not for DOM nodes or classes. */
export function assertEqual<T>(actual: T, expected: T, message: string): void {
  if (typeof actual === 'function' || actual instanceof Node) throw new AssertionError(`assertEqual compares data; use assert(a === b) for ${message}`);
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new AssertionError(`${message}\n  expected: ${e}\n  actual:   ${a}`);
}

/** Polls until `fn` returns something truthy (and returns it), or fails with `message`. */
export async function waitFor<T>(fn: () => T | null | undefined | false | Promise<T | null | undefined | false>, message: string, timeout = 8000): Promise<T> {
  const start = performance.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (performance.now() - start > timeout) throw new AssertionError(`timed out: ${message}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function $<T extends Element = HTMLElement>(el: Element, selector: string): T | null {
  return el.shadowRoot!.querySelector<T>(selector as never) as T | null;
}

export function $$<T extends Element = HTMLElement>(el: Element, selector: string): T[] {
  return [...el.shadowRoot!.querySelectorAll<T>(selector as never)] as T[];
}

export function cardTitles(el: Element): string[] {
  return $$(el, '.card .card-heading').map((h) => h.textContent!.trim());
}

export function statusText(el: Element): string {
  return $(el, '[role="status"]')?.textContent?.trim() ?? '';
}

/** Waits until a search completed and the cards match `predicate`. */
export async function waitForResults(el: SkFinder, predicate: (titles: string[]) => boolean = (t) => t.length > 0, message = 'results'): Promise<string[]> {
  return waitFor(() => {
    const busy = $(el, '.results[aria-busy="true"], .state[aria-busy="true"]');
    const titles = cardTitles(el);
    return !busy && predicate(titles) && titles;
  }, message);
}

export function chip(el: Element, group: string, key: string): HTMLButtonElement | null {
  return $<HTMLButtonElement>(el, `.chip[data-group="${group}"][data-key="${key}"]`);
}

/** Records events of one type on an element until `stop()`. */
export function recordEvents<T = unknown>(target: EventTarget, type: string) {
  const events: CustomEvent<T>[] = [];
  const listener = (e: Event) => events.push(e as CustomEvent<T>);
  target.addEventListener(type, listener);
  return { events, stop: () => target.removeEventListener(type, listener) };
}

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: unknown; failureSummary: string }[] }[];
}
declare global {
  interface Window {
    axe?: { run(context: unknown, options: unknown): Promise<AxeResult> };
  }
}

async function loadAxe(): Promise<NonNullable<Window['axe']>> {
  if (!window.axe) {
    await new Promise<void>((resolve, reject) => {
      const s = document.createElement('script');
      s.src = '/__sk/axe.js';
      s.onload = () => resolve();
      s.onerror = () => reject(new Error('axe-core did not load'));
      document.head.append(s);
    });
  }
  return window.axe!;
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core (WCAG 2.1 A + AA; with `bestPractice` also axe's best-practice rules such as
 * heading-order) on the element or the whole document, shadow DOM included; fails on any violation.
 */
export async function expectNoAxeViolations(el: Element | Document, state: string, options: { bestPractice?: boolean } = {}): Promise<void> {
  const axe = await loadAxe();
  const tags = options.bestPractice ? [...WCAG_TAGS, 'best-practice'] : WCAG_TAGS;
  const result = await axe.run(el, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
  const report = result.violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)}: ${n.failureSummary}`).join('\n')}`)
    .join('\n');
  assert(result.violations.length === 0, `axe found violations in the ${state} state:\n${report}`);
}

// ---------- the intake receiver and the relay, through the test runner (see web-test-runner.config.mjs) ----------

/** What the intake receiver (the provider's side) has received, oldest first. */
export interface ReceivedReferral {
  referral: {
    referralId: string;
    activity: { id: string; title: string };
    organization: { id: string; name: string };
    reasons: { key: string; label: string }[];
    note: string | null;
    patient: { name: string; contactPreference: string; phone?: string; email?: string; address?: string };
    referrer: { name?: string; practice?: string } | null;
    statusUrl: string;
  };
  receivedAt: string;
  statuses: { status: string; ok: boolean }[];
}

export function receivedReferrals(): Promise<ReceivedReferral[]> {
  return executeServerCommand<ReceivedReferral[], undefined>('sk-referrals-received');
}

/** The provider reports a status through the receiver (signed, over HTTP to the relay). */
export function providerPostsStatus(referralId: string, status: string, reason?: string): Promise<{ status: number; body: { ok: boolean } }> {
  return executeServerCommand('sk-referral-post-status', { referralId, status, reason });
}

/** How many POST /v1/referrals the API has seen so far. */
export function referralPosts(): Promise<number> {
  return executeServerCommand<number, undefined>('sk-referral-posts');
}

/** A fresh referrer token from the test back end (the HIS backend's part): valid until expireReferrerTokens(). */
export function referrerToken(): Promise<string> {
  return executeServerCommand<string, undefined>('sk-referrer-token');
}

/** Every referrer token issued so far expires, as a real one does after a few minutes. */
export async function expireReferrerTokens(): Promise<void> {
  await executeServerCommand('sk-referrer-tokens-expire');
}

/** The Authorization header of every POST /v1/referrals so far, oldest first (null: none sent). */
export function referralAuthorizations(): Promise<(string | null)[]> {
  return executeServerCommand<(string | null)[], undefined>('sk-referral-authorizations');
}
