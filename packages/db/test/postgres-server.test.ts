// The throw-away PostgreSQL server of the tests: it must start even when the port it picked
// was taken in the meantime (test files start servers side by side).
import { createServer, type Server } from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '../src/postgres-server.js';

const listen = (port = 0) =>
  new Promise<Server>((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(port, '127.0.0.1', () => resolve(srv));
  });
const portOf = (srv: Server) => (srv.address() as { port: number }).port;

describe('startPostgres', () => {
  let server: PostgresServer | undefined;
  let squatter: Server | undefined;
  afterAll(async () => {
    await server?.stop();
    squatter?.close();
  });

  it('starts on another port when the one it picked is taken before PostgreSQL binds it', async () => {
    squatter = await listen();
    const taken = portOf(squatter);
    const picked: number[] = [];
    server = await startPostgres({
      async pickPort() {
        // First the taken port, then one that is free.
        if (picked.length === 0) {
          picked.push(taken);
          return taken;
        }
        const probe = await listen();
        const port = portOf(probe);
        await new Promise((r) => probe.close(r));
        picked.push(port);
        return port;
      },
    });
    expect(picked).toHaveLength(2);
    expect(server.port).toBe(picked[1]);
    expect(server.port).not.toBe(taken);
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query('select 1 as one');
    await client.end();
    expect(rows[0].one).toBe(1);
  });
});
