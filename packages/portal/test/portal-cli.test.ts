import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR, runCli } from './cli.js';

describe('sociale-kaart-portal', () => {
  it('refuses a bad port with exit 64 and prints usage on --help', async () => {
    const bad = await runCli('server-main', ['--port', 'zes'], { DATABASE_URL: 'memory://' });
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('--port must be a port number');
    const unknown = await runCli('server-main', ['--colour'], { DATABASE_URL: 'memory://' });
    expect(unknown.code).toBe(64);
    const help = await runCli('server-main', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: sociale-kaart-portal');
  });

  it('serves the portal and its OpenAPI document, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', resolve(PACKAGE_DIR, 'src/server-main.ts'), '--port', '0', '--meili-url', 'http://127.0.0.1:9'], {
      cwd: PACKAGE_DIR,
      env: { ...process.env, DATABASE_URL: 'memory://' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    const url = await new Promise<string>((resolveUrl, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /sociale-kaart-portal: (http:\/\/\S+) \(database: pglite memory:\/\/\)/.exec(out);
        if (m) resolveUrl(m[1]!);
      });
      child.once('close', () => reject(new Error(`portal exited before it listened: ${out}`)));
    });
    const health = await fetch(`${url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const doc = await (await fetch(`${url}/openapi.json`)).json();
    expect(doc.info.title).toBe('Sociale Kaart provider API');
    const signIn = await fetch(`${url}/aanmelden`);
    expect(await signIn.text()).toContain('Aanmelden');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
