// `npm start`: the demo. Installs what is missing, builds when sources changed,
// then starts Meilisearch (data in .data/), ingests the demo feeds when needed,
// starts the search API, the portal, the example intake receiver and the example pages, and
// prints their URLs, the sign-in addresses and how a coach opens the demo inboxes.
// Ctrl-C stops everything it started.
import { ensureBuilt, ensureInstalled } from './lib.mjs';

const port = (name, fallback) => {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    console.error(`${name} must be a port number (1-65535), got "${v}"`);
    process.exit(2);
  }
  return n;
};
const ports = {
  apiPort: port('SK_API_PORT', 8787),
  pagesPort: port('SK_PAGES_PORT', 8080),
  intakePort: port('SK_INTAKE_PORT', 8790),
  meiliPort: port('SK_MEILI_PORT', 0),
  portalPort: port('SK_PORTAL_PORT', 8791),
  mailboxPort: port('SK_MAILBOX_PORT', 8792),
};

ensureInstalled();
ensureBuilt();

const { startDemo } = await import('../examples/demo/demo.mjs');
let demo;
try {
  demo = await startDemo({ ...ports, ...(process.env.SK_DATA_DIR ? { dataDir: process.env.SK_DATA_DIR } : {}) });
} catch (e) {
  console.error(`\nThe demo could not start: ${e.message}`);
  process.exit(1);
}

const width = Math.max(...demo.links.map((l) => l.label.length)) + 2;
const lines = demo.links.map((l) => `  ${`${l.label}:`.padEnd(width)}${l.url}`);
const signIns = demo.signIns.map((s) => `  ${s.email}  (${s.label})`);
const inboxes = demo.inboxes.map(
  (i) =>
    `  ${i.name}: sign in as ${i.email}\n    recovery file ${i.recoveryFile}\n    passphrase "${i.passphrase}"` +
    (i.current ? '' : '\n    (a coach published a newer key in the portal: this file opens only older referrals)'),
);
console.log(`
Sociale Kaart demo is running.
${lines.join('\n')}

Sign in to the provider portal with one of these addresses; the link arrives in the demo mailbox:
${signIns.join('\n')}

Hosted inbox (DEMO ONLY: real coach teams make their key in their own browser and keep the file to themselves).
Refer a patient to one of these organisations' activities on the HIS page; then, in the portal, sign in,
open "Sleutel", import the recovery file with the passphrase, and open "Inbox verwijzingen":
${inboxes.join('\n')}
Press Ctrl-C to stop everything.`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await demo.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
