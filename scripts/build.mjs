// `npm run build`: builds every package (skipped when nothing changed; --force builds anyway).
import { ensureBuilt, ensureInstalled } from './lib.mjs';
ensureInstalled();
process.exit(ensureBuilt({ force: process.argv.includes('--force') }));
