/**
 * The keys a device can open referrals with: the current one (whose public half the
 * organisation publishes) and older ones from before a rotation, so older referrals stay
 * readable. Opening picks a key by the referral's `kid`.
 */
import type { ReferralKeyPair } from './keys.js';

export class Keyring {
  readonly #keys = new Map<string, ReferralKeyPair>();
  readonly #current: string | undefined;

  /** @param keys the keys; `current` names the current one (default: the newest). */
  constructor(keys: Iterable<ReferralKeyPair>, options: { current?: string } = {}) {
    for (const key of keys) this.#keys.set(key.kid, key);
    if (options.current !== undefined && !this.#keys.has(options.current)) {
      throw new RangeError('the current key must be one of the keys');
    }
    this.#current = options.current ?? this.list()[0]?.kid;
  }

  get(kid: string): ReferralKeyPair | undefined {
    return this.#keys.get(kid);
  }

  has(kid: string): boolean {
    return this.#keys.has(kid);
  }

  get current(): ReferralKeyPair | undefined {
    return this.#current === undefined ? undefined : this.#keys.get(this.#current);
  }

  /** Every key, newest first. */
  list(): ReferralKeyPair[] {
    return [...this.#keys.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  get size(): number {
    return this.#keys.size;
  }
}
