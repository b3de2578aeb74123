import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformInputs, validateInputs } from '../src/index.js';
import { runCli } from './helpers.js';

const PAGES = 3;
// The test server is on loopback, which feeds may not point at without the development flag.
const LOOPBACK = { http: { allowPrivateUrls: true } };
const PER_PAGE = 4;

function service(n: number) {
  return {
    id: `svc-${n}`,
    name: `Taalcafé ${n}`,
    description: 'Oefen je Nederlands met andere buurtbewoners.',
    status: 'active',
    organization: { id: 'org', name: 'Bibliotheek' },
    service_at_locations: [{ location: { id: `loc-${n}`, addresses: [{ postal_code: '3011 AA', city: 'Rotterdam' }] } }],
  };
}

describe('HSDS over HTTP (a real server on loopback)', () => {
  let server: Server;
  let base: string;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      requests.push(`${url.pathname}${url.search}`);
      if (url.pathname === '/api/services') {
        const page = Number(url.searchParams.get('page'));
        if (url.searchParams.get('full') !== 'true' || !(page >= 1 && page <= PAGES)) {
          res.writeHead(400).end();
          return;
        }
        const contents = Array.from({ length: PER_PAGE }, (_, i) => service((page - 1) * PER_PAGE + i + 1));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ total_items: PAGES * PER_PAGE, total_pages: PAGES, page_number: page, size: PER_PAGE, first_page: page === 1, last_page: page === PAGES, empty: false, contents }));
        return;
      }
      if (url.pathname === '/feed.ndjson') {
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        res.end(`${JSON.stringify(service(100))}\n${JSON.stringify(service(101))}\n`);
        return;
      }
      if (url.pathname === '/moved.ndjson') {
        res.writeHead(302, { location: '/feed.ndjson' }).end();
        return;
      }
      if (url.pathname === '/elsewhere.ndjson') {
        res.writeHead(301, { location: `http://127.0.0.2:${(server.address() as AddressInfo).port}/feed.ndjson` }).end();
        return;
      }
      if (url.pathname === '/to-file.json') {
        res.writeHead(307, { location: 'file:///etc/passwd' }).end();
        return;
      }
      if (url.pathname === '/loop.json') {
        res.writeHead(302, { location: '/loop.json' }).end();
        return;
      }
      if (url.pathname === '/big.ndjson') {
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        const line = `${JSON.stringify(service(200))}\n`;
        res.end(line.repeat(100));
        return;
      }
      if (url.pathname === '/broken/services') {
        res.writeHead(503).end('even niet');
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  it('pages through /services?page=N&full=true until the last page', async () => {
    requests.length = 0;
    const { activities, report } = await transformInputs([`${base}/api`], LOOPBACK);
    expect(requests).toEqual(['/api/services?page=1&full=true', '/api/services?page=2&full=true', '/api/services?page=3&full=true']);
    expect(report.inputs[0]).toMatchObject({ format: 'hsds-api', source: '127-0-0-1-api', records: PAGES * PER_PAGE, accepted: PAGES * PER_PAGE });
    expect(activities.map((a) => a.serviceId)).toEqual(Array.from({ length: PAGES * PER_PAGE }, (_, i) => `svc-${i + 1}`));
    expect(activities[0]).toMatchObject({ categories: ['learning'], categorySource: 'rules', location: { city: 'Rotterdam' } });
  });

  it('reads an ndjson file from a URL', async () => {
    const report = await validateInputs([`${base}/feed.ndjson`], LOOPBACK);
    expect(report.inputs[0]).toMatchObject({ format: 'hsds-ndjson', accepted: 2 });
  });

  it('a server that keeps failing makes the input unreadable: exit 2 from the CLI', async () => {
    const report = await validateInputs([`${base}/broken`], { http: { retries: 1, timeoutMs: 2000, allowPrivateUrls: true } });
    expect(report.inputs[0]!.error).toContain('HTTP 503');
    const r = await runCli(['validate', `${base}/broken`, '--allow-private-urls']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('HTTP 503');
  });

  it('refuses a loopback URL without --allow-private-urls: exit 2, nothing requested', async () => {
    requests.length = 0;
    const report = await validateInputs([`${base}/feed.ndjson`]);
    expect(report.inputs[0]!.error).toMatch(/refused: 127\.0\.0\.1 is 127\.0\.0\.1 \(loopback\), not a public address/);
    const r = await runCli(['validate', `${base}/feed.ndjson`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('--allow-private-urls');
    expect(requests).toEqual([]);
  });

  it('refuses a name that resolves to loopback: the resolved address is what counts', async () => {
    const port = (server.address() as AddressInfo).port;
    requests.length = 0;
    const report = await validateInputs([`http://localhost:${port}/feed.ndjson`]);
    expect(report.inputs[0]!.error).toMatch(/localhost is (127\.0\.0\.1|::1) \(loopback\)/);
    expect(requests).toEqual([]);
  });

  it('follows a redirect by hand and checks every hop again', async () => {
    requests.length = 0;
    const moved = await validateInputs([`${base}/moved.ndjson`], LOOPBACK);
    expect(moved.inputs[0]).toMatchObject({ format: 'hsds-ndjson', accepted: 2 });
    expect(requests).toEqual(['/moved.ndjson', '/feed.ndjson']);

    // Only 127.0.0.1 is allowed here: the second hop, to 127.0.0.2, is refused before it is asked.
    requests.length = 0;
    const onlyFirst = { http: { isAllowedAddress: (a: string) => a === '127.0.0.1' } };
    const elsewhere = await validateInputs([`${base}/elsewhere.ndjson`], onlyFirst);
    expect(elsewhere.inputs[0]!.error).toMatch(/127\.0\.0\.2.*refused: 127\.0\.0\.2 is 127\.0\.0\.2/);
    expect(requests).toEqual(['/elsewhere.ndjson']);

    const toFile = await validateInputs([`${base}/to-file.json`], { http: { ...LOOPBACK.http, retries: 0 } });
    expect(toFile.inputs[0]!.error).toContain('file:///etc/passwd refused: only http(s) URLs are read');
    const loop = await validateInputs([`${base}/loop.json`], LOOPBACK);
    expect(loop.inputs[0]!.error).toContain('more than 5 redirects');
  });

  it('stops reading a URL at --max-input-bytes', async () => {
    const report = await validateInputs([`${base}/big.ndjson`], { ...LOOPBACK, limits: { maxInputBytes: 4096 } });
    expect(report.inputs[0]!.error).toContain('is larger than 4 KiB (--max-input-bytes): stopped reading at 4 KiB');
    const r = await runCli(['validate', `${base}/big.ndjson`, '--allow-private-urls', '--max-input-bytes', '4KB']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('--max-input-bytes');
    expect((await validateInputs([`${base}/big.ndjson`], LOOPBACK)).inputs[0]).toMatchObject({ accepted: 100 });
  });
});
