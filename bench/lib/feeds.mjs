// The seeded feeds: one pass of the project's generator writes every size at once
// (the generator is prefix-stable in 'nl' mode: a longer feed starts with the shorter one).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { generateActivities } from '../../examples/scripts/activity-generator.mjs';

/**
 * Writes `feed-<n>.ndjson` for every n in `sizes` into `dir`: HSDS 3.1 full service records,
 * one per line, with the options of `generate-demo-feeds.mjs --ndjson` (5% HTML descriptions).
 */
export async function writeFeeds({ dir, sizes, seed }) {
  const max = Math.max(...sizes);
  const outs = sizes.map((n) => ({ n, file: join(dir, `feed-${n}.ndjson`), stream: createWriteStream(join(dir, `feed-${n}.ndjson`)) }));
  const started = performance.now();
  let i = 0;
  for (const service of generateActivities({ count: max, seed, places: 'nl', htmlShare: 0.05 })) {
    const line = `${JSON.stringify(service)}\n`;
    for (const out of outs) {
      if (i < out.n && !out.stream.write(line)) await once(out.stream, 'drain');
    }
    i++;
  }
  await Promise.all(outs.map(async (o) => {
    o.stream.end();
    await once(o.stream, 'finish');
  }));
  return { files: Object.fromEntries(outs.map((o) => [o.n, o.file])), seconds: (performance.now() - started) / 1000 };
}
