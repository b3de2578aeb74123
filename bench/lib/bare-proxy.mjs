// The floor for any HTTP service in front of Meilisearch: a bare node:http proxy that forwards
// each request as it is (method, path, headers, body) over a keep-alive agent and writes the
// answer back in one piece. No routing, validation, mapping or logging. The search bench sends
// it the same queries as "Meilisearch direct", so "bare proxy / direct" is what one extra hop
// costs on this machine, and "API / bare proxy" what the API's own work costs on top.
// Usage: node bare-proxy.mjs <meilisearch URL>; prints {"msg":"listening","url":…} on stdout.
import http from 'node:http';

const target = new URL(process.argv[2]);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const upstream = http.request({ agent, host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (answer) => {
      const parts = [];
      answer.on('data', (c) => parts.push(c));
      answer.on('end', () => {
        const out = Buffer.concat(parts);
        res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json', 'content-length': out.length });
        res.end(out);
      });
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    upstream.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`${JSON.stringify({ msg: 'listening', url: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
