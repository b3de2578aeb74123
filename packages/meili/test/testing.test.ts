import { describe, expect, it } from 'vitest';
import { useMeilisearch } from '../src/testing.js';
import { isRunning } from './helpers.js';

const meili = useMeilisearch();
let readTooEarly: unknown;
try {
  void meili.url;
} catch (error) {
  readTooEarly = error;
}

describe('useMeilisearch', () => {
  it('refuses to hand out fields before beforeAll ran', () => {
    expect(readTooEarly).toBeInstanceOf(Error);
    expect((readTooEarly as Error).message).toMatch(/not running/);
  });

  it('provides url, masterKey and a working client inside tests', async () => {
    expect(meili.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(meili.masterKey.length).toBeGreaterThanOrEqual(16);
    expect(await meili.client.health()).toEqual({ status: 'available' });
    expect(isRunning(meili.server.pid)).toBe(true);
    expect(meili.server.url).toBe(meili.url);
  });
});
