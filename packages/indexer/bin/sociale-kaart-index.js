#!/usr/bin/env node
// The built CLI (`pnpm build` first); src/cli.ts is the source.
import { run } from '../dist/cli.js';

process.exitCode = await run();
