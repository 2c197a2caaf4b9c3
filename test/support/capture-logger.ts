import type { DestinationStream } from 'pino';
import { createLogger, type Logger, type LoggerOptions } from '../../bot/ops/logger.ts';

/** The production logger (redaction and all) with its lines kept, parsed, for tests that assert what was (not) logged. */
export function captureLogger(options: Omit<LoggerOptions, 'destination'> = {}): {
  logger: Logger;
  lines: Record<string, unknown>[];
  raw: string[];
} {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination: DestinationStream = {
    write(line: string) {
      raw.push(line);
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  };
  return { logger: createLogger({ level: 'debug', ...options, destination }), lines, raw };
}
