/**
 * The organisations feeds name, under the ids their activities carry in the index. Read with
 * the indexer's own readers and transform, as `sociale-kaart-index ingest` reads them, so
 * given the same inputs (and `--format`, `--source`) the ids are the ones the relay routes a
 * referral by (`organization.id`). Used by the demo seed and `sociale-kaart-admin org feed-ids`.
 */
import { transformInputs, type IndexReport, type InputLike, type ProcessOptions } from '@sociale-kaart/indexer';

export interface FeedOrganisation {
  id: string;
  name: string;
  kvk: string | null;
  website: string | null;
  /** The source its activities carry (the part of the id before "_"). */
  source: string;
  /** Its activity documents in these feeds. */
  activities: number;
}

/** Sorted by name (Dutch collation), then id; `report` says which inputs or records were not read. */
export async function feedOrganisations(feeds: readonly InputLike[], options: ProcessOptions = {}): Promise<{ organisations: FeedOrganisation[]; report: IndexReport }> {
  const { activities, report } = await transformInputs(feeds, options);
  const byId = new Map<string, FeedOrganisation>();
  for (const { organization: o, source } of activities) {
    const known = byId.get(o.id);
    if (known) known.activities++;
    else byId.set(o.id, { id: o.id, name: o.name, kvk: o.kvk ?? null, website: o.website ?? null, source, activities: 1 });
  }
  const organisations = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id));
  return { organisations, report };
}
