/**
 * Stable, Meilisearch-safe document ids. An id is derived from the source and the record
 * id (plus the location id for a service at a location), so the same record gets the same
 * id on every run. Parts with characters Meilisearch does not allow are slugged and get a
 * short hash of the original, so two different ids never collapse into one.
 */
import { createHash } from 'node:crypto';

export function shortHash(s: string, length = 10): string {
  return createHash('sha256').update(s).digest('hex').slice(0, length);
}

/** One id part: letters, digits and "-" only. */
export function idPart(raw: string): string {
  const slug = raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
  if (slug === raw && slug.length <= 120) return slug;
  const base = slug.slice(0, 80).replace(/-$/, '');
  return base ? `${base}-${shortHash(raw)}` : shortHash(raw);
}

/** `source_record[_location]`, each part made safe; at most 511 bytes as Meilisearch demands. */
export function activityId(source: string, recordId: string, locationId?: string | null): string {
  const parts = [idPart(source), idPart(recordId)];
  if (locationId) parts.push(idPart(locationId));
  return parts.join('_');
}

/**
 * The id of an organisation, namespaced by its source: `<source>_<feed's organisation id>`.
 * A feed names its organisations itself (an id, a KvK number, or only a name), so without the
 * source in front one feed could publish a row under the id of another feed's organisation
 * and whatever is keyed by that id (referral routes) would apply to it. Its shape is what
 * `feedOrganizationIdProblem` (@sociale-kaart/schema) accepts for the operator's
 * `sociale-kaart-admin org add --feed-org`; change both together.
 */
export function organizationId(source: string, feedOrganizationKey: string): string {
  return `${idPart(source)}_${idPart(feedOrganizationKey)}`;
}

/** A source name from a file name or URL: "feeds/utrecht-welzijn.csv" → "utrecht-welzijn". */
export function sourceNameOf(input: string): string {
  let name = input;
  if (/^https?:\/\//i.test(input)) {
    try {
      const url = new URL(input);
      name = `${url.hostname}${url.pathname.replace(/\/(services\/?)?$/, '')}`;
    } catch {
      // keep the raw input
    }
  } else {
    const parts = input.replace(/\\/g, '/').replace(/\/+$/, '').split('/');
    name = parts[parts.length - 1] ?? input;
    if (/^datapackage\.json$/i.test(name) && parts.length > 1) name = parts[parts.length - 2]!;
    name = name.replace(/\.(ndjson|jsonl|json|csv|txt)$/i, '');
  }
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return slug.slice(0, 60) || 'feed';
}
