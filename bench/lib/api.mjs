// The search API as the bench runs it: its own CLI, on a free port, without the per-IP rate
// limit (one client makes all the load), stopped by pid at cleanup.
import { spawnService } from './procs.mjs';

/** The URL of a `{"msg":"listening","url":…}` log line, else null. */
function listeningUrl(line) {
  try {
    const j = JSON.parse(line);
    return j.msg === 'listening' ? j.url : null;
  } catch {
    return null;
  }
}

/** Starts `sociale-kaart-api` over `index`; resolves with `{ url, service }`. `args` are extra flags. */
export async function startApi({ ctx, meili, index, args = [], nodeFlags = [], name = 'sociale-kaart-api' }) {
  const service = spawnService(process.execPath, [...nodeFlags, ctx.paths.apiBin, '--port', '0', '--meili-url', meili.url, '--index', index, '--rate-limit', '0', ...args], {
    name,
    env: { ...process.env, MEILI_KEY: meili.masterKey },
    ready: listeningUrl,
  });
  return { url: await service.started, service };
}

/** The bare proxy of bare-proxy.mjs in front of `meili` (its own process, stopped at cleanup); resolves with `{ url, pid }`. */
export async function startBareProxy({ meili }) {
  const service = spawnService(process.execPath, [new URL('./bare-proxy.mjs', import.meta.url).pathname, meili.url], {
    name: 'bare proxy',
    ready: listeningUrl,
  });
  return { url: await service.started, pid: service.child.pid };
}
