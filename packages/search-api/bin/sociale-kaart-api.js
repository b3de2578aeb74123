#!/usr/bin/env node
import { main } from '../dist/server.js';

main().catch((err) => {
  process.stderr.write(`sociale-kaart-api: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
