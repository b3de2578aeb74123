import { main } from './server.js';

main().catch((err) => {
  process.stderr.write(`sociale-kaart-portal: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
