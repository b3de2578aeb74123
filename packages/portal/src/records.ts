/**
 * An organisation's own records → activity documents, with the indexer's transform and
 * validation (so a record means the same here as in a feed). What the portal adds: the
 * record's id is the organisation's key, the organisation is the portal's (never the one a
 * record names), and the documents' source is `portal-<organisation id>`, so their ids are
 * derived exactly as the indexer derives them and stay stable across edits.
 */
import type { Organisation } from '@sociale-kaart/db';
import { summarize, textLine, transformHsdsService } from '@sociale-kaart/indexer';
import type { Activity } from '@sociale-kaart/schema';

export interface FieldError {
  /** JSON pointer into the record (RFC 6901), e.g. `/service_at_locations/0/location/addresses/0/postal_code`. */
  pointer: string;
  /** The indexer's path, e.g. `service_at_locations[0].location.addresses[0].postal_code` (or a CSV column). */
  path: string;
  code: string;
  message: string;
  messageNl: string;
  messageEn: string;
}

/** Keys are the organisation's own ids: short, printable, safe in a URL path. */
export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/;

export function sourceOf(organisationId: string): string {
  return `portal-${organisationId}`;
}

/** `a.b[0].c` → `/a/b/0/c` (RFC 6901 escaping of `~` and `/`). */
export function pathToPointer(path: string): string {
  if (!path) return '';
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((p) => p !== '');
  return parts.map((p) => `/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The organisation as it appears in its documents. */
export function organisationRef(org: Organisation): Activity['organization'] {
  return { id: org.id, name: org.name, website: org.website, kvk: org.kvk };
}

function hsdsOrganisation(org: Organisation): Record<string, unknown> {
  return { id: org.id, name: org.name, email: org.email, website: org.website, tax_id: org.kvk };
}

/** Puts the portal's organisation into a document made elsewhere (an upload or a feed). */
export function claimDocument(doc: Activity, org: Organisation): Activity {
  return { ...doc, organization: organisationRef(org) };
}

export interface RecordResult {
  record: Record<string, unknown>;
  documents: Activity[];
  errors: FieldError[];
  warnings: FieldError[];
}

/** Validates one HSDS 3.1 service record of `org` under `key`; documents only when it has no error. */
export function documentsOfRecord(org: Organisation, key: string, input: unknown, now = new Date()): RecordResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    const e = { code: 'not_an_object', path: '', nl: 'de body moet een HSDS-service (JSON-object) zijn', en: 'the body must be an HSDS service (a JSON object)' };
    return { record: {}, documents: [], errors: [toFieldError(e)], warnings: [] };
  }
  const raw = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (raw.id !== undefined && raw.id !== null && String(raw.id) !== key) {
    errors.push(toFieldError({ code: 'id_mismatch', path: 'id', nl: `id ${JSON.stringify(raw.id)} is niet de sleutel ${key} uit de URL`, en: `id ${JSON.stringify(raw.id)} is not the key ${key} in the URL` }));
  }
  // The organisation a record names never counts: the portal knows whose record it is.
  const { organization: _org, organization_id: _orgId, ...rest } = raw;
  const record: Record<string, unknown> = { ...rest, id: key, organization_id: org.id };
  const outcomes = transformHsdsService(record, hsdsOrganisation(org), { source: sourceOf(org.id), defaultLastModified: now.toISOString() });
  const documents: Activity[] = [];
  const warnings: FieldError[] = [];
  const seen = new Set<string>();
  for (const o of outcomes) {
    for (const e of o.problems.errors) {
      const fe = toFieldError(e);
      const id = `${fe.pointer}|${fe.message}`;
      if (!seen.has(id)) errors.push(fe);
      seen.add(id);
    }
    for (const w of o.problems.warnings) warnings.push(toFieldError(w));
    if (o.activity) documents.push(claimDocument(o.activity, org));
  }
  // HSDS 3.1's service summary, when given, wins over the one cut from the description.
  const summary = typeof raw.summary === 'string' ? textLine(raw.summary) : '';
  if (summary) for (const d of documents) d.summary = summarize(summary);
  return { record, documents: errors.length === 0 ? documents : [], errors, warnings };
}

export function toFieldError(p: { code: string; path: string; nl: string; en: string }): FieldError {
  return { pointer: pathToPointer(p.path), path: p.path, code: p.code, message: `${p.nl} (${p.en})`, messageNl: p.nl, messageEn: p.en };
}
