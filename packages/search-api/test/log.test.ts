// batchedLines (src/http/log.ts): request lines go out together, warnings and errors at once and
// in order, and nothing waits forever or is lost at exit.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { batchedLines, lineLogger } from '../src/http/log.js';

/** A logger over batchedLines that records each write. */
function recorded(options?: Parameters<typeof batchedLines>[1]) {
  const writes: string[] = [];
  const log = lineLogger(batchedLines((t) => writes.push(t), options), () => new Date(0));
  const lines = () => writes.join('').trimEnd().split('\n').map((l) => JSON.parse(l));
  return { writes, log, lines };
}

describe('batchedLines', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes many info lines in one write after the delay, in order', () => {
    const { writes, log, lines } = recorded({ delayMs: 50 });
    for (let i = 0; i < 10; i++) log.info('request', { i });
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(49);
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writes).toHaveLength(1);
    expect(lines().map((l) => l.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    vi.advanceTimersByTime(1000);
    expect(writes).toHaveLength(1);
  });

  it('writes a warning or an error at once, after the lines waiting before it', () => {
    const { writes, log, lines } = recorded();
    log.info('request', { n: 1 });
    log.warn('meilisearch.waiting');
    expect(writes).toHaveLength(1);
    expect(lines().map((l) => l.msg)).toEqual(['request', 'meilisearch.waiting']);
    log.error('request', { status: 500 });
    expect(writes).toHaveLength(2);
    expect(JSON.parse(writes[1]!).level).toBe('error');
  });

  it('writes at once when much text waits', () => {
    const { writes, log, lines } = recorded({ maxChars: 1000 });
    for (let i = 0; i < 30; i++) log.info('request', { route: '/v1/search', i });
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((w) => w.length >= 1000)).toBe(true);
    vi.runAllTimers();
    expect(lines().map((l) => l.i)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });
});

describe('stdoutLines', () => {
  it('writes what waits when the process exits (a waiting line does not keep it alive: it exits on its own)', async () => {
    // The built module, as the CLI runs it (`npm test` builds first).
    const logModule = fileURLToPath(new URL('../dist/http/log.js', import.meta.url));
    // The default writer, in a process of its own that logs three lines and ends at once.
    const script = `import { lineLogger } from ${JSON.stringify(logModule)}; const log = lineLogger(); for (const i of [1, 2, 3]) log.info('request', { i });`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    // 'close': the process has exited and its output has been read to the end.
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, err).toBe(0);
    expect(out.trimEnd().split('\n').map((l) => JSON.parse(l).i)).toEqual([1, 2, 3]);
  });
});
