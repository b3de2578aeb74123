/**
 * CSV as it comes out of Excel and friends: UTF-8 with or without BOM, UTF-16 with BOM,
 * or Windows-1252; ";" or "," or tab as delimiter (detected from the header line);
 * CRLF or LF; quoted fields with newlines. Streams: a large file is never held whole.
 */
import { Readable, pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { DEFAULT_LIMITS, formatBytes, peek } from './bytes.js';
import { InputError } from './errors.js';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface CsvRow {
  fields: string[];
  /** Line of the file where the row starts (the header is line 1). */
  line: number;
}

export interface CsvInfo {
  encoding: CsvEncoding;
  delimiter: string;
  bom: boolean;
}

const SNIFF_BYTES = 1024 * 1024;

/** Is the buffer valid UTF-8? An incomplete sequence at the very end (a cut sample) is allowed. */
function isUtf8(buf: Buffer, complete: boolean): boolean {
  let end = buf.length;
  if (!complete) {
    // step back to the start of the last (possibly incomplete) character
    let i = end - 1;
    while (i >= 0 && end - i <= 4 && (buf[i]! & 0xc0) === 0x80) i--;
    if (i >= 0 && buf[i]! >= 0xc0) end = i;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

export function detectEncoding(head: Buffer, complete: boolean): { encoding: CsvEncoding; bom: boolean } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  return { encoding: isUtf8(head, complete) ? 'utf-8' : 'windows-1252', bom: false };
}

/** The delimiter that occurs most often outside quotes in the first line. */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}

/**
 * Decodes and parses a CSV byte stream into rows (the header row included). A row longer
 * than `maxRecordBytes` (an unclosed quote swallows the rest of the file into one field)
 * stops the reading with an error that names the line where the row starts.
 */
export async function readCsv(source: AsyncIterable<Buffer>, { delimiter, maxRecordBytes = DEFAULT_LIMITS.maxRecordBytes }: { delimiter?: string; maxRecordBytes?: number } = {}): Promise<{ info: CsvInfo; rows: AsyncGenerator<CsvRow> }> {
  const { head, rest, complete } = await peek(source, SNIFF_BYTES);
  const { encoding, bom } = detectEncoding(head, complete);
  const headText = iconv.decode(head.subarray(0, 64 * 1024), encoding, { stripBOM: true });
  const info: CsvInfo = { encoding, bom, delimiter: delimiter ?? detectDelimiter(headText) };

  async function* decoded(): AsyncGenerator<string> {
    const decoder = iconv.getDecoder(encoding, { stripBOM: true });
    for await (const chunk of rest) {
      const s = decoder.write(chunk);
      if (s) yield s;
    }
    const tail = decoder.end();
    if (tail) yield tail;
  }

  const parser = parse({ delimiter: info.delimiter, raw: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: false, max_record_size: maxRecordBytes });
  // pipeline, not pipe: an error while reading the bytes (the byte limit, a dropped
  // connection) must reach the rows as an error instead of leaving them waiting.
  pipeline(Readable.from(decoded()), parser, () => {});

  async function* rows(): AsyncGenerator<CsvRow> {
    let line = 1;
    try {
      for await (const out of parser as AsyncIterable<{ record: string[]; raw: string }>) {
        const start = line;
        line += (out.raw.match(/\n/g)?.length ?? 0) + 1;
        const fields = out.record.map((f) => f.replace(/\r\n?/g, '\n').trim());
        if (fields.every((f) => f === '')) continue; // empty line, or a row of empty cells from a spreadsheet
        yield { fields, line: start };
      }
    } catch (err) {
      if ((err as { code?: string }).code !== 'CSV_MAX_RECORD_SIZE') throw err;
      const shown = formatBytes(maxRecordBytes);
      throw new InputError(
        `de rij vanaf regel ${line} is groter dan ${shown} (--max-record-bytes; een aanhalingsteken dat niet wordt gesloten?): gestopt met lezen`,
        `the row from line ${line} is larger than ${shown} (--max-record-bytes; a quote that is never closed?): stopped reading`,
      );
    } finally {
      parser.destroy();
    }
  }
  return { info, rows: rows() };
}

/** A header cell folded for matching: lower case, no accents, only letters and digits, "(…)" and "*" removed. */
export function foldHeader(h: string): string {
  return h
    .replace(/\([^)]*\)/g, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
