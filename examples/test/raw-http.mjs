// Real HTTP on loopback for tests that must write headers a fetch() would not let them
// (Host, Origin, Sec-Fetch-*) or a path no URL parser would leave alone ("/%").
import { request } from 'node:http';
import { serve } from '@hono/node-server';

/** One request to 127.0.0.1:port exactly as given; headers that are undefined are left out. */
export function rawRequest(port, { method = 'GET', path = '/', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const given = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined));
    const req = request({ host: '127.0.0.1', port, method, path, headers: given }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Serves a fetch handler (a Hono app's `fetch`) on a free loopback port. */
export function listen(handler) {
  return new Promise((resolve) => {
    const server = serve({ fetch: handler, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ port: info.port, close: () => new Promise((done) => server.close(() => done())) }),
    );
  });
}
