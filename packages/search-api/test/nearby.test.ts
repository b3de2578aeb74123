import { describe, expect, it } from 'vitest';
import { buildFilter, inList } from '@sociale-kaart/meili';
import { buildActivities, mulberry32, RURAL, UTRECHT } from './fixtures/activities.js';
import { useApi } from './helpers.js';
import { boxAround, fastNearby, LruCache, meiliDistanceM, naiveNearby, type NearbyCounts } from '../src/nearby.js';

const docs = buildActivities({ seed: 7, utrecht: 2400, rural: 500, maastricht: 300 });
const api = useApi(() => docs);

describe('distance as Meilisearch computes it', () => {
  it('matches _geoDistance for every hit', async () => {
    const center = { lat: 51.2, lng: 4.0 };
    const res = await api.meili.client.index('activities').search('', { sort: [`_geoPoint(${center.lat}, ${center.lng}):asc`], limit: 3500 });
    expect(res.hits.length).toBeGreaterThan(3000);
    for (const h of res.hits as Array<{ _geo?: { lat: number; lng: number }; _geoDistance?: number }>) {
      if (!h._geo) continue;
      expect(Math.round(meiliDistanceM(center, h._geo))).toBe(h._geoDistance);
    }
  });

  it('computes boxes whose inscribed distance really bounds every point outside', () => {
    const rnd = mulberry32(3);
    for (let i = 0; i < 200; i++) {
      const c = { lat: 50.8 + rnd() * 2.6, lng: 3.4 + rnd() * 3.6 };
      const box = boxAround(c, 0.2 + rnd() * 30);
      for (let j = 0; j < 50; j++) {
        const edge = rnd() < 0.5 ? { lat: box.topRight.lat + 1e-9, lng: box.bottomLeft.lng + rnd() * (box.topRight.lng - box.bottomLeft.lng) } : { lat: box.bottomLeft.lat + rnd() * (box.topRight.lat - box.bottomLeft.lat), lng: box.topRight.lng + 1e-9 };
        expect(meiliDistanceM(c, edge) / 1000).toBeGreaterThanOrEqual(box.inscribedKm - 1e-9);
      }
    }
  });
});

describe('fast nearby = naive _geoRadius + _geoPoint', () => {
  const active = buildFilter({ status: ['active'] });

  it('returns identical hits in identical order for many random points, dense and sparse', async () => {
    const rnd = mulberry32(11);
    let boxWins = 0;
    let cases = 0;
    for (let i = 0; i < 160; i++) {
      const kind = i % 4;
      const center =
        kind === 0 || kind === 1
          ? { lat: Math.round((UTRECHT.lat + (rnd() - 0.5) * 0.1) * 1e6) / 1e6, lng: Math.round((UTRECHT.lng + (rnd() - 0.5) * 0.15) * 1e6) / 1e6 }
          : kind === 2
            ? { lat: Math.round((RURAL.minLat + rnd() * (RURAL.maxLat - RURAL.minLat)) * 1e6) / 1e6, lng: Math.round((RURAL.minLng + rnd() * (RURAL.maxLng - RURAL.minLng)) * 1e6) / 1e6 }
            : { lat: Math.round((50.8 + rnd() * 2.6) * 1e6) / 1e6, lng: Math.round((3.4 + rnd() * 3.6) * 1e6) / 1e6 };
      const radiusKm = [0.5, 1, 2, 5, 10, 25, 60][Math.floor(rnd() * 7)]!;
      const limit = [5, 20, 50][Math.floor(rnd() * 3)]!;
      const offset = limit * Math.floor(rnd() * 3);
      const filter = rnd() < 0.3 ? [...active, inList('categories', ['exercise', 'social_contact'])] : active;
      const req = { filter, center, radiusKm, offset, limit, facets: ['categories'], params: { attributesToRetrieve: ['id', '_geo'] } };
      const [naive, fast] = await Promise.all([naiveNearby<{ id: string; _geo?: { lat: number; lng: number } }>(api.backend, req), fastNearby<{ id: string; _geo?: { lat: number; lng: number } }>(api.backend, req)]);
      expect(fast.hits.map((h) => h.id), `case ${i} ${JSON.stringify({ center, radiusKm, offset, limit })}`).toEqual(naive.hits.map((h) => h.id));
      if (!fast.totalIsEstimate) expect(fast.total).toBe(naive.total);
      else {
        expect(fast.total).toBeGreaterThanOrEqual(Math.min(naive.total, offset + limit));
      }
      if (fast.strategy === 'box') boxWins++;
      cases++;
    }
    expect(boxWins / cases).toBeGreaterThan(0.9);
  });

  it('handles activities that share one building (equal distances)', async () => {
    // Buildings in the fixture hold five activities each at identical coordinates.
    const shared = docs.filter((d, i, all) => d._geo && all.filter((x) => x._geo && x._geo.lat === d._geo!.lat && x._geo.lng === d._geo!.lng).length >= 5);
    expect(shared.length).toBeGreaterThan(20);
    for (const d of shared.slice(0, 40)) {
      for (const limit of [1, 2, 3, 7]) {
        const req = { filter: active, center: { lat: d._geo!.lat, lng: d._geo!.lng }, radiusKm: 3, offset: 0, limit, params: { attributesToRetrieve: ['id', '_geo'] } };
        const [naive, fast] = await Promise.all([naiveNearby<{ id: string }>(api.backend, req), fastNearby<{ id: string }>(api.backend, req)]);
        expect(fast.hits.map((h) => h.id)).toEqual(naive.hits.map((h) => h.id));
      }
    }
  });

  it('gives the same API answer with and without the fast path', async () => {
    const { createApp } = await import('../src/app.js');
    const { defaultConfig } = await import('../src/config.js');
    const naiveApp = createApp({ backend: api.backend, config: defaultConfig({ rateLimitPerSecond: 0 }), fastNearby: false, log: () => {}, clock: () => new Date(Date.UTC(2025, 0, 13, 12)) });
    for (const q of ['postcode=3511', 'postcode=3584CS&radius=2&per_page=50', 'postcode=8441&radius=25&page=2', 'near=52.1,5.1&category=exercise&radius=5', 'postcode=3511&need=eenzaamheid']) {
      const fast = (await (await api.get(`/v1/search?${q}`)).json()) as any;
      const naive = (await (await naiveApp.request(`/v1/search?${q}`)).json()) as any;
      expect(fast.hits.map((h: { id: string }) => h.id), q).toEqual(naive.hits.map((h: { id: string }) => h.id));
      if (!fast.totalIsEstimate) expect(fast.total).toBe(naive.total);
      expect(fast.hits.map((h: { distanceKm: number }) => h.distanceKm)).toEqual(naive.hits.map((h: { distanceKm: number }) => h.distanceKm));
    }
  });

  it('gives exact totals and facets, and caches them per index version', async () => {
    const cache = new LruCache<NearbyCounts>(50);
    const rnd = mulberry32(5);
    for (let i = 0; i < 30; i++) {
      const center = { lat: Math.round((UTRECHT.lat + (rnd() - 0.5) * 0.1) * 1e6) / 1e6, lng: Math.round((UTRECHT.lng + (rnd() - 0.5) * 0.15) * 1e6) / 1e6 };
      const req = { filter: active, center, radiusKm: [1, 5, 10][i % 3]!, offset: 0, limit: 20, facets: ['categories', 'days'], params: { attributesToRetrieve: ['id', '_geo'] } };
      const naive = await naiveNearby<{ id: string; _geo?: { lat: number; lng: number } }>(api.backend, req);
      const cold = await fastNearby<{ id: string; _geo?: { lat: number; lng: number } }>(api.backend, req, { cache });
      const warm = await fastNearby<{ id: string; _geo?: { lat: number; lng: number } }>(api.backend, req, { cache });
      for (const fast of [cold, warm]) {
        expect(fast.hits.map((h) => h.id)).toEqual(naive.hits.map((h) => h.id));
        if (fast.strategy !== 'box') continue;
        expect(fast.totalIsEstimate).toBe(false);
        expect(fast.total).toBe(naive.total);
        expect(fast.facetDistribution).toEqual(naive.facetDistribution);
      }
      if (warm.strategy === 'box') expect(warm.queries).toBeLessThan(cold.queries);
    }
    expect(cache.size).toBe(30);
    // Another index version: the cached counts are not used.
    let version = 'other';
    const backend = { ...api.backend, indexVersion: async () => version };
    const req = { filter: active, center: UTRECHT, radiusKm: 5, offset: 0, limit: 20, facets: ['categories'], params: { attributesToRetrieve: ['id', '_geo'] } };
    const first = await fastNearby<{ id: string; _geo?: { lat: number; lng: number } }>(backend, req, { cache });
    const again = await fastNearby<{ id: string; _geo?: { lat: number; lng: number } }>(backend, req, { cache });
    version = 'newer';
    const afterSwap = await fastNearby<{ id: string; _geo?: { lat: number; lng: number } }>(backend, req, { cache });
    expect(again.queries).toBe(first.queries - 1);
    expect(afterSwap.queries).toBe(first.queries);
  });

  it('keeps the least recently used entries', () => {
    const lru = new LruCache<number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
  });
});
