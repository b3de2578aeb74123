/**
 * HSDS ids back to our ids. Our ids (serviceId, organization.id, document id) become
 * name-based UUIDs, which cannot be turned back; this walks the index once per index
 * version (only ids retrieved) and keeps the three maps until the index changes.
 */
import type { SearchBackend } from '../backend.js';
import { organizationUuid, serviceAtLocationUuid, serviceUuid } from '../hsds.js';

interface Maps {
  service: Map<string, string>;
  organization: Map<string, string>;
  serviceAtLocation: Map<string, string>;
}

type IdDoc = { id: string; serviceId: string; organization: { id: string } };

/** The walk reads at most this many documents (Meilisearch's deepest page, maxTotalHits). */
const MAX_DOCUMENTS = 10_000;

export function createIdLookup(backend: SearchBackend) {
  let cache: { version: string; maps: Promise<Maps> } | undefined;

  async function build(): Promise<Maps> {
    const maps: Maps = { service: new Map(), organization: new Map(), serviceAtLocation: new Map() };
    for (let offset = 0; offset < MAX_DOCUMENTS; offset += 1000) {
      const res = await backend.search<IdDoc>({ q: '', attributesToRetrieve: ['id', 'serviceId', 'organization.id'], offset, limit: 1000 });
      const hits = res.hits as IdDoc[];
      for (const h of hits) {
        maps.service.set(serviceUuid(h.serviceId), h.serviceId);
        maps.organization.set(organizationUuid(h.organization.id), h.organization.id);
        maps.serviceAtLocation.set(serviceAtLocationUuid(h.id), h.id);
      }
      if (hits.length < 1000) break;
    }
    return maps;
  }

  async function maps(): Promise<Maps> {
    const version = await backend.indexVersion();
    if (!cache || cache.version !== version) {
      const built = build();
      cache = { version, maps: built };
      built.catch(() => {
        if (cache?.maps === built) cache = undefined;
      });
    }
    return cache.maps;
  }

  return {
    async serviceId(uuid: string) {
      return (await maps()).service.get(uuid.toLowerCase());
    },
    async organizationId(uuid: string) {
      return (await maps()).organization.get(uuid.toLowerCase());
    },
    async documentId(uuid: string) {
      return (await maps()).serviceAtLocation.get(uuid.toLowerCase());
    },
  };
}

export type IdLookup = ReturnType<typeof createIdLookup>;
