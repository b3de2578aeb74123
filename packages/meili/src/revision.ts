/**
 * The revision of an activity document: a hash of everything else in it, stored with the
 * document as `rev`. Equal revisions mean equal documents, so a reader may keep what it read
 * of a document under `id` + `rev` and reuse it for as long as searches return that revision
 * (the search API's hit store, search-api `src/hit-store.ts`): exact, with no index version
 * to ask for.
 *
 * Every writer of the activity index sets it: the indexer (`documentLine`, for its ndjson
 * batches) and the portal's publisher (`withRevision`). A document written without one is
 * still served, read in full each time.
 */
import { createHash } from 'node:crypto';

/** The field that holds the revision. */
export const REVISION_FIELD = 'rev';

/** 22 base64url characters (132 bits) of SHA-256 over the document's JSON without `rev`. */
function revisionOfJson(json: string): string {
  return createHash('sha256').update(json).digest('base64url').slice(0, 22);
}

/** `doc` without `rev`; `doc` itself when it has none (the indexer's case: no copy per document). */
function withoutRevision(doc: object): Record<string, unknown> {
  if (!(REVISION_FIELD in doc)) return doc as Record<string, unknown>;
  const { [REVISION_FIELD]: _old, ...rest } = doc as Record<string, unknown>;
  return rest;
}

/** The revision `doc` gets (any `rev` it has already is left out of the hash). */
export function documentRevision(doc: object): string {
  return revisionOfJson(JSON.stringify(withoutRevision(doc)));
}

/** `doc` with its revision set. */
export function withRevision<T extends object>(doc: T): T & { rev: string } {
  const rest = withoutRevision(doc);
  return { ...rest, [REVISION_FIELD]: revisionOfJson(JSON.stringify(rest)) } as T & { rev: string };
}

/** `doc` as one ndjson line with its revision: the same document as `withRevision`, serialised once. */
export function documentLine(doc: object): string {
  const json = JSON.stringify(withoutRevision(doc));
  const rev = revisionOfJson(json);
  return json === '{}' ? `{"${REVISION_FIELD}":"${rev}"}` : `${json.slice(0, -1)},"${REVISION_FIELD}":"${rev}"}`;
}
