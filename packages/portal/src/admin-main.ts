import { adminMain } from './admin.js';

adminMain().catch((err) => {
  process.stderr.write(`sociale-kaart-admin: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
