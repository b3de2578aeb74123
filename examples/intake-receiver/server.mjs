#!/usr/bin/env node
// Runs the example intake:
//   node examples/intake-receiver/server.mjs --port 8790 --organization org-1 --api-base http://127.0.0.1:8787
// The secret comes from INTAKE_SECRET (or --secret-file), never from a flag: flags show in `ps`.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { LOOPBACK_HOSTS, createIntakeReceiver } from './intake-receiver.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    organization: { type: 'string' },
    'api-base': { type: 'string' },
    'secret-file': { type: 'string' },
    'allowed-hosts': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(`Usage: server.mjs [--port 8790] [--host 127.0.0.1] --organization ID [--api-base URL] [--secret-file FILE]
                  [--allowed-hosts intake.example.nl,…]
  --allowed-hosts  host names this intake answers to (besides the loopback names and --host);
                   requests with any other Host header are refused (DNS rebinding)
Environment: INTAKE_PORT, INTAKE_HOST, INTAKE_ORGANIZATION_ID, INTAKE_SECRET, INTAKE_ALLOWED_HOSTS, SK_API_BASE`);
  process.exit(0);
}

const secretFile = values['secret-file'] ?? process.env.INTAKE_SECRET_FILE;
const secret = secretFile ? readFileSync(secretFile, 'utf8').trim() : process.env.INTAKE_SECRET;
const organizationId = values.organization ?? process.env.INTAKE_ORGANIZATION_ID;
if (!secret || !organizationId) {
  console.error('Set INTAKE_SECRET (or --secret-file) and --organization (or INTAKE_ORGANIZATION_ID). See --help.');
  process.exit(2);
}
const port = Number(values.port ?? process.env.INTAKE_PORT ?? 8790);
// Loopback by default: the page shows patient details and has no login of its own.
const hostname = values.host ?? process.env.INTAKE_HOST ?? '127.0.0.1';
const apiBase = values['api-base'] ?? process.env.SK_API_BASE;
const extraHosts = (values['allowed-hosts'] ?? process.env.INTAKE_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean);
// A wildcard listen address is not a name anyone reaches the intake by.
const listenName = hostname === '0.0.0.0' || hostname === '::' ? [] : [hostname.includes(':') ? `[${hostname}]` : hostname];
const allowedHosts = [...new Set([...LOOPBACK_HOSTS, ...listenName, ...extraHosts])];

const app = createIntakeReceiver({ secret, organizationId, allowedHosts, ...(apiBase ? { apiBase } : {}) });
const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
  console.log(`Intake receiver for ${organizationId}: http://${hostname}:${info.port}/ (webhook: POST /referrals)`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => server.close(() => process.exit(0)));
