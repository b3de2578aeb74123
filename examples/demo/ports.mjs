// Port helpers for the demo: a free port for internal services, and a clear
// message when a configured port is already taken.
import { createServer } from 'node:net';

/** Resolves when nothing listens on host:port; rejects with a message a newcomer understands. */
export function assertPortFree(port, what, envName, host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', (err) => {
      if (err.code === 'EADDRINUSE') {
        reject(new Error(`Port ${port} (${what}) is already in use. Stop the program that uses it, or choose another port: ${envName}=<port> npm start`));
      } else {
        reject(err);
      }
    });
    srv.listen(port, host, () => srv.close(() => resolve()));
  });
}

/** A port the OS reports free right now (nothing holds it: see reservePort). */
export async function freePort(host = '127.0.0.1') {
  const reservation = await reservePort(host);
  await reservation.release();
  return reservation.port;
}

/**
 * A free port, held by a listener until `release()`: the demo has to know its ports before it
 * starts the services (they name each other's origins), and a port only looked up as free
 * can be taken by another program in the seconds before the service binds it.
 */
export function reservePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      let released;
      resolve({ port, release: () => (released ??= new Promise((done) => srv.close(() => done()))) });
    });
  });
}
