// Port helpers for the demo: ports held from the moment they are chosen until their service
// binds them, and a clear message when a configured port is already taken.
import { createServer } from 'node:net';

/**
 * Holds `port` on `host` (0: a free one the OS picks) with a listener until `release()`.
 * The demo has to know its ports before it starts the services (they name each other's
 * origins), and a port only looked up as free can be taken by another program in the seconds
 * before its service binds it. A port in use rejects with a message a newcomer understands,
 * naming `what` and the variable `envName` that chooses another.
 */
export function reservePort(host = '127.0.0.1', port = 0, what = 'a service', envName = 'SK_*_PORT') {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', (err) => {
      if (err.code === 'EADDRINUSE') reject(new Error(`Port ${port} (${what}) is already in use. Stop the program that uses it, or choose another port: ${envName}=<port> npm start`));
      else reject(err);
    });
    srv.listen(port, host, () => {
      let released;
      resolve({ port: srv.address().port, release: () => (released ??= new Promise((done) => srv.close(() => done()))) });
    });
  });
}

/** A port the OS reports free right now (nothing holds it: see reservePort). */
export async function freePort(host = '127.0.0.1') {
  const reservation = await reservePort(host);
  await reservation.release();
  return reservation.port;
}
