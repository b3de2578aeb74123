/**
 * The browser's keystore: the team's key pairs in IndexedDB, as CryptoKey objects. The
 * browser keeps a non-extractable private key usable across reloads without ever handing
 * its bytes to a script, so the store refuses extractable ones. One key is current (its
 * public half is what the organisation publishes); older ones stay to open older referrals.
 */
import type { ReferralPublicKey } from '@sociale-kaart/schema';
import { ExtractableKeyError } from './errors.js';
import { Keyring } from './keyring.js';
import type { ReferralKeyPair } from './keys.js';

export const DEFAULT_KEYSTORE_NAME = 'sociale-kaart-referral-keys';
const STORE = 'keys';

/** What IndexedDB holds per key (structured clone keeps the CryptoKeys as they are). */
interface KeyRecord {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: ReferralPublicKey;
  createdAt: string;
  storedAt: string;
  current: boolean;
}

export interface StoredKey extends ReferralKeyPair {
  storedAt: string;
  current: boolean;
}

export class Keystore {
  readonly #db: IDBDatabase;

  private constructor(db: IDBDatabase) {
    this.#db = db;
  }

  /**
   * Opens (or creates) the keystore. Use one `name` per organisation when a coach works for
   * several, so each inbox sees only its own keys.
   */
  static async open(name: string = DEFAULT_KEYSTORE_NAME): Promise<Keystore> {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'kid' });
    return new Keystore(await done(request));
  }

  /**
   * Stores a key pair; by default it becomes the current key and the others older ones.
   * @throws ExtractableKeyError for a private key a script could read out
   */
  async put(key: ReferralKeyPair, options: { current?: boolean; now?: () => Date } = {}): Promise<void> {
    if (key.privateKey.extractable) throw new ExtractableKeyError();
    const current = options.current ?? true;
    const record: KeyRecord = {
      kid: key.kid,
      privateKey: key.privateKey,
      publicKey: key.publicKey,
      publicJwk: key.publicJwk,
      createdAt: key.createdAt,
      storedAt: (options.now ?? (() => new Date()))().toISOString(),
      current,
    };
    await this.#write(async (store) => {
      if (current) await this.#clearCurrent(store);
      await done(store.put(record));
    });
  }

  /** Every stored key: the current one first, then newest first. */
  async list(): Promise<StoredKey[]> {
    const tx = this.#db.transaction(STORE, 'readonly');
    const records = (await done(tx.objectStore(STORE).getAll())) as KeyRecord[];
    return records
      .map((r) => ({ ...r }))
      .sort((a, b) => Number(b.current) - Number(a.current) || (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  async get(kid: string): Promise<StoredKey | undefined> {
    const tx = this.#db.transaction(STORE, 'readonly');
    return (await done(tx.objectStore(STORE).get(kid))) as KeyRecord | undefined;
  }

  /** All keys, for `openReferral`. */
  async keyring(): Promise<Keyring> {
    const keys = await this.list();
    const current = keys.find((k) => k.current)?.kid;
    return new Keyring(keys, current === undefined ? {} : { current });
  }

  /** Makes a stored key the current one (after a rotation is undone, or on a second device). */
  async setCurrent(kid: string): Promise<void> {
    await this.#write(async (store) => {
      const record = (await done(store.get(kid))) as KeyRecord | undefined;
      if (!record) throw new RangeError('no stored key with this kid');
      await this.#clearCurrent(store);
      await done(store.put({ ...record, current: true }));
    });
  }

  /** Forgets a key: referrals sealed to it can then only be opened on another device or from its recovery file. */
  async delete(kid: string): Promise<void> {
    await this.#write((store) => done(store.delete(kid)).then(() => undefined));
  }

  close(): void {
    this.#db.close();
  }

  async #clearCurrent(store: IDBObjectStore): Promise<void> {
    const records = (await done(store.getAll())) as KeyRecord[];
    for (const r of records.filter((r) => r.current)) await done(store.put({ ...r, current: false }));
  }

  /** Runs `work` in one read-write transaction and resolves once it committed. */
  async #write(work: (store: IDBObjectStore) => Promise<void>): Promise<void> {
    const tx = this.#db.transaction(STORE, 'readwrite');
    const committed = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error ?? new Error('keystore transaction aborted'));
    });
    try {
      await work(tx.objectStore(STORE));
    } catch (e) {
      tx.abort();
      await committed.catch(() => undefined);
      throw e;
    }
    await committed;
  }
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
