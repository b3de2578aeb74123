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

export const stdoutLines: LineWriter = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);

/** A Logger that writes one line per event through `write`. */
export function lineLogger(write: LineWriter = stdoutLines, clock: () => Date = () => new Date()): Logger {
  const at = (level: string) => (event: string, fields?: LogFields) => write({ time: clock().toISOString(), level, msg: event, ...fields });
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
