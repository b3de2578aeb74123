// `npm start` as a newcomer runs it: the printed block (with the demo inboxes' keys), Ctrl-C
// stopping everything it started, a second start that neither ingests again nor makes new keys,
// and a clear message for a busy port.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../demo/ports.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs `node scripts/start.mjs` (what `npm start` runs) until the URLs are printed. */
function start(env) {
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('Press Ctrl-C')) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
    exited.then(() => {
      clearInterval(timer);
      reject(new Error(`npm start exited early:\n${out}`));
    });
  });
  ready.catch(() => {}); // awaited by the tests that expect a start; the others look at `exited`
  return { child, ready, exited, output: () => out };
}

/** Processes whose command line mentions `needle` (our own test process excluded). */
function processesWith(needle) {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(needle);
      } catch {
        return false;
      }
    });
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sk-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints every URL (pages, API, docs, intake receiver) and each answers; Ctrl-C leaves nothing running; a second start does not ingest again', async () => {
    const ports = {
      SK_API_PORT: await freePort(),
      SK_PAGES_PORT: await freePort(),
      SK_INTAKE_PORT: await freePort(),
      SK_PORTAL_PORT: await freePort(),
      SK_MAILBOX_PORT: await freePort(),
      SK_DATA_DIR: dataDir,
    };
    const env = Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)]));

    const first = start(env);
    await first.ready;
    const out = first.output();
    expect(out).toContain('Ingesting the demo feeds');
    for (const [label, url] of [
      ['HIS consult page', `http://127.0.0.1:${ports.SK_PAGES_PORT}/his-consult/`],
      ['Gemeente page', `http://127.0.0.1:${ports.SK_PAGES_PORT}/gemeente-site/`],
      ['Search API docs', `http://127.0.0.1:${ports.SK_API_PORT}/docs`],
      ['Intake receiver', `http://127.0.0.1:${ports.SK_INTAKE_PORT}/`],
      ['Provider portal', `http://127.0.0.1:${ports.SK_PORTAL_PORT}/`],
      ['Demo mailbox', `http://127.0.0.1:${ports.SK_MAILBOX_PORT}/`],
    ]) {
      expect(out).toMatch(new RegExp(`${label}.*${url.replace(/[.?]/g, '\\$&')}`));
      expect((await fetch(url)).status, url).toBe(200);
    }
    // Every URL in the printed block answers, whatever parts the demo grows.
    const block = out.slice(out.indexOf('demo is running.'), out.indexOf('Press Ctrl-C'));
    const printed = block.match(/https?:\/\/\S+/g) ?? [];
    expect(printed).toContain(`http://127.0.0.1:${ports.SK_API_PORT}/v1/search?postcode=3521AB&need=eenzaamheid`);
    expect(printed.length).toBeGreaterThanOrEqual(7);
    // A sign-in address per demo organisation, and the operator's.
    expect(out).toContain('beheer@demo.sociale-kaart.example');
    expect(out.match(/@demo\.sociale-kaart\.example/g).length).toBeGreaterThan(3);
    // How a coach reads the demo inboxes: per inbox organisation its sign-in, recovery file (0600) and the demo passphrase.
    expect(out).toContain('Hosted inbox (DEMO ONLY');
    const keyFiles = [...out.matchAll(/recovery file (\S+)\n\s+passphrase "alleen voor de demo"/g)].map((m) => m[1]);
    expect(keyFiles.length).toBeGreaterThanOrEqual(2);
    const keys = new Map();
    for (const file of keyFiles) {
      expect(file.startsWith(join(dataDir, 'demo-keys'))).toBe(true);
      expect(statSync(file).mode & 0o777, file).toBe(0o600);
      keys.set(file, readFileSync(file, 'utf8'));
    }
    for (const url of printed) {
      const res = await fetch(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type'), url).toMatch(/^(text\/html|application\/json)/);
    }
    const search = await (await fetch(`http://127.0.0.1:${ports.SK_API_PORT}/v1/search?postcode=3521AB`)).json();
    expect(search.total).toBeGreaterThan(10);
    // Everything it started carries the data directory or a port in its command line, or is Meilisearch on that directory.
    expect(processesWith(dataDir).length).toBeGreaterThan(0);

    first.child.kill('SIGINT');
    expect((await first.exited).code).toBe(0);
    await expect.poll(() => processesWith(dataDir), { timeout: 10000 }).toEqual([]);
    for (const port of [ports.SK_API_PORT, ports.SK_PAGES_PORT, ports.SK_INTAKE_PORT, ports.SK_PORTAL_PORT, ports.SK_MAILBOX_PORT]) {
      await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    }

    const second = start(env);
    await second.ready;
    expect(second.output()).not.toContain('Ingesting');
    expect(second.output()).not.toContain('ingesting');
    // The same keys, files untouched.
    for (const [file, text] of keys) {
      expect(second.output()).toContain(`recovery file ${file}`);
      expect(readFileSync(file, 'utf8')).toBe(text);
    }
    const again = await (await fetch(`http://127.0.0.1:${ports.SK_API_PORT}/v1/search?postcode=3521AB`)).json();
    expect(again.total).toBe(search.total);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    await expect.poll(() => processesWith(dataDir), { timeout: 10000 }).toEqual([]);
  });

  it('says clearly which port is in use, and how to choose another', async () => {
    const busy = createServer();
    const port = await new Promise((resolve) => busy.listen(0, '127.0.0.1', () => resolve(busy.address().port)));
    try {
      const run = start({
        SK_API_PORT: String(port),
        SK_PAGES_PORT: String(await freePort()),
        SK_INTAKE_PORT: String(await freePort()),
        SK_PORTAL_PORT: String(await freePort()),
        SK_MAILBOX_PORT: String(await freePort()),
        SK_DATA_DIR: dataDir,
      });
      const { code } = await run.exited;
      expect(code).toBe(1);
      expect(run.output()).toContain(`Port ${port} (search API) is already in use`);
      expect(run.output()).toContain('SK_API_PORT=');
      expect(processesWith(dataDir)).toEqual([]);
    } finally {
      busy.close();
    }
  });

  it('refuses a port that is not a number', () => {
    let failure;
    try {
      execFileSync(process.execPath, [join(root, 'scripts/start.mjs')], { cwd: root, env: { ...process.env, SK_API_PORT: 'eighty' }, stdio: 'pipe' });
    } catch (e) {
      failure = e;
    }
    expect(failure?.status).toBe(2);
    expect(String(failure?.stderr)).toContain('SK_API_PORT must be a port number');
  });
});
