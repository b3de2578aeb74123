import { describe, expect, it } from 'vitest';

describe('@sociale-kaart/sealing/jitless', () => {
  it('turns zod’s eval fast path off where zod reads its configuration', async () => {
    await import('../src/jitless.js');
    const { config } = await import('zod');
    expect(config().jitless).toBe(true);
  });
});
