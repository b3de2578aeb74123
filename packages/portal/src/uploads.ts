/**
 * An uploaded file (the CSV template or an HSDS JSON file) or a pulled feed → the
 * indexer's validation report and the valid documents, grouped per record. The bytes go to
 * a temp file and through the indexer's own readers, so encoding (UTF-8, BOM,
 * Windows-1252), delimiter and format detection are exactly the indexer's.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Organisation } from '@sociale-kaart/db';
import { transformInputs, type HttpOptions, type IndexReport } from '@sociale-kaart/indexer';
import type { Activity } from '@sociale-kaart/schema';
import { claimDocument, sourceOf } from './records.js';

export type UploadKind = 'csv' | 'json' | 'ndjson';

export interface UploadResult {
  report: IndexReport;
  /** Valid documents per record key (the record's own id). */
  records: Map<string, Activity[]>;
}

/** The kind of an upload from its content type or file name, else from its first byte. */
export function uploadKind(bytes: Uint8Array, contentType = '', fileName = ''): UploadKind {
  const type = contentType.toLowerCase();
  const name = fileName.toLowerCase();
  if (type.includes('ndjson') || name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'ndjson';
  if (type.includes('json') || name.endsWith('.json')) return 'json';
  if (type.includes('csv') || name.endsWith('.csv') || name.endsWith('.txt')) return 'csv';
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x7b || bytes[i] === 0x5b ? 'json' : 'csv';
}

/**
 * The bytes of a file, a paginated HSDS API the indexer reads itself (through `http`, its
 * checked fetch), or an HSDS CSV package already fetched into a folder.
 */
export type UploadBody = { bytes: Uint8Array; kind: UploadKind } | { apiUrl: string; http?: HttpOptions } | { packageDir: string };

export async function readUpload(org: Organisation, body: UploadBody, displayName: string, now = new Date()): Promise<UploadResult> {
  const dir = await mkdtemp(join(tmpdir(), 'sk-upload-'));
  try {
    let file: string;
    let spec;
    let http: HttpOptions | undefined;
    if ('apiUrl' in body) {
      file = body.apiUrl;
      spec = { input: file, format: 'hsds-api', source: sourceOf(org.id) };
      http = body.http;
    } else if ('packageDir' in body) {
      file = body.packageDir;
      spec = { input: file, format: 'hsds-csv', source: sourceOf(org.id) };
    } else {
      file = join(dir, `upload.${body.kind}`);
      await writeFile(file, body.bytes);
      spec = { input: file, source: sourceOf(org.id) };
    }
    const { activities, report } = await transformInputs([spec], { now, ...(http ? { http } : {}) });
    // The report names the upload, not the temp file it passed through.
    for (const list of [report.errors, report.warnings]) for (const p of list) if (p.input === file) p.input = displayName;
    for (const i of report.inputs) if (i.input === file) i.input = displayName;
    // A service with one bad location is left out whole: nothing is published half.
    const rejected = new Set(report.errors.map((e) => e.recordId?.split('@')[0]).filter((k): k is string => !!k));
    const records = new Map<string, Activity[]>();
    for (const doc of activities) {
      const key = doc.sourceRecordId;
      if (rejected.has(key)) continue;
      const list = records.get(key) ?? [];
      list.push(claimDocument(doc, org));
      records.set(key, list);
    }
    return { report, records };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
