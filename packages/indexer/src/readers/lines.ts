/**
 * Splits a byte stream into lines without ever holding more than one record's limit of one
 * line: the rest of a longer line is skipped, not buffered. The last line says whether a
 * newline ended it, so a reader can tell a file that was cut off from one that just lacks
 * a final newline.
 */
export interface Line {
  /** The line as UTF-8 text, without its line ending; empty when `tooLong`. */
  text: string;
  /** 1-based line number. */
  number: number;
  /** False for a last line that no newline ended. */
  terminated: boolean;
  /** The line had more than `maxBytes` bytes; its text was dropped. */
  tooLong: boolean;
}

export async function* splitLines(source: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let length = 0;
  let tooLong = false;
  let number = 0;
  const line = (terminated: boolean): Line => ({
    text: tooLong ? '' : Buffer.concat(parts).toString('utf8').replace(/\r$/, ''),
    number: ++number,
    terminated,
    tooLong,
  });
  for await (const chunk of source) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const piece = chunk.subarray(start, nl === -1 ? chunk.length : nl);
      length += piece.length;
      if (!tooLong && length > maxBytes) {
        tooLong = true;
        parts = [];
      }
      if (!tooLong && piece.length > 0) parts.push(piece);
      if (nl === -1) break;
      yield line(true);
      parts = [];
      length = 0;
      tooLong = false;
      start = nl + 1;
    }
  }
  if (length > 0) yield line(false);
}
