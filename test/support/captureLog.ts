/** A real logger (src/log.ts, with its redaction) writing to memory, so tests can read what would be logged. */
import { createLogger, type Logger } from '../../src/log';

export interface CapturedLog {
  readonly log: Logger;
  /** Every line written so far, raw. */
  readonly lines: string[];
  /** Every line parsed. */
  entries(): Array<Record<string, unknown>>;
  /** All output as one string (for "never contains" assertions). */
  text(): string;
}

export function captureLog(level: 'trace' | 'debug' | 'info' = 'debug'): CapturedLog {
  const lines: string[] = [];
  const log = createLogger({ level, destination: { write: (s: string) => void lines.push(s) } });
  return {
    log,
    lines,
    entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    text: () => lines.join(''),
  };
}
