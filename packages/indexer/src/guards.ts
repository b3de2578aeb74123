/**
 * The guards that keep a broken run from replacing good data. Each is a number the run can
 * be compared with: the share of records rejected, the documents of the whole live index,
 * and the documents of every source this run reads. A source's count is taken from the live
 * index itself (its documents with that `source`), so it survives restarts, changes only when
 * a publish swaps new data in, and cannot drift from what searchers see.
 */
import type { Meilisearch } from 'meilisearch';
import { eq } from '@sociale-kaart/meili';
import type { IndexReport, IngestReport, SourceCount } from './report.js';

export type Refusal = NonNullable<IngestReport['refused']>;

/** Documents per source in the live index, for the given sources (0 for a source it lacks). */
export async function liveSourceCounts(client: Meilisearch, index: string, sources: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const source of new Set(sources)) {
    const page = await client.index(index).getDocuments({ filter: eq('source', source), fields: ['id'], limit: 1 });
    counts.set(source, page.total);
  }
  return counts;
}

/** Sources of the run (`names`, in input order), with their live and new document counts. */
export function sourceCounts(names: readonly string[], live: ReadonlyMap<string, number>, published: ReadonlyMap<string, number>): SourceCount[] {
  return [...new Set(names)].map((source) => ({ source, previousDocuments: live.get(source) ?? 0, documents: published.get(source) ?? 0 }));
}

/**
 * The first guard that refuses this run, or null. A source that is not among the inputs
 * at all is being taken out on purpose; only the whole-index guard speaks for it.
 */
export function refusal(report: IndexReport, previousDocuments: number, sources: readonly SourceCount[], index: string): Refusal | null {
  const untouched = `live index "${index}" left untouched (--force publishes anyway)`;
  const total = report.accepted + report.rejected;
  if (total > 0 && report.rejected / total > 0.5) {
    return { code: 'too_many_rejected', message: `${report.rejected} of ${total} records were rejected (more than half); ${untouched}` };
  }
  if (previousDocuments > 0 && report.documents < previousDocuments / 2) {
    return {
      code: 'too_few_documents',
      message: `the new index would have ${report.documents} documents, fewer than half of the ${previousDocuments} in the live index "${index}"; left untouched (--force publishes anyway)`,
    };
  }
  for (const s of sources) {
    if (s.previousDocuments > 0 && (s.documents === 0 || s.documents < s.previousDocuments / 2)) {
      return {
        code: 'source_shrank',
        source: s.source,
        message: `source "${s.source}" would drop from ${s.previousDocuments} to ${s.documents} documents (${s.documents === 0 ? 'to zero' : 'by more than half'}); ${untouched}`,
      };
    }
  }
  return null;
}
