/**
 * What the relay remembers about a referral: ids, timestamps, the status history, the
 * referring practice (the referrer token's `sub`) and a hash of the GP's capability token.
 * Never the patient's name, contact details or the note in the clear. The database store
 * (db-store.ts) also keeps the public need keys, the gemeente and, for the hosted inbox, the
 * sealed payload; the file and memory stores below keep none of those (they serve webhooks only).
 */
import { mkdirSync } from 'node:fs';
import { open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

import { currentReferralStatus, type ReferralStatus } from '@sociale-kaart/schema';

export { PROVIDER_STATUSES, RELAY_STATUSES, REFERRAL_STATUSES } from '@sociale-kaart/schema';
export type { ProviderStatus, RelayStatus, ReferralStatus } from '@sociale-kaart/schema';

export type ReferralTargetType = 'activity' | 'coach';

export interface ReferralStatusEntry {
  status: Exclude<ReferralStatus, 'pending'>;
  /** ISO 8601 */
  at: string;
  /** Only on provider statuses, written by the provider for the GP. */
  reason?: string;
  /** On `started`: the activity the patient started. */
  activityId?: string;
  /** On `handed_over`: the organisation that has the referral now. */
  to?: { organizationId: string; organizationName: string | null };
}

export interface NewReferral {
  id: string;
  targetType: ReferralTargetType;
  activityId: string;
  organizationId: string;
  /** ISO 8601 */
  createdAt: string;
  /** Hex SHA-256 of the GP's capability token. */
  tokenHash: string;
  /** The referring practice (`sub` of the referrer token, e.g. an AGB code). Not patient data. */
  referrer?: string;
  /** Public members only the database store keeps (need keys are counted by the monitor). */
  gemeente?: string | null;
  reasons?: readonly string[];
  /** `inbox`: the referral waits, sealed, in the hosted inbox; `webhook` (default): delivered to the organisation's intake. */
  delivery?: 'webhook' | 'inbox';
  sealed?: { kid: string; enc: string; ciphertext: string };
  /** The associated data `sealed` is bound to (referralPublicPart), stored exactly as built. */
  publicPart?: Record<string, unknown>;
}

export interface ReferralRecord extends NewReferral {
  updatedAt: string;
  /** Derived from the history, see {@link currentStatus}. */
  status: ReferralStatus;
  history: ReferralStatusEntry[];
}

export interface ReferralStore {
  /** True when the store keeps `sealed` and `publicPart` (the database store): only then can the hosted inbox be served. */
  readonly keepsSealed?: boolean;
  /** Stores a new referral in status `pending`. Fails when the id exists. */
  create(referral: NewReferral): Promise<ReferralRecord>;
  get(id: string): Promise<ReferralRecord | undefined>;
  /** Appends to the history; undefined when the referral is unknown. */
  addStatus(id: string, entry: ReferralStatusEntry): Promise<ReferralRecord | undefined>;
  /**
   * Remembers a signature digest until `expiresAt`. Returns false when it was already
   * remembered and has not expired: the request is a replay.
   */
  rememberSignature(digest: string, expiresAt: Date): Promise<boolean>;
  close(): Promise<void>;
}

/** The receiving side's latest word wins; see currentReferralStatus in @sociale-kaart/schema. */
export function currentStatus(history: readonly ReferralStatusEntry[]): ReferralStatus {
  return currentReferralStatus(history);
}

// Copies only the allowed fields: whatever else a caller passes in is never kept.
function pickNew(r: NewReferral): NewReferral {
  return {
    id: String(r.id),
    targetType: r.targetType === 'coach' ? 'coach' : 'activity',
    activityId: String(r.activityId),
    organizationId: String(r.organizationId),
    createdAt: String(r.createdAt),
    tokenHash: String(r.tokenHash),
    ...(r.referrer === undefined ? {} : { referrer: String(r.referrer) }),
  };
}
function pickEntry(e: ReferralStatusEntry): ReferralStatusEntry {
  return {
    status: e.status,
    at: String(e.at),
    ...(e.reason === undefined ? {} : { reason: String(e.reason) }),
    ...(e.activityId === undefined ? {} : { activityId: String(e.activityId) }),
    ...(e.to === undefined ? {} : { to: { organizationId: String(e.to.organizationId), organizationName: e.to.organizationName === null ? null : String(e.to.organizationName) } }),
  };
}

function snapshot(r: ReferralRecord): ReferralRecord {
  return { ...r, history: r.history.map((e) => ({ ...e })) };
}

/** Journal lines of the file store; also the state transitions of the memory store. */
type Event =
  | ({ t: 'referral' } & NewReferral)
  | ({ t: 'status'; id: string } & ReferralStatusEntry)
  | { t: 'sig'; d: string; exp: number };

/** The in-memory state both stores share. */
class ReferralState {
  readonly referrals = new Map<string, ReferralRecord>();
  readonly signatures = new Map<string, number>();
  private sweepAt = 0;

  apply(e: Event): void {
    switch (e.t) {
      case 'referral': {
        const r = pickNew(e);
        this.referrals.set(r.id, { ...r, updatedAt: r.createdAt, status: 'pending', history: [] });
        return;
      }
      case 'status': {
        const r = this.referrals.get(e.id);
        if (!r) return;
        r.history.push(pickEntry(e));
        r.updatedAt = e.at > r.updatedAt ? e.at : r.updatedAt;
        r.status = currentStatus(r.history);
        return;
      }
      case 'sig':
        this.signatures.set(e.d, e.exp);
        return;
    }
  }

  seen(digest: string, nowMs: number): boolean {
    const exp = this.signatures.get(digest);
    return exp !== undefined && exp > nowMs;
  }

  sweep(nowMs: number, force = false): void {
    if (!force && nowMs < this.sweepAt) return;
    this.sweepAt = nowMs + 60_000;
    for (const [d, exp] of this.signatures) if (exp <= nowMs) this.signatures.delete(d);
  }

  /** The events that rebuild the current state, for compaction. */
  *events(): Generator<Event> {
    for (const r of this.referrals.values()) {
      yield { t: 'referral', ...pickNew(r) };
      for (const e of r.history) yield { t: 'status', id: r.id, ...pickEntry(e) };
    }
    for (const [d, exp] of this.signatures) yield { t: 'sig', d, exp };
  }
}

export interface StoreOptions {
  /** For signature expiry. */
  clock?: () => Date;
}

/** For unit tests and throwaway demos: forgets everything on restart. */
export class MemoryReferralStore implements ReferralStore {
  private readonly state = new ReferralState();
  private readonly clock: () => Date;

  constructor({ clock = () => new Date() }: StoreOptions = {}) {
    this.clock = clock;
  }

  async create(referral: NewReferral): Promise<ReferralRecord> {
    if (this.state.referrals.has(referral.id)) throw new Error(`referral ${referral.id} exists`);
    this.state.apply({ t: 'referral', ...pickNew(referral) });
    return snapshot(this.state.referrals.get(referral.id)!);
  }

  async get(id: string): Promise<ReferralRecord | undefined> {
    const r = this.state.referrals.get(id);
    return r && snapshot(r);
  }

  async addStatus(id: string, entry: ReferralStatusEntry): Promise<ReferralRecord | undefined> {
    if (!this.state.referrals.has(id)) return undefined;
    this.state.apply({ t: 'status', id, ...pickEntry(entry) });
    return snapshot(this.state.referrals.get(id)!);
  }

  async rememberSignature(digest: string, expiresAt: Date): Promise<boolean> {
    const now = this.clock().getTime();
    this.state.sweep(now);
    if (this.state.seen(digest, now)) return false;
    this.state.apply({ t: 'sig', d: digest, exp: expiresAt.getTime() });
    return true;
  }

  async close(): Promise<void> {}
}

export interface FileStoreOptions extends StoreOptions {
  /** Rewrite the journal when it has this many more lines than the live state needs (default 5000). */
  compactAfter?: number;
}

/**
 * An append-only JSON-lines journal: one event per line, fsynced before the call returns,
 * replayed on open. Opening also compacts it (expired signatures and a torn last line from
 * a crash are dropped) by writing a fresh file and renaming it over the old one.
 * One process per file: it holds no lock.
 */
export class FileReferralStore implements ReferralStore {
  private readonly state = new ReferralState();
  private handle: FileHandle | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private lines = 0;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly clock: () => Date,
    private readonly compactAfter: number,
  ) {}

  static async open(path: string, { clock = () => new Date(), compactAfter = 5000 }: FileStoreOptions = {}): Promise<FileReferralStore> {
    const store = new FileReferralStore(path, clock, compactAfter);
    mkdirSync(dirname(path), { recursive: true });
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      let event: Event;
      try {
        event = JSON.parse(line) as Event;
      } catch {
        continue; // a line torn by a crash mid-write
      }
      store.state.apply(event);
    }
    store.state.sweep(clock().getTime(), true);
    await store.rewrite();
    return store;
  }

  async create(referral: NewReferral): Promise<ReferralRecord> {
    if (this.state.referrals.has(referral.id)) throw new Error(`referral ${referral.id} exists`);
    const event: Event = { t: 'referral', ...pickNew(referral) };
    await this.append(event);
    return snapshot(this.state.referrals.get(referral.id)!);
  }

  async get(id: string): Promise<ReferralRecord | undefined> {
    const r = this.state.referrals.get(id);
    return r && snapshot(r);
  }

  async addStatus(id: string, entry: ReferralStatusEntry): Promise<ReferralRecord | undefined> {
    if (!this.state.referrals.has(id)) return undefined;
    await this.append({ t: 'status', id, ...pickEntry(entry) });
    return snapshot(this.state.referrals.get(id)!);
  }

  async rememberSignature(digest: string, expiresAt: Date): Promise<boolean> {
    const now = this.clock().getTime();
    this.state.sweep(now);
    // Checked and marked synchronously, so two concurrent replays cannot both pass.
    if (this.state.seen(digest, now)) return false;
    await this.append({ t: 'sig', d: digest, exp: expiresAt.getTime() });
    return true;
  }

  /** Everything the journal holds now, for moving it into the database (file-migration.ts). */
  contents(): { referrals: ReferralRecord[]; signatures: Array<{ digest: string; expiresAt: Date }> } {
    return {
      referrals: [...this.state.referrals.values()].map(snapshot),
      signatures: [...this.state.signatures].map(([digest, exp]) => ({ digest, expiresAt: new Date(exp) })),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => {});
    await this.handle?.close();
    this.handle = undefined;
  }

  /** The state changes at once; the call resolves when the line is on disk. */
  private append(event: Event): Promise<void> {
    if (this.closed) return Promise.reject(new Error('referral store is closed'));
    this.state.apply(event);
    const line = `${JSON.stringify(event)}\n`;
    const write = this.queue.then(async () => {
      const handle = this.handle!;
      await handle.appendFile(line, 'utf8');
      await handle.datasync();
      this.lines++;
      if (this.lines > this.liveLines() + this.compactAfter) {
        this.state.sweep(this.clock().getTime(), true);
        await this.rewrite();
      }
    });
    this.queue = write.catch(() => {});
    return write;
  }

  private liveLines(): number {
    let n = this.state.signatures.size;
    for (const r of this.state.referrals.values()) n += 1 + r.history.length;
    return n;
  }

  private async rewrite(): Promise<void> {
    const tmp = `${this.path}.${process.pid}.tmp`;
    const out = await open(tmp, 'w', 0o600);
    let count = 0;
    try {
      let chunk = '';
      for (const event of this.state.events()) {
        chunk += `${JSON.stringify(event)}\n`;
        count++;
        if (chunk.length > 64 * 1024) {
          await out.write(chunk);
          chunk = '';
        }
      }
      await out.write(chunk);
      await out.sync();
    } finally {
      await out.close();
    }
    await this.handle?.close();
    await rename(tmp, this.path);
    await syncDirectory(dirname(this.path));
    this.handle = await open(this.path, 'a', 0o600);
    this.lines = count;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  } finally {
    await handle?.close();
  }
}
