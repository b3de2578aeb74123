// Freshness: an activity nobody has checked for a long time is marked stale (injected clock).
import { describe, expect, it } from 'vitest';
import { searchResponseSchema } from '@sociale-kaart/schema';
import { createApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';
import { isStale } from '../src/hits.js';
import { useApi } from './helpers.js';
import { activity } from './referrals/helpers.js';

// The API's clock in useApi: Monday 13 January 2025, 12:00 UTC.
const docs = [
  activity({ id: 'checked-recently', title: 'Versgecontroleerd', assuredDate: '2024-12-01', lastModified: '2020-01-01T00:00:00Z' }),
  activity({ id: 'checked-long-ago', title: 'Langgeleden', assuredDate: '2024-06-01', lastModified: '2025-01-01T00:00:00Z' }),
  activity({ id: 'never-checked-old', title: 'Nooitgecontroleerd', assuredDate: null, lastModified: '2024-01-01T00:00:00Z' }),
];
const api = useApi(() => docs);

describe('stale hits', () => {
  it('marks hits last checked more than 180 days ago (assuredDate, else lastModified)', async () => {
    const { body } = await api.json('/v1/search?per_page=50');
    const stale = Object.fromEntries(searchResponseSchema.parse(body).hits.map((h) => [h.id, h.stale]));
    expect(stale).toEqual({ 'checked-recently': false, 'checked-long-ago': true, 'never-checked-old': true });
    expect((await api.json('/v1/activities/checked-long-ago')).body.stale).toBe(true);
    expect((await api.json('/v1/activities/checked-recently')).body.stale).toBe(false);
  });

  it('marks nothing with --stale-after-days 0', async () => {
    const app = createApp({ backend: api.backend, config: defaultConfig({ rateLimitPerSecond: 0, staleAfterDays: 0 }), log: () => {}, clock: () => new Date(Date.UTC(2025, 0, 13, 12)) });
    const body = await (await app.request('/v1/search?per_page=50')).json();
    expect(searchResponseSchema.parse(body).hits.map((h) => h.stale)).toEqual([false, false, false]);
  });

  it('counts from the given clock, exactly past the limit', () => {
    const doc = { assuredDate: '2025-01-01', lastModified: null } as never;
    expect(isStale(doc, new Date('2025-01-31T00:00:00Z'), 30)).toBe(false);
    expect(isStale(doc, new Date('2025-01-31T00:00:01Z'), 30)).toBe(true);
  });
});
