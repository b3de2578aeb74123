/**
 * The one logger interface of the API: an event name and a few fields (ids, statuses,
 * counts, route patterns). Never a request body, a query text, a token or patient data.
 */
export type LogFields = Record<string, unknown>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** One JSON object per line: `{ time, level, msg: event, ...fields }`. */
export type LineWriter = (line: LogFields) => void;

export interface BatchedLinesOptions {
  /** Info lines wait at most this long for others to be written with (default 50 ms). */
  delayMs?: number;
  /** …or until this much text waits (default 16 KiB). */
  maxChars?: number;
}

/**
 * Lines written together: info lines (one per request) wait up to `delayMs` and go out in one
 * write, so a busy API makes one write call per batch instead of one per request (on a pipe
 * or a file each is a system call; measured in bench/README.md). A warning or an error goes
 * out at once, after the lines before it, so order is kept. `flush()` writes what waits.
 */
export function batchedLines(write: (text: string) => void, { delayMs = 50, maxChars = 16_384 }: BatchedLinesOptions = {}): LineWriter & { flush(): void } {
  let waiting = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (waiting === '') return;
    const text = waiting;
    waiting = '';
    write(text);
  };
  const writer = (line: LogFields) => {
    waiting += `${JSON.stringify(line)}\n`;
    if (line.level !== 'info' || waiting.length >= maxChars) flush();
    else if (timer === undefined) {
      timer = setTimeout(flush, delayMs);
      // Waiting lines never keep the process alive; they are written at exit (below).
      timer.unref?.();
    }
  };
  return Object.assign(writer, { flush });
}

/** Lines to stdout, batched (batchedLines); what waits is written when the process exits. */
export const stdoutLines = batchedLines((text) => process.stdout.write(text));
process.on('exit', stdoutLines.flush);

/** A Logger that writes one line per event through `write`. */
export function lineLogger(write: LineWriter = stdoutLines, clock: () => Date = () => new Date()): Logger {
  const at = (level: string) => (event: string, fields?: LogFields) => write({ time: clock().toISOString(), level, msg: event, ...fields });
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
