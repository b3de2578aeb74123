// Runs the CLI straight from source (tests: `node --conditions=source --import tsx src/cli-main.ts`).
import { run } from './cli.js';

process.exitCode = await run();
