// Runs the pinned pnpm with the given arguments (used by root npm scripts).
import { pnpm } from './lib.mjs';
process.exit(pnpm(process.argv.slice(2)));
