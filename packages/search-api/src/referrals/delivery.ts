/**
 * Delivers a signed JSON body to a provider's intake webhook, retrying what may succeed on a
 * second try (timeouts, network errors, 5xx, 429) with bounded exponential backoff and jitter.
 * A 4xx means the provider rejected this request: retrying would not change its mind.
 * Every attempt goes to the one address checked before the first (intake-target.ts).
 * `error` is for the server log only: the caller never learns what the target answered.
 */
import { postToTarget, type CheckedTarget } from './intake-target.js';
import { signatureHeaders } from './signature.js';

export interface DeliveryOptions {
  /** Attempts in total, including the first (default 3). */
  attempts: number;
  /** Delay before the second attempt; doubles per attempt (default 250 ms). */
  baseDelayMs: number;
  /** Upper bound of one delay, also for a provider's Retry-After (default 2000 ms). */
  maxDelayMs: number;
  /** Timeout of one attempt (default 5000 ms). */
  timeoutMs: number;
}

export const DEFAULT_DELIVERY: DeliveryOptions = { attempts: 3, baseDelayMs: 250, maxDelayMs: 2000, timeoutMs: 5000 };

export type DeliveryResult =
  | { ok: true; attempts: number; httpStatus: number }
  | { ok: false; attempts: number; httpStatus?: number; error: string };

export interface DeliverInput {
  target: CheckedTarget;
  secret: string;
  /** The exact JSON text to send and sign. */
  body: string;
  options?: Partial<DeliveryOptions>;
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** Delay before attempt `attempt + 1`: base·2^(attempt-1), capped, then jittered to 50–100 %. */
export function backoffDelay(attempt: number, options: Pick<DeliveryOptions, 'baseDelayMs' | 'maxDelayMs'>, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

function retryAfterMs(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function describeNetworkError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : (error as Error).name;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function deliverSigned({
  target,
  secret,
  body,
  options,
  clock = () => new Date(),
  sleep = defaultSleep,
  random = Math.random,
}: DeliverInput): Promise<DeliveryResult> {
  const opts: DeliveryOptions = { ...DEFAULT_DELIVERY, ...options };
  const attempts = Math.max(1, Math.floor(opts.attempts));
  let last: { httpStatus?: number; error: string } = { error: 'not attempted' };

  for (let attempt = 1; attempt <= attempts; attempt++) {
    let retryAfter: number | undefined;
    try {
      // Signed per attempt: a retry carries a fresh timestamp, the referralId stays the same.
      const headers = { 'content-type': 'application/json', accept: 'application/json', ...signatureHeaders(secret, body, clock()) };
      const response = await postToTarget(target, headers, body, opts.timeoutMs);
      if (response.status >= 200 && response.status < 300) return { ok: true, attempts: attempt, httpStatus: response.status };
      last = { httpStatus: response.status, error: `intake answered HTTP ${response.status}` };
      const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
      if (!retryable) return { ok: false, attempts: attempt, ...last };
      retryAfter = retryAfterMs(response.retryAfter);
    } catch (error) {
      const name = (error as Error).name;
      last = { error: name === 'TimeoutError' || name === 'AbortError' ? `intake did not answer within ${opts.timeoutMs} ms` : `intake unreachable (${describeNetworkError(error)})` };
    }
    if (attempt < attempts) {
      const delay = backoffDelay(attempt, opts, random);
      await sleep(retryAfter === undefined ? delay : Math.min(opts.maxDelayMs, Math.max(delay, retryAfter)));
    }
  }
  return { ok: false, attempts, ...last };
}
