import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../ops/logger.ts';

/**
 * Bolt logs through our pino logger so its lines are JSON, carry the same fields and pass
 * the same secret redaction. Bolt passes several arguments per call; they are joined.
 */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const log = logger.child({ component: 'bolt' });
  const text = (a: unknown): string => {
    if (a instanceof Error) return a.message;
    if (typeof a === 'string') return a;
    try {
      return JSON.stringify(a);
    } catch {
      return String(a);
    }
  };
  const line = (args: unknown[]) => args.map(text).join(' ');
  return {
    debug: (...args: unknown[]) => log.debug(line(args)),
    info: (...args: unknown[]) => log.info(line(args)),
    warn: (...args: unknown[]) => log.warn(line(args)),
    error: (...args: unknown[]) => log.error(line(args)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
