import { mkdtempSync, readFileSync, rmSync, statSync, appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileReferralStore, MemoryReferralStore, currentStatus, type NewReferral, type ReferralStore } from '../src/referrals/store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sk-referrals-'));
  dirs.push(dir);
  return join(dir, 'nested', 'referrals.jsonl');
}

const referral = (id: string): NewReferral => ({
  id,
  targetType: 'activity',
  activityId: 'act-1',
  organizationId: 'org-a',
  createdAt: '2026-03-01T12:00:00.000Z',
  tokenHash: 'a'.repeat(64),
});

let now = new Date('2026-03-01T12:00:00Z');
const clock = () => now;

const kinds: Array<[string, () => Promise<ReferralStore>]> = [
  ['MemoryReferralStore', async () => new MemoryReferralStore({ clock })],
  ['FileReferralStore', async () => FileReferralStore.open(tempFile(), { clock })],
];

describe.each(kinds)('%s', (_name, make) => {
  it('creates, reads and appends statuses', async () => {
    now = new Date('2026-03-01T12:00:00Z');
    const store = await make();
    const created = await store.create(referral('r1'));
    expect(created).toMatchObject({ id: 'r1', status: 'pending', history: [], updatedAt: '2026-03-01T12:00:00.000Z' });
    await expect(store.create(referral('r1'))).rejects.toThrow(/exists/);
    await store.addStatus('r1', { status: 'sent', at: '2026-03-01T12:00:01.000Z' });
    const r = await store.addStatus('r1', { status: 'received', at: '2026-03-01T12:05:00.000Z', reason: 'Bellen morgen' });
    expect(r).toMatchObject({ status: 'received', updatedAt: '2026-03-01T12:05:00.000Z' });
    expect(r!.history).toEqual([
      { status: 'sent', at: '2026-03-01T12:00:01.000Z' },
      { status: 'received', at: '2026-03-01T12:05:00.000Z', reason: 'Bellen morgen' },
    ]);
    expect(await store.addStatus('nope', { status: 'received', at: '2026-03-01T12:05:00.000Z' })).toBeUndefined();
    expect(await store.get('nope')).toBeUndefined();
    // Callers get copies: changing one does not change the store.
    r!.history.push({ status: 'closed', at: 'x' });
    expect((await store.get('r1'))!.history).toHaveLength(2);
    await store.close();
  });

  it('refuses a signature digest again until it expires', async () => {
    now = new Date('2026-03-01T12:00:00Z');
    const store = await make();
    const expires = new Date('2026-03-01T12:05:00Z');
    expect(await store.rememberSignature('d1', expires)).toBe(true);
    expect(await store.rememberSignature('d1', expires)).toBe(false);
    expect(await store.rememberSignature('d2', expires)).toBe(true);
    now = new Date('2026-03-01T12:05:01Z');
    expect(await store.rememberSignature('d1', new Date('2026-03-01T12:10:00Z'))).toBe(true);
    await store.close();
  });

  it('keeps only the allowed fields, whatever a caller passes in', async () => {
    const store = await make();
    await store.create({ ...referral('r2'), patient: { name: 'Verboden Naam' }, note: 'geheim' } as unknown as NewReferral);
    const r = await store.get('r2');
    expect(Object.keys(r!).sort()).toEqual(['activityId', 'createdAt', 'history', 'id', 'organizationId', 'status', 'targetType', 'tokenHash', 'updatedAt']);
    await store.addStatus('r2', { status: 'received', at: '2026-03-01T12:00:00.000Z', phone: '0612345678' } as never);
    expect((await store.get('r2'))!.history[0]).toEqual({ status: 'received', at: '2026-03-01T12:00:00.000Z' });
    await store.close();
  });
});

describe('currentStatus', () => {
  it('lets the provider\'s latest status win over the relay\'s own', () => {
    expect(currentStatus([])).toBe('pending');
    expect(currentStatus([{ status: 'sent', at: '1' }])).toBe('sent');
    expect(currentStatus([{ status: 'received', at: '1' }, { status: 'sent', at: '2' }])).toBe('received');
    expect(currentStatus([{ status: 'sent', at: '1' }, { status: 'contacted', at: '2' }, { status: 'closed', at: '3' }])).toBe('closed');
    expect(currentStatus([{ status: 'delivery_failed', at: '1' }])).toBe('delivery_failed');
  });
});

describe('FileReferralStore on disk', () => {
  it('survives a restart: referrals, statuses and seen signatures', async () => {
    now = new Date('2026-03-01T12:00:00Z');
    const file = tempFile();
    const first = await FileReferralStore.open(file, { clock });
    await first.create(referral('r1'));
    await first.addStatus('r1', { status: 'sent', at: '2026-03-01T12:00:01.000Z' });
    await first.rememberSignature('d1', new Date('2026-03-01T12:05:00Z'));
    await first.close();

    const second = await FileReferralStore.open(file, { clock });
    expect(await second.get('r1')).toMatchObject({ status: 'sent', history: [{ status: 'sent' }] });
    expect(await second.rememberSignature('d1', new Date('2026-03-01T12:05:00Z'))).toBe(false);
    await second.addStatus('r1', { status: 'received', at: '2026-03-01T12:01:00.000Z' });
    await second.close();

    const third = await FileReferralStore.open(file, { clock });
    expect((await third.get('r1'))!.history.map((e) => e.status)).toEqual(['sent', 'received']);
    await third.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('writes each change before the call returns (another reader sees it at once)', async () => {
    const file = tempFile();
    const store = await FileReferralStore.open(file, { clock });
    await store.create(referral('r1'));
    expect(readFileSync(file, 'utf8')).toContain('"id":"r1"');
    await store.addStatus('r1', { status: 'sent', at: '2026-03-01T12:00:01.000Z' });
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    await store.close();
    await expect(store.create(referral('r3'))).rejects.toThrow(/closed/);
  });

  it('drops a line torn by a crash and expired signatures on open', async () => {
    now = new Date('2026-03-01T12:00:00Z');
    const file = tempFile();
    const store = await FileReferralStore.open(file, { clock });
    await store.create(referral('r1'));
    await store.rememberSignature('old', new Date('2026-03-01T12:01:00Z'));
    await store.rememberSignature('live', new Date('2026-03-01T13:00:00Z'));
    await store.close();
    appendFileSync(file, '{"t":"status","id":"r1","status":"rec');

    now = new Date('2026-03-01T12:30:00Z');
    const reopened = await FileReferralStore.open(file, { clock });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('"rec\n');
    expect(text).toContain('"d":"live"');
    expect(text).not.toContain('"d":"old"');
    expect(text.endsWith('\n')).toBe(true);
    await reopened.addStatus('r1', { status: 'sent', at: '2026-03-01T12:30:00.000Z' });
    await reopened.close();
    const again = await FileReferralStore.open(file, { clock });
    expect((await again.get('r1'))!.history).toEqual([{ status: 'sent', at: '2026-03-01T12:30:00.000Z' }]);
    await again.close();
  });

  it('compacts the journal while running once it outgrows the live state', async () => {
    now = new Date('2026-03-01T12:00:00Z');
    const file = tempFile();
    const store = await FileReferralStore.open(file, { clock, compactAfter: 5 });
    for (let i = 0; i < 10; i++) await store.rememberSignature(`d${i}`, new Date('2026-03-01T12:00:30Z'));
    now = new Date('2026-03-01T12:01:00Z');
    for (let i = 0; i < 10; i++) await store.rememberSignature(`e${i}`, new Date('2026-03-01T12:10:00Z'));
    await store.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.length).toBeLessThan(20);
    expect(lines.some((l) => l.includes('"d":"d0"'))).toBe(false);
    const reopened = await FileReferralStore.open(file, { clock });
    for (let i = 0; i < 10; i++) expect(await reopened.rememberSignature(`e${i}`, new Date('2026-03-01T12:10:00Z'))).toBe(false);
    await reopened.close();
  });

  it('ignores garbage lines rather than refusing to start', async () => {
    const file = tempFile();
    const store = await FileReferralStore.open(file, { clock });
    await store.close();
    writeFileSync(file, 'not json\n{"t":"referral","id":"r9","targetType":"coach","activityId":"a","organizationId":"o","createdAt":"2026-03-01T12:00:00.000Z","tokenHash":"b"}\n');
    const reopened = await FileReferralStore.open(file, { clock });
    expect(await reopened.get('r9')).toMatchObject({ targetType: 'coach', status: 'pending' });
    await reopened.close();
  });
});
